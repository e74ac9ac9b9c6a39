/**
 * The alerts page's optional columns and export in a real browser against the real standalone
 * server over its sample alerts: a picked column shows each alert's value and holds after a
 * reload; CSV and NDJSON exports of a filtered view hold exactly the alerts the API matches for
 * that filter, in its order, across more than one page of the table.
 */
import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import * as F from '../../common/alerts/field_names';
import type { AlertsPage } from '../../common/api/alerts_api';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { API_BASE_PATH } from '../../server/routes/api_types';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { describeWithBrowser, waitUntil } from './browser_env';
import { startUiSession, type UiSession } from './ui_session';

const subj = (name: string): string => `[data-test-subj="${name}"]`;

describeWithBrowser('alert columns and export in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];
  let dir: string;

  const [rule] = PREBUILT_RULES;
  if (rule === undefined) throw new Error('empty catalog');
  /** The view under test: one rule's open alerts, oldest event first, two to a page. */
  const VIEW = {
    rule_id: rule.rule_id,
    status: 'open',
    sort_field: 'original_time',
    sort_order: 'asc',
  } as const;

  /** The API's answer for the view's filter, every alert of it. */
  const matching = async (): Promise<AlertsPage> =>
    (await (
      await fetch(
        `${server.url}${API_BASE_PATH}/alerts?${new URLSearchParams({ ...VIEW, per_page: '1000' }).toString()}`
      )
    ).json()) as AlertsPage;

  const download = async (menuItem: string, fileName: string): Promise<string> => {
    await page.click(subj('alertsExportButton'));
    const [saved] = await Promise.all([page.waitForEvent('download'), page.click(subj(menuItem))]);
    expect(saved.suggestedFilename()).toBe(fileName);
    const file = path.join(dir, fileName);
    await saved.saveAs(file);
    return fs.readFileSync(file, 'utf8');
  };

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'alerts-export',
      server: { sampleEventCount: 3_000 },
      acceptDownloads: true,
    });
    ({ dir, server, page, pageErrors } = session);
    await waitUntil(matching, (answer) => answer.total > 2);
  }, 180_000);

  afterAll(() => session?.close());

  it('shows a picked column with each alert’s value, and keeps it after a reload', async () => {
    const expected = await matching();
    const all = (await (
      await fetch(`${server.url}${API_BASE_PATH}/alerts?per_page=1`)
    ).json()) as AlertsPage;
    // The filter leaves some alerts out, so the export below is of a filtered view.
    expect(expected.total).toBeGreaterThan(2);
    expect(expected.total).toBeLessThan(all.total);

    await page.goto(
      `${server.url}/app/alerts?${new URLSearchParams({ ...VIEW, per_page: '10' }).toString()}`
    );
    await page.locator(subj('alertsTable')).waitFor();
    await page.click(subj('alertsColumnPicker'));
    await page.click(subj('alertsColumnOption-userName'));
    await page.keyboard.press('Escape');
    const users = page.locator(subj('alertsCell-userName'));
    await waitUntil(
      async () => users.count(),
      (count) => count > 0
    );
    const shown = expected.alerts.slice(0, 10).map((alert) => {
      const user = alert.user as { name?: unknown } | undefined;
      return typeof user?.name === 'string' ? user.name : '—';
    });
    expect(await users.allInnerTexts()).toEqual(shown);

    await page.reload();
    await page.locator(subj('alertsTable')).waitFor();
    await waitUntil(
      async () => users.count(),
      (count) => count === shown.length
    );
    expect(await users.allInnerTexts()).toEqual(shown);
    expect(pageErrors).toEqual([]);
  });

  it('exports the filtered view as CSV: every matching alert, in order, with the picked column', async () => {
    await page.goto(
      `${server.url}/app/alerts?${new URLSearchParams({ ...VIEW, per_page: '2' }).toString()}`
    );
    const expected = await matching();
    await page.getByText(`Showing 1–2 of ${expected.total} alerts`).waitFor();
    const csv = await download('alertsExportCsv', 'alerts_export.csv');
    const records = csv.split('\r\n');
    expect(records[0]).toBe(
      'Alert ID,Event time,Rule,Severity,Host,Container,New term,User,Status'
    );
    expect(records.at(-1)).toBe('');
    expect(records.slice(1, -1).map((record) => record.split(',')[0])).toEqual(
      expected.alerts.map((alert) => alert[F.ALERT_UUID])
    );
    await page.getByText(`Exported ${expected.total} alerts`).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('exports the filtered view as NDJSON: the alert documents as stored', async () => {
    const expected = await matching();
    const ndjson = await download('alertsExportNdjson', 'alerts_export.ndjson');
    const documents = ndjson
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(documents.map((doc) => doc[F.ALERT_UUID])).toEqual(
      expected.alerts.map((alert) => alert[F.ALERT_UUID])
    );
    expect(documents).toEqual(expected.alerts);
    expect(pageErrors).toEqual([]);
  });
});
