/**
 * Duplicate object keys in a raw JSON line. JSON.parse keeps the last value of a repeated key;
 * Elasticsearch refuses the document ("Duplicate field"), so the embedded store must too.
 *
 * The common case costs one pass from quote to quote: the line's key tokens are counted and
 * compared with the keys JSON.parse kept (~10 µs for a Defend event, under JSON.parse's own time).
 * Only when they differ is the line walked to name the repeated key.
 */

import { closingQuote, isJsonSpace } from './json_text';

const QUOTE = '"';
const COLON = 0x3a;

/** Every string token in order (strings never overlap) with the colon that makes it a key, and brackets. */
const STRUCTURE_TOKEN = /"(?:[^"\\]|\\.)*"(\s*:)?|[{}[\]]/g;

/** String tokens followed by a colon, found quote to quote with indexOf (a regex pass costs 2× JSON.parse). */
const rawKeyCount = (text: string): number => {
  let keys = 0;
  for (let open = text.indexOf(QUOTE); open !== -1; ) {
    const close = closingQuote(text, open);
    if (close === -1) break;
    let next = close + 1;
    while (isJsonSpace(text.charCodeAt(next))) next += 1;
    if (text.charCodeAt(next) === COLON) keys += 1;
    open = text.indexOf(QUOTE, next);
  }
  return keys;
};

const parsedKeyCount = (value: unknown): number => {
  if (value === null || typeof value !== 'object') return 0;
  let keys = 0;
  if (Array.isArray(value)) {
    for (const item of value) keys += parsedKeyCount(item);
    return keys;
  }
  const object = value as Record<string, unknown>;
  // JSON.parse makes plain objects: for…in sees exactly their own keys.
  for (const key in object) keys += 1 + parsedKeyCount(object[key]);
  return keys;
};

const keyName = (token: string): string => {
  const end = token.lastIndexOf('"');
  return JSON.parse(token.slice(0, end + 1)) as string;
};

/** The first key repeated within one object of `text`, walking its structure. */
const firstRepeatedKey = (text: string): string | undefined => {
  // One entry per open object or array; arrays hold no keys (undefined).
  const open: Array<Set<string> | undefined> = [];
  for (const [token, colon] of text.matchAll(STRUCTURE_TOKEN)) {
    if (token === '{') open.push(new Set());
    else if (token === '[') open.push(undefined);
    else if (token === '}' || token === ']') open.pop();
    else if (colon !== undefined) {
      const keys = open[open.length - 1];
      const name = keyName(token);
      if (keys?.has(name)) return name;
      keys?.add(name);
    }
  }
  return undefined;
};

/**
 * The key `text` repeats within one object, if any. `parsed` is JSON.parse(text): the line is
 * valid JSON, so every quote outside a string opens one and both walks stay aligned.
 */
export const duplicateKey = (text: string, parsed: unknown): string | undefined =>
  rawKeyCount(text) === parsedKeyCount(parsed) ? undefined : firstRepeatedKey(text);
