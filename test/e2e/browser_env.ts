/**
 * The real browser the end-to-end tests drive: the system Chromium (apt `chromium`; Playwright's
 * own downloads are not reachable here), or CHROMIUM_PATH. Like the Elasticsearch suites, a
 * missing browser fails under CI=true and is skipped loudly elsewhere.
 */
import fs from 'fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const chromiumPath = (): string | undefined => {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return fs.existsSync(configured) ? configured : undefined;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate));
};

export const describeWithBrowser = (name: string, fn: (executablePath: string) => void): void => {
  const executablePath = chromiumPath();
  if (executablePath !== undefined) {
    describe(name, () => fn(executablePath));
    return;
  }
  const reason = 'no Chromium found (install the apt package `chromium` or set CHROMIUM_PATH)';
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a browser to run in', () => {
        throw new Error(`A browser is required in CI: ${reason}`);
      });
    });
    return;
  }
  process.stderr.write(`Skipping "${name}": ${reason}\n`);
  describe.skip(name, () => fn(''));
};

/** How long a browser test waits for the UI to settle before it fails. */
export const UI_TIMEOUT_MS = 20_000;
const POLL_INTERVAL_MS = 200;

/** Polls `read` until `done` holds (the UI acts asynchronously), for at most UI_TIMEOUT_MS; returns the last value read. */
export const waitUntil = async <T>(
  read: () => Promise<T>,
  done: (value: T) => boolean
): Promise<T> => {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    value = await read();
  }
  return value;
};
