/** What every command shares: output streams, the data directory option, user-facing errors. */
import path from 'path';
import type { Command } from 'commander';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** An error meant for the user: printed as is, no stack trace, with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Ends a command with a non-zero exit code after it has printed its result (e.g. `kql test`'s
 * "no match"): nothing more to say, so nothing is printed. Thrown rather than set on
 * `process.exitCode`, which would leak into the next command run in the same process.
 */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CliExit';
  }
}

export const DEFAULT_DATA_DIR = process.env.CTD_DATA_DIR ?? path.join(process.cwd(), '.data');

export const dataDirOption = (command: Command): Command =>
  command.option(
    '--data-dir <dir>',
    'where the embedded store keeps its database',
    DEFAULT_DATA_DIR
  );
