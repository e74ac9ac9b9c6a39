/**
 * Exception entries as `ctd exceptions add --entry` takes them, one short text each:
 *
 *   field=value          match, included         field!=value          match, excluded
 *   field=~pattern       wildcard, included      field!=~pattern       wildcard, excluded
 *   field:exists         exists, included        field:!exists         exists, excluded
 *   field in [json]      match_any, included     field not in [json]   match_any, excluded
 *
 * The text is split at the first operator from the left (field names hold no `=`, `!`, `~` or
 * spaces); the value is the rest, verbatim, so it may hold `=`, `:`, spaces and commas. The item
 * built from the entries is checked with Kibana's schema for an exception added to a rule
 * (`newRuleExceptionItem`), and a failure names the `--entry` (or other option) it comes from.
 */
import type { z } from 'zod';
import {
  newRuleExceptionItem,
  type NewRuleExceptionItem,
} from '../common/exceptions/new_rule_exception_item';
import type { EntryOperator } from '../common/exceptions/exception_schema';
import { CliError } from './cli_error';
import { errorMessage } from '../common/error_message';

export const ENTRY_FORMS =
  'write field=value, field!=value, field=~pattern, field!=~pattern, field:exists, field:!exists, field in [json], field not in [json]';

/** An entry as written, not yet checked against Kibana's schema (a value may be empty, a list not strings). */
export interface EntryCandidate {
  readonly type: 'match' | 'wildcard' | 'exists' | 'match_any';
  readonly field: string;
  readonly operator: EntryOperator;
  readonly value?: unknown;
}

const entryError = (text: string, message: string): CliError =>
  new CliError(`--entry ${JSON.stringify(text)}: ${message}`);

/** Value operators, longest first so `!=~` is not read as `!=` with a value starting with `~`. */
const VALUE_OPERATORS: ReadonlyArray<{
  readonly token: string;
  readonly type: 'match' | 'wildcard';
  readonly operator: EntryOperator;
}> = [
  { token: '!=~', type: 'wildcard', operator: 'excluded' },
  { token: '!=', type: 'match', operator: 'excluded' },
  { token: '=~', type: 'wildcard', operator: 'included' },
  { token: '=', type: 'match', operator: 'included' },
];

const EXISTS_SUFFIXES: Readonly<Record<string, EntryOperator>> = {
  ':exists': 'included',
  ':!exists': 'excluded',
};

const LIST_OPERATOR = /^\s+(not\s+)?in\s+/;

const listValue = (text: string, json: string): unknown => {
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw entryError(
      text,
      `the list after "in" is not JSON (${errorMessage(error)}); write e.g. ["nc","ncat"]`
    );
  }
};

/**
 * The entry one `--entry` text describes; a CliError naming the text when it has none of the
 * forms or its `in` list is not JSON.
 */
export const entryFromText = (text: string): EntryCandidate => {
  for (let at = 0; at < text.length; at++) {
    const rest = text.slice(at);
    const field = text.slice(0, at);
    const valueOperator = VALUE_OPERATORS.find(({ token }) => rest.startsWith(token));
    if (valueOperator !== undefined)
      return {
        type: valueOperator.type,
        field,
        operator: valueOperator.operator,
        value: rest.slice(valueOperator.token.length),
      };
    const existsOperator = EXISTS_SUFFIXES[rest];
    if (existsOperator !== undefined) return { type: 'exists', field, operator: existsOperator };
    const list = LIST_OPERATOR.exec(rest);
    if (list !== null)
      return {
        type: 'match_any',
        field,
        operator: list[1] === undefined ? 'included' : 'excluded',
        value: listValue(text, rest.slice(list[0].length)),
      };
    // A field name ends at the first of these; none of the forms matched there.
    if (/[=!~\s]/.test(rest.charAt(0))) break;
  }
  throw entryError(text, ENTRY_FORMS);
};

/** What `ctd exceptions add` was given, as written on the command line. */
export interface ExceptionItemText {
  readonly ruleId: string;
  readonly entries: readonly string[];
  readonly name?: string;
  readonly description?: string;
  readonly comment?: string;
  readonly expire?: string;
  readonly itemId?: string;
}

/** Where each field of the item comes from, for messages. */
const OPTION_OF: Readonly<Record<string, string>> = {
  item_id: '--item-id',
  name: '--name',
  description: '--description',
  expire_time: '--expire',
  comments: '--comment',
};

const pathText = (path: readonly PropertyKey[]): string => path.map(String).join('.');

const issueMessage = (
  input: ExceptionItemText,
  given: Readonly<Record<string, unknown>>,
  issue: z.core.$ZodIssue
): string => {
  const [key, index, ...inside] = issue.path;
  if (key === 'entries' && typeof index === 'number') {
    const where = pathText(inside);
    return `--entry ${JSON.stringify(input.entries[index])}: ${where === '' ? '' : `${where}: `}${issue.message}`;
  }
  if (key === 'entries') return `--entry: ${issue.message}`;
  const option = typeof key === 'string' ? OPTION_OF[key] : undefined;
  if (option === undefined) return `${pathText(issue.path)}: ${issue.message}`;
  const value = key === 'comments' ? input.comment : given[key as string];
  const hint = key === 'expire_time' ? ` (write UTC with a Z, e.g. 2030-01-01T00:00:00Z)` : '';
  return `${option} ${JSON.stringify(value)}: ${issue.message}${hint}`;
};

/**
 * The exception item to add to a rule: `Exception for <rule_id>` unless named, checked with
 * Kibana's schema; a CliError with one line per problem, each naming its option (entries whose
 * form is not understood are reported first, all of them).
 */
export const ruleExceptionItemFromText = (input: ExceptionItemText): NewRuleExceptionItem => {
  const unreadable: string[] = [];
  const entries = input.entries.map((text) => {
    try {
      return entryFromText(text);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      unreadable.push(error.message);
      return undefined;
    }
  });
  if (unreadable.length > 0) throw new CliError(unreadable.join('\n'));
  const given: Record<string, unknown> = {
    type: 'simple',
    name: input.name ?? `Exception for ${input.ruleId}`,
    description: input.description ?? '',
    entries,
    ...(input.itemId === undefined ? {} : { item_id: input.itemId }),
    ...(input.comment === undefined ? {} : { comments: [{ comment: input.comment }] }),
    ...(input.expire === undefined ? {} : { expire_time: input.expire }),
  };
  const parsed = newRuleExceptionItem.safeParse(given);
  if (parsed.success) return parsed.data;
  const messages = [
    ...new Set(parsed.error.issues.map((issue) => issueMessage(input, given, issue))),
  ];
  throw new CliError(messages.join('\n'));
};
