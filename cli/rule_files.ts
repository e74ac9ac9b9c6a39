/**
 * `--rules <file>`: new_terms rules from a file in Kibana's formats (one rule object, a JSON array,
 * or a Security → Rules export as NDJSON) or a detection-rules `.toml` rule. Lines that are not
 * new_terms rules are skipped with a note; any invalid rule stops the command with every problem,
 * each at its line, in Kibana's words.
 */
import fs from 'fs';
import { ecsFieldTypes } from '../common/ecs/ecs_field_types';
import type { RuleFileEntry } from '../common/rules/kibana_rule_file';
import { readRuleFileText } from '../common/rules/rule_file_text';
import type { NewTermsRuleDefinition } from '../common/rules/rule_schema';
import { CliError } from './cli_error';
import type { CliIo } from './cli_io';

const readText = (file: string): string => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `Cannot read rules from ${file}: ${error instanceof Error ? error.message : String(error)}`
    );
  }
};

/** Every line of a rule file: a rule, a skipped line or an invalid one. */
export const readRuleFile = (file: string): RuleFileEntry[] =>
  readRuleFileText(file, readText(file), { ecsFields: ecsFieldTypes() });

export const problemLines = (file: string, entry: RuleFileEntry & { kind: 'invalid' }): string[] =>
  entry.errors.map(
    (error) =>
      `${file}:${entry.line}${entry.ruleId === undefined ? '' : ` (${entry.ruleId})`}: ${error}`
  );

/** The file's new_terms rules; skipped lines are noted on stderr, invalid ones end the command. */
export const loadRuleFile = (file: string, io: CliIo): NewTermsRuleDefinition[] => {
  const entries = readRuleFile(file);
  const problems = entries.flatMap((entry) =>
    entry.kind === 'invalid' ? problemLines(file, entry) : []
  );
  if (problems.length > 0) throw new CliError(`Invalid rules in ${file}:\n${problems.join('\n')}`);
  for (const entry of entries)
    if (entry.kind === 'skipped') io.err(`${file}:${entry.line}: skipped ${entry.note}`);
  const rules = entries.flatMap((entry) => (entry.kind === 'rule' ? [entry.rule.definition] : []));
  if (rules.length === 0) throw new CliError(`No new_terms rule in ${file}`);
  return rules;
};
