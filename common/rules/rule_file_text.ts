/**
 * A rule file's text, read by the format its name says: a detection-rules `.toml` rule, or
 * Kibana's formats (one rule object, a JSON array, NDJSON as Security → Rules exports it). Shared by
 * the CLI (files on disk) and the import route (a file the browser read). Browser-safe.
 */
import { readDetectionRulesToml } from './detection_rules_toml';
import { readKibanaRuleFile, type RuleFileEntry } from './kibana_rule_file';
import type { KibanaRuleParseOptions } from './kibana_rule_import';

const TOML_EXTENSION = '.toml';

export const isTomlFileName = (fileName: string): boolean =>
  fileName.toLowerCase().endsWith(TOML_EXTENSION);

/** Every line of the file: a rule, a skipped line or an invalid one (a TOML file is one rule, line 1). */
export const readRuleFileText = (
  fileName: string,
  text: string,
  options: Omit<KibanaRuleParseOptions, 'mode'>
): RuleFileEntry[] => {
  if (!isTomlFileName(fileName)) return readKibanaRuleFile(text, options);
  const result = readDetectionRulesToml(text, options);
  return [
    result.ok
      ? { kind: 'rule', line: 1, rule: result.rule }
      : { kind: 'invalid', line: 1, ruleId: undefined, errors: result.errors },
  ];
};
