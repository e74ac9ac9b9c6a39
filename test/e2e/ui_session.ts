/**
 * One browser test file's setup: the UI built from source, the standalone server on its own data
 * folder, and a Chromium page that records uncaught page errors; `close` undoes all of it.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { silentLog } from '../../server/standalone/server_log';
import {
  startStandaloneServer,
  type StandaloneOptions,
  type StandaloneServer,
} from '../../server/standalone/standalone_server';
import { UI_TIMEOUT_MS } from './browser_env';
import { buildUi } from './ui_pages';

export interface UiSession {
  readonly dir: string;
  readonly server: StandaloneServer;
  readonly browser: Browser;
  readonly page: Page;
  /** Messages of the errors the page threw, in order: a test expects none. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

export interface UiSessionOptions {
  /** Names the temporary folder (`ctd-e2e-<name>-…`). */
  readonly name: string;
  /** Server options beside the data and UI folders, port and log the session chooses. */
  readonly server?: Omit<StandaloneOptions, 'dataDir' | 'uiDir' | 'port' | 'log'>;
  readonly acceptDownloads?: boolean;
  /** The page's size; 1440 × 900 (the screenshots' size) unless given. */
  readonly viewport?: { readonly width: number; readonly height: number };
}

const VIEWPORT = { width: 1440, height: 900 };

export const startUiSession = async (
  executablePath: string,
  options: UiSessionOptions
): Promise<UiSession> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ctd-e2e-${options.name}-`));
  const uiDir = path.join(dir, 'ui');
  await buildUi(uiDir);
  const server = await startStandaloneServer({
    ...options.server,
    dataDir: path.join(dir, 'data'),
    port: 0,
    uiDir,
    log: silentLog(),
  });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const page = await browser.newPage({
    viewport: options.viewport ?? VIEWPORT,
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    dir,
    server,
    browser,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};
