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
const QUOTE_CODE = 0x22;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

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

/** Keys JSON.parse kept, at any depth: an explicit stack, as a line may nest far deeper than the call stack. */
const parsedKeyCount = (value: unknown): number => {
  let keys = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) pending.push(item);
      continue;
    }
    const object = node as Record<string, unknown>;
    // JSON.parse makes plain objects: for…in sees exactly their own keys.
    for (const key in object) {
      keys += 1;
      pending.push(object[key]);
    }
  }
  return keys;
};

const keyName = (token: string): string => JSON.parse(token) as string;

/**
 * The first key repeated within one object of `text`, walking its structure. Strings are skipped
 * with indexOf: a regular expression over a 20 MB string overflowed V8's backtracking stack.
 */
const firstRepeatedKey = (text: string): string | undefined => {
  // One entry per open object or array; arrays hold no keys (undefined).
  const open: Array<Set<string> | undefined> = [];
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === OPEN_OBJECT) open.push(new Set());
    else if (code === OPEN_ARRAY) open.push(undefined);
    else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) open.pop();
    else if (code === QUOTE_CODE) {
      const close = closingQuote(text, at);
      if (close === -1) return undefined;
      let next = close + 1;
      while (isJsonSpace(text.charCodeAt(next))) next += 1;
      if (text.charCodeAt(next) === COLON) {
        const keys = open[open.length - 1];
        const name = keyName(text.slice(at, close + 1));
        if (keys?.has(name)) return name;
        keys?.add(name);
      }
      at = close;
    }
  }
  return undefined;
};

/**
 * The key `text` repeats within one object, if any. `parsed` is JSON.parse(text): the line is
 * valid JSON, so every quote outside a string opens one and both walks stay aligned. `rawKeys`:
 * the line's key tokens when a walk of the text has counted them already (line_structure.ts).
 */
export const duplicateKey = (
  text: string,
  parsed: unknown,
  rawKeys = rawKeyCount(text)
): string | undefined => (rawKeys === parsedKeyCount(parsed) ? undefined : firstRepeatedKey(text));
