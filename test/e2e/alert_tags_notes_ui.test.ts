/**
 * Tags, assignees and notes in a real browser against the real standalone server over its sample
 * alerts: two alerts tagged from the alerts table, one assigned, a note added on its investigation
 * page; after a reload the page shows all three, as the API stored them.
 */
import type { Page } from 'playwright-core';
import * as F from '../../common/alerts/field_names';
import type { AlertsPage } from '../../common/api/alerts_api';
import type { AlertNotes } from '../../common/api/alert_annotations_api';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { describeWithBrowser, waitUntil } from './browser_env';
import { callApi } from './standalone_api';
import { startUiSession, type UiSession } from './ui_session';

const subj = (name: string): string => `[data-test-subj="${name}"]`;
const TAG = 'escalate-<b>now</b>';
const ASSIGNEE = 'ann';
const NOTE = 'Checked the image digest.\n<script>window.__pwned=1</script>';

describeWithBrowser('alert tags, assignees and notes in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];

  const api = <T>(path: string): Promise<T> => callApi<T>(server, path);

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'alert-tags-notes',
      server: { sampleEventCount: 3_000 },
    });
    ({ server, page, pageErrors } = session);
    await waitUntil(
      () => api<AlertsPage>('/alerts?per_page=1'),
      (answer) => answer.total > 1
    );
  }, 180_000);

  afterAll(() => session?.close());

  it('tags two alerts, assigns one, adds a note, and shows all three after a reload', async () => {
    await page.goto(`${server.url}/app/alerts`);
    const rows = page.locator(`${subj('alertsTable')} tbody tr:has(${subj('statusBadge')})`);
    await rows.nth(1).waitFor();
    const idOf = async (row: number): Promise<string> =>
      decodeURIComponent(
        ((await rows.nth(row).locator('a').first().getAttribute('href')) ?? '').split('/').pop() ??
          ''
      );
    const [first, second] = [await idOf(0), await idOf(1)];

    await rows.nth(0).locator('input[type="checkbox"]').check();
    await rows.nth(1).locator('input[type="checkbox"]').check();
    await page.locator(subj('alertTagsEdit')).click();
    await page.locator(subj('alertTagsEditNewValue')).fill(TAG);
    await page.locator(subj('alertTagsEditAddValue')).click();
    await page.locator(subj('alertTagsEditApply')).click();
    await page.getByText('Updated the tags of 2 alerts').waitFor();

    await rows.nth(0).locator('input[type="checkbox"]').check();
    await page.locator(subj('alertAssigneesEdit')).click();
    await page.locator(subj('alertAssigneesEditNewValue')).fill(ASSIGNEE);
    await page.locator(subj('alertAssigneesEditNewValue')).press('Enter');
    await page.locator(subj('alertAssigneesEditApply')).click();
    await page.getByText('Updated the assignees of 1 alert').waitFor();

    await page.goto(`${server.url}/app/alerts/${encodeURIComponent(first)}`);
    await page.locator(subj('alertNoteInput')).fill(NOTE);
    await page.locator(subj('alertNoteAdd')).click();
    await page.locator(subj('alertNoteText')).waitFor();

    await page.reload();
    const tags = page.locator(subj('alertTags'));
    await tags.waitFor();
    expect(await tags.innerText()).toBe(TAG);
    expect(await page.locator(subj('alertAssignees')).innerText()).toBe(ASSIGNEE);
    const note = page.locator(subj('alertNote'));
    await note.waitFor();
    expect(await note.locator(subj('alertNoteText')).innerText()).toBe(NOTE);
    expect(await note.innerText()).toContain('added a note');
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();

    const stored = await api<{ alert: Record<string, unknown> }>(
      `/alerts/${encodeURIComponent(second)}`
    );
    expect(stored.alert[F.ALERT_WORKFLOW_TAGS]).toEqual([TAG]);
    expect(stored.alert[F.ALERT_WORKFLOW_ASSIGNEE_IDS]).toEqual([]);
    const notes = await api<AlertNotes>(`/alerts/${encodeURIComponent(first)}/_notes`);
    expect(notes.notes.map((found) => found.text)).toEqual([NOTE]);
    expect(pageErrors).toEqual([]);
  });
});
