/**
 * Scanning the raw text of a JSON line that JSON.parse accepted: the few primitives the checks
 * that need the text itself (repeated keys, a hit's `_source` span) share.
 */

const QUOTE = '"';
const BACKSLASH = 0x5c;

/** JSON's whitespace: space, tab, line feed, carriage return. */
export const isJsonSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/** A quote is escaped when an odd number of backslashes precede it. */
const isEscaped = (text: string, quote: number): boolean => {
  let backslashes = 0;
  for (let at = quote - 1; text.charCodeAt(at) === BACKSLASH; at -= 1) backslashes += 1;
  return backslashes % 2 === 1;
};

/** Where the string opened at `open` closes (-1 when it does not). */
export const closingQuote = (text: string, open: number): number => {
  let close = text.indexOf(QUOTE, open + 1);
  while (close !== -1 && isEscaped(text, close)) close = text.indexOf(QUOTE, close + 1);
  return close;
};
