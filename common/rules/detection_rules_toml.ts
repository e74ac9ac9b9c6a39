/**
 * A rule file of elastic/detection-rules (`rules/**.toml`): a `[metadata]` table and a `[rule]`
 * table, a new_terms rule carrying its fields and history window in a `[rule.new_terms]` block.
 * The `[rule]` table becomes Kibana's rule JSON as detection-rules' `NewTermsRuleData.transform`
 * (`detection_rules/rule.py`) builds it — `new_terms.value` → `new_terms_fields`, the first
 * `history_window_start` entry → `history_window_start`, `[metadata]` and `[transform]` dropped —
 * and is then validated like any Kibana rule. Browser-safe.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import {
  parseKibanaRule,
  type KibanaRuleParse,
  type KibanaRuleParseOptions,
} from './kibana_rule_import';

const NEW_TERMS_FIELDS = 'new_terms_fields';
const HISTORY_WINDOW_START = 'history_window_start';

export const NO_RULE_TABLE = 'the file has no [rule] table';
export const NEW_TERMS_BLOCK_MISSING =
  'rule.new_terms: a new_terms rule needs a [rule.new_terms] block with field = "new_terms_fields" and its value';
export const newTermsFieldMessage = (field: unknown): string =>
  `rule.new_terms.field: must be "${NEW_TERMS_FIELDS}" (got ${JSON.stringify(field)})`;
export const HISTORY_WINDOW_MISSING =
  'rule.new_terms.history_window_start: needs one [[rule.new_terms.history_window_start]] entry with field = "history_window_start" and its value';
export const historyWindowFieldMessage = (field: unknown): string =>
  `rule.new_terms.history_window_start[0].field: must be "${HISTORY_WINDOW_START}" (got ${JSON.stringify(field)})`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type KibanaJson =
  | { readonly ok: true; readonly rule: Record<string, unknown> }
  | {
      readonly ok: false;
      readonly errors: readonly string[];
    };

/** The `[rule]` table as Kibana's rule JSON; a non-new_terms rule passes through for the caller to name. */
export const kibanaJsonOfToml = (document: Record<string, unknown>): KibanaJson => {
  const rule = document.rule;
  if (!isRecord(rule)) return { ok: false, errors: [NO_RULE_TABLE] };
  if (rule.type !== 'new_terms') return { ok: true, rule };
  const { new_terms: block, ...rest } = rule;
  if (!isRecord(block)) return { ok: false, errors: [NEW_TERMS_BLOCK_MISSING] };
  const errors: string[] = [];
  if (block.field !== NEW_TERMS_FIELDS) errors.push(newTermsFieldMessage(block.field));
  const windows = block.history_window_start;
  const window = Array.isArray(windows) ? (windows[0] as unknown) : undefined;
  if (!isRecord(window)) errors.push(HISTORY_WINDOW_MISSING);
  else if (window.field !== HISTORY_WINDOW_START)
    errors.push(historyWindowFieldMessage(window.field));
  if (errors.length > 0 || !isRecord(window)) return { ok: false, errors };
  return {
    ok: true,
    rule: { ...rest, new_terms_fields: block.value, history_window_start: window.value },
  };
};

/** A TOML syntax error with its position, as smol-toml reports it. */
const tomlSyntaxError = (error: unknown): string =>
  error instanceof TomlError
    ? `TOML syntax error at line ${error.line}, column ${error.column}: ${error.message.split('\n')[0] ?? ''}`
    : String(error);

/**
 * A TOML value as a message shows it: a string as written, anything else as JSON. Not `String`:
 * smol-toml builds tables without a prototype, so `String(table)` throws instead of answering.
 */
const tomlValueText = (value: unknown): string =>
  typeof value === 'string' ? value : String(JSON.stringify(value));

/** One detection-rules TOML file → the rule the engine runs, or every problem with it. */
export const readDetectionRulesToml = (
  text: string,
  options: Omit<KibanaRuleParseOptions, 'mode'>
): KibanaRuleParse => {
  let document: Record<string, unknown>;
  try {
    document = parseToml(text);
  } catch (error) {
    return { ok: false, errors: [tomlSyntaxError(error)] };
  }
  const json = kibanaJsonOfToml(document);
  if (!json.ok) return json;
  if (json.rule.type !== 'new_terms') {
    return {
      ok: false,
      errors: [
        `rule.type: '${tomlValueText(json.rule.type)}' rules are not imported; only new_terms rules are`,
      ],
    };
  }
  return parseKibanaRule(json.rule, { ...options, mode: 'import' });
};
