/**
 * The Upload events page in Chromium against the real standalone server: a file with good lines,
 * a duplicate and bad lines goes up through the browser's XMLHttpRequest, the page shows the
 * counts and each rejected line with its number, "Run rules now" raises an alert from the uploaded
 * events, and a file over the server's (small) limit gets its 413 explained.
 */
import type { Page } from 'playwright-core';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { API_BASE_PATH } from '../../server/routes/api_types';
import type { StandaloneServer } from '../../server/standalone/standalone_server';
import { EventFactory } from '../differential/new_terms_scenarios';
import { describeWithBrowser } from './browser_env';
import { screenshot } from './ui_pages';
import { startUiSession, type UiSession } from './ui_session';

/** Small enough for a test file to cross, large enough for the good file. */
const UPLOAD_LIMIT_BYTES = 64 * 1024;
const NDJSON = 'application/x-ndjson';

const interactiveRule = PREBUILT_RULES.find((rule) =>
  rule.new_terms_fields.includes('process.name')
);

/** Lines 1, 3: new interactive shells in a container; 2: not JSON; 4: line 1 again; 5: no @timestamp. */
const mixedFile = (): Buffer => {
  const factory = new EventFactory('e2e-upload');
  const first = JSON.stringify(factory.interactive(Date.now() - 90_000, 'nc'));
  const second = JSON.stringify(factory.interactive(Date.now() - 60_000, 'nc'));
  const lines = [
    first,
    '{"@timestamp": "2025-01-01T00:00:00Z", "process": {"name": ',
    second,
    first,
    JSON.stringify({ event: { id: 'no-time' }, process: { name: 'sh' } }),
  ];
  return Buffer.from(`${lines.join('\n')}\n`);
};

const text = async (page: Page, testSubj: string): Promise<string> =>
  page.locator(`[data-test-subj="${testSubj}"]`).innerText();

describeWithBrowser('the Upload events page in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let server: StandaloneServer;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'upload',
      server: { sampleData: false, maxUploadBytes: UPLOAD_LIMIT_BYTES },
    });
    ({ server, page, pageErrors } = session);
    if (interactiveRule === undefined) throw new Error('no process.name rule in the catalog');
    const install = await fetch(`${server.url}${API_BASE_PATH}/rules/_install`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true' },
      body: JSON.stringify({ rule_ids: [interactiveRule.rule_id], enable: true }),
    });
    expect(install.status).toBe(200);
  }, 180_000);

  afterAll(() => session?.close());

  it('uploads good, duplicate and bad lines, reports them, and runs the rule to a new alert', async () => {
    await page.goto(`${server.url}/app/`);
    await page.click('[data-test-subj="ctdTabUpload"]');
    await page.waitForURL('**/app/upload');
    const file = mixedFile();
    await page.setInputFiles('[data-test-subj="ctdUploadFilePicker"]', {
      name: 'mixed.ndjson',
      mimeType: NDJSON,
      buffer: file,
    });
    await page.click('[data-test-subj="ctdUploadStart"]');
    await page.locator('[data-test-subj="ctdUploadReport"]').waitFor();

    const kib = (file.length / 1024).toFixed(1);
    expect(await text(page, 'ctdUploadFileBytes')).toBe(`${kib} KiB of ${kib} KiB sent`);
    expect(await text(page, 'ctdUploadFileStatus')).toBe('Uploaded');
    expect(await text(page, 'ctdUploadStored')).toContain('2');
    expect(await text(page, 'ctdUploadDuplicates')).toContain('1');
    expect(await text(page, 'ctdUploadRejected')).toContain('2');
    const rows = page.locator('[data-test-subj="ctdRejectedLines"] tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toMatch(/mixed\.ndjson[\s\S]*2[\s\S]*malformed JSON/);
    expect(await rows.nth(1).innerText()).toMatch(/mixed\.ndjson[\s\S]*5[\s\S]*missing @timestamp/);
    await screenshot(page, 'upload');

    await page.click('[data-test-subj="ctdUploadRunRules"]');
    await page
      .getByText(/1 new alert/)
      .first()
      .waitFor();
    // Keyboard, not the pointer: the run's toast can sit over the link (see standalone_ui.test.ts).
    await page.locator('[data-test-subj="ctdUploadToAlerts"]').press('Enter');
    await page.waitForURL('**/app/alerts**');
    await page.locator('[data-test-subj="alertsTable"]').getByText('nc').first().waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("explains a 413: the server's limit and how to raise it", async () => {
    await page.goto(`${server.url}/app/upload`);
    const tooBig = Buffer.alloc(UPLOAD_LIMIT_BYTES + 1, '\n');
    await page.setInputFiles('[data-test-subj="ctdUploadFilePicker"]', {
      name: 'too_big.ndjson',
      mimeType: NDJSON,
      buffer: tooBig,
    });
    await page.click('[data-test-subj="ctdUploadStart"]');
    const failure = page.locator('[data-test-subj="ctdUploadFailure-0"]');
    await failure.waitFor();
    const message = await failure.innerText();
    expect(message).toContain(`"too_big.ndjson" is over the server's upload limit`);
    expect(message).toContain(`Upload is ${tooBig.length} bytes, over the 65536 bytes limit.`);
    expect(message).toContain('--max-upload-mb');
    expect(message).toContain('CTD_MAX_UPLOAD_MB');
    expect(pageErrors).toEqual([]);
  });
});
