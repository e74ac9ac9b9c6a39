/**
 * Turns KQL literals into the comparison each field type needs, the way the query Kibana sends to
 * Elasticsearch would: `term` on keyword, `match`/`match_phrase` on text, `range gte..lte` for an
 * exact date, numeric `match` on numbers, CIDR on ip. Shared by the matcher and the SQL compiler so
 * both backends coerce query values identically.
 *
 * `lenient` mirrors `multi_match`'s `lenient: true` (field-less queries, and fields a query only
 * finds in the document): a value the field type cannot parse simply matches nothing there.
 * Without it, such a value is an error, as Elasticsearch rejects the whole query
 * (query_shard_exception); `field_resolution.ts` `parsesLeniently` decides which applies.
 */
import type { KqlLiteral, KqlValue, KqlWildcard, RangeOperator } from './ast';
import { KqlCompileError } from './kql_compile_error';
import { parseDateMath } from '../es/date_values';
import { ipKey, ipQueryRange } from '../es/ip_values';
import { analyzeText } from '../es/text_analysis';
import { applyNumericPrecision, parseNumericText, valueKindOf } from '../es/value_coercion';

export interface QueryValueOptions {
  /** Kibana's `dateFormatTZ`, sent as the range `time_zone` (security rules use `Zulu`). */
  readonly dateFormatTZ?: string;
  /** What `now` means in date math. */
  readonly now?: Date;
}

export interface ValueContext {
  readonly field: string;
  readonly lenient: boolean;
  /** `multi_match` (field-less `is`) has no time_zone: dates without an offset are UTC. */
  readonly useTimeZone: boolean;
  readonly options: QueryValueOptions;
}

/** What one field's indexed values are compared with for `field:value`. */
export type TermMatch =
  | { readonly kind: 'keyword'; readonly value: string }
  | { readonly kind: 'text'; readonly tokens: readonly string[]; readonly phrase: boolean }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'date'; readonly lower: number; readonly upper: number }
  | { readonly kind: 'ip'; readonly lower: string; readonly upper: string }
  | { readonly kind: 'none' };

/** One side of `field < value`, coerced for the field type. */
export type RangeBound =
  | { readonly kind: 'keyword' | 'text' | 'ip'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'number' | 'date'; readonly value: number }
  | { readonly kind: 'none' };

const NONE = { kind: 'none' } as const;
const INTEGER_TYPES = new Set(['long', 'integer', 'short', 'byte', 'unsigned_long']);

/** The literal's text as Elasticsearch receives it (`true` typed or quoted is the same string). */
export function literalText(literal: KqlLiteral): string | null {
  if (literal.value === null) return null;
  return typeof literal.value === 'boolean' ? String(literal.value) : literal.value;
}

function reject(ctx: ValueContext, message: string): { readonly kind: 'none' } {
  if (ctx.lenient) return NONE;
  throw new KqlCompileError(`${message} (field "${ctx.field}")`);
}

function requireText(literal: KqlLiteral, ctx: ValueContext): string | undefined {
  const text = literalText(literal);
  if (text !== null) return text;
  reject(ctx, 'null is not a searchable value; quote it ("null") to search for the word');
  return undefined;
}

function parseBooleanText(text: string): boolean | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return undefined;
}

function dateOptions(ctx: ValueContext, roundUp: boolean) {
  return {
    roundUp,
    timeZone: ctx.useTimeZone ? ctx.options.dateFormatTZ : undefined,
    now: ctx.options.now,
  };
}

function prepareNumberTerm(text: string, esType: string, ctx: ValueContext): TermMatch {
  const value = parseNumericText(text);
  if (value === undefined) return reject(ctx, `"${text}" is not a number`);
  // A term with a decimal part on an integer type matches nothing (ES returns match_none).
  if (INTEGER_TYPES.has(esType) && !Number.isInteger(value)) return NONE;
  const stored = applyNumericPrecision(value, esType);
  return Number.isNaN(stored) ? NONE : { kind: 'number', value: stored };
}

/** The comparison for `field:literal` on a field of type `esType`. */
export function prepareTerm(literal: KqlLiteral, esType: string, ctx: ValueContext): TermMatch {
  const text = requireText(literal, ctx);
  if (text === undefined) return NONE;
  switch (valueKindOf(esType)) {
    case 'keyword':
      return { kind: 'keyword', value: text };
    case 'text': {
      const tokens = analyzeText(text);
      // A query that analyzes to no tokens matches nothing (match's zero_terms_query: none).
      return tokens.length === 0 ? NONE : { kind: 'text', tokens, phrase: literal.quoted };
    }
    case 'boolean': {
      const value = parseBooleanText(text);
      return value === undefined
        ? reject(ctx, `"${text}" is not a boolean (true or false)`)
        : { kind: 'boolean', value };
    }
    case 'number':
      return prepareNumberTerm(text, esType, ctx);
    case 'date': {
      const lower = parseDateMath(text, dateOptions(ctx, false));
      const upper = parseDateMath(text, dateOptions(ctx, true));
      if (lower === undefined || upper === undefined) return reject(ctx, `"${text}" is not a date`);
      return { kind: 'date', lower, upper };
    }
    case 'ip': {
      const range = ipQueryRange(text);
      return range
        ? { kind: 'ip', ...range }
        : reject(ctx, `"${text}" is not an IP address or CIDR block`);
    }
    default:
      return reject(ctx, `fields of type ${esType} cannot be searched`);
  }
}

/** Whether an operator's bound is rounded up when it is a date (`gt` and `lte`, as ES does). */
export function roundsUp(operator: RangeOperator): boolean {
  return operator === 'gt' || operator === 'lte';
}

/** The bound of `field <op> literal` on a field of type `esType`. */
export function prepareRangeBound(
  literal: KqlLiteral,
  operator: RangeOperator,
  esType: string,
  ctx: ValueContext
): RangeBound {
  const text = requireText(literal, ctx);
  if (text === undefined) return NONE;
  const kind = valueKindOf(esType);
  switch (kind) {
    case 'keyword':
    case 'text':
      return { kind, value: text };
    case 'boolean': {
      const value = parseBooleanText(text);
      return value === undefined
        ? reject(ctx, `"${text}" is not a boolean (true or false)`)
        : { kind, value };
    }
    case 'number': {
      const value = parseNumericText(text);
      if (value === undefined) return reject(ctx, `"${text}" is not a number`);
      // Integer types compare exactly against the double; float types round the bound like values.
      const bound = INTEGER_TYPES.has(esType) ? value : applyNumericPrecision(value, esType);
      return Number.isNaN(bound) ? NONE : { kind, value: bound };
    }
    case 'date': {
      const value = parseDateMath(text, dateOptions(ctx, roundsUp(operator)));
      return value === undefined ? reject(ctx, `"${text}" is not a date`) : { kind, value };
    }
    case 'ip': {
      const key = ipKey(text);
      return key === undefined
        ? reject(ctx, `"${text}" is not an IP address`)
        : { kind, value: key };
    }
    default:
      return reject(ctx, `fields of type ${esType} cannot be searched with a range`);
  }
}

/** Whether a wildcard value can apply to a type: only string-like fields support patterns. */
export function supportsWildcard(esType: string): boolean {
  const kind = valueKindOf(esType);
  return kind === 'keyword' || kind === 'text';
}

/** Rejects a wildcard on a type that cannot take one (ES: query_string on a numeric field fails). */
export function checkWildcardType(esType: string, ctx: ValueContext): boolean {
  if (supportsWildcard(esType)) return true;
  reject(ctx, `wildcards cannot be used on fields of type ${esType}`);
  return false;
}

/** A compiled wildcard value: `test` says whether a whole string matches it. */
export interface WildcardPattern {
  test(text: string): boolean;
}

/**
 * A wildcard value as an anchored pattern; segments are literal. Text fields match lowercased
 * tokens. Matched greedily, segment by segment, in linear time: a backtracking RegExp
 * (`^a.*a.*…b$`) is exponential in the number of `*` and overflows V8's regexp compiler on long
 * patterns, while Elasticsearch runs wildcards as automata.
 */
export function wildcardPattern(wildcard: KqlWildcard, lowercase: boolean): WildcardPattern {
  const segments = wildcard.segments.map((segment) =>
    lowercase ? segment.toLowerCase() : segment
  );
  return { test: (text) => matchesSegments(text, segments) };
}

/** `*` between each pair of segments: prefix and suffix anchored, middles at their first fit. */
function matchesSegments(text: string, segments: readonly string[]): boolean {
  const first = segments[0] ?? '';
  if (segments.length < 2) return text === first;
  const last = segments[segments.length - 1] ?? '';
  const end = text.length - last.length;
  if (end < first.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  if (splitsSurrogatePair(text, first.length) || splitsSurrogatePair(text, end)) return false;
  let position = first.length;
  for (const middle of segments.slice(1, -1)) {
    const found = firstFit(text, middle, position);
    if (found === -1 || found + middle.length > end) return false;
    position = found + middle.length;
  }
  return true;
}

/** First occurrence of `part` from `from` whose ends fall between code points (`*` is code points). */
function firstFit(text: string, part: string, from: number): number {
  let found = text.indexOf(part, from);
  while (
    found !== -1 &&
    (splitsSurrogatePair(text, found) || splitsSurrogatePair(text, found + part.length))
  ) {
    found = text.indexOf(part, found + 1);
  }
  return found;
}

function splitsSurrogatePair(text: string, index: number): boolean {
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** `*` alone, Kibana's test: `field:*` is an `exists`, `*:*` a `match_all` (not `**`). */
export function isLoneWildcard(value: KqlValue): boolean {
  return (
    value.kind === 'wildcard' &&
    value.segments.length === 2 &&
    value.segments.every((segment) => segment === '')
  );
}

/** `true` when the wildcard is `*` alone (matches any indexed value: an `exists`). */
export function isMatchAnyWildcard(wildcard: KqlWildcard): boolean {
  return wildcard.segments.every((segment) => segment === '');
}

/** Compares strings by Unicode code point (the order of Lucene's UTF-8 terms and DuckDB VARCHAR). */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
