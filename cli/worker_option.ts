/**
 * `--workers <n>`: threads preparing lines during an ingest (0: none, the main thread prepares
 * them). The default is one per CPU core; the store decides whether they pay (see
 * `StoreIngestOptions.workers`).
 */
import os from 'os';
import type { Command } from 'commander';
import { CliError } from './cli_error';

const MAX_WORKERS = 64;

export const defaultWorkers = (): number => os.availableParallelism();

export const parseWorkers = (value: string): number => {
  const workers = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(workers) || workers > MAX_WORKERS)
    throw new CliError(
      `--workers must be a whole number from 0 to ${MAX_WORKERS} (got "${value}")`
    );
  return workers;
};

export const workersOption = (command: Command): Command =>
  command.option(
    '--workers <n>',
    `threads preparing lines (0: none; default: one per CPU core, ${defaultWorkers()} here)`
  );

/** The option's value, or the default. */
export const workersFrom = (options: { readonly workers?: string }): number =>
  options.workers === undefined ? defaultWorkers() : parseWorkers(options.workers);
