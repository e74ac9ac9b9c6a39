/**
 * Scanning the raw text of a JSON line that JSON.parse accepted: the few primitives the checks
 * that need the text itself (repeated keys, a hit's `_source` span) share.
 */

const QUOTE = '"';
const BACKSLASH = 0x5c;

/** JSON's whitespace: space, tab, line feed, carriage return. */
export const isJsonSpace = (code: number): boolean =>
  code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

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

const STRUCTURAL = new Set(['{', '}', '[', ']', ',', ':']);

/** Index just past the number or literal starting at `start`. */
const scalarEnd = (text: string, start: number): number => {
  let at = start;
  while (
    at < text.length &&
    !isJsonSpace(text.charCodeAt(at)) &&
    !STRUCTURAL.has(text.charAt(at)) &&
    text.charAt(at) !== QUOTE
  )
    at++;
  return at;
};

/**
 * The tokens of a JSON text in order: whole strings (quotes included), the six structural
 * characters, and numbers or literals. Strings are found with indexOf, never a regular expression
 * (V8's backtracking stack overflowed on a 20 MB string).
 */
export function* jsonTokens(text: string): Generator<string> {
  for (let at = 0; at < text.length; ) {
    const char = text.charAt(at);
    if (isJsonSpace(text.charCodeAt(at))) {
      at++;
    } else if (char === QUOTE) {
      const close = closingQuote(text, at);
      const end = close === -1 ? text.length : close + 1;
      yield text.slice(at, end);
      at = end;
    } else if (STRUCTURAL.has(char)) {
      yield char;
      at++;
    } else {
      const end = scalarEnd(text, at);
      yield text.slice(at, end);
      at = end;
    }
  }
}
