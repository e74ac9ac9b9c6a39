/**
 * The UI in a real browser (headless Chromium) against a standalone server that requires its API
 * key: the app sends the browser to the login page, a wrong key is refused there, the right one
 * opens the app, whose own requests (reads and a state-changing install) then pass on the session
 * cookie — which page scripts cannot read — all without one CSP violation.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { API_BASE_PATH } from '../../server/routes/api_types';
import { silentLog } from '../../server/standalone/server_log';
import {
  startStandaloneServer,
  type StandaloneServer,
} from '../../server/standalone/standalone_server';
import { describeWithBrowser } from '../e2e/browser_env';

interface UiBuilder {
  buildUi: (options: { outdir: string }) => Promise<unknown>;
}

const ROOT = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const { buildUi } = require(path.join(ROOT, 'scripts', 'build_ui.js')) as UiBuilder;
const UI_TIMEOUT_MS = 20_000;
const SETUP_TIMEOUT_MS = 180_000;

describeWithBrowser('the standalone UI behind the API key', (executablePath) => {
  let dir: string;
  let server: StandaloneServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-login-ui-'));
    const uiDir = path.join(dir, 'ui');
    await buildUi({ outdir: uiDir });
    server = await startStandaloneServer({
      dataDir: path.join(dir, 'data'),
      port: 0,
      uiDir,
      sampleData: false,
      requireApiKey: true,
      log: silentLog(),
    });
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    page = await browser.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // CSP violations are reported as console errors.
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const apiKey = (): string => {
    if (server.apiKey === undefined) throw new Error('the server requires no key');
    return server.apiKey;
  };

  const signIn = async (key: string): Promise<void> => {
    await page.fill('#ctd-api-key', key);
    await page.click('button[type="submit"]');
  };

  it('sends the browser to the login page and refuses a wrong key there', async () => {
    await page.goto(`${server.url}/app/`);
    await page.waitForURL('**/login');
    await signIn(`${apiKey()}-wrong`);
    await page.getByText("That is not this server's API key.").waitFor();
    // Only the refused sign-in's 401 may show in the console.
    expect(consoleErrors.filter((message) => !message.includes('401'))).toEqual([]);
    consoleErrors.length = 0;
  });

  it('opens the app with the right key, and the app reads and changes state on its session', async () => {
    await signIn(apiKey());
    await page.waitForURL('**/app/');
    await page.click('[data-test-subj="ctdInstallAllRules"]');
    for (const rule of PREBUILT_RULES)
      await page.locator(`[data-test-subj="ctdRuleEnabledSwitch-${rule.rule_id}"]`).waitFor();
    const rules = await fetch(`${server.url}${API_BASE_PATH}/rules`, {
      headers: { authorization: `ApiKey ${apiKey()}` },
    });
    expect(
      ((await rules.json()) as { rules: Array<{ installed: boolean }> }).rules.every(
        (rule) => rule.installed
      )
    ).toBe(true);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
