/**
 * `--workers <n>`: threads preparing lines during an ingest (0: none, the main thread prepares
 * them). The default is one per CPU core, or none for small inputs, where starting the workers
 * (each loads the ECS mapping) costs more than they save; the store decides whether they pay
 * otherwise (see `StoreIngestOptions.workers`).
 */
import os from 'os';
import type { Command } from 'commander';
import { CliError } from './cli_error';

const MAX_WORKERS = 64;
/**
 * Inputs smaller than this are prepared on the main thread by default: ~5,000 Defend events, below
 * which a scan with two workers measured slower than one without (their start costs ~0.3 s).
 */
export const WORKERS_PAY_FROM_BYTES = 16 * 1024 * 1024;

export const defaultWorkers = (): number => os.availableParallelism();

/**
 * The default for inputs of these sizes: none when they are known to be small. A size of 0 is not
 * known (a pipe), so it counts as large.
 */
export const defaultWorkersFor = (inputBytes: readonly number[]): number => {
  const sizesKnown = inputBytes.every((bytes) => bytes > 0);
  const total = inputBytes.reduce((sum, bytes) => sum + bytes, 0);
  return sizesKnown && total < WORKERS_PAY_FROM_BYTES ? 0 : defaultWorkers();
};

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
    `threads preparing lines (0: none; default: one per CPU core, ${defaultWorkers()} here, none for inputs under ${WORKERS_PAY_FROM_BYTES / 1024 / 1024} MiB)`
  );

/** The option's value; absent when not given (the default then depends on the inputs' sizes). */
export const workersFrom = (options: { readonly workers?: string }): number | undefined =>
  options.workers === undefined ? undefined : parseWorkers(options.workers);
