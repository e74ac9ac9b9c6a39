/**
 * The investigation page's pivots in a real browser against the real standalone server over its
 * sample alerts: widening the activity window changes the listed events to what the API answers
 * for that window; the new term's prevalence shows the API's numbers; the JSON tabs show the
 * source event and the alert as text with a copy button.
 */
import type { Page } from 'playwright-core';
import * as F from '../../common/alerts/field_names';
import type { AlertsPage } from '../../common/api/alerts_api';
import type { Investigation } from '../../common/api/api_types';
import type { AlertActivity, TermPrevalence } from '../../common/api/investigation_api';
import { UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { formatTime } from '../../public/application/pages/alerts/shared/format';
import { describeWithBrowser, waitUntil } from './browser_env';
import { callApi } from './standalone_api';
import { startUiSession, type UiSession } from './ui_session';

const subj = (name: string): string => `[data-test-subj="${name}"]`;

describeWithBrowser('investigation pivots in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];

  const api = <T>(path: string): Promise<T> => callApi<T>(server, path);

  /** An interactive-shell alert (it has a container) whose ±24 h activity holds more than its ±30 min. */
  const alertToInvestigate = async (): Promise<{
    id: string;
    narrow: AlertActivity;
    wide: AlertActivity;
  }> => {
    const { alerts } = await api<AlertsPage>(
      `/alerts?rule_id=${UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID}&per_page=100`
    );
    for (const alert of alerts) {
      const id = encodeURIComponent(String(alert[F.ALERT_UUID]));
      const narrow = await api<AlertActivity>(`/alerts/${id}/_activity`);
      const wide = await api<AlertActivity>(`/alerts/${id}/_activity?window=24h`);
      if (narrow.field === 'container.id' && wide.total > narrow.total)
        return { id: String(alert[F.ALERT_UUID]), narrow, wide };
    }
    throw new Error('no interactive alert with more activity in a day than in half an hour');
  };

  /** Each row's time: the first line of its first cell, without the alert event's badge. */
  const rowTimes = async (): Promise<string[]> =>
    (await page.locator(`${subj('ctdRelatedEvents')} tbody tr td:first-child`).allInnerTexts()).map(
      (text) => (text.split('\n')[0] ?? '').replace('Alert event', '').trim()
    );

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'investigation-pivots',
      server: { sampleEventCount: 3_000 },
    });
    ({ server, page, pageErrors } = session);
    await waitUntil(
      () => api<AlertsPage>('/alerts?per_page=1'),
      (answer) => answer.total > 0
    );
  }, 180_000);

  afterAll(() => session?.close());

  it('changes the activity window and lists the events the API answers for it', async () => {
    const { id, narrow, wide } = await alertToInvestigate();
    await page.goto(`${server.url}/app/alerts/${encodeURIComponent(id)}`);
    const summary = page.locator(subj('ctdRelatedSummary'));
    await summary.waitFor();
    expect(await page.locator(subj('ctdRelatedTotal')).innerText()).toBe(String(narrow.total));
    expect(await rowTimes()).toEqual(narrow.events.map((event) => formatTime(event.timestamp)));

    await page.locator(subj('ctdActivityWindow')).getByText('±24 h').click();
    await waitUntil(
      async () => page.locator(subj('ctdRelatedTotal')).innerText(),
      (total) => total === String(wide.total)
    );
    expect(await summary.innerText()).toContain(`${wide.total} events on container.id`);
    expect(await summary.innerText()).toContain(formatTime(wide.from));
    expect(await rowTimes()).toEqual(wide.events.map((event) => formatTime(event.timestamp)));

    await page.locator(subj('ctdActivityOrder')).getByText('Newest first').click();
    const newest = await api<AlertActivity>(
      `/alerts/${encodeURIComponent(id)}/_activity?window=24h&sort_order=desc`
    );
    await waitUntil(rowTimes, (times) => times[0] === formatTime(newest.events[0]?.timestamp));
    expect(await rowTimes()).toEqual(newest.events.map((event) => formatTime(event.timestamp)));
    expect(pageErrors).toEqual([]);
  });

  it("shows the new term's prevalence as the API counts it", async () => {
    const { id } = await alertToInvestigate();
    const expected = await api<TermPrevalence>(`/alerts/${encodeURIComponent(id)}/_prevalence`);
    await page.goto(`${server.url}/app/alerts/${encodeURIComponent(id)}`);
    const stat = async (name: string): Promise<string> => {
      const locator = page.locator(`${subj(name)} .euiStat__title`);
      await locator.waitFor();
      return locator.innerText();
    };
    expect(await stat('ctdPrevalenceHosts')).toBe(String(expected.distinct['host.name']));
    expect(await stat('ctdPrevalenceContainers')).toBe(String(expected.distinct['container.id']));
    expect(await stat('ctdPrevalenceImages')).toBe(
      String(expected.distinct['container.image.name'])
    );
    expect(await stat('ctdPrevalenceEvents')).toBe(String(expected.events));
    expect(await page.locator(subj('ctdPrevalenceFirstSeen')).innerText()).toBe(
      formatTime(expected.first_seen)
    );
    expect(pageErrors).toEqual([]);
  });

  it('shows the source event and the alert as JSON with a copy button', async () => {
    const { id } = await alertToInvestigate();
    const investigation = await api<Investigation>(`/alerts/${encodeURIComponent(id)}`);
    await page.goto(`${server.url}/app/alerts/${encodeURIComponent(id)}`);
    const section = page.locator(subj('ctdSourceEvent'));
    await section.locator(subj('ctdSourceView-event_json')).click();
    const eventJson = section.locator(subj('ctdSourceEventJson'));
    await eventJson.waitFor();
    expect(JSON.parse(await eventJson.innerText())).toEqual(investigation.source_event?.source);
    await expect(section.getByRole('button', { name: 'Copy' }).isVisible()).resolves.toBe(true);

    await section.locator(subj('ctdSourceView-alert_json')).click();
    const alertJson = section.locator(subj('ctdAlertJson'));
    await alertJson.waitFor();
    expect(JSON.parse(await alertJson.innerText())).toEqual(investigation.alert);
    expect(pageErrors).toEqual([]);
  });
});
