/**
 * A rule's run history in a real browser against the real standalone server: open a rule, run it
 * now twice, see both executions (newest first) with the alerts each created beside the first
 * start's replay, then the Alerts tab with the rule's alerts; each tab has its own address.
 */
import type { Page } from 'playwright-core';
import type { RuleExecutionsPage } from '../../common/api/executions_api';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { API_BASE_PATH } from '../../server/routes/api_types';
import { UPLOAD_PATH } from '../../server/standalone/http_server';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { EventFactory } from '../differential/new_terms_scenarios';
import { describeWithBrowser, waitUntil } from './browser_env';
import { startUiSession, type UiSession } from './ui_session';

const subj = (name: string): string => `[data-test-subj="${name}"]`;

describeWithBrowser('rule run history in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];

  const rule = PREBUILT_RULES.find((candidate) =>
    candidate.new_terms_fields.includes('process.name')
  );
  if (rule === undefined) throw new Error('no process.name rule in the catalog');

  const executions = async (): Promise<RuleExecutionsPage> =>
    (await (
      await fetch(`${server.url}${API_BASE_PATH}/rules/${rule.rule_id}/_executions`)
    ).json()) as RuleExecutionsPage;

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'run-history',
      server: { sampleEventCount: 2_000 },
    });
    ({ server, page, pageErrors } = session);
    // The first start's replay is recorded as one execution.
    await waitUntil(executions, (answer) => answer.total === 1);
  }, 180_000);

  afterAll(() => session?.close());

  it('runs a rule twice and shows both executions, then its alerts', async () => {
    // A command the sample history never ran (it holds the common shells and tools), run
    // interactively in a container a minute ago.
    const command = `probe-${Date.now().toString(36)}`;
    const factory = new EventFactory('history');
    const upload = await fetch(`${server.url}${UPLOAD_PATH}?name=fresh.ndjson`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', 'kbn-xsrf': 'true' },
      body: JSON.stringify(factory.interactive(Date.now() - 60_000, command)),
    });
    expect(((await upload.json()) as { stored: number }).stored).toBe(1);

    await page.goto(`${server.url}/app/rules/${encodeURIComponent(rule.rule_id)}`);
    await page.locator(subj('ctdRuleState')).waitFor();
    const runNow = page.locator(subj(`ctdRunRule-${rule.rule_id}`));
    await runNow.click();
    await waitUntil(executions, (answer) => answer.total === 2);
    await waitUntil(async () => runNow.isEnabled(), Boolean);
    await runNow.click();
    await waitUntil(executions, (answer) => answer.total === 3);

    await page.locator(subj('ctdRuleTab-executions')).press('Enter');
    await page.waitForURL(/[?&]tab=executions/);
    const rows = page.locator(subj('ctdExecutionRow'));
    await waitUntil(
      async () => rows.count(),
      (count) => count === 3
    );
    // Newest first: the second run found nothing new, the first the uploaded shell.
    expect(await page.locator(subj('ctdExecutionAlerts')).allInnerTexts()).toEqual(
      (await executions()).executions.map((execution) => String(execution.alerts_created))
    );
    expect(await rows.nth(0).locator(subj('ctdExecutionAlerts')).innerText()).toBe('0');
    expect(await rows.nth(1).locator(subj('ctdExecutionAlerts')).innerText()).toBe('1');
    expect(await rows.nth(1).locator(subj('ctdExecutionWindow')).count()).toBeGreaterThan(0);

    // The tab is in the address: a reload shows it again.
    await page.reload();
    await waitUntil(
      async () => page.locator(subj('ctdExecutionRow')).count(),
      (count) => count === 3
    );

    await page.locator(subj('ctdRuleTab-alerts')).press('Enter');
    await page.waitForURL(/[?&]tab=alerts/);
    await page.locator(subj('ctdRuleAlertsTable')).getByText(command).first().waitFor();
    const alertRows = await page.locator(subj('ctdRuleAlertRow')).count();
    expect(alertRows).toBeGreaterThan(1);
    await page.locator(subj('ctdRuleAlertLink')).first().press('Enter');
    await page.waitForURL(/\/app\/alerts\/[^/?]+/);
    expect(pageErrors).toEqual([]);
  });
});
