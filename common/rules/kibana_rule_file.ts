/**
 * Reads rules in Kibana's formats: one rule object, a JSON array of them, or NDJSON as Kibana's
 * rule export writes it (rules, then exception lists and their items, action connectors, and an
 * export summary line). Lines are told apart as Kibana's import does
 * (`create_rules_stream_from_ndjson.ts`): `exported_count` is the summary, `list_id` / `item_id` /
 * `entries` an exception list or item, `attributes` an action connector, anything else a rule.
 * Every new_terms rule is validated (kibana_rule_import.ts); everything else is skipped with a
 * note saying what it was. Browser-safe.
 */
import { toEntry as exceptionEntryOf, type ExceptionFileEntry } from '../exceptions/exception_file';
import {
  parseKibanaRule,
  type ImportedRule,
  type KibanaRuleParseOptions,
} from './kibana_rule_import';
import { errorMessage } from '../error_message';

export type RuleFileEntry =
  | { readonly kind: 'rule'; readonly line: number; readonly rule: ImportedRule }
  | { readonly kind: 'skipped'; readonly line: number; readonly note: string }
  | {
      readonly kind: 'invalid';
      readonly line: number;
      readonly ruleId: string | undefined;
      readonly errors: readonly string[];
    };

export const EXPORT_SUMMARY_NOTE = 'the export summary line';
export const EXCEPTION_LIST_NOTE = 'an exception list';
export const EXCEPTION_ITEM_NOTE = 'an exception list item';
export const ACTION_CONNECTOR_NOTE = 'an action connector: actions run only inside Kibana';
export const otherRuleTypeNote = (type: string, ruleId: string | undefined): string =>
  `a ${type} rule${ruleId === undefined ? '' : ` (rule_id ${ruleId})`}: only new_terms rules are imported`;
/** Kibana's import message for a rule_id already installed (409 without `overwrite`). */
export const RULE_ID_EXISTS = 'Rule with this rule_id already exists';
/** Kibana's import message for a rule_id given twice; the last occurrence is the one imported. */
export const duplicateRuleIdMessage = (ruleId: string): string =>
  `More than one rule with rule-id: "${ruleId}" found`;
export const NOT_AN_OBJECT = 'Invalid input: expected object';

type RawLine =
  | { readonly line: number; readonly value: unknown }
  | {
      readonly line: number;
      readonly parseError: string;
    };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The whole text as one JSON value, or undefined when it is not one. */
const wholeDocument = (trimmed: string): { readonly value: unknown } | undefined => {
  try {
    return { value: JSON.parse(trimmed) as unknown };
  } catch {
    return undefined;
  }
};

/** The line a document's first character is on: blank lines before it still count as lines. */
const firstContentLine = (body: string): number =>
  body.slice(0, body.length - body.trimStart().length).split('\n').length;

/** NDJSON: each non-blank line on its own, numbered as the file's lines are. */
const ndjsonLines = (body: string): RawLine[] => {
  const lines: RawLine[] = [];
  body.split(/\r?\n/).forEach((lineText, i) => {
    // `trim` as Kibana's `parseNdjsonStrings` uses it: a line of only Unicode spaces is blank too.
    if (lineText.trim().length === 0) return;
    try {
      const value: unknown = JSON.parse(lineText);
      lines.push({ line: i + 1, value });
    } catch (error) {
      lines.push({ line: i + 1, parseError: errorMessage(error) });
    }
  });
  return lines;
};

/**
 * The file's values with their line numbers (an array's elements are numbered from 1). A text that
 * does not parse as one array or object is NDJSON, even when its first line opens with `[`: a line
 * holding an array, or a broken one, must not hide the lines after it.
 */
const rawLines = (text: string): RawLine[] => {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trim();
  const whole =
    trimmed.startsWith('[') || trimmed.startsWith('{') ? wholeDocument(trimmed) : undefined;
  if (whole === undefined) return ndjsonLines(body);
  if (!Array.isArray(whole.value)) return [{ line: firstContentLine(body), value: whole.value }];
  const items: readonly unknown[] = whole.value;
  return items.map((value, i) => ({ line: i + 1, value }));
};

const stringField = (value: Record<string, unknown>, key: string): string | undefined =>
  typeof value[key] === 'string' ? value[key] : undefined;

/** What a line that is not a new_terms rule holds, or undefined for a new_terms rule. */
const skipNote = (value: Record<string, unknown>): string | undefined => {
  if ('exported_count' in value) return EXPORT_SUMMARY_NOTE;
  if ('item_id' in value || 'entries' in value) return EXCEPTION_ITEM_NOTE;
  if ('list_id' in value) return EXCEPTION_LIST_NOTE;
  if ('attributes' in value) return ACTION_CONNECTOR_NOTE;
  const type = stringField(value, 'type');
  if (type !== undefined && type !== 'new_terms')
    return otherRuleTypeNote(type, stringField(value, 'rule_id'));
  return undefined;
};

const entryOf = (raw: RawLine, options: KibanaRuleParseOptions): RuleFileEntry => {
  if ('parseError' in raw)
    return { kind: 'invalid', line: raw.line, ruleId: undefined, errors: [raw.parseError] };
  if (!isRecord(raw.value))
    return { kind: 'invalid', line: raw.line, ruleId: undefined, errors: [NOT_AN_OBJECT] };
  const note = skipNote(raw.value);
  if (note !== undefined) return { kind: 'skipped', line: raw.line, note };
  const parsed = parseKibanaRule(raw.value, options);
  return parsed.ok
    ? { kind: 'rule', line: raw.line, rule: parsed.rule }
    : {
        kind: 'invalid',
        line: raw.line,
        ruleId: stringField(raw.value, 'rule_id'),
        errors: parsed.errors,
      };
};

/**
 * The exception lists and items a rule file carries beside its rules (a Kibana export holds the
 * lists its rules name), each with the line the rule entries give it; an invalid one says why.
 */
export const readRuleFileExceptions = (text: string): ExceptionFileEntry[] =>
  exceptionsOfLines(rawLines(text));

/** The same for rule objects already parsed (an import request's `rules`), numbered from 1. */
export const readRuleObjectExceptions = (values: readonly unknown[]): ExceptionFileEntry[] =>
  exceptionsOfLines(values.map((value, i) => ({ line: i + 1, value })));

const exceptionsOfLines = (lines: readonly RawLine[]): ExceptionFileEntry[] =>
  lines.flatMap((raw) => {
    if ('parseError' in raw || !isRecord(raw.value)) return [];
    const note = skipNote(raw.value);
    return note === EXCEPTION_LIST_NOTE || note === EXCEPTION_ITEM_NOTE
      ? [exceptionEntryOf(raw.line, raw.value)]
      : [];
  });

/** A rule_id given more than once: every occurrence but the last is an error, as Kibana's import reports it. */
const withoutEarlierDuplicates = (entries: readonly RuleFileEntry[]): RuleFileEntry[] => {
  const lastLine = new Map<string, number>();
  for (const entry of entries)
    if (entry.kind === 'rule') lastLine.set(entry.rule.definition.rule_id, entry.line);
  return entries.map((entry) => {
    if (entry.kind !== 'rule') return entry;
    const ruleId = entry.rule.definition.rule_id;
    return lastLine.get(ruleId) === entry.line
      ? entry
      : { kind: 'invalid', line: entry.line, ruleId, errors: [duplicateRuleIdMessage(ruleId)] };
  });
};

/** Rule objects already parsed (an API request's array), numbered from 1, read as a file's lines are. */
export const readKibanaRuleObjects = (
  values: readonly unknown[],
  options: Omit<KibanaRuleParseOptions, 'mode'>
): RuleFileEntry[] =>
  withoutEarlierDuplicates(
    values.map((value, i) => entryOf({ line: i + 1, value }, { ...options, mode: 'import' }))
  );

/** Every line of a Kibana rule file, in file order: a rule, a skipped line with its note, or an invalid one with its errors. */
export const readKibanaRuleFile = (
  text: string,
  options: Omit<KibanaRuleParseOptions, 'mode'>
): RuleFileEntry[] =>
  withoutEarlierDuplicates(
    rawLines(text).map((raw) => entryOf(raw, { ...options, mode: 'import' }))
  );
