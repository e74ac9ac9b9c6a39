/** `ctd kql translate|test`: the KQL engine from the command line. */
import fs from 'fs';
import type { Command } from 'commander';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import { createMatcher } from '../../common/kql/matcher';
import { formatKqlErrorWithPosition, parseKql } from '../../common/kql/parse';
import { buildEsQuery } from '../../common/kql/to_dsl';
import { CliError } from '../cli_error';
import { CliExit } from '../cli_exit';
import type { CliIo } from '../cli_io';
import { errorMessage } from '../../common/error_message';

export const EXIT_NO_MATCH = 1;
export const EXIT_SYNTAX_ERROR = 2;

const parseOrExit = (query: string) => {
  const parsed = parseKql(query);
  if (!parsed.ok)
    throw new CliError(formatKqlErrorWithPosition(query, parsed.error), EXIT_SYNTAX_ERROR);
  return parsed.ast;
};

const readDocument = (source: string): Record<string, unknown> => {
  let text: string;
  try {
    text = fs.readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${source}: ${errorMessage(error)}`, EXIT_SYNTAX_ERROR);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${source} is not valid JSON: ${errorMessage(error)}`, EXIT_SYNTAX_ERROR);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new CliError(`${source} must hold one JSON object (an event)`, EXIT_SYNTAX_ERROR);
  }
  return document as Record<string, unknown>;
};

export const registerKqlCommands = (program: Command, io: CliIo): void => {
  const kql = program.command('kql').description('parse, translate and test KQL queries');

  kql
    .command('translate <query>')
    .description('print the Elasticsearch query DSL Kibana would send (ECS field types)')
    .action((query: string) => {
      const ast = parseOrExit(query);
      io.out(JSON.stringify(buildEsQuery(ast, ecsFieldTypes()), null, 2));
    });

  kql
    .command('test <query> <document>')
    .description(
      'does the event (a JSON file, or - for stdin) match? exit 0 match, 1 no match, 2 error'
    )
    .action((query: string, source: string) => {
      const ast = parseOrExit(query);
      const matches = createMatcher(ast, ecsFieldTypes())(readDocument(source));
      io.out(matches ? 'match' : 'no match');
      if (!matches) throw new CliExit(EXIT_NO_MATCH);
    });
};
