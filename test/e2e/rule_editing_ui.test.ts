/**
 * Writing rules through the standalone UI in Chromium, against the real server and store: create a
 * rule in the form (a KQL syntax error and a history window after the rule window are shown as the
 * user types, and block saving), edit it, export every rule as Kibana's NDJSON, import a Kibana
 * export with a result per line, and delete a rule. The API is asked afterwards each time.
 */
import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import { readKibanaRuleFile } from '../../common/rules/kibana_rule_file';
import { HISTORY_WINDOW_ERROR } from '../../common/rules/rule_schema';
import type { RuleDetails, RuleSummary } from '../../common/api/api_types';
import { API_BASE_PATH } from '../../server/routes/api_types';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { REPO_ROOT, screenshot } from './ui_pages';
import { startUiSession, type UiSession } from './ui_session';
import { describeWithBrowser } from './browser_env';

const KIBANA_EXPORT = path.join(REPO_ROOT, 'test', 'fixtures', 'rules', 'kibana_export.ndjson');

const subj = (name: string): string => `[data-test-subj="${name}"]`;

describeWithBrowser('writing rules in the standalone UI (Chromium)', (executablePath) => {
  let session: UiSession | undefined;
  let dir: string;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];

  const apiGet = async <T>(route: string): Promise<T> =>
    (await (await fetch(`${server.url}${API_BASE_PATH}${route}`)).json()) as T;
  const listRules = async (): Promise<RuleSummary[]> =>
    (await apiGet<{ rules: RuleSummary[] }>('/rules')).rules;

  /** Types values into an EUI combo box that creates an option on Enter. */
  const addListValues = async (testSubj: string, values: readonly string[]): Promise<void> => {
    const input = page.locator(`${subj(testSubj)} input`);
    for (const value of values) {
      await input.fill(value);
      await input.press('Enter');
    }
  };

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'rules',
      server: { sampleData: false },
      acceptDownloads: true,
    });
    ({ dir, server, page, pageErrors } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it('creates a rule in the form: KQL errors as the user types, saving blocked until fixed', async () => {
    await page.goto(`${server.url}/app/`);
    await page.click(subj('ctdCreateRule'));
    const form = page.locator(subj('ctdRuleForm'));
    await form.waitFor();
    await page.fill(subj('ctdRuleFormName'), 'Unusual image for a user');
    await page.fill(subj('ctdRuleFormDescription'), 'A user runs an image never seen for them.');
    await addListValues('ctdRuleFormIndex', ['logs-endpoint.events.process*', 'logs-cloud*']);
    await page.fill(subj('ctdRuleFormQuery'), 'event.type : "start" and (container.id : *');
    await form.getByText('Invalid query at line 1', { exact: false }).waitFor();
    await addListValues('ctdRuleFormNewTermsFields', ['user.name', 'container.image.name']);
    await page.click(subj('ctdRuleFormMitreAdd'));
    await page.selectOption(subj('ctdRuleFormMitreTactic-0'), 'TA0002');
    await page.fill(subj('ctdRuleFormMitre-techniqueId-0'), 'T1609');
    await page.fill(subj('ctdRuleFormMitre-techniqueName-0'), 'Container Administration Command');
    await screenshot(page, 'rule_form');

    await page.click(subj('ctdRuleFormSave'));
    await page.waitForTimeout(300);
    expect(await form.isVisible()).toBe(true);
    expect((await listRules()).filter((rule) => rule.source === 'user')).toEqual([]);

    await page.fill(subj('ctdRuleFormQuery'), 'event.type : "start" and container.id : *');
    await page.click(subj('ctdRuleFormSave'));
    await page.waitForURL(/\/app\/rules\/[^/]+$/);
    await page.locator(subj('ctdRuleName')).getByText('Unusual image for a user').waitFor();
    const created = (await listRules()).find((rule) => rule.source === 'user');
    expect(created).toMatchObject({
      name: 'Unusual image for a user',
      enabled: true,
      installed: true,
    });
    const details = await apiGet<RuleDetails>(
      `/rules/${encodeURIComponent(created?.rule_id ?? '')}`
    );
    expect(details.definition).toMatchObject({
      index: ['logs-endpoint.events.process*', 'logs-cloud*'],
      query: 'event.type : "start" and container.id : *',
      new_terms_fields: ['user.name', 'container.image.name'],
      history_window_start: 'now-7d',
      from: 'now-6m',
      interval: '5m',
    });
    expect(details.definition.threat).toEqual([
      {
        framework: 'MITRE ATT&CK',
        tactic: {
          id: 'TA0002',
          name: 'Execution',
          reference: 'https://attack.mitre.org/tactics/TA0002/',
        },
        technique: [
          {
            id: 'T1609',
            name: 'Container Administration Command',
            reference: 'https://attack.mitre.org/techniques/T1609/',
          },
        ],
      },
    ]);
    expect(pageErrors).toEqual([]);
  });

  it("edits the rule: Kibana's history-window check as the user types, then the saved change", async () => {
    await page.click(subj('ctdEditRule'));
    const form = page.locator(subj('ctdRuleForm'));
    await form.waitFor();
    expect(await page.inputValue(subj('ctdRuleFormName'))).toBe('Unusual image for a user');
    await page.fill(subj('ctdRuleFormHistoryWindowStart'), 'now-1m');
    await page.locator(subj('ctdRuleFormHistoryWindowStart')).blur();
    await form.getByText(HISTORY_WINDOW_ERROR).waitFor();
    await page.fill(subj('ctdRuleFormHistoryWindowStart'), 'now-14d');
    await page.fill(subj('ctdRuleFormName'), 'Unusual image for a user (14 days)');
    await page.click(subj('ctdRuleFormSave'));
    await form.waitFor({ state: 'detached' });
    await page.locator(subj('ctdRuleName')).getByText('(14 days)').waitFor();
    const ruleId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const details = await apiGet<RuleDetails>(`/rules/${encodeURIComponent(ruleId)}`);
    expect(details.definition).toMatchObject({
      name: 'Unusual image for a user (14 days)',
      history_window_start: 'now-14d',
      new_terms_fields: ['user.name', 'container.image.name'],
    });
    expect(details.rule.enabled).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it("exports every installed rule as Kibana's NDJSON", async () => {
    await page.click(subj('ctdTabRules'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(subj('ctdExportRules')),
    ]);
    expect(download.suggestedFilename()).toBe('rules_export.ndjson');
    const file = path.join(dir, 'export.ndjson');
    await download.saveAs(file);
    const entries = readKibanaRuleFile(fs.readFileSync(file, 'utf8'), {
      ecsFields: ecsFieldTypes(),
    });
    expect(
      entries.flatMap((entry) => (entry.kind === 'rule' ? [entry.rule.definition.name] : []))
    ).toEqual(['Unusual image for a user (14 days)']);
    expect(entries.at(-1)).toMatchObject({ kind: 'skipped', note: 'the export summary line' });
  });

  it('imports a Kibana export: its new terms rules listed as custom, every line accounted for', async () => {
    await page.click(subj('ctdImportRules'));
    const flyout = page.locator(subj('ctdRuleImport'));
    await flyout.waitFor();
    await flyout.locator('input[type="file"]').setInputFiles(KIBANA_EXPORT);
    await page.click(subj('ctdRuleImportSubmit'));
    await page
      .locator(subj('ctdRuleImportSummary'))
      .getByText('3 rules imported, 2 exceptions imported, 3 lines skipped')
      .waitFor();
    await flyout.locator(subj('ctdRuleImportLine-2')).getByText('skipped').waitFor();
    await screenshot(page, 'rule_import');
    await page.click(subj('ctdRuleImportClose'));
    await page.locator(subj('ctdRuleRow-container-user-image')).waitFor();
    const users = (await listRules()).filter((rule) => rule.source === 'user');
    expect(users).toHaveLength(4);
    expect(pageErrors).toEqual([]);
  });

  it('deletes an imported rule after asking, and the API no longer lists it', async () => {
    await page.click(subj('ctdRuleLink-container-user-image'));
    await page.waitForURL('**/app/rules/container-user-image');
    await page.click(subj('ctdDeleteRule'));
    await page.locator(subj('ctdDeleteRuleModal')).waitFor();
    await page.click(subj('confirmModalConfirmButton'));
    await page.waitForURL(/\/app\/?$/);
    await page.locator(subj('ctdRulesTable')).waitFor();
    expect(await page.locator(subj('ctdRuleRow-container-user-image')).count()).toBe(0);
    expect((await listRules()).map((rule) => rule.rule_id)).not.toContain('container-user-image');
    expect(pageErrors).toEqual([]);
  });
});
