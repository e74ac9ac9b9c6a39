/**
 * `ctd rules list|show|install|enable|disable` driven through the real CLI. Expected values come
 * from the prebuilt catalog itself, so the tests check the CLI shows the catalog, every rule, and
 * the custom rules a store holds beside them.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { privilegedDockerContainerCreation } from '../../common/rules/prebuilt/privileged_docker_container_creation';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { DuckDbRuleStore } from '../../server/stores/duckdb/rule_store';
import { runCtd } from '../../test/helpers/cli_harness';

const INTERACTIVE_ID = unusualInteractiveProcessInContainer.rule_id;
const PRIVILEGED_ID = privilegedDockerContainerCreation.rule_id;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A data dir without a store: the commands that only read rules must not create one. */
const NO_STORE = path.join(os.tmpdir(), 'ctd-rules-no-store');

describe('ctd rules list', () => {
  it('lists both prebuilt rules in a table, one row each with id, name, severity and risk', async () => {
    const run = await runCtd(['rules', 'list', '--data-dir', NO_STORE]);
    expect(run.code).toBe(0);
    expect(fs.existsSync(NO_STORE)).toBe(false);
    const [header, ruler, ...rows] = run.out.split('\n');
    expect(header).toMatch(
      /^RULE ID\s+NAME\s+SOURCE\s+SEVERITY\s+RISK\s+NEW TERMS\s+HISTORY\s+TACTICS$/
    );
    expect(ruler).toMatch(/^[- ]+$/);
    expect(rows).toHaveLength(PREBUILT_RULES.length);
    for (const rule of PREBUILT_RULES) {
      const row = rows.find((line) => line.startsWith(rule.rule_id));
      expect(row).toBeDefined();
      expect(row).toContain(rule.name);
      expect(row).toContain('prebuilt');
      expect(row).toContain(rule.severity);
      expect(row).toContain(String(rule.risk_score));
      expect(row).toContain(rule.new_terms_fields.join(','));
      expect(row).toContain(rule.history_window_start);
    }
  });

  it('prints the whole catalog as JSON with --json', async () => {
    const run = await runCtd(['rules', 'list', '--json', '--data-dir', NO_STORE]);
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.out) as Array<{ rule_id: string }>;
    expect(listed.map((rule) => rule.rule_id).sort()).toEqual(
      [INTERACTIVE_ID, PRIVILEGED_ID].sort()
    );
    expect(listed).toEqual(
      JSON.parse(JSON.stringify(PREBUILT_RULES.map((rule) => ({ source: 'prebuilt', ...rule }))))
    );
  });

  it('lists and shows the custom rules of the store at --data-dir beside the prebuilt ones', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-rules-custom-'));
    try {
      const file = path.resolve(__dirname, '../../test/fixtures/rules/kibana_export.ndjson');
      expect((await runCtd(['rules', 'import', file, '--data-dir', dataDir])).code).toBe(0);
      const run = await runCtd(['rules', 'list', '--data-dir', dataDir]);
      const rows = run.out.split('\n').slice(2);
      expect(rows).toHaveLength(PREBUILT_RULES.length + 3);
      expect(rows.find((row) => row.startsWith('container-user-image'))).toMatch(/\bcustom\b/);
      const shown = await runCtd(['rules', 'show', 'container-user-image', '--data-dir', dataDir]);
      expect(shown.code).toBe(0);
      expect(shown.out).toContain('(container-user-image, version ');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('ctd rules show', () => {
  it.each(PREBUILT_RULES.map((rule) => [rule.name, rule] as const))(
    'describes %s',
    async (_name, rule) => {
      const run = await runCtd(['rules', 'show', rule.rule_id, '--data-dir', NO_STORE]);
      expect(run.code).toBe(0);
      const lines = run.out.split('\n');
      expect(lines[0]).toBe(`${rule.name}  (${rule.rule_id}, version ${rule.version})`);
      expect(run.out).toContain(`Severity:            ${rule.severity} (risk ${rule.risk_score})`);
      expect(run.out).toContain(`New terms fields:    ${rule.new_terms_fields.join(', ')}`);
      expect(run.out).toContain(
        `Schedule:            every ${rule.interval}, searching ${rule.from} .. ${rule.to}`
      );
      expect(run.out).toContain(`Timestamp override:  ${rule.timestamp_override ?? '(none)'}`);
      for (const threat of rule.threat)
        expect(run.out).toContain(`${threat.tactic.id} ${threat.tactic.name}`);
    }
  );

  it('prints one rule as JSON with --json', async () => {
    const run = await runCtd(['rules', 'show', PRIVILEGED_ID, '--json', '--data-dir', NO_STORE]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual(
      JSON.parse(JSON.stringify(privilegedDockerContainerCreation))
    );
  });

  it('fails with a clear message and exit 1 for an unknown rule id', async () => {
    const run = await runCtd(['rules', 'show', UNKNOWN_ID, '--data-dir', NO_STORE]);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toBe(`No rule with rule_id ${UNKNOWN_ID}. Run \`ctd rules list\` to see them.`);
  });

  it('exits non-zero with a usage error when the rule id is missing', async () => {
    const run = await runCtd(['rules', 'show']);
    expect(run.code).not.toBe(0);
    expect(run.err).toContain("missing required argument 'rule_id'");
  });
});

describe('ctd rules install|enable|disable', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-rules-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const installedState = async (): Promise<Record<string, boolean>> => {
    const store = await EmbeddedStore.open(dataDir);
    try {
      const rules = await new DuckDbRuleStore(store.database.connection).list();
      return Object.fromEntries(rules.map((rule) => [rule.definition.rule_id, rule.enabled]));
    } finally {
      store.close();
    }
  };

  it('installs both rules disabled, then enables and disables one by id', async () => {
    const install = await runCtd(['rules', 'install', '--data-dir', dataDir]);
    expect(install.code).toBe(0);
    expect(install.out.split('\n')).toEqual(
      PREBUILT_RULES.map((rule) => `installed ${rule.rule_id}  ${rule.name}  (disabled)`)
    );
    expect(await installedState()).toEqual({ [INTERACTIVE_ID]: false, [PRIVILEGED_ID]: false });

    const enable = await runCtd(['rules', 'enable', INTERACTIVE_ID, '--data-dir', dataDir]);
    expect(enable).toMatchObject({ code: 0, out: `enabled ${INTERACTIVE_ID}` });
    expect(await installedState()).toEqual({ [INTERACTIVE_ID]: true, [PRIVILEGED_ID]: false });

    const disable = await runCtd(['rules', 'disable', INTERACTIVE_ID, '--data-dir', dataDir]);
    expect(disable).toMatchObject({ code: 0, out: `disabled ${INTERACTIVE_ID}` });
    expect(await installedState()).toEqual({ [INTERACTIVE_ID]: false, [PRIVILEGED_ID]: false });
  });

  it('install --enable enables every rule', async () => {
    const install = await runCtd(['rules', 'install', '--enable', '--data-dir', dataDir]);
    expect(install.code).toBe(0);
    expect(install.out).not.toContain('(disabled)');
    expect(await installedState()).toEqual({ [INTERACTIVE_ID]: true, [PRIVILEGED_ID]: true });
  });

  it('refuses to enable a rule that is not installed', async () => {
    const run = await runCtd(['rules', 'enable', UNKNOWN_ID, '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`Rule ${UNKNOWN_ID} is not installed. Run \`ctd rules install\` first.`);
  });
});

describe('ctd rules import / export', () => {
  const EXPORT = path.resolve(
    __dirname,
    '..',
    '..',
    'test',
    'fixtures',
    'rules',
    'kibana_export.ndjson'
  );
  const RULE_IDS = ['container-shell-parent', 'container-user-image', 'container-three-fields'];
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-rules-import-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("stores a Kibana export's new_terms rules and exception lists, noting each line it skips", async () => {
    const run = await runCtd(['rules', 'import', EXPORT, '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(run.out.split('\n')).toEqual([
      `imported ${RULE_IDS[0] ?? ''}`,
      `imported ${RULE_IDS[1] ?? ''}`,
      `imported ${RULE_IDS[2] ?? ''}`,
      'imported exception list container-allowlist',
      'imported exception item runc-parent',
    ]);
    for (const line of [2, 7, 8]) expect(run.err).toContain(`${EXPORT}:${line}: skipped `);
    const store = await EmbeddedStore.open(dataDir);
    try {
      const installed = await store.rules.list();
      expect(installed.map((rule) => [rule.definition.rule_id, rule.source, rule.enabled])).toEqual(
        [...RULE_IDS].sort().map((ruleId) => [ruleId, 'user', false])
      );
      expect(
        installed.find((rule) => rule.definition.rule_id === RULE_IDS[0])?.kibana
      ).toMatchObject({
        exceptions_list: [{ list_id: 'container-allowlist' }],
        meta: { from: '4m' },
      });
    } finally {
      store.close();
    }
  });

  it("reports a rule_id already installed as Kibana's import does, and replaces it with --overwrite", async () => {
    await runCtd(['rules', 'import', EXPORT, '--data-dir', dataDir]);
    const again = await runCtd(['rules', 'import', EXPORT, '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.err).toContain(
      `${EXPORT}:1 (container-shell-parent): Rule with this rule_id already exists`
    );
    expect(again.err).toContain(
      `${EXPORT}:5 (exception list container-allowlist): Found that list_id: "container-allowlist" already exists. Import of list_id: "container-allowlist" skipped.`
    );
    expect(again.err).toContain(`3 rule(s) and 2 exception(s) in ${EXPORT} were not imported`);
    const overwrite = await runCtd([
      'rules',
      'import',
      EXPORT,
      '--overwrite',
      '--data-dir',
      dataDir,
    ]);
    expect(overwrite.code).toBe(0);
    expect(overwrite.out).toContain('replaced container-user-image');
  });

  it('exports installed rules and their exception lists as a Kibana export that imports again', async () => {
    await runCtd(['rules', 'import', EXPORT, '--enable', '--data-dir', dataDir]);
    await runCtd(['rules', 'install', '--data-dir', dataDir]);
    const out = path.join(dataDir, 'export.ndjson');
    const exported = await runCtd(['rules', 'export', '--out', out, '--data-dir', dataDir]);
    expect(exported.code).toBe(0);
    expect(exported.err).toContain(`exported 5 rule(s) to ${out}`);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    const summary = JSON.parse(lines.at(-1) ?? '') as Record<string, unknown>;
    expect(summary).toMatchObject({
      exported_count: 7,
      exported_rules_count: 5,
      exported_exception_list_count: 1,
      exported_exception_list_item_count: 1,
    });
    const rules = lines.slice(0, 5).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      lines.slice(5, 7).map((line) => (JSON.parse(line) as { list_id: string }).list_id)
    ).toEqual(['container-allowlist', 'container-allowlist']);
    expect(rules.map((rule) => [rule.rule_id, rule.enabled]).sort()).toEqual(
      [
        ...RULE_IDS.map((ruleId) => [ruleId, true]),
        ...PREBUILT_RULES.map((rule) => [rule.rule_id, false]),
      ].sort()
    );

    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-rules-reimport-'));
    try {
      const reimport = await runCtd(['rules', 'import', out, '--data-dir', other]);
      expect(reimport.code).toBe(0);
      expect(reimport.out.split('\n')).toHaveLength(7);
      expect(reimport.out).toContain('imported exception item runc-parent');
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
