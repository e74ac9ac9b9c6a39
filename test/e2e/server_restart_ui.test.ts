/**
 * The app when its server goes away and comes back, in Chromium: a page whose code cannot be
 * fetched shows the failure with Retry inside the app (before, the whole app went blank for good),
 * and Retry shows the page once the server is back, without reloading the app.
 */
import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';
import { silentLog } from '../../server/standalone/server_log';
import {
  startStandaloneServer,
  type StandaloneServer,
} from '../../server/standalone/standalone_server';
import { startUiSession, type UiSession } from './ui_session';
import { describeWithBrowser } from './browser_env';

describeWithBrowser('the app across a server restart, in Chromium', (executablePath) => {
  let session: UiSession | undefined;
  let restarted: StandaloneServer | undefined;
  let page: Page;

  beforeAll(async () => {
    session = await startUiSession(executablePath, {
      name: 'restart',
      server: { sampleEventCount: 1_000 },
    });
    ({ page } = session);
  }, 180_000);

  afterAll(async () => {
    await session?.browser.close();
    await restarted?.close();
    if (session) fs.rmSync(session.dir, { recursive: true, force: true });
  });

  it('shows a failed page with Retry, and the page once the server is back', async () => {
    if (session === undefined) throw new Error('no session');
    const { url } = session.server;
    await page.goto(`${url}/app/`);
    await page.locator('[data-test-subj="ctdRulesTable"]').waitFor();
    // Gone if the document is reloaded: recovery must happen inside the running app.
    await page.evaluate(() => document.body.setAttribute('data-ctd-loaded-once', 'yes'));

    await session.server.close();
    await page.click('[data-test-subj="ctdTabAlerts"]');
    const failure = page.locator('[data-test-subj="ctdErrorState"]');
    await failure.waitFor();
    expect(await failure.textContent()).toContain('could not be loaded from the server');
    // The app around the page is still there: tabs to go elsewhere.
    expect(await page.locator('[data-test-subj="ctdTabRules"]').isVisible()).toBe(true);

    restarted = await startStandaloneServer({
      dataDir: path.join(session.dir, 'data'),
      uiDir: path.join(session.dir, 'ui'),
      port: Number(new URL(url).port),
      log: silentLog(),
    });
    await failure.getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-test-subj="alertsTable"]').waitFor();
    expect(await failure.count()).toBe(0);
    expect(await page.locator('body[data-ctd-loaded-once="yes"]').count()).toBe(1);
  });
});
