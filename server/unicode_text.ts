/**
 * A UTF-16 surrogate without its partner: not text. JSON escapes can carry one (`"\ud800"`), and
 * DuckDB's JSON reader refuses it. The request checks refuse such ids; the stores bind such text
 * as U+FFFD, as Elasticsearch's UTF-8 terms hold it.
 */
const LONE_SURROGATE_SOURCE =
  '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const LONE_SURROGATE = new RegExp(LONE_SURROGATE_SOURCE);
const LONE_SURROGATES = new RegExp(LONE_SURROGATE_SOURCE, 'g');
const REPLACEMENT_CHARACTER = '\uFFFD';

export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

/** `text` with each lone surrogate replaced by U+FFFD. */
export const wellFormedText = (text: string): string =>
  text.replace(LONE_SURROGATES, REPLACEMENT_CHARACTER);
