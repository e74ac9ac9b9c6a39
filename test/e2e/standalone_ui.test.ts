/**
 * The UI in a real browser (headless Chromium via Playwright) against the real standalone server:
 * a newcomer's first minute — both rules on the Rules page, a rule's details with its MITRE
 * mapping and guides, alerts from the sample history, an investigation, and closing an alert with
 * a reason, which the API then reports.
 */
import type { Page } from 'playwright-core';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { API_BASE_PATH } from '../../server/routes/api_types';
import { UPLOAD_PATH } from '../../server/standalone/http_server';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { EventFactory } from '../differential/new_terms_scenarios';
import { screenshot } from './ui_pages';
import { startUiSession, type UiSession } from './ui_session';
import { describeWithBrowser, waitUntil } from './browser_env';

describeWithBrowser('the standalone UI in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'standalone',
      server: { sampleEventCount: 3_000 },
    });
    ({ server, page, pageErrors } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it('shows both prebuilt rules, installed and enabled, with their alert counts', async () => {
    await page.goto(`${server.url}/app/`);
    for (const rule of PREBUILT_RULES) {
      const row = page.locator(`[data-test-subj="ctdRuleRow-${rule.rule_id}"]`);
      await row.waitFor();
      await expectText(row, rule.name);
      await expectText(row, rule.severity);
    }
    await screenshot(page, 'rules');
    expect(pageErrors).toEqual([]);
  });

  // EUI 104–106 import icons through a webpack-style dynamic import; scripts/build_ui.js adapts it
  // for esbuild. Without that every icon fails to load ("Module not found in bundle").
  it("loads EUI icons on demand: the header's app icon, and none left loading", async () => {
    await page.goto(`${server.url}/app/`);
    await page.locator('[data-icon-type="securityApp"][data-is-loaded="true"]').waitFor();
    await waitUntil(
      async () => page.locator('[data-is-loading="true"]').count(),
      (loading) => loading === 0
    );
    expect(await page.locator('[data-is-loading="true"]').count()).toBe(0);
    expect(
      await page.locator('[data-is-loaded="true"] path, [data-is-loaded="true"] circle').count()
    ).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  it("opens a rule's details: MITRE ATT&CK mapping and the investigation guide", async () => {
    const [rule] = PREBUILT_RULES;
    if (rule === undefined) throw new Error('empty catalog');
    await page.click(`[data-test-subj="ctdRuleLink-${rule.rule_id}"]`);
    await page.waitForURL(`**/app/rules/${rule.rule_id}`);
    await page.getByText('T1059.004').first().waitFor();
    await page.getByText('Investigation guide', { exact: false }).first().waitFor();
    await screenshot(page, 'rule_details');
    expect(pageErrors).toEqual([]);
  });

  it('lists the alerts the rules raised and opens one for investigation', async () => {
    await page.click('[data-test-subj="ctdTabAlerts"]');
    await page.waitForURL('**/app/alerts**');
    const firstInvestigate = page
      .locator('[data-test-subj="alertsTable"] a[href*="/app/alerts/"]')
      .first();
    await firstInvestigate.waitFor();
    await screenshot(page, 'alerts');
    await firstInvestigate.click();
    await page.waitForURL(/\/app\/alerts\/[^/?]+$/);
    await page.getByText('Why it fired', { exact: false }).first().waitFor();
    await page.getByText('first seen', { exact: false }).first().waitFor();
    await screenshot(page, 'investigation');
    expect(pageErrors).toEqual([]);
  });

  it('acknowledges the alert, and the status holds after a reload', async () => {
    await page.click('[data-test-subj="triageAcknowledge"]');
    await page.getByText('acknowledged', { exact: false }).first().waitFor();
    await page.reload();
    await page.getByText('Why it fired', { exact: false }).first().waitFor();
    await page.getByText('acknowledged', { exact: false }).first().waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('closes the alert with a reason from the investigation page, and the API agrees', async () => {
    const alertId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    await page.click('[data-test-subj="triageClose"]');
    const modal = page.locator('[data-test-subj="closeAlertsModal"]');
    await modal.waitFor();
    await modal.locator('[data-test-subj="closingReasonSelect"]').selectOption('false_positive');
    await modal.locator('[data-test-subj="confirmModalConfirmButton"]').click();
    await modal.waitFor({ state: 'detached' });
    const statusOf = async () =>
      (
        (await (
          await fetch(`${server.url}${API_BASE_PATH}/alerts/${encodeURIComponent(alertId)}`)
        ).json()) as { alert: Record<string, unknown> }
      ).alert;
    const investigation = {
      alert: await waitUntil(
        statusOf,
        (alert) => alert['kibana.alert.workflow_status'] === 'closed'
      ),
    };
    expect(investigation.alert['kibana.alert.workflow_status']).toBe('closed');
    expect(investigation.alert['kibana.alert.workflow_reason']).toBe('false_positive');
    expect(pageErrors).toEqual([]);
  });

  it('navigates by keyboard: Tab to the page tabs, arrow to Alerts, Enter', async () => {
    await page.goto(`${server.url}/app/`);
    await page.locator('[data-test-subj="ctdRulesTable"]').waitFor();
    let onTabs = false;
    for (let presses = 0; presses < 30 && !onTabs; presses++) {
      await page.keyboard.press('Tab');
      onTabs = await page.evaluate(() => document.activeElement?.getAttribute('role') === 'tab');
    }
    expect(onTabs).toBe(true);
    // EUI tabs use a roving tabindex: the tab list is one stop, arrows move between tabs.
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-test-subj'))).toBe(
      'ctdTabAlerts'
    );
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/alerts**');
    await page.locator('[data-test-subj="alertsTable"]').waitFor();
  });
});

const expectText = async (locator: ReturnType<Page['locator']>, text: string): Promise<void> => {
  expect((await locator.innerText()).toLowerCase()).toContain(text.toLowerCase());
};

describeWithBrowser('a fresh standalone server, set up through the UI', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'fresh',
      server: { sampleData: false },
      // Playwright's default size: at the larger one a toast covers the link this test clicks.
      viewport: { width: 1280, height: 720 },
    });
    ({ server, page } = session);
  }, 180_000);

  afterAll(() => session?.close());

  it('installs and enables both rules, uploads fresh events, runs a rule now and shows its alert', async () => {
    await page.goto(`${server.url}/app/`);
    await page.click('[data-test-subj="ctdInstallAllRules"]');
    for (const rule of PREBUILT_RULES) {
      const toggle = page.locator(`[data-test-subj="ctdRuleEnabledSwitch-${rule.rule_id}"]`);
      await waitUntil(async () => toggle.isEnabled(), Boolean);
      await toggle.click();
      await waitUntil(async () => (await toggle.getAttribute('aria-checked')) === 'true', Boolean);
    }
    // A shell command no history has seen, run interactively in a container a minute ago.
    const factory = new EventFactory('e2e');
    const events = [
      factory.interactive(Date.now() - 90_000, 'nc'),
      factory.interactive(Date.now() - 60_000, 'nc'),
    ];
    const upload = await fetch(`${server.url}${UPLOAD_PATH}?name=fresh.ndjson`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', 'kbn-xsrf': 'true' },
      body: events.map((event) => JSON.stringify(event)).join('\n'),
    });
    expect(((await upload.json()) as { stored: number }).stored).toBe(2);
    const interactiveRule = PREBUILT_RULES.find((rule) =>
      rule.new_terms_fields.includes('process.name')
    );
    if (interactiveRule === undefined) throw new Error('no process.name rule in the catalog');
    await page.click(`[data-test-subj="ctdRunRule-${interactiveRule.rule_id}"]`);
    await page
      .locator(`[data-test-subj="ctdRuleAlerts-${interactiveRule.rule_id}"]`)
      .getByText('1')
      .waitFor();
    // Keyboard, not the pointer: the "Run now" toast can sit over the link, and EUI pauses a
    // toast's dismissal while the pointer is over it, so a pointer click could wait forever.
    await page
      .locator(`[data-test-subj="ctdRuleAlerts-${interactiveRule.rule_id}"]`)
      .press('Enter');
    await page.locator('[data-test-subj="alertsTable"]').getByText('nc').first().waitFor();
  });
});
