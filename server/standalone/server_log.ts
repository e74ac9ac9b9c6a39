/** What the standalone server says while it works: timestamped lines, and progress on long work. */
export interface ServerLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A progress update; printed at most once per PROGRESS_INTERVAL_MS. */
  progress(message: string): void;
}

const PROGRESS_INTERVAL_MS = 2_000;

export const consoleLog = (
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)
): ServerLog => {
  let lastProgress = 0;
  const line = (level: string, message: string) =>
    write(`${new Date().toISOString()} ${level.padEnd(5)} ${message}`);
  return {
    info: (message) => line('info', message),
    warn: (message) => line('warn', message),
    error: (message) => line('error', message),
    progress: (message) => {
      const now = Date.now();
      if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      line('info', message);
    },
  };
};

export const silentLog = (): ServerLog => ({
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  progress: () => undefined,
});
