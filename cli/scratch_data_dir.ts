/**
 * A throw-away data directory for a command that needs a store only while it runs (`ctd scan`
 * without `--data-dir`). The store is a file there, not DuckDB's in-memory database: an in-memory
 * database takes neither the row group nor the block size a store file is attached with, holds
 * every event in the buffer pool and fails once they outgrow the memory limit (a 1M-event scan
 * failed to checkpoint at the ingest's 256 MB; at 128 MB, after 8,192 events), while a file store
 * evicts to its file. The directory is removed when the command ends, also when it fails, the
 * process exits first or is interrupted (Ctrl-C, SIGTERM: removed, then the signal's default
 * action, so the exit status stays the signal's). Only SIGKILL leaves it behind.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { CliError } from './cli_error';
import { errorMessage } from '../common/error_message';

export const SCRATCH_DIR_PREFIX = 'ctd-scan-';

export interface ScratchDataDir {
  readonly path: string;
  /** Deletes the directory and everything in it (idempotent). */
  remove(): void;
}

const INTERRUPTS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

const makeDir = (parent: string): string => {
  try {
    return fs.mkdtempSync(path.join(parent, SCRATCH_DIR_PREFIX));
  } catch (error) {
    throw new CliError(
      `Cannot create a scratch store in ${parent} (${errorMessage(error)}); set TMPDIR to a writable directory, or keep the events with --data-dir <dir>`
    );
  }
};

export const createScratchDataDir = (parent: string = os.tmpdir()): ScratchDataDir => {
  const dir = makeDir(parent);
  const removeNow = (): void => fs.rmSync(dir, { recursive: true, force: true });
  const stopWatching = (): void => {
    process.removeListener('exit', removeNow);
    for (const signal of INTERRUPTS) process.removeListener(signal, onInterrupt);
  };
  function onInterrupt(signal: NodeJS.Signals): void {
    stopWatching();
    removeNow();
    process.kill(process.pid, signal);
  }
  // An exit before `remove` (an uncaught error, process.exit) still leaves nothing behind.
  process.once('exit', removeNow);
  for (const signal of INTERRUPTS) process.once(signal, onInterrupt);
  return {
    path: dir,
    remove: () => {
      stopWatching();
      removeNow();
    },
  };
};

/** Runs `work` with a scratch data directory, removed afterwards whatever happens. */
export const withScratchDataDir = async <T>(
  work: (dataDir: string) => Promise<T>,
  parent?: string
): Promise<T> => {
  const scratch = createScratchDataDir(parent);
  try {
    return await work(scratch.path);
  } finally {
    scratch.remove();
  }
};
