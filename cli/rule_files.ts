/**
 * `--rules <file>`: new_terms rules from a file in Kibana's formats (one rule object, a JSON array,
 * or a Security → Rules export as NDJSON) or a detection-rules `.toml` rule. Lines that are not
 * new_terms rules are skipped with a note, except the exception lists and items the rules may name,
 * which are kept for them; any invalid rule stops the command with every problem, each at its
 * line, in Kibana's words.
 */
import fs from 'fs';
import { ecsFieldTypes } from '../common/ecs/ecs_field_types';
import { collectExceptions, type ExceptionFileEntry } from '../common/exceptions/exception_file';
import { readRuleFileExceptions, type RuleFileEntry } from '../common/rules/kibana_rule_file';
import { isTomlFileName, readRuleFileText } from '../common/rules/rule_file_text';
import type { ExceptionSet } from '../server/new_terms/rule_exceptions';
import type { NewTermsRuleDefinition } from '../common/rules/rule_schema';
import { CliError } from './cli_error';
import type { CliIo } from './cli_io';
import { errorMessage } from '../common/error_message';

/** A rule file's text, or a message naming the file when it cannot be read. */
export const readRuleFileContent = (file: string): string => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read rules from ${file}: ${errorMessage(error)}`);
  }
};

const problemLines = (file: string, entry: RuleFileEntry & { kind: 'invalid' }): string[] =>
  entry.errors.map(
    (error) =>
      `${file}:${entry.line}${entry.ruleId === undefined ? '' : ` (${entry.ruleId})`}: ${error}`
  );

/** The new_terms rules of a file, and the exception lists and items it carries for them. */
export interface RuleFile {
  readonly definitions: NewTermsRuleDefinition[];
  readonly exceptions: ExceptionSet;
}

/** The file's exception lines (none in a TOML rule), each read or refused with its line. */
const exceptionEntriesOf = (file: string, text: string): ExceptionFileEntry[] =>
  isTomlFileName(file) ? [] : readRuleFileExceptions(text);

/**
 * The file's new_terms rules and the exceptions it carries; lines that are neither are noted on
 * stderr, and any invalid rule or exception ends the command with every problem at its line.
 */
export const loadRuleFile = (file: string, io: CliIo): RuleFile => {
  const text = readRuleFileContent(file);
  const entries = readRuleFileText(file, text, { ecsFields: ecsFieldTypes() });
  const exceptionEntries = exceptionEntriesOf(file, text);
  const problems = [
    ...entries.flatMap((entry) => (entry.kind === 'invalid' ? problemLines(file, entry) : [])),
    ...exceptionEntries.flatMap((entry) =>
      entry.kind === 'invalid' ? [`${file}:${entry.line}: ${entry.error}`] : []
    ),
  ];
  if (problems.length > 0) throw new CliError(`Invalid rules in ${file}:\n${problems.join('\n')}`);
  const exceptionLines = new Set(exceptionEntries.map((entry) => entry.line));
  for (const entry of entries)
    if (entry.kind === 'skipped' && !exceptionLines.has(entry.line))
      io.err(`${file}:${entry.line}: skipped ${entry.note}`);
  const definitions = entries.flatMap((entry) =>
    entry.kind === 'rule' ? [entry.rule.definition] : []
  );
  if (definitions.length === 0) throw new CliError(`No new_terms rule in ${file}`);
  return { definitions, exceptions: collectExceptions(exceptionEntries) };
};
