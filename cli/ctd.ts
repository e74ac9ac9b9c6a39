/**
 * `ctd`: the detection engine from the command line. Errors meant for the user print as one
 * message and set the exit code; anything else is a bug and prints its stack.
 */
import { Command, CommanderError } from 'commander';
import { KqlSyntaxError } from '../common/kql/kql_syntax_error';
import { CliError } from './cli_error';
import { CliExit } from './cli_exit';
import type { CliIo } from './cli_io';
import { registerGenerateCommand } from './commands/generate';
import { registerIngestCommand } from './commands/ingest';
import { registerKqlCommands } from './commands/kql';
import { registerExceptionsCommands } from './commands/exceptions';
import { registerRulesCommands } from './commands/rules';
import { registerRunCommand } from './commands/run';
import { registerScanCommand } from './commands/scan';
import { DatabaseOpenError } from '../server/stores/duckdb/database_open_error';
import { StoreWriteError } from '../server/stores/duckdb/store_write_error';

export const buildProgram = (io: CliIo): Command => {
  const program = new Command('ctd')
    .description('Container Threat Detection: new_terms rules for Elastic Defend container events')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    });
  registerRulesCommands(program, io);
  registerExceptionsCommands(program, io);
  registerKqlCommands(program, io);
  registerIngestCommand(program, io);
  registerScanCommand(program, io);
  registerRunCommand(program, io);
  registerGenerateCommand(program, io);
  return program;
};

export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliExit) return error.exitCode;
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    if (
      error instanceof DatabaseOpenError ||
      error instanceof StoreWriteError ||
      error instanceof KqlSyntaxError
    ) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
};

if (require.main === module) {
  const io: CliIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
      );
      process.exitCode = 70;
    }
  );
}
