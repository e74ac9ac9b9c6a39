/**
 * The alerts histogram in a real browser against the real standalone server over its sample
 * alerts: stacked by severity it shows a legend of the severities the API counts; dragging across
 * the chart with the mouse sets the page's range to absolute times in the address, and the table
 * is read again for that range.
 */
import type { Page, Request } from 'playwright-core';
import type { AlertHistogram, AlertsPage } from '../../common/api/alerts_api';
import { API_BASE_PATH } from '../../server/routes/api_types';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { describeWithBrowser, waitUntil } from './browser_env';
import { callApi } from './standalone_api';
import { startUiSession, type UiSession } from './ui_session';

const subj = (name: string): string => `[data-test-subj="${name}"]`;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DRAG_STEPS = 10;

describeWithBrowser('alert histogram in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];
  const apiRequests: URL[] = [];

  const api = <T>(path: string): Promise<T> => callApi<T>(server, path);

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'alert-histogram',
      server: { sampleEventCount: 3_000 },
    });
    ({ server, page, pageErrors } = session);
    page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith(API_BASE_PATH)) apiRequests.push(url);
    });
    await waitUntil(
      () => api<AlertsPage>('/alerts?per_page=1'),
      (answer) => answer.total > 0
    );
  }, 180_000);

  afterAll(() => session?.close());

  it('stacks by severity with a legend of the severities counted', async () => {
    await page.goto(`${server.url}/app/alerts`);
    await page.locator(`${subj('alertsHistogram')} .echChart`).waitFor();
    await page.click(subj('alertsHistogramStackBy-severity'));
    await waitUntil(
      async () => new URL(page.url()).searchParams.get('stack_by'),
      (stack) => stack === 'severity'
    );
    const stacked = await api<AlertHistogram>(
      `/alerts/_histogram?stack_by=severity&interval=1d&status=open,acknowledged`
    );
    const severities = new Set(
      stacked.buckets.flatMap((bucket) => (bucket.series ?? []).map((entry) => entry.value))
    );
    expect(severities.size).toBeGreaterThan(0);
    const legend = page.locator(`${subj('alertsHistogram')} .echLegendItem__label`);
    const labels = await waitUntil(
      () => legend.allInnerTexts(),
      (texts) => texts.length === severities.size
    );
    expect(new Set(labels.map((label) => label.toLowerCase()))).toEqual(severities);
    expect(pageErrors).toEqual([]);
  });

  it('zooms to the range dragged across the chart, and reads the table for it', async () => {
    const before = new URL(page.url()).searchParams;
    expect(before.get('from')).toBeNull();
    const canvas = page.locator(`${subj('alertsHistogram')} .echChart canvas`).first();
    const box = await canvas.boundingBox();
    if (box === null) throw new Error('the chart has no canvas on screen');
    const y = box.y + box.height / 2;
    const requestsBefore = apiRequests.length;
    await page.mouse.move(box.x + box.width * 0.5, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.95, y, { steps: DRAG_STEPS });
    await page.mouse.up();

    const zoomed = await waitUntil(
      async () => new URL(page.url()).searchParams,
      (query) => query.get('from') !== null
    );
    const from = zoomed.get('from') ?? '';
    const to = zoomed.get('to') ?? '';
    expect(from).toMatch(ISO_TIME);
    expect(to).toMatch(ISO_TIME);
    expect(Date.parse(from)).toBeLessThan(Date.parse(to));
    expect(zoomed.get('stack_by')).toBe('severity');

    // The table is searched again, over exactly the brushed range, and shows the API's count.
    const search = await waitUntil(
      async () =>
        apiRequests
          .slice(requestsBefore)
          .find(
            (url) =>
              url.pathname === `${API_BASE_PATH}/alerts` &&
              url.searchParams.get('from') === String(Date.parse(from))
          ),
      (found) => found !== undefined
    );
    expect(search?.searchParams.get('to')).toBe(String(Date.parse(to)));
    const inRange = await api<AlertsPage>(
      `/alerts?status=open,acknowledged&per_page=1&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`
    );
    const count = page.locator(subj('alertsCount'));
    const expected =
      inRange.total === 0
        ? 'No alerts'
        : `of ${inRange.total} ${inRange.total === 1 ? 'alert' : 'alerts'}`;
    expect(
      await waitUntil(
        () => count.innerText(),
        (text) => text.endsWith(expected)
      )
    ).toContain(expected);
    expect(
      apiRequests
        .slice(requestsBefore)
        .some(
          (url) =>
            url.pathname === `${API_BASE_PATH}/alerts/_histogram` &&
            url.searchParams.get('from') === String(Date.parse(from))
        )
    ).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
