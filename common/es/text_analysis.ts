/**
 * An approximation of Elasticsearch's `standard` analyzer (Lucene StandardTokenizer, which follows
 * the Unicode UAX #29 word-break rules, then lowercasing), used for `match`/`match_phrase` on
 * `text` and `match_only_text` fields.
 *
 * What is modelled: words are runs of letters, digits, combining marks and connector punctuation
 * (`_`); `.` `'` `’` `:` (and the other UAX #29 MidLetter/MidNumLet characters) do not break
 * between two letters, `.` `,` `;` `'` do not break between two digits (`don't`, `foo.bar`,
 * `3.14`, `1,000` stay one token); Han ideographs and Hiragana become one token per character;
 * tokens longer than 255 characters are split (`max_token_length`); tokens are lowercased per code
 * point as Java does. What is not: emoji tokens (dropped here), dictionary segmentation of
 * Thai/Lao/Khmer/Myanmar, Katakana/Hebrew-specific rules, Unicode-version differences.
 */

/** Lucene's default `max_token_length` for the standard tokenizer. */
export const MAX_TOKEN_LENGTH = 255;

/**
 * Separates tokens in the encoded token sequences the embedded store keeps for text fields. It is
 * a control character, which the tokenizer never puts inside a token.
 */
export const TOKEN_SEPARATOR = '\u0001';

const LETTER = /^[\p{L}\p{M}]$/u;
const DIGIT = /^\p{Nd}$/u;
const CONNECTOR = /^\p{Pc}$/u;
const FORMAT = /^\p{Cf}$/u;
const SINGLE_CHAR_WORD = /^[\p{Script=Han}\p{Script=Hiragana}]$/u;
const MID_LETTER = new Set([
  ':',
  '\u00b7',
  '\u0387',
  '\u05f4',
  '\u2027',
  '\ufe13',
  '\ufe55',
  '\uff1a',
]);
const MID_NUM_LET = new Set(['.', "'", '\u2018', '\u2019', '\u2024', '\ufe52', '\uff07', '\uff0e']);
const MID_NUM = new Set([
  ',',
  ';',
  '\u037e',
  '\u0589',
  '\u060c',
  '\u060d',
  '\u066c',
  '\u07f8',
  '\u2044',
  '\ufe10',
  '\ufe14',
  '\ufe50',
  '\ufe54',
  '\uff0c',
  '\uff1b',
]);

type CharClass = 'letter' | 'digit' | 'connector' | 'single' | 'format' | 'other';

function classify(ch: string): CharClass {
  if (SINGLE_CHAR_WORD.test(ch)) return 'single';
  if (LETTER.test(ch)) return 'letter';
  if (DIGIT.test(ch)) return 'digit';
  if (CONNECTOR.test(ch)) return 'connector';
  if (FORMAT.test(ch)) return 'format';
  return 'other';
}

function isWordClass(cls: CharClass): boolean {
  return cls === 'letter' || cls === 'digit' || cls === 'connector';
}

/** UAX #29 WB6/7 and WB11/12: a single mid character between letters (or digits) does not break. */
function joinsAcross(mid: string, before: CharClass, after: CharClass): boolean {
  if (before === 'letter' && after === 'letter') return MID_LETTER.has(mid) || MID_NUM_LET.has(mid);
  if (before === 'digit' && after === 'digit') return MID_NUM.has(mid) || MID_NUM_LET.has(mid);
  return false;
}

function splitLongToken(token: string, out: string[]): void {
  for (let start = 0; start < token.length; start += MAX_TOKEN_LENGTH) {
    out.push(token.slice(start, start + MAX_TOKEN_LENGTH));
  }
}

/**
 * Lowercases one code point at a time, like Java's `Character.toLowerCase` in Lucene's
 * LowerCaseFilter: no context rules (final sigma stays σ), one code point in, one out (İ → i).
 */
function lowercaseLikeLucene(word: string): string {
  return Array.from(word, (ch) => Array.from(ch.toLowerCase())[0] ?? ch).join('');
}

function emit(word: string, out: string[]): void {
  // A run of connectors alone (e.g. `___`) is not a word.
  if (!/[\p{L}\p{Nd}]/u.test(word)) return;
  splitLongToken(lowercaseLikeLucene(word), out);
}

/** Tokenizes `text` like the standard analyzer (see the module comment for the approximation). */
export function analyzeText(text: string): string[] {
  const chars = Array.from(text);
  const classes = chars.map(classify);
  const tokens: string[] = [];
  let current = '';
  let lastWordClass: CharClass = 'other';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const cls = classes[i] ?? 'other';
    if (cls === 'format') continue; // WB4: format characters are ignored, they neither join nor break
    if (cls === 'single') {
      emit(current, tokens);
      current = '';
      emit(ch, tokens);
      lastWordClass = 'other';
      continue;
    }
    if (isWordClass(cls)) {
      current += ch;
      lastWordClass = cls;
      continue;
    }
    const next = classes[i + 1] ?? 'other';
    if (current !== '' && joinsAcross(ch, lastWordClass, next)) {
      current += ch;
      continue;
    }
    emit(current, tokens);
    current = '';
    lastWordClass = 'other';
  }
  emit(current, tokens);
  return tokens;
}

/**
 * One analyzed value as a single string, `\u0001tok1\u0001tok2\u0001`: a phrase is then a
 * substring test (`\u0001a\u0001b\u0001`), a single token too. The embedded store keeps one of
 * these per value of a text field (see `server/stores/duckdb/kql_to_sql.ts`).
 */
export function encodeTokenSequence(tokens: readonly string[]): string {
  return TOKEN_SEPARATOR + tokens.map((token) => token + TOKEN_SEPARATOR).join('');
}

/** `encodeTokenSequence(analyzeText(text))`. */
export function encodeAnalyzedText(text: string): string {
  return encodeTokenSequence(analyzeText(text));
}
