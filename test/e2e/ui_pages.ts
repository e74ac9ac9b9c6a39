/**
 * What the browser tests share: the standalone UI built from source into a folder, and screenshots
 * of the pages they visit when CTD_SCREENSHOTS names a folder (e.g. docs/screenshots).
 */
import fs from 'fs';
import path from 'path';
import type { Page } from 'playwright-core';

interface UiBuilder {
  buildUi: (options: { outdir: string }) => Promise<unknown>;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const builder = require(path.join(REPO_ROOT, 'scripts', 'build_ui.js')) as UiBuilder;

export const buildUi = (outdir: string): Promise<unknown> => builder.buildUi({ outdir });

const SCREENSHOT_DIR = process.env.CTD_SCREENSHOTS;

export const screenshot = async (page: Page, name: string): Promise<void> => {
  if (SCREENSHOT_DIR === undefined) return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
};
