/** `ctd generate`: deterministic sample Elastic Defend events, with planted positives for both rules. */
import fs from 'fs';
import { once } from 'events';
import type { Command } from 'commander';
import { generateEvents } from '../../server/sample_data/generate';
import { CliError } from '../cli_error';
import type { CliIo } from '../cli_io';
import { formatCount, formatDuration, ProgressLine } from '../output';

const positiveInteger = (name: string, value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new CliError(`${name} must be a positive integer (got "${value}")`);
  return parsed;
};

export const registerGenerateCommand = (program: Command, io: CliIo): void => {
  program
    .command('generate')
    .description('write deterministic sample Defend process events as NDJSON')
    .requiredOption('--out <file>', 'the NDJSON file to write')
    .option('--events <n>', 'number of events', '20000')
    .option('--days <n>', 'days of history the events span', '14')
    .option(
      '--end <time>',
      'the span ends here (ISO 8601); default: a fixed date, or now with --now'
    )
    .option('--now', 'end the span at the current time (so `ctd run` finds fresh events)')
    .option('--seed <n>', 'random seed (same seed, same file)', '20250312')
    .action(
      async (options: {
        out: string;
        events: string;
        days: string;
        end?: string;
        now?: boolean;
        seed: string;
      }) => {
        const totalEvents = positiveInteger('--events', options.events);
        const end = options.now
          ? new Date()
          : options.end === undefined
            ? undefined
            : new Date(options.end);
        if (end !== undefined && Number.isNaN(end.getTime()))
          throw new CliError(`--end must be an ISO 8601 time`);
        const began = Date.now();
        const out = fs.createWriteStream(options.out);
        const progress = new ProgressLine();
        let written = 0;
        for (const event of generateEvents({
          totalEvents,
          days: positiveInteger('--days', options.days),
          seed: positiveInteger('--seed', options.seed),
          ...(end === undefined ? {} : { end }),
        })) {
          if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain');
          written++;
          if (written % 50_000 === 0)
            progress.update(written / totalEvents, `${formatCount(written)} events`);
        }
        out.end();
        await once(out, 'finish');
        progress.done();
        io.out(
          `wrote ${formatCount(written)} events to ${options.out} in ${formatDuration(Date.now() - began)}`
        );
      }
    );
};
