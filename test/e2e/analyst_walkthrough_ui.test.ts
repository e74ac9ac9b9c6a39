/**
 * An analyst's round in Chromium against the real standalone server and store, each step on the
 * page the one before leads to: search with KQL, group the alerts by container, open one from its
 * group, pivot to the container's activity and the new term's prevalence, add a rule exception for
 * the benign parent, read the rule's run history, then upload new events, run the rules and find
 * the one new alert (and none for the excepted parent). The API is asked after the steps that
 * change data.
 */
import type { Page } from 'playwright-core';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { EventFactory } from '../differential/new_terms_scenarios';
import { ingestObjects } from '../helpers/memory_store';
import { kibanaCreateMock } from '../helpers/rule_fixtures';
import { describeWithBrowser, waitUntil } from './browser_env';
import { callApi, statusByNewTerm } from './standalone_api';
import { startUiSession, type UiSession } from './ui_session';

const subj = (name: string): string => `[data-test-subj="${name}"]`;

const RULE_ID = 'container-shells';
const SHOP = 'c0ffee';
const BILLING = 'b111ed';
const HEALTH_CHECK = '/opt/monitor/bin/healthcheck';
const SHELL = '/bin/bash';
/** Far beyond the test: runs happen when the test asks for them. */
const NO_SCHEDULER_TICKS = 3_600_000;
const NDJSON = 'application/x-ndjson';

describeWithBrowser("an analyst's round in the standalone UI (Chromium)", (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];
  const factory = new EventFactory('walkthrough');
  const exec = (at: number, name: string, parent: string, container: string) =>
    factory.interactive(at, name, {
      process: { parent: { executable: parent } },
      extra: { container: { id: container, image: { name: `registry.local/${container}:1` } } },
    });

  const api = <T>(route: string, body?: unknown): Promise<T> => callApi<T>(server, route, body);
  const statusByTerm = () => statusByNewTerm(server, RULE_ID);

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'walkthrough',
      server: { sampleData: false, schedulerTickMs: NO_SCHEDULER_TICKS },
    });
    ({ server, page, pageErrors } = session);
    const now = Date.now();
    await ingestObjects(server.store, [
      exec(now - 300_000, 'nc', HEALTH_CHECK, SHOP),
      exec(now - 240_000, 'curl', HEALTH_CHECK, SHOP),
      exec(now - 200_000, 'socat', SHELL, BILLING),
    ]);
    await api('/rules', {
      rule: {
        ...kibanaCreateMock(),
        rule_id: RULE_ID,
        name: 'Interactive tools in containers',
        index: [factory.index],
        query: 'process.interactive : true',
        new_terms_fields: ['process.name'],
      },
      enable: true,
    });
    await api(`/rules/${RULE_ID}/_run`, {});
  }, 180_000);

  afterAll(() => session?.close());

  it('searches, groups by container, pivots from an alert, excepts its parent, sees what runs next', async () => {
    expect(await statusByTerm()).toEqual({ nc: 'open', curl: 'open', socat: 'open' });

    // Search with KQL: the shells started by the health check.
    await page.goto(`${server.url}/app/alerts?rule_id=${RULE_ID}`);
    const search = page.locator(subj('alertsQueryInput'));
    await search.fill(`process.parent.executable: "${HEALTH_CHECK}"`);
    await page.locator(subj('alertsQuerySubmit')).click();
    await page.waitForURL(/[?&]query=/);
    await waitUntil(
      () => page.locator(subj('alertsCount')).innerText(),
      (text) => text.endsWith(' of 2 alerts')
    );

    // Group by container: the search leaves one group, the shop's, holding its two alerts.
    await page.locator(subj('alertsGroupBy')).selectOption('container.id');
    await page.waitForURL(/group_by=container\.id/);
    const shopGroup = page.locator(subj('alertGroup')).filter({ hasText: SHOP });
    await shopGroup.waitFor();
    expect(await page.locator(subj('alertGroup')).count()).toBe(1);
    expect(await shopGroup.locator(subj('alertGroupCount')).innerText()).toBe('2');
    await shopGroup.locator(subj('alertGroupTitle')).click();
    const ncRow = shopGroup
      .locator('tr')
      .filter({ has: page.locator(subj('newTerms'), { hasText: /^nc$/ }) });
    await ncRow.waitFor();
    expect(await shopGroup.locator(subj('newTerms')).allInnerTexts()).toEqual(
      expect.arrayContaining(['nc', 'curl'])
    );

    // Open the alert from its group, then pivot: the container's activity and the term's prevalence.
    await ncRow.locator(subj('investigateAlert')).click();
    await page.waitForURL(/\/app\/alerts\/[^/?]+/);
    const summary = page.locator(subj('ctdRelatedSummary'));
    await summary.waitFor();
    expect(await summary.innerText()).toContain('on container.id');
    expect(await page.locator(subj('ctdRelatedTotal')).innerText()).toBe('2');
    const containers = page.locator(`${subj('ctdPrevalenceContainers')} .euiStat__title`);
    await containers.waitFor();
    expect(await containers.innerText()).toBe('1');

    // The health check's parent is benign: except it, closing the alerts it matches.
    await page.click(subj('ctdAddRuleException'));
    const flyout = page.locator(subj('ctdAddException'));
    await flyout.locator(subj('ctdExceptionConditions')).waitFor();
    await flyout.getByLabel('Use process.name').uncheck();
    await flyout.getByLabel('Use process.parent.executable').check();
    await page.fill(subj('ctdExceptionName'), 'Health check tools');
    await page.click(subj('ctdExceptionCloseMatching'));
    await page.click(subj('ctdExceptionSubmit'));
    await flyout.waitFor({ state: 'detached' });
    await page.getByText('2 alerts closed').waitFor();
    expect(await statusByTerm()).toEqual({ nc: 'closed', curl: 'closed', socat: 'open' });

    // The rule's run history holds the run that raised the three alerts.
    await page.goto(`${server.url}/app/rules/${RULE_ID}?tab=executions`);
    const run = page.locator(subj('ctdExecutionRow')).first();
    await run.waitFor();
    expect(await run.locator(subj('ctdExecutionAlerts')).innerText()).toBe('3');

    // New events arrive: a new shell in the shop and another health-check tool.
    const now = Date.now();
    const upload = [
      exec(now - 60_000, 'telnet', SHELL, SHOP),
      exec(now - 50_000, 'ncat', HEALTH_CHECK, SHOP),
    ]
      .map((event) => JSON.stringify(event))
      .join('\n');
    await page.click(subj('ctdTabUpload'));
    await page.waitForURL('**/app/upload');
    await page.setInputFiles(subj('ctdUploadFilePicker'), {
      name: 'new.ndjson',
      mimeType: NDJSON,
      buffer: Buffer.from(`${upload}\n`),
    });
    await page.click(subj('ctdUploadStart'));
    await page.locator(subj('ctdUploadReport')).waitFor();
    expect(await page.locator(subj('ctdUploadStored')).innerText()).toContain('2');
    await page.click(subj('ctdUploadRunRules'));
    await page
      .getByText(/1 new alert/)
      .first()
      .waitFor();
    // Keyboard, not the pointer: the run's toast can sit over the link (see standalone_ui.test.ts).
    await page.locator(subj('ctdUploadToAlerts')).press('Enter');
    await page.waitForURL('**/app/alerts**');
    await page.locator(subj('alertsTable')).getByText('telnet').first().waitFor();

    const after = await waitUntil(statusByTerm, (terms) => 'telnet' in terms);
    expect(after).toEqual({ nc: 'closed', curl: 'closed', socat: 'open', telnet: 'open' });
    expect(pageErrors).toEqual([]);
  });
});
