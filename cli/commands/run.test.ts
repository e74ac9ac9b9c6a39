/**
 * `ctd run --at`: scheduled executions of the installed rules over the Defend example events
 * (test/fixtures/README.md lists each example's event.ingested time and which rule query it matches).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ALERT_NEW_TERMS, ALERT_RULE_RULE_ID } from '../../common/alerts/field_names';
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID } from '../../common/rules/prebuilt/privileged_docker_container_creation';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { runCtd } from '../../test/helpers/cli_harness';

const DEFEND_EXAMPLES = path.resolve(
  __dirname,
  '..',
  '..',
  'test',
  'fixtures',
  'defend_examples.ndjson'
);
const INTERACTIVE_ID = unusualInteractiveProcessInContainer.rule_id;
const PRIVILEGED_ID = PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID;

interface RunJson {
  readonly rule_id: string;
  readonly status: string;
  readonly createdAlertIds: readonly string[];
}

describe('ctd run', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-run-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const alertTermsByRule = async (): Promise<Record<string, unknown[]>> => {
    const store = await EmbeddedStore.open(dataDir);
    try {
      const byRule: Record<string, unknown[]> = {};
      for (const alert of await store.alerts.list()) {
        const ruleId = String(alert.document[ALERT_RULE_RULE_ID]);
        (byRule[ruleId] ??= []).push((alert.document[ALERT_NEW_TERMS] as unknown[])[0]);
      }
      return byRule;
    } finally {
      store.close();
    }
  };

  it('refuses to run without enabled rules', async () => {
    const run = await runCtd(['run', '--data-dir', dataDir, '--at', '2025-03-12T10:20:00Z']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('No enabled rules');
  });

  it('rejects an --at that is not a time', async () => {
    const run = await runCtd(['run', '--data-dir', dataDir, '--at', 'teatime']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('--at must be an ISO 8601 time');
  });

  describe('--rules <file>', () => {
    const RULES = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'rules');
    const at = '2025-03-12T10:20:00Z';

    interface FileRunJson extends RunJson {
      readonly alerts: ReadonlyArray<Record<string, unknown>>;
    }

    const runFile = async (file: string): Promise<{ results: FileRunJson[]; err: string }> => {
      await runCtd(['ingest', DEFEND_EXAMPLES, '--data-dir', dataDir]);
      const run = await runCtd([
        'run',
        '--data-dir',
        dataDir,
        '--at',
        at,
        '--rules',
        file,
        '--json',
      ]);
      expect(run.code).toBe(0);
      return { results: JSON.parse(run.out) as FileRunJson[], err: run.err };
    };

    // Window 10:11:00–10:20:00 on event.ingested: the only shell it holds is line 1's bash, whose
    // parent runc has not started one before (line 3's sh, at 10:02, is not interactive).
    it('runs a detection-rules TOML rule and prints its alerts as documents', async () => {
      const { results } = await runFile(path.join(RULES, 'unusual_interactive_process.toml'));
      expect(results).toHaveLength(1);
      const [result] = results;
      expect(result?.status).toBe('succeeded');
      expect(result?.alerts.map((alert) => alert[ALERT_NEW_TERMS])).toEqual([['runc']]);
      expect(result?.alerts.map((alert) => alert['kibana.alert.uuid'])).toEqual(
        result?.createdAlertIds
      );
      expect(result?.alerts[0]?.[ALERT_RULE_RULE_ID]).toBe('container-interactive-shell-toml');
    });

    it('runs every new_terms rule of a Kibana export and notes the lines it skips', async () => {
      const file = path.join(RULES, 'kibana_export.ndjson');
      const { results, err } = await runFile(file);
      expect(results.map((result) => [result.rule_id, result.status])).toEqual([
        ['container-shell-parent', 'succeeded'],
        ['container-user-image', 'succeeded'],
        ['container-three-fields', 'succeeded'],
      ]);
      // Its only new term, parent runc (the TOML test's alert), is excepted by the file's
      // container-allowlist, which the rule names: Kibana imports and applies it the same way.
      expect(results[0]?.alerts).toEqual([]);
      // No example event has a container image name.
      expect(results[1]?.alerts).toEqual([]);
      const threeFields = results[2];
      expect(threeFields?.alerts.length).toBeGreaterThan(0);
      expect(
        threeFields?.alerts.map((alert) => (alert[ALERT_NEW_TERMS] as unknown[]).length)
      ).toEqual(threeFields?.alerts.map(() => 3));
      for (const line of [2, 7, 8]) expect(err).toContain(`${file}:${line}: skipped `);
      // The exception list and its item are used, not skipped.
      for (const line of [5, 6]) expect(err).not.toContain(`${file}:${line}: `);
    });

    it('applies the exception lists imported with the rules to the installed rules', async () => {
      await runCtd(['ingest', DEFEND_EXAMPLES, '--data-dir', dataDir]);
      const file = path.join(RULES, 'kibana_export.ndjson');
      expect(
        (await runCtd(['rules', 'import', file, '--enable', '--data-dir', dataDir])).code
      ).toBe(0);
      const run = await runCtd(['run', '--data-dir', dataDir, '--at', at, '--json']);
      expect(run.code).toBe(0);
      const results = JSON.parse(run.out) as RunJson[];
      // Its one new term, parent runc, is what the imported container-allowlist excepts.
      expect(results.find((result) => result.rule_id === 'container-shell-parent')).toMatchObject({
        status: 'succeeded',
        createdAlertIds: [],
      });
    });

    it("stops with Kibana's message and exit 1 for an invalid rule", async () => {
      const file = path.join(dataDir, 'bad.json');
      fs.writeFileSync(
        file,
        JSON.stringify({ ...unusualInteractiveProcessInContainer, history_window_start: 'now-5m' })
      );
      const run = await runCtd(['run', '--data-dir', dataDir, '--at', at, '--rules', file]);
      expect(run.code).toBe(1);
      expect(run.err).toContain(
        "History window size is smaller than rule interval + additional lookback, 'historyWindowStart' must be earlier than 'from'"
      );
    });
  });

  it('alerts on the terms new in each window and continues from the previous run', async () => {
    await runCtd(['ingest', DEFEND_EXAMPLES, '--data-dir', dataDir]);
    await runCtd(['rules', 'install', '--enable', '--data-dir', dataDir]);

    // Window 10:11:00–10:20:00 (event.ingested): rule A sees bash (10:15:43.512) and cat
    // (10:15:53.273); rule B sees only line 5's parent /usr/bin/bash (10:18:31.889) — sudo's
    // event is ingested at 10:20:02.589, after the window.
    const first = await runCtd([
      'run',
      '--data-dir',
      dataDir,
      '--at',
      '2025-03-12T10:20:00Z',
      '--json',
    ]);
    expect(first.code).toBe(0);
    const firstResults = JSON.parse(first.out) as RunJson[];
    expect(
      firstResults.map((result) => [result.rule_id, result.status, result.createdAlertIds.length])
    ).toEqual([
      [INTERACTIVE_ID, 'succeeded', 2],
      [PRIVILEGED_ID, 'succeeded', 1],
    ]);

    // Five minutes later, window 10:16:00–10:25:00: bash and cat were first seen before 10:16, so
    // nothing is new for rule A; /usr/bin/sudo is new for rule B (line 12's /usr/bin/bash is
    // ingested at 10:25:01.389, after the window, and is not new anyway).
    const second = await runCtd(['run', '--data-dir', dataDir, '--at', '2025-03-12T10:25:00Z']);
    expect(second.code).toBe(0);
    const lines = second.out.split('\n');
    expect(lines[0]).toMatch(
      /^Unusual Interactive Process Launched in a Container: succeeded, 0 new alert\(s\), /
    );
    expect(lines[1]).toMatch(
      /^Privileged Docker Container Creation: succeeded, 1 new alert\(s\), /
    );

    const terms = await alertTermsByRule();
    expect(terms[INTERACTIVE_ID]?.sort()).toEqual(['bash', 'cat']);
    expect(terms[PRIVILEGED_ID]).toEqual(['/usr/bin/bash', '/usr/bin/sudo']);
  });
});
