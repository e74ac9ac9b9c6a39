/**
 * The text of a search hit's `_source` exactly as the line wrote it. Re-serialising the parsed
 * object would change what Elasticsearch keeps byte for byte: whole numbers beyond 2^53, number
 * spellings such as 1.0 or 1e2, escapes.
 */

import { closingQuote, isJsonSpace } from './json_text';

const OPEN = new Set(['{', '[']);
const CLOSE = new Set(['}', ']']);
/** What ends a number or literal besides whitespace: `,` `}` `]`. */
const SCALAR_END = new Set([',', '}', ']']);

/** Index just past the string whose opening quote is at `start`. */
const endOfString = (text: string, start: number): number => {
  const close = closingQuote(text, start);
  return close === -1 ? text.length : close + 1;
};

const nextNonSpace = (text: string, from: number): number => {
  let at = from;
  while (at < text.length && isJsonSpace(text.charCodeAt(at))) at++;
  return at;
};

/** Index just past the object or array opening at `start`. */
const endOfContainer = (text: string, start: number): number => {
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    const char = text[at] as string;
    if (char === '"') {
      at = endOfString(text, at) - 1;
    } else if (OPEN.has(char)) {
      depth++;
    } else if (CLOSE.has(char)) {
      depth--;
      if (depth === 0) return at + 1;
    }
  }
  return text.length;
};

/** Index just past a number or literal (true, false, null) starting at `start`. */
const scalarEnd = (text: string, start: number): number => {
  let at = start;
  while (
    at < text.length &&
    !isJsonSpace(text.charCodeAt(at)) &&
    !SCALAR_END.has(text[at] as string)
  )
    at++;
  return at;
};

/** Index just past the value starting at `start`. */
const valueEndAt = (text: string, start: number): number => {
  const first = text[start] as string;
  if (first === '"') return endOfString(text, start);
  return OPEN.has(first) ? endOfContainer(text, start) : scalarEnd(text, start);
};

const keyText = (token: string): string =>
  token.includes('\\') ? (JSON.parse(token) as string) : token.slice(1, -1);

/**
 * The raw text of the top-level `_source` object of a valid JSON object line; undefined when the
 * line has no such key holding an object.
 */
export const rawSourceText = (line: string): string | undefined => {
  let at = nextNonSpace(line, 0);
  if (line[at] !== '{') return undefined;
  at++;
  for (;;) {
    at = nextNonSpace(line, at);
    if (line[at] !== '"') return undefined;
    const keyEnd = endOfString(line, at);
    const key = keyText(line.slice(at, keyEnd));
    const valueStart = nextNonSpace(line, nextNonSpace(line, keyEnd) + 1);
    const valueEnd = valueEndAt(line, valueStart);
    if (key === '_source')
      return line[valueStart] === '{' ? line.slice(valueStart, valueEnd) : undefined;
    at = nextNonSpace(line, valueEnd);
    if (line[at] !== ',') return undefined;
    at++;
  }
};
