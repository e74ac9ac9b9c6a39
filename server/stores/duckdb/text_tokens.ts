/**
 * The cells of a text field's token column (see schema.ts): one `encodeAnalyzedText` sequence per
 * indexed value, the layout server/stores/duckdb/kql_to_sql.ts reads for `match`, phrases, wildcards and ranges.
 *
 * Ingest tokenizes every value of every text field and multi-field (`process.name.text`,
 * `user.name.text`, …), and those values repeat heavily across events (executables, user and host
 * names), so short values are memoised: the tokenizer classifies each character with several
 * Unicode regexps and would otherwise dominate the cost of a process event.
 */
import { encodeAnalyzedText } from '../../../common/es/text_analysis';
import type { IndexedValue } from '../../../common/es/value_coercion';

/** Values longer than this (command lines, messages) rarely repeat: not worth a cache entry. */
const CACHED_MAX_LENGTH = 256;
/** Bounds the memo's memory (at most ~this many short strings and their encodings). */
const CACHE_LIMIT = 20_000;

const cache = new Map<string, string>();

/** `encodeAnalyzedText(value)`, memoised for short values. */
export const tokenSequence = (value: string): string => {
  if (value.length > CACHED_MAX_LENGTH) return encodeAnalyzedText(value);
  const cached = cache.get(value);
  if (cached !== undefined) return cached;
  const encoded = encodeAnalyzedText(value);
  // Dropping everything is crude but cheap, and a working set this large is rare.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, encoded);
  return encoded;
};

/** One token sequence per value (text fields index strings only; anything else has no tokens). */
export const tokenSequences = (values: readonly IndexedValue[]): string[] => {
  const sequences: string[] = [];
  for (const value of values) if (typeof value === 'string') sequences.push(tokenSequence(value));
  return sequences;
};
