/**
 * The alerts page's KQL search bar in Chromium against the real standalone server over its sample
 * alerts: a broken query is reported with its position as it is typed and cannot be submitted; a
 * good one narrows the table to what the API answers for it; a value's "filter out" action adds a
 * pill that narrows it further; a reload restores the query and the pill from the URL.
 */
import type { Page } from 'playwright-core';
import * as F from '../../common/alerts/field_names';
import type { AlertsPage } from '../../common/api/alerts_api';
import { API_BASE_PATH } from '../../server/routes/api_types';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { describeWithBrowser, waitUntil } from './browser_env';
import { startUiSession, type UiSession } from './ui_session';

const subj = (name: string): string => `[data-test-subj="${name}"]`;

const ALL_STATUSES = 'open,acknowledged,closed';
/** Every alert in the sample data on the page (its default range is the last 30 days). */
const PAGE_VIEW = { from: '2000-01-01T00:00:00.000Z', to: 'now', status: ALL_STATUSES };

describeWithBrowser('the KQL search bar on the alerts page in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];

  const totalFor = async (query: string): Promise<number> => {
    const params = new URLSearchParams({ status: ALL_STATUSES, query, per_page: '1' });
    const response = await fetch(`${server.url}${API_BASE_PATH}/alerts?${params.toString()}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as AlertsPage).total;
  };
  const shownTotal = async (): Promise<string> => page.locator(subj('alertsCount')).innerText();
  const waitForTotal = (total: number) =>
    waitUntil(
      shownTotal,
      (text) => text.endsWith(` of ${total} alerts`) || (total === 0 && text === 'No alerts')
    );

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'alerts-kql',
      server: { sampleEventCount: 3_000 },
    });
    ({ server, page, pageErrors } = session);
    await waitUntil(
      () => totalFor(''),
      (total) => total > 0
    );
  }, 180_000);

  afterAll(() => session?.close());

  it('reports a broken query where it breaks, searches a good one, filters out a value and keeps both in the URL', async () => {
    await page.goto(`${server.url}/app/alerts?${new URLSearchParams(PAGE_VIEW).toString()}`);
    const input = page.locator(subj('alertsQueryInput'));
    await input.waitFor();

    await input.fill('host.name: (node');
    const row = page.locator(subj('alertsQueryRow'));
    await waitUntil(
      () => row.innerText(),
      (text) => text.includes('line 1, column')
    );
    expect(await page.locator(subj('alertsQuerySubmit')).isDisabled()).toBe(true);

    const query = `${F.ALERT_RULE_NAME}: "Unusual Interactive Process Launched in a Container"`;
    const expected = await totalFor(query);
    expect(expected).toBeGreaterThan(1);
    await input.fill(query);
    // Escape closes the field suggestions and keeps what was typed.
    await input.press('Escape');
    expect(await input.inputValue()).toBe(query);
    await page.locator(subj('alertsQuerySubmit')).click();
    await page.waitForURL(/[?&]query=/);
    await waitForTotal(expected);

    // Filter out the first row's new term: the pill joins the query.
    const firstTerm = page.locator(`${subj('alertsTable')} ${subj('newTerms')}`).first();
    const term = (await firstTerm.locator('code').first().innerText()).trim();
    await firstTerm.hover();
    await firstTerm
      .getByRole('button', { name: `Filter out ${F.ALERT_NEW_TERMS}: ${term}` })
      .click();
    const pill = page.locator(subj('alertsPill'));
    await pill.waitFor();
    expect(await pill.innerText()).toContain(term);
    const narrowed = await totalFor(`(${query}) and not ${F.ALERT_NEW_TERMS}: "${term}"`);
    expect(narrowed).toBeLessThan(expected);
    await waitForTotal(narrowed);

    await page.reload();
    await page.locator(subj('alertsPill')).waitFor();
    expect(await page.locator(subj('alertsQueryInput')).inputValue()).toBe(query);
    await waitForTotal(narrowed);
    expect(pageErrors).toEqual([]);
  });
});
