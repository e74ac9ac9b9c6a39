/**
 * What every command shares: output streams and the data directory option. User-facing errors are
 * CliError (cli_error.ts) and CliExit (cli_exit.ts).
 */
import path from 'path';
import type { Command } from 'commander';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const DEFAULT_DATA_DIR = process.env.CTD_DATA_DIR ?? path.join(process.cwd(), '.data');

export const dataDirOption = (command: Command): Command =>
  command.option(
    '--data-dir <dir>',
    'where the embedded store keeps its database',
    DEFAULT_DATA_DIR
  );
