/**
 * Grouping on the alerts page in a real browser against the real standalone server over its
 * sample alerts: grouped by container, the groups show the API's counts; a group opens to its own
 * alerts; acknowledging and closing alerts from inside the group with the bulk actions changes
 * its count as the API says; a reload keeps `group_by` from the address.
 */
import type { Locator, Page } from 'playwright-core';
import type { AlertGroup, AlertGroupsPage } from '../../common/api/alerts_api';
import { API_BASE_PATH } from '../../server/routes/api_types';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { describeWithBrowser, waitUntil } from './browser_env';
import { startUiSession, type UiSession } from './ui_session';

const subj = (name: string): string => `[data-test-subj="${name}"]`;

/** The page's default filters (open and acknowledged alerts) and range (the last 30 days). */
const DEFAULT_STATUS = 'open,acknowledged';
const DEFAULT_RANGE_MS = 30 * 24 * 60 * 60_000;
/** Alerts a group's table shows per page. */
const GROUP_PAGE_SIZE = 10;

describeWithBrowser('alert grouping in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];

  /** The API's groups by container for the page's default view. */
  const containerGroups = async (): Promise<AlertGroupsPage> => {
    const query = new URLSearchParams({
      group_by: 'container.id',
      status: DEFAULT_STATUS,
      from: new Date(Date.now() - DEFAULT_RANGE_MS).toISOString(),
    });
    return (await (
      await fetch(`${server.url}${API_BASE_PATH}/alerts/_groups?${query.toString()}`)
    ).json()) as AlertGroupsPage;
  };

  const shownCounts = async (): Promise<number[]> =>
    (await page.locator(subj('alertGroupCount')).allInnerTexts()).map(Number);

  const groupNamed = (value: string): Locator =>
    page
      .locator(subj('alertGroup'))
      .filter({ has: page.locator(subj('alertGroupTitle'), { hasText: value }) });

  const rowsOf = (group: Locator): Locator =>
    group.locator(`${subj('alertGroupTable')} tbody tr`).filter({
      has: page.locator(subj('statusBadge')),
    });

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'alert-grouping',
      server: { sampleEventCount: 3_000 },
    });
    ({ server, page, pageErrors } = session);
    await waitUntil(containerGroups, (answer) => answer.total_groups > 1);
  }, 180_000);

  afterAll(() => session?.close());

  it('groups by container, triages inside a group, and keeps group_by after a reload', async () => {
    await page.goto(`${server.url}/app/alerts`);
    await page.locator(subj('alertsTable')).waitFor();
    await page.selectOption(subj('alertsGroupBy'), 'container.id');
    await page.locator(subj('alertGroups')).waitFor();
    expect(new URL(page.url()).searchParams.get('group_by')).toBe('container.id');

    const before = await containerGroups();
    const expectedCounts = before.groups.map((group) => group.count);
    expect(await waitUntil(shownCounts, (counts) => counts.length > 0)).toEqual(expectedCounts);
    expect(await page.locator(subj('alertGroupsSummary')).innerText()).toBe(
      `${before.total_groups} groups`
    );

    // The largest group with a container: two of its alerts are triaged below.
    const target = before.groups.find(
      (group): group is AlertGroup & { value: string } => group.value !== null
    );
    if (target === undefined) throw new Error('no alert has a container');
    expect(target.count).toBeGreaterThanOrEqual(2);
    const group = groupNamed(target.value);
    await group.locator(subj('alertGroupTitle')).click();
    const rows = rowsOf(group);
    expect(
      await waitUntil(
        () => rows.count(),
        (count) => count === Math.min(GROUP_PAGE_SIZE, target.count)
      )
    ).toBe(Math.min(GROUP_PAGE_SIZE, target.count));
    // Only this container's alerts: the table shows each one's container.
    for (const row of await rows.all())
      expect(await row.innerText()).toContain(target.value.slice(0, 12));

    // Acknowledge one: acknowledged alerts stay in the default view, so the count holds.
    await rows.nth(0).locator('input[type="checkbox"]').check();
    await group.locator(subj('triageAcknowledge')).click();
    await page.getByText('Acknowledged 1 alert').waitFor();
    await waitUntil(
      async () => rows.locator(subj('statusBadge')).allInnerTexts(),
      (statuses) => statuses.includes('Acknowledged')
    );
    expect(await group.locator(subj('alertGroupCount')).innerText()).toBe(String(target.count));

    // Close two: they leave the default view, and the group's count drops by two.
    await rows.nth(0).locator('input[type="checkbox"]').check();
    await rows.nth(1).locator('input[type="checkbox"]').check();
    await group.getByText('2 selected').waitFor();
    await group.locator(subj('triageClose')).click();
    const modal = page.locator(subj('closeAlertsModal'));
    await modal.locator(subj('closingReasonSelect')).selectOption('false_positive');
    await modal.locator(subj('confirmModalConfirmButton')).click();
    await modal.waitFor({ state: 'detached' });
    await page.getByText('Closed 2 alerts as false positive').waitFor();
    const after = await containerGroups();
    const remaining = target.count - 2;
    expect(after.groups.find((g) => g.value === target.value)?.count ?? 0).toBe(remaining);
    const closedGroup = groupNamed(target.value);
    if (remaining === 0) await closedGroup.waitFor({ state: 'detached' });
    else
      expect(
        await waitUntil(
          async () => closedGroup.locator(subj('alertGroupCount')).innerText(),
          (count) => count === String(remaining)
        )
      ).toBe(String(remaining));
    expect(await waitUntil(shownCounts, (counts) => counts.length === after.groups.length)).toEqual(
      after.groups.map((g) => g.count)
    );

    await page.reload();
    await page.locator(subj('alertGroups')).waitFor();
    expect(new URL(page.url()).searchParams.get('group_by')).toBe('container.id');
    expect(await page.locator(subj('alertsGroupBy')).inputValue()).toBe('container.id');
    expect(await waitUntil(shownCounts, (counts) => counts.length > 0)).toEqual(
      after.groups.map((g) => g.count)
    );
    expect(pageErrors).toEqual([]);
  });
});
