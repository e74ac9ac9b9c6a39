/**
 * `ctd scan` driven through the real CLI over a small generated sample file. The expected alerts
 * are the generator's own ground truth (`planScenario`): the planted new terms of each rule.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  ALERT_NEW_TERMS,
  ALERT_RULE_RULE_ID,
  ALERT_TERM_FIRST_SEEN,
} from '../../common/alerts/field_names';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { IngestSummary } from '../../server/ingest/ingest_ndjson';
import { generateEvents } from '../../server/sample_data/generate';
import { planScenario, type RuleExpectation } from '../../server/sample_data/scenario';
import type { RuleReplaySummary } from '../../server/replay/replay_schedule';
import { runCtd, spawnCtd, startCtdProcess } from '../../test/helpers/cli_harness';

/** Small enough to replay in seconds; the generator plants both rules' positives whatever the size. */
const SAMPLE = { totalEvents: 2_000, seed: 11 } as const;
const plan = planScenario(SAMPLE);
const expectations: readonly RuleExpectation[] = Object.values(plan.expected);

interface ScanJson {
  readonly ingest: IngestSummary;
  readonly rules: readonly RuleReplaySummary[];
  readonly alerts: ReadonlyArray<Record<string, unknown>>;
}

/** (term value, first seen) of a rule's alerts, oldest first, as the plan lists its new terms. */
const raisedTerms = (alerts: ScanJson['alerts'], ruleId: string) =>
  alerts
    .filter((alert) => alert[ALERT_RULE_RULE_ID] === ruleId)
    .map((alert) => ({
      value: (alert[ALERT_NEW_TERMS] as unknown[])[0],
      firstSeen: alert[ALERT_TERM_FIRST_SEEN],
    }))
    .sort((a, b) => String(a.firstSeen).localeCompare(String(b.firstSeen)));

const plannedTerms = (expectation: RuleExpectation) =>
  expectation.newTerms.map((term) => ({ value: term.value, firstSeen: term.firstSeen }));

/** Larger than DuckDB's in-memory database held at 128 MB. */
const LARGE = { totalEvents: 30_000, seed: 3 } as const;

describe('ctd scan', () => {
  let dir: string;
  let sampleFile: string;
  let largeFileWritten: string | undefined;
  const writeLargeFile = (): string => {
    if (largeFileWritten !== undefined) return largeFileWritten;
    const file = path.join(dir, 'large.ndjson');
    fs.writeFileSync(
      file,
      [...generateEvents(LARGE)].map((event) => JSON.stringify(event)).join('\n') + '\n'
    );
    largeFileWritten = file;
    return file;
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-scan-'));
    sampleFile = path.join(dir, 'sample.ndjson');
    fs.writeFileSync(
      sampleFile,
      [...generateEvents(SAMPLE)].map((event) => JSON.stringify(event)).join('\n') + '\n'
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('plans positives for both prebuilt rules (the premise of the tests below)', () => {
    expect(expectations.map((expectation) => expectation.ruleId).sort()).toEqual(
      PREBUILT_RULES.map((rule) => rule.rule_id).sort()
    );
    for (const expectation of expectations) expect(expectation.newTerms.length).toBeGreaterThan(0);
  });

  it('--json: every event ingested, and each rule raises exactly its planted new terms', async () => {
    const run = await runCtd(['scan', sampleFile, '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out) as ScanJson;
    expect(result.ingest).toMatchObject({
      linesRead: SAMPLE.totalEvents,
      stored: SAMPLE.totalEvents,
      rejectedCount: 0,
    });
    expect(result.rules.map((summary) => summary.ruleId)).toEqual(
      PREBUILT_RULES.map((rule) => rule.rule_id)
    );
    for (const expectation of expectations) {
      const summary = result.rules.find((rule) => rule.ruleId === expectation.ruleId);
      expect(summary?.errors).toEqual([]);
      expect(summary?.alertIds).toHaveLength(expectation.newTerms.length);
      expect(raisedTerms(result.alerts, expectation.ruleId)).toEqual(plannedTerms(expectation));
    }
    expect(result.alerts).toHaveLength(
      expectations.reduce((sum, expectation) => sum + expectation.newTerms.length, 0)
    );
  });

  it('--workers 2 on a small file (the default prepares it on one thread) raises the same alerts', async () => {
    const runs = await Promise.all(
      [['--workers', '2'], []].map((workers) => runCtd(['scan', sampleFile, '--json', ...workers]))
    );
    const [parallel, single] = runs.map((run) => {
      expect(run.code).toBe(0);
      return JSON.parse(run.out) as ScanJson;
    });
    expect(parallel?.ingest).toEqual({
      ...single?.ingest,
      durationMs: parallel?.ingest.durationMs,
    });
    for (const expectation of expectations) {
      const terms = raisedTerms(parallel?.alerts ?? [], expectation.ruleId);
      expect(terms).toEqual(plannedTerms(expectation));
      expect(terms).toEqual(raisedTerms(single?.alerts ?? [], expectation.ruleId));
    }
  }, 60_000);

  it('scans more events than the memory limit holds, in a scratch store removed afterwards', async () => {
    // At 128 MB DuckDB's in-memory database failed after 8,192 of these events ("failed to pin
    // block"); the scratch store is a file that evicts to disk. A child process, because the
    // temp directory is read from the real environment (jest gives tests a copy).
    const largeFile = writeLargeFile();
    const scratchParent = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const run = await spawnCtd(['scan', largeFile, '--json'], '', {
      ...process.env,
      CTD_MEMORY_LIMIT: '128MB',
      TMPDIR: scratchParent,
    });
    expect(run.err).not.toContain('Could not write');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out) as ScanJson;
    expect(result.ingest).toMatchObject({ stored: LARGE.totalEvents, rejectedCount: 0 });
    for (const expectation of Object.values(planScenario(LARGE).expected))
      expect(raisedTerms(result.alerts, expectation.ruleId)).toEqual(plannedTerms(expectation));
    expect(fs.readdirSync(scratchParent)).toEqual([]);
  }, 240_000);

  it('says what to do when the scratch store cannot be made', async () => {
    const notADirectory = path.join(dir, 'not-a-directory');
    fs.writeFileSync(notADirectory, '');
    const run = await spawnCtd(['scan', sampleFile], '', { ...process.env, TMPDIR: notADirectory });
    expect(run.code).toBe(1);
    expect(run.err).toContain(`Cannot create a scratch store in ${notADirectory}`);
    expect(run.err).toContain('--data-dir');
  }, 60_000);

  it('removes the scratch store when interrupted (Ctrl-C), and ends as the signal says', async () => {
    const largeFile = writeLargeFile();
    const scratchParent = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const child = startCtdProcess(['scan', largeFile, '--json'], {
      ...process.env,
      TMPDIR: scratchParent,
    });
    const ended = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_code, signal) => resolve(signal))
    );
    // Interrupt once the store file exists, i.e. mid-ingest.
    const storeFile = (): boolean =>
      fs
        .readdirSync(scratchParent)
        .some((name) => fs.existsSync(path.join(scratchParent, name, 'ctd.duckdb')));
    while (!storeFile()) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    expect(await ended).toBe('SIGINT');
    expect(fs.readdirSync(scratchParent)).toEqual([]);
  }, 180_000);

  it('prints an alert table with a row per alert of both rules, then one summary line per rule', async () => {
    const run = await runCtd(['scan', sampleFile]);
    expect(run.code).toBe(0);
    // The ingest summary goes to stderr so stdout holds only the alerts.
    expect(run.err).toContain(
      `stored ${SAMPLE.totalEvents.toLocaleString('en-US')}, duplicates 0, rejected 0`
    );
    const lines = run.out.split('\n');
    expect(lines[0]).toMatch(/^EVENT TIME\s+RULE\s+SEVERITY\s+HOST\s+CONTAINER\s+NEW TERMS$/);
    for (const expectation of expectations) {
      const rule = PREBUILT_RULES.find((candidate) => candidate.rule_id === expectation.ruleId);
      const rows = lines.filter(
        (line) => /^\d{4}-\d\d-\d\dT/.test(line) && line.includes(expectation.ruleName)
      );
      expect(rows).toHaveLength(expectation.newTerms.length);
      for (const term of expectation.newTerms) {
        expect(
          rows.some(
            (row) => row.includes(JSON.stringify([term.value])) && row.includes(term.hostName)
          )
        ).toBe(true);
        expect(rows.every((row) => row.includes(rule?.severity ?? '?'))).toBe(true);
      }
      const summary = lines.find((line) => line.startsWith(`${expectation.ruleName}: `));
      expect(summary).toMatch(
        new RegExp(`^${expectation.ruleName}: ${expectation.newTerms.length} alert\\(s\\); `)
      );
    }
  });

  it('--rule limits the replay to one rule', async () => {
    const [only] = expectations;
    if (only === undefined) throw new Error('the plan has no rule');
    const run = await runCtd(['scan', sampleFile, '--rule', only.ruleId, '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out) as ScanJson;
    expect(result.rules.map((summary) => summary.ruleId)).toEqual([only.ruleId]);
    expect(raisedTerms(result.alerts, only.ruleId)).toEqual(plannedTerms(only));
    expect(result.alerts.every((alert) => alert[ALERT_RULE_RULE_ID] === only.ruleId)).toBe(true);
  });

  it('--warmup 0 treats the first sight of every routine term as new too', async () => {
    const run = await runCtd(['scan', sampleFile, '--warmup', '0', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out) as ScanJson;
    for (const expectation of expectations) {
      const raised = new Set(
        raisedTerms(result.alerts, expectation.ruleId).map((term) => term.value)
      );
      for (const routine of expectation.routineTerms) expect(raised.has(routine.value)).toBe(true);
      for (const planted of expectation.newTerms) expect(raised.has(planted.value)).toBe(true);
    }
    const summaries = result.rules.map((summary) => summary.warmupMs);
    expect(summaries).toEqual(PREBUILT_RULES.map(() => 0));
  });

  it('--rules replays the rules of a Kibana rule file as it replays the prebuilt ones', async () => {
    const expectation = expectations[0];
    const prebuilt = PREBUILT_RULES.find((rule) => rule.rule_id === expectation?.ruleId);
    if (expectation === undefined || prebuilt === undefined) throw new Error('no planned rule');
    // The prebuilt rule under another rule_id, as Kibana's export writes a rule (one NDJSON line).
    const rulesFile = path.join(dir, 'rules.ndjson');
    const exported = { ...prebuilt, rule_id: 'my-copy', enabled: true, actions: [], id: undefined };
    fs.writeFileSync(rulesFile, `${JSON.stringify(exported)}\n{"exported_count":1}\n`);
    const run = await runCtd(['scan', sampleFile, '--rules', rulesFile, '--json']);
    expect(run.code).toBe(0);
    expect(run.err).toContain(`${rulesFile}:2: skipped the export summary line`);
    const result = JSON.parse(run.out) as ScanJson;
    expect(result.rules.map((summary) => summary.ruleId)).toEqual(['my-copy']);
    expect(raisedTerms(result.alerts, 'my-copy')).toEqual(plannedTerms(expectation));
  });

  it("--rules stops at an invalid rule, naming its line and the problem in Kibana's words", async () => {
    const rulesFile = path.join(dir, 'invalid.ndjson');
    const rule = { ...PREBUILT_RULES[0], new_terms_fields: ['a', 'b', 'c', 'd'] };
    fs.writeFileSync(rulesFile, `{"type":"query","rule_id":"q"}\n${JSON.stringify(rule)}\n`);
    const run = await runCtd(['scan', sampleFile, '--rules', rulesFile]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `${rulesFile}:2 (${String(rule.rule_id)}): new_terms_fields: Too big: expected array to have <=3 items`
    );
  });

  it('--data-dir replays the custom rules stored there as well as the prebuilt ones', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-scan-catalog-'));
    try {
      const rulesFile = path.join(dataDir, 'rules.ndjson');
      const prebuilt = PREBUILT_RULES[0];
      if (prebuilt === undefined) throw new Error('no prebuilt rule');
      fs.writeFileSync(rulesFile, `${JSON.stringify({ ...prebuilt, rule_id: 'stored-copy' })}\n`);
      expect((await runCtd(['rules', 'import', rulesFile, '--data-dir', dataDir])).code).toBe(0);
      const run = await runCtd(['scan', sampleFile, '--data-dir', dataDir, '--json']);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.out) as ScanJson;
      expect(result.rules.map((summary) => summary.ruleId)).toEqual([
        ...PREBUILT_RULES.map((rule) => rule.rule_id),
        'stored-copy',
      ]);
      expect(raisedTerms(result.alerts, 'stored-copy')).toEqual(
        raisedTerms(result.alerts, prebuilt.rule_id)
      );
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown --rule and an invalid --warmup with exit 1', async () => {
    const unknown = await runCtd(['scan', sampleFile, '--rule', 'no-such-rule']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe('No rule in the catalog with rule_id no-such-rule');

    const warmup = await runCtd(['scan', sampleFile, '--warmup', 'soon']);
    expect(warmup.code).toBe(1);
    expect(warmup.err).toMatch(/^--warmup must be "auto", 0 or a duration like 7d or 12h/);
  });
});
