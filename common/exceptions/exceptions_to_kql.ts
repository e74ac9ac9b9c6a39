/**
 * Exception items → one KQL query matching exactly the events Kibana's exception filter would
 * exclude, so both stores (which already run KQL) apply exceptions the same way.
 *
 * Kibana builds the filter in x-pack/solutions/security/plugins/lists/server/services/
 * exception_lists/build_exception_filter.ts (`buildExceptionFilter`, `createInnerAndClauses`):
 * - expired items (`expire_time` before the run) are dropped;
 * - items OR together; one item is the AND of its entries;
 * - an item with `os_types` is ANDed with `host.os.type` or `host.os.name.caseless` equal to one
 *   of them (`transformOsType`);
 * - match → match_phrase; match_any → should of match_phrase; exists → exists; wildcard → an
 *   Elasticsearch `wildcard` query; nested → a nested query over the parent path, the sub-entries'
 *   fields relative to it; `excluded` wraps the entry's clause in must_not.
 * The KQL equivalents: `"f":"v"` (KQL compiles a quoted value to match_phrase), `"f":("a" or "b")`,
 * `"f":*`, `"f":a*b`, `"p":{ ... }`, `not (...)`.
 */
import type {
  EntryExists,
  EntryMatch,
  EntryMatchAny,
  EntryMatchWildcard,
  EntryNested,
  ExceptionEntry,
  ExceptionListItem,
  NestedEntryItem,
  OsType,
  RuleExceptionListReference,
} from './exception_schema';
import { itemBelongsTo, VALUE_LIST_UNSUPPORTED_MESSAGE } from './exception_schema';

/** Fields Kibana tests an item's `os_types` against (see `transformOsType`). */
export const OS_TYPE_FIELDS = ['host.os.type', 'host.os.name.caseless'] as const;

export const UNSUPPORTED_MESSAGES = {
  valueList: VALUE_LIST_UNSUPPORTED_MESSAGE,
  noEntries: 'the item has no entries (Kibana would exclude every event)',
  singleCharacterWildcard:
    'wildcard values with "?" (any one character) cannot be written in KQL, which only has "*"',
  edgeWhitespace: 'wildcard values cannot start or end with whitespace: KQL trims unquoted values',
} as const;

/** An item left out of the query, and why. */
export interface UnsupportedException {
  readonly item_id: string;
  readonly list_id: string;
  readonly reason: string;
}

export interface ExceptionsKql {
  /** The events to exclude, or undefined when no item applies (exclude nothing). */
  readonly kql: string | undefined;
  readonly unsupported: readonly UnsupportedException[];
}

class UnsupportedEntryError extends Error {}

// ---------------------------------------------------------------------------------------------
// Escaping

/** Inside quotes the grammar reads `\\`, `\"` and `\t \r \n` escapes; nothing else is special. */
const QUOTED_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\t': '\\t',
  '\r': '\\r',
  '\n': '\\n',
};
const QUOTED_SPECIAL = /[\\"\t\r\n]/g;

/** A string as a quoted KQL literal: parses back to exactly `text`, whatever it holds. */
export function quoteKqlString(text: string): string {
  return `"${text.replace(QUOTED_SPECIAL, (char) => QUOTED_ESCAPES[char] ?? char)}"`;
}

/** Characters special in an unquoted value (grammar `SpecialCharacter`), and the three escapes. */
const UNQUOTED_SPECIAL = /[\\():<>"*{}]/g;
const UNQUOTED_WHITESPACE_ESCAPES: Readonly<Record<string, string>> = {
  '\t': '\\t',
  '\r': '\\r',
  '\n': '\\n',
};
/**
 * Keywords end an unquoted value (` or `, ` and `, `not `); escaping every occurrence of the
 * words keeps them literal without working out which would be read as keywords. The first letter
 * is written as a `\uXXXX` escape because the grammar's own keyword escape fails for `not`:
 * `\not` reads as the escape `\n` (a newline) followed by `ot`.
 */
const KEYWORDS = /or|and|not/gi;
const HEX_RADIX = 16;
const UNICODE_ESCAPE_DIGITS = 4;

const unicodeEscape = (char: string): string =>
  `\\u${char.charCodeAt(0).toString(HEX_RADIX).padStart(UNICODE_ESCAPE_DIGITS, '0')}`;

/** One literal piece of an unquoted value, with nothing in it read as syntax. */
export function escapeUnquotedSegment(text: string): string {
  return text
    .replace(UNQUOTED_SPECIAL, (char) => `\\${char}`)
    .replace(KEYWORDS, (word) => `${unicodeEscape(word.charAt(0))}${word.slice(1)}`)
    .replace(/[\t\r\n]/g, (char) => UNQUOTED_WHITESPACE_ESCAPES[char] ?? char);
}

/**
 * Literal pieces joined by unescaped `*`: KQL's wildcard value. The grammar trims the value's
 * outer ends, so callers must not pass a first segment starting or a last segment ending in
 * whitespace (see `hasEdgeWhitespace`).
 */
export function unquotedWildcard(segments: readonly string[]): string {
  return segments.map(escapeUnquotedSegment).join('*');
}

const LEADING_WHITESPACE = /^\s/;
const TRAILING_WHITESPACE = /\s$/;

export const hasEdgeWhitespace = (segments: readonly string[]): boolean =>
  LEADING_WHITESPACE.test(segments[0] ?? '') || TRAILING_WHITESPACE.test(segments.at(-1) ?? '');

// ---------------------------------------------------------------------------------------------
// Elasticsearch wildcard patterns

const ES_ANY_STRING = '*';
const ES_ANY_CHARACTER = '?';
const ES_ESCAPE = '\\';

/**
 * Splits an Elasticsearch `wildcard` pattern at its unescaped `*`. In that syntax `\` escapes the
 * next character and `?` is any one character, which KQL cannot say.
 */
export function splitEsWildcard(pattern: string): string[] {
  const segments = [''];
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    if (char === ES_ESCAPE && index + 1 < pattern.length) {
      index += 1;
      segments[segments.length - 1] += pattern.charAt(index);
    } else if (char === ES_ANY_STRING) {
      segments.push('');
    } else if (char === ES_ANY_CHARACTER) {
      throw new UnsupportedEntryError(UNSUPPORTED_MESSAGES.singleCharacterWildcard);
    } else {
      segments[segments.length - 1] += char;
    }
  }
  return segments;
}

// ---------------------------------------------------------------------------------------------
// Entries

const field = (name: string): string => quoteKqlString(name);

const applyOperator = (clause: string, operator: 'included' | 'excluded'): string =>
  operator === 'excluded' ? `not (${clause})` : clause;

const matchClause = (entry: EntryMatch): string =>
  applyOperator(`${field(entry.field)}:${quoteKqlString(entry.value)}`, entry.operator);

const matchAnyClause = (entry: EntryMatchAny): string => {
  const values = entry.value.map(quoteKqlString).join(' or ');
  return applyOperator(`${field(entry.field)}:(${values})`, entry.operator);
};

const existsClause = (entry: EntryExists): string =>
  applyOperator(`${field(entry.field)}:*`, entry.operator);

/** A pattern without `*` is an exact term, which the quoted phrase gives on keyword fields. */
function wildcardClause(entry: EntryMatchWildcard): string {
  const segments = splitEsWildcard(entry.value);
  const [single] = segments;
  if (segments.length === 1 && single !== undefined) {
    return matchClause({ ...entry, type: 'match', value: single });
  }
  if (hasEdgeWhitespace(segments)) {
    throw new UnsupportedEntryError(UNSUPPORTED_MESSAGES.edgeWhitespace);
  }
  return applyOperator(`${field(entry.field)}:${unquotedWildcard(segments)}`, entry.operator);
}

function nestedItemClause(entry: NestedEntryItem): string {
  switch (entry.type) {
    case 'match':
      return matchClause(entry);
    case 'match_any':
      return matchAnyClause(entry);
    default:
      return existsClause(entry);
  }
}

/** Sub-entry fields stay relative to the parent, as KQL's `path:{ }` expects. */
const nestedClause = (entry: EntryNested): string =>
  `${field(entry.field)}:{ ${entry.entries.map(nestedItemClause).map(group).join(' and ')} }`;

function entryClause(entry: ExceptionEntry): string {
  switch (entry.type) {
    case 'match':
    case 'match_any':
    case 'exists':
      return nestedItemClause(entry);
    case 'wildcard':
      return wildcardClause(entry);
    case 'nested':
      return nestedClause(entry);
    default:
      throw new UnsupportedEntryError(UNSUPPORTED_MESSAGES.valueList);
  }
}

// ---------------------------------------------------------------------------------------------
// Items

const group = (clause: string): string => `(${clause})`;

const osTypeClause = (osTypes: readonly OsType[]): string =>
  OS_TYPE_FIELDS.map((name) => `${field(name)}:(${osTypes.map(quoteKqlString).join(' or ')})`).join(
    ' or '
  );

/** One item's clause: the AND of its entries (and of its OS condition, when it has one). */
function itemClause(item: ExceptionListItem): string {
  if (item.entries.length === 0) throw new UnsupportedEntryError(UNSUPPORTED_MESSAGES.noEntries);
  const clauses = item.entries.map(entryClause);
  const osTypes = item.os_types ?? [];
  if (osTypes.length > 0) clauses.unshift(osTypeClause(osTypes));
  return clauses.map(group).join(' and ');
}

/** Kibana drops an item once its `expire_time` has passed (`removeExpiredExceptions`). */
export const isExpired = (item: ExceptionListItem, now: Date): boolean =>
  item.expire_time !== undefined && new Date(item.expire_time).getTime() < now.getTime();

export interface ExceptionsToKqlOptions {
  /** The rule run's start; items that expired before it are ignored. */
  readonly now: Date;
}

/**
 * The KQL for a set of exception items: an event matches it exactly when Kibana's exception filter
 * would drop it. Items that cannot be expressed are left out and listed in `unsupported` (Kibana
 * itself evaluates value-list items outside the query).
 */
export function exceptionItemsToKql(
  items: readonly ExceptionListItem[],
  options: ExceptionsToKqlOptions
): ExceptionsKql {
  const clauses: string[] = [];
  const unsupported: UnsupportedException[] = [];
  for (const item of items.filter((candidate) => !isExpired(candidate, options.now))) {
    try {
      clauses.push(itemClause(item));
    } catch (thrown: unknown) {
      if (!(thrown instanceof UnsupportedEntryError)) throw thrown;
      unsupported.push({ item_id: item.item_id, list_id: item.list_id, reason: thrown.message });
    }
  }
  const kql = clauses.length === 0 ? undefined : clauses.map(group).join(' or ');
  return { kql, unsupported };
}

/** The items of the lists a rule references (its `exceptions_list`), in the order given. */
export const itemsForRule = (
  references: ReadonlyArray<Pick<RuleExceptionListReference, 'list_id' | 'namespace_type'>>,
  items: readonly ExceptionListItem[]
): ExceptionListItem[] =>
  items.filter((item) => references.some((reference) => itemBelongsTo(item, reference)));

/** The exclusion query for a rule: its referenced lists' items, as `exceptionItemsToKql`. */
export const ruleExceptionsToKql = (
  references: ReadonlyArray<Pick<RuleExceptionListReference, 'list_id' | 'namespace_type'>>,
  items: readonly ExceptionListItem[],
  options: ExceptionsToKqlOptions
): ExceptionsKql => exceptionItemsToKql(itemsForRule(references, items), options);
