/**
 * fast-check arbitraries for the reliability tests (bad input):
 * - raw query text: any string, and strings built from KQL's own tokens, for "never throws";
 * - valid KQL over a small ECS field set, with documents whose values the queries aim at, for the
 *   differential properties (matcher vs SQL vs DSL);
 * - hostile values (quotes, backslashes, `;`, `--`, NUL, newlines) for the injection properties;
 * - NDJSON lines, good and bad, for the ingest properties.
 * Values come from small pools on purpose: random strings would almost never hit a document.
 */
import fc from 'fast-check';

// ---------------------------------------------------------------------------------------------
// Raw query text

/** KQL's syntax characters, keywords in several cases, and the whitespace the grammar knows. */
export const KQL_TOKENS: readonly string[] = [
  ':',
  '(',
  ')',
  '"',
  '\\',
  '*',
  '<=',
  '>=',
  '<',
  '>',
  '{',
  '}',
  'and',
  'or',
  'not',
  'AND',
  'Or',
  'NOT',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\u0000',
  '\u00a0',
  'a',
  'f',
  'x.y',
  'process.name',
  '1',
  '-2.5',
  'true',
  'null',
  'now-1d',
  '\\u0041',
  '\\u',
  '\\n',
  '\\:',
  '\\*',
  '\\"',
  '"a b"',
  '*:*',
];

/** One UTF-16 code unit, lone surrogates included: JS strings can hold them, fc's units cannot. */
const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Strings glued together from KQL tokens and short random bits: mostly near-valid queries. */
export const kqlTokenSoup = (maxTokens = 40): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...KQL_TOKENS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 2 }) }
      ),
      {
        maxLength: maxTokens,
      }
    )
    .map((parts) => parts.join(''));

/** Any text at all: ASCII, graphemes, any code point, raw UTF-16 (lone surrogates), token soup. */
export const anyQueryText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: utf16Unit, maxLength: 30 }),
  kqlTokenSoup()
);

// ---------------------------------------------------------------------------------------------
// Documents

/** The ECS fields the generated documents fill and the generated queries name. */
export const FIELD = {
  keyword: 'process.name',
  keywordList: 'process.args',
  user: 'user.name',
  long: 'process.pid',
  boolean: 'process.interactive',
  timestamp: '@timestamp',
  date: 'process.start',
  ip: 'source.ip',
  text: 'message',
} as const;

/**
 * Keyword values: case variants, KQL-special characters (so escaping is exercised), unicode,
 * whitespace at the ends, and words that are KQL keywords.
 */
export const KEYWORD_VALUES: readonly string[] = [
  'bash',
  'Bash',
  'sh',
  'zsh',
  'docker',
  'runc',
  'a b',
  'x:y',
  'star*',
  'quo"te',
  'back\\slash',
  'café',
  '进程',
  ' padded ',
  'and',
  'not',
  'or',
  'null',
  '(paren)',
  '{brace}',
  '<lt>',
  'a-b_c.d',
  '42',
];

export const PID_VALUES: readonly number[] = [0, 1, 7, 42, 100, 101, 4096, 65535, -1];

/** Instants in March 2025 (UTC), some on the same day, one at a day boundary. */
export const DATE_VALUES: readonly string[] = [
  '2025-03-10T00:00:00.000Z',
  '2025-03-11T23:59:59.999Z',
  '2025-03-12T00:00:00.000Z',
  '2025-03-12T10:15:42.123Z',
  '2025-03-12T18:00:00.000Z',
  '2025-03-13T06:30:00.000Z',
  '2025-03-20T12:00:00.000Z',
];

export const IP_VALUES: readonly string[] = [
  '10.0.0.1',
  '10.0.0.200',
  '10.1.2.3',
  '192.168.1.1',
  '::1',
  '2001:db8::1',
  '2001:db8::ff',
];

/** Lowercase words; documents use them in several cases so the analyzer's lowercasing matters. */
export const TEXT_WORDS: readonly string[] = [
  'hello',
  'world',
  'brave',
  'new',
  'privileged',
  'container',
  'run',
  'shell',
];

export interface GeneratedDocument {
  readonly id: string;
  readonly source: Record<string, unknown>;
}

interface DocumentFields {
  readonly name?: string | string[];
  readonly args?: string[];
  readonly user?: string;
  readonly pid?: number | string;
  readonly interactive?: boolean | string;
  readonly start?: string | number;
  readonly ip?: string;
  readonly message?: string;
  readonly dotted: boolean;
}

const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arbitrary, { nil: undefined, freq: 3 });

const keywordValue = fc.constantFrom(...KEYWORD_VALUES);

const messageText = fc
  .array(fc.tuple(fc.constantFrom(...TEXT_WORDS), fc.constantFrom('lower', 'upper', 'title')), {
    minLength: 1,
    maxLength: 5,
  })
  .map((words) =>
    words
      .map(([word, style]) =>
        style === 'upper'
          ? word.toUpperCase()
          : style === 'title'
            ? word.charAt(0).toUpperCase() + word.slice(1)
            : word
      )
      .join(' ')
  );

const documentFields: fc.Arbitrary<DocumentFields> = fc.record({
  name: optional(
    fc.oneof(
      { weight: 4, arbitrary: keywordValue },
      { weight: 1, arbitrary: fc.array(keywordValue, { minLength: 2, maxLength: 3 }) }
    )
  ),
  args: optional(fc.array(keywordValue, { minLength: 1, maxLength: 3 })),
  user: optional(keywordValue),
  // A numeric string is indexed as the number in both stores (Elasticsearch coerces it).
  pid: optional(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...PID_VALUES) },
      { weight: 1, arbitrary: fc.constantFrom('42', '101') }
    )
  ),
  interactive: optional(fc.constantFrom<boolean | string>(true, false, 'true', 'false')),
  start: optional(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...DATE_VALUES) },
      { weight: 1, arbitrary: fc.constant(Date.parse('2025-03-12T10:15:42.123Z')) }
    )
  ),
  ip: optional(fc.constantFrom(...IP_VALUES)),
  message: optional(messageText),
  dotted: fc.boolean(),
});

/** Without the text field: the embedded store cannot search text fields (see the SQL test). */
const withoutText = (fields: DocumentFields): DocumentFields => ({ ...fields, message: undefined });

const definedEntries = (entries: Array<[string, unknown]>): Record<string, unknown> =>
  Object.fromEntries(entries.filter(([, value]) => value !== undefined));

/** The document as Elastic Defend would nest it, or (dotted) with flat dotted keys. */
const toSource = (
  id: string,
  timestamp: string,
  fields: DocumentFields
): Record<string, unknown> => {
  const processFields = definedEntries([
    ['name', fields.name],
    ['args', fields.args],
    ['pid', fields.pid],
    ['interactive', fields.interactive],
    ['start', fields.start],
  ]);
  const base = definedEntries([
    [FIELD.timestamp, timestamp],
    ['event', { id }],
    [FIELD.text, fields.message],
  ]);
  if (fields.dotted) {
    const dotted = Object.entries(processFields).map(([key, value]): [string, unknown] => [
      `process.${key}`,
      value,
    ]);
    return {
      ...base,
      ...definedEntries([...dotted, [FIELD.user, fields.user], [FIELD.ip, fields.ip]]),
    };
  }
  return {
    ...base,
    ...definedEntries([
      ['process', Object.keys(processFields).length > 0 ? processFields : undefined],
      ['user', fields.user === undefined ? undefined : { name: fields.user }],
      ['source', fields.ip === undefined ? undefined : { ip: fields.ip }],
    ]),
  };
};

const DOCUMENT_SEED = 7;

/**
 * A fixed, reproducible set of documents (the same every run, so a failing query seed replays
 * against the same data). `text: false` leaves the text field out.
 */
export const generatedDocuments = (
  count: number,
  options: { readonly text: boolean }
): GeneratedDocument[] => {
  const samples = fc.sample(fc.tuple(documentFields, fc.constantFrom(...DATE_VALUES)), {
    seed: DOCUMENT_SEED,
    numRuns: count,
  });
  return samples.map(([fields, timestamp], index) => {
    const id = `doc-${String(index).padStart(3, '0')}`;
    return { id, source: toSource(id, timestamp, options.text ? fields : withoutText(fields)) };
  });
};

// ---------------------------------------------------------------------------------------------
// Valid queries

/** Characters an unquoted KQL value must escape (the grammar's SpecialCharacter). */
const UNQUOTED_SPECIAL = /[\\():<>"*{}]/g;
/** Unquoted values whose words the grammar would read as keywords or typed literals. */
const NEEDS_QUOTES = /^\s|\s$|\s(or|and|not)\s|^(not)\s|^(true|false|null)$|\n|\r|\t/i;

/** `"…"` with only `\` and `"` escaped (inside quotes `*` is a plain character). */
export const quoteKql = (value: string): string =>
  `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;

/** An unquoted value: the grammar's special characters escaped with `\` (whitespace is left to the caller). */
export const escapeUnquoted = (value: string): string =>
  value.replace(UNQUOTED_SPECIAL, (ch) => `\\${ch}`);

/** The value as KQL text, quoted when unquoted text would not read back as the same string. */
const kqlLiteral = (value: string, preferQuotes: boolean): string =>
  preferQuotes || value === '' || NEEDS_QUOTES.test(value)
    ? quoteKql(value)
    : escapeUnquoted(value);

const RANGE_OPERATORS = ['<', '<=', '>', '>='] as const;
const rangeOperator = fc.constantFrom(...RANGE_OPERATORS);

/** A wildcard pattern cut from a value: prefix*, *suffix, *middle*, or a*b. */
const wildcardFrom = (value: string): fc.Arbitrary<string> =>
  fc.tuple(fc.nat({ max: value.length }), fc.nat({ max: value.length })).chain(([a, b]) => {
    const [from, to] = a <= b ? [a, b] : [b, a];
    const part = (start: number, end?: number): string => escapeUnquoted(value.slice(start, end));
    return fc.constantFrom(
      `${part(0, from)}*`,
      `*${part(to)}`,
      `*${part(from, to)}*`,
      `${part(0, from)}*${part(to)}`
    );
  });

/** Wildcard values must not start or end with whitespace (the grammar trims unquoted values). */
const wildcardSafe = (value: string): boolean =>
  value.trim() === value && !/\s(or|and|not)\s|^not\s|\n/i.test(value);

const keywordAtom = (field: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .tuple(keywordValue, fc.boolean())
      .map(([value, quoted]) => `${field}:${kqlLiteral(value, quoted)}`),
    keywordValue
      .filter(wildcardSafe)
      .chain(wildcardFrom)
      .map((pattern) => `${field}:${pattern}`),
    fc.tuple(rangeOperator, keywordValue).map(([op, value]) => `${field} ${op} ${quoteKql(value)}`),
    fc.constant(`${field}:*`),
    fc
      .array(keywordValue, { minLength: 2, maxLength: 3 })
      .map((values) => `${field}:(${values.map((v) => kqlLiteral(v, true)).join(' or ')})`)
  );

const longAtom = fc.oneof(
  fc.constantFrom(...PID_VALUES).map((pid) => `${FIELD.long}:${pid}`),
  fc.constantFrom('42.0', '"101"', '100.5').map((text) => `${FIELD.long}:${text}`),
  fc
    .tuple(rangeOperator, fc.constantFrom(...PID_VALUES, 41.5, 100.5))
    .map(([op, pid]) => `${FIELD.long} ${op} ${pid}`),
  fc.constant(`${FIELD.long}:*`)
);

const booleanAtom = fc.constantFrom(
  `${FIELD.boolean}:true`,
  `${FIELD.boolean}:false`,
  `${FIELD.boolean}:"true"`,
  `${FIELD.boolean}:*`
);

const dateAtom = (field: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...DATE_VALUES).map((date) => `${field}:${quoteKql(date)}`),
    // A date without a time is the whole day.
    fc
      .constantFrom('2025-03-11', '2025-03-12', '2025-03-13')
      .map((day) => `${field}:${quoteKql(day)}`),
    fc
      .tuple(rangeOperator, fc.constantFrom(...DATE_VALUES, '2025-03-12'))
      .map(([op, date]) => `${field} ${op} ${quoteKql(date)}`),
    fc.constant(`${field}:*`)
  );

const ipAtom = (cidr: boolean): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...IP_VALUES).map((ip) => `${FIELD.ip}:${quoteKql(ip)}`),
    fc.constantFrom('10.0.0.1', '192.168.1.1').map((ip) => `${FIELD.ip}:${ip}`),
    fc.constant(`${FIELD.ip}:*`),
    ...(cidr
      ? [
          fc
            .constantFrom('10.0.0.0/24', '10.0.0.0/8', '2001:db8::/32')
            .map((block) => `${FIELD.ip}:${quoteKql(block)}`),
        ]
      : [])
  );

const textAtom = fc.oneof(
  fc.constantFrom(...TEXT_WORDS).map((word) => `${FIELD.text}:${word}`),
  fc
    .tuple(fc.constantFrom(...TEXT_WORDS), fc.constantFrom(...TEXT_WORDS))
    .map(([a, b]) => `${FIELD.text}:${quoteKql(`${a} ${b}`)}`),
  fc.constantFrom(...TEXT_WORDS).map((word) => `${FIELD.text}:${word.slice(0, 3)}*`),
  fc.constant(`${FIELD.text}:*`)
);

/** Field names with wildcards: Kibana expands them over the mapped fields. */
const FIELD_PATTERNS: readonly string[] = ['*.name', 'source.i*', '*interactive', 'process.pi*'];
/** Patterns that also reach text multi-fields (`process.name.text`, `user.name.text`). */
const MULTI_FIELD_PATTERNS: readonly string[] = ['process.na*', 'user.*', 'process.*'];

const fieldPatternAtom = (patterns: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .tuple(fc.constantFrom(...patterns), keywordValue)
      .map(([pattern, value]) => `${pattern}:${kqlLiteral(value, true)}`),
    fc
      .tuple(fc.constantFrom(...patterns), fc.constantFrom('true', '42', '10.0.0.1', 'ba*'))
      .map(([pattern, value]) => `${pattern}:${value}`),
    fc.constantFrom(...patterns).map((pattern) => `${pattern}:*`)
  );

/** A value without a field: searched in every field, multi-fields included (`multi_match`, lenient). */
const fieldlessAtom = fc.oneof(
  keywordValue.map((value) => kqlLiteral(value, true)),
  fc.constantFrom('bash', '42', 'true', '10.0.0.1', 'hello', '"2025-03-12T10:15:42.123Z"')
);

export interface QueryOptions {
  /** Include the text field (the embedded store cannot search it). */
  readonly text: boolean;
  /** Include CIDR blocks (the embedded store does not support them). */
  readonly cidr: boolean;
  /**
   * Include queries that reach text multi-fields: field-less values and patterns such as
   * `user.*` (the embedded store does not store multi-fields).
   */
  readonly multiFields: boolean;
}

/** One comparison: a field and a value, range or existence test. */
export const atomQuery = (options: QueryOptions): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: keywordAtom(FIELD.keyword) },
    { weight: 2, arbitrary: keywordAtom(FIELD.keywordList) },
    { weight: 1, arbitrary: keywordAtom(FIELD.user) },
    { weight: 2, arbitrary: longAtom },
    { weight: 1, arbitrary: booleanAtom },
    { weight: 1, arbitrary: dateAtom(FIELD.timestamp) },
    { weight: 1, arbitrary: dateAtom(FIELD.date) },
    { weight: 1, arbitrary: ipAtom(options.cidr) },
    {
      weight: 1,
      arbitrary: fieldPatternAtom(
        options.multiFields ? [...FIELD_PATTERNS, ...MULTI_FIELD_PATTERNS] : FIELD_PATTERNS
      ),
    },
    ...(options.multiFields ? [{ weight: 1, arbitrary: fieldlessAtom }] : []),
    ...(options.text ? [{ weight: 2, arbitrary: textAtom }] : [])
  );

const MAX_QUERY_DEPTH = 3;

/** and/or/not trees of atoms, parenthesised where precedence would otherwise regroup them. */
export const validQuery = (options: QueryOptions): fc.Arbitrary<string> => {
  const atom = atomQuery(options);
  const tree = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', maxDepth: MAX_QUERY_DEPTH, withCrossShrink: true },
      { weight: 3, arbitrary: atom },
      { weight: 1, arbitrary: tie('node').map((child) => `not (${child})`) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(tie('node'), tie('node'), fc.constantFrom(' and ', ' or ', ' AND ', '\nor\n'))
          .map(([left, right, operator]) => `(${left})${operator}(${right})`),
      }
    ),
  }));
  return tree.node;
};

// ---------------------------------------------------------------------------------------------
// Hostile values

/** Values that would break SQL or JSON if they ever reached query text unescaped. */
export const HOSTILE_VALUES: readonly string[] = [
  "it's",
  "''",
  'say "hi"',
  'back\\slash',
  'trailing\\',
  'a;b',
  ';',
  'x -- y',
  '--',
  '/* c */',
  '100%',
  'snake_case',
  'star*',
  '?',
  'two\nlines',
  'cr\rlf',
  'nul\u0000byte',
  '\u0000',
  "'); DROP TABLE events; --",
  '"); DROP TABLE events; --',
  "' OR '1'='1",
  '$1',
  '?::VARCHAR',
  'e\u0301',
  '🚀',
  '\u2028',
];

/** A hostile value: one of the known ones, or any string (lone surrogates included). */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_VALUES),
  fc.string({
    unit: fc.constantFrom(
      "'",
      '"',
      '\\',
      ';',
      '-',
      '*',
      '%',
      '_',
      '\n',
      '\u0000',
      ' ',
      'a',
      '?',
      '$'
    ),
    maxLength: 12,
  }),
  fc.string({ unit: utf16Unit, maxLength: 12 })
);

// ---------------------------------------------------------------------------------------------
// NDJSON lines

const INGEST_TIMESTAMP = '2025-03-12T10:15:42.123Z';
const encoder = new TextEncoder();
const utf8 = (text: string): Uint8Array => encoder.encode(text);
const concatBytes = (parts: readonly Uint8Array[]): Uint8Array => {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
};

/** `{"@timestamp": …, "event": {"id": id}, …fields}` as one line of JSON. */
export const eventJson = (id: string, fields: Record<string, unknown> = {}): string =>
  JSON.stringify({ '@timestamp': INGEST_TIMESTAMP, event: { id }, ...fields });

/** A kind of line the ingest must reject, whatever lines surround it. */
export interface BadLineKind {
  readonly name: string;
  readonly bytes: (id: string) => Uint8Array;
  /** What the reason must say (the exact text where the preparer's wording is stable). */
  readonly reason: RegExp;
}

const literalReason = (text: string): RegExp =>
  new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** A JSON line with raw bytes spliced into a string value: `{"@timestamp":…,"process":{"name":"<bytes>"}}`. */
const withRawBytes = (id: string, raw: readonly number[]): Uint8Array => {
  const [head, tail] = eventJson(id, { process: { name: 'SPLIT' } }).split('SPLIT');
  return concatBytes([utf8(head ?? ''), Uint8Array.from(raw), utf8(tail ?? '')]);
};

const MAX_ID_BYTES = 512;

export const BAD_LINE_KINDS: readonly BadLineKind[] = [
  {
    name: 'truncated JSON',
    bytes: (id) => utf8(eventJson(id).slice(0, -2)),
    reason: /^malformed JSON: /,
  },
  {
    name: 'trailing garbage',
    bytes: (id) => utf8(`${eventJson(id)} x`),
    reason: /^malformed JSON: /,
  },
  {
    name: 'single quotes',
    bytes: (id) => utf8(`{'@timestamp':'${INGEST_TIMESTAMP}','event':{'id':'${id}'}}`),
    reason: /^malformed JSON: /,
  },
  { name: 'raw NUL byte', bytes: (id) => withRawBytes(id, [0x00]), reason: /^malformed JSON: / },
  {
    name: 'array',
    bytes: (id) => utf8(`[${eventJson(id)}]`),
    reason: literalReason('not a JSON object (found array)'),
  },
  {
    name: 'string',
    bytes: (id) => utf8(JSON.stringify(id)),
    reason: literalReason('not a JSON object (found string)'),
  },
  {
    name: 'number',
    bytes: () => utf8('42'),
    reason: literalReason('not a JSON object (found number)'),
  },
  {
    name: 'null',
    bytes: () => utf8('null'),
    reason: literalReason('not a JSON object (found null)'),
  },
  {
    name: 'boolean',
    bytes: () => utf8('true'),
    reason: literalReason('not a JSON object (found boolean)'),
  },
  {
    name: 'missing @timestamp',
    bytes: (id) => utf8(JSON.stringify({ event: { id } })),
    reason: literalReason('missing @timestamp'),
  },
  {
    name: 'null @timestamp',
    bytes: (id) => utf8(JSON.stringify({ '@timestamp': null, event: { id } })),
    reason: literalReason('missing @timestamp'),
  },
  {
    name: 'unparseable @timestamp',
    bytes: (id) => utf8(JSON.stringify({ '@timestamp': 'yesterday', event: { id } })),
    reason: literalReason('unparseable @timestamp "yesterday"'),
  },
  {
    name: 'impossible @timestamp',
    bytes: (id) => utf8(JSON.stringify({ '@timestamp': '2025-13-45T00:00:00Z', event: { id } })),
    reason: literalReason('unparseable @timestamp "2025-13-45T00:00:00Z"'),
  },
  {
    name: 'two @timestamps',
    bytes: (id) =>
      utf8(JSON.stringify({ '@timestamp': [INGEST_TIMESTAMP, INGEST_TIMESTAMP], event: { id } })),
    reason: literalReason('@timestamp must be a single date (found 2 values)'),
  },
  {
    name: 'process.pid "abc"',
    bytes: (id) => utf8(eventJson(id, { process: { pid: 'abc' } })),
    reason: literalReason('field process.pid of type long cannot hold "abc"'),
  },
  {
    name: 'process.interactive "maybe"',
    bytes: (id) => utf8(eventJson(id, { process: { interactive: 'maybe' } })),
    reason: literalReason('field process.interactive of type boolean cannot hold "maybe"'),
  },
  {
    name: 'process.interactive 1',
    bytes: (id) => utf8(eventJson(id, { process: { interactive: 1 } })),
    reason: literalReason('field process.interactive of type boolean cannot hold 1'),
  },
  {
    name: 'process.name an object',
    bytes: (id) => utf8(eventJson(id, { process: { name: { first: 'bash' } } })),
    reason: literalReason(
      'field process.name is mapped as keyword but holds an object (process.name.first)'
    ),
  },
  {
    name: 'process an array of values',
    bytes: (id) => utf8(eventJson(id, { process: 'bash' })),
    reason: literalReason('field process is mapped as an object but holds a value'),
  },
  {
    name: 'source.ip not an address',
    bytes: (id) => utf8(eventJson(id, { source: { ip: '999.1.1.1' } })),
    reason: literalReason('field source.ip of type ip cannot hold "999.1.1.1"'),
  },
  {
    name: 'process.start not a date',
    bytes: (id) => utf8(eventJson(id, { process: { start: 'yesterday' } })),
    reason: literalReason('field process.start of type date cannot hold "yesterday"'),
  },
  {
    name: 'metadata field inside the document',
    bytes: (id) => utf8(JSON.stringify({ '@timestamp': INGEST_TIMESTAMP, _id: id })),
    reason: literalReason('field _id is a metadata field and cannot be added inside a document'),
  },
  {
    name: 'empty _id on a hit',
    bytes: (id) =>
      utf8(JSON.stringify({ _id: '', _source: { '@timestamp': INGEST_TIMESTAMP, event: { id } } })),
    reason: literalReason('_id must be a non-empty string (found "")'),
  },
  {
    name: 'id over 512 bytes',
    bytes: (id) => utf8(eventJson(`${id}-${'x'.repeat(MAX_ID_BYTES)}`)),
    reason: /^id \[.*\] is too long, must be no longer than 512 bytes but was: \d+$/,
  },
  // Invalid UTF-8 inside a string value: a lone continuation byte, an overlong "/", a truncated
  // three-byte sequence, an encoded surrogate (U+D800), a byte never valid in UTF-8.
  {
    name: 'lone continuation byte',
    bytes: (id) => withRawBytes(id, [0x80]),
    reason: literalReason('invalid UTF-8'),
  },
  {
    name: 'overlong encoding',
    bytes: (id) => withRawBytes(id, [0xc0, 0xaf]),
    reason: literalReason('invalid UTF-8'),
  },
  {
    name: 'truncated sequence',
    bytes: (id) => withRawBytes(id, [0xe2, 0x82]),
    reason: literalReason('invalid UTF-8'),
  },
  {
    name: 'encoded surrogate',
    bytes: (id) => withRawBytes(id, [0xed, 0xa0, 0x80]),
    reason: literalReason('invalid UTF-8'),
  },
  {
    name: 'byte 0xFF',
    bytes: (id) => withRawBytes(id, [0xff]),
    reason: literalReason('invalid UTF-8'),
  },
];

/**
 * Lines the preparer rejects after it has already noted an unmapped field of theirs (a type for
 * `custom.*`, an object path): they would poison later good lines that use `custom.tag` if a
 * rejected line left its mapping behind (ingest_bad_input.test.ts says why it must not).
 */
export const POISONING_LINE_KINDS: readonly BadLineKind[] = [
  {
    name: 'custom.tag an object, then a bad pid',
    bytes: (id) =>
      utf8(eventJson(id, { custom: { tag: { inner: 'x' } }, process: { pid: 'abc' } })),
    reason: literalReason('field process.pid of type long cannot hold "abc"'),
  },
  {
    name: 'custom a keyword, then a bad pid',
    bytes: (id) => utf8(eventJson(id, { custom: 'flat', process: { pid: 'abc' } })),
    reason: literalReason('field process.pid of type long cannot hold "abc"'),
  },
];

export type PlannedLine =
  | { readonly kind: 'good'; readonly id: string; readonly bytes: Uint8Array }
  | { readonly kind: 'duplicate'; readonly id: string; readonly bytes: Uint8Array }
  | {
      readonly kind: 'bad';
      readonly badKind: string;
      readonly reason: RegExp;
      readonly bytes: Uint8Array;
    }
  | { readonly kind: 'blank'; readonly bytes: Uint8Array };

export interface PlannedFile {
  readonly lines: readonly PlannedLine[];
  readonly bom: boolean;
  readonly crlf: boolean;
  readonly finalNewline: boolean;
  /** Sizes the file's bytes are cut into (cycled), so lines, CRLFs and UTF-8 sequences straddle chunks. */
  readonly chunkSizes: readonly number[];
  readonly batchSize: number;
}

type LineSeed =
  | { readonly kind: 'good'; readonly fields: DocumentFields; readonly tag: string | undefined }
  | { readonly kind: 'duplicate'; readonly pick: number; readonly sameBytes: boolean }
  | { readonly kind: 'bad'; readonly badKind: BadLineKind }
  | { readonly kind: 'blank'; readonly text: string };

/** Good events use mapped ECS fields, plus `custom.tag` (a keyword object field) when asked. */
const goodSource = (
  id: string,
  fields: DocumentFields,
  tag: string | undefined
): Record<string, unknown> => ({
  ...toSource(id, INGEST_TIMESTAMP, { ...fields, dotted: false, message: undefined }),
  ...(tag === undefined ? {} : { custom: { tag } }),
});

const lineSeed = (badKinds: readonly BadLineKind[], tags: boolean): fc.Arbitrary<LineSeed> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('good' as const),
        fields: documentFields,
        tag: tags ? optional(keywordValue) : fc.constant(undefined),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('duplicate' as const),
        pick: fc.nat(),
        sameBytes: fc.boolean(),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('bad' as const),
        badKind: fc.constantFrom(...badKinds),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('blank' as const),
        text: fc.constantFrom('', '   ', '\t', ' \t '),
      }),
    }
  );

/** Turns seeds into lines: ids by position, duplicates resolved against the good lines before them. */
const planLines = (seeds: readonly LineSeed[], idPrefix: string): PlannedLine[] => {
  const goods: Array<{ id: string; source: Record<string, unknown> }> = [];
  return seeds.map((seed, index): PlannedLine => {
    const id = `${idPrefix}-${index + 1}`;
    if (seed.kind === 'bad')
      return {
        kind: 'bad',
        badKind: seed.badKind.name,
        reason: seed.badKind.reason,
        bytes: seed.badKind.bytes(id),
      };
    if (seed.kind === 'blank') return { kind: 'blank', bytes: utf8(seed.text) };
    const earlier =
      seed.kind === 'duplicate' ? goods[seed.pick % Math.max(goods.length, 1)] : undefined;
    if (seed.kind === 'duplicate' && earlier !== undefined) {
      // Same (index, id) is the same event, whether or not the rest of the line changed.
      const source = seed.sameBytes
        ? earlier.source
        : { ...earlier.source, labels: { changed: 'yes' } };
      return { kind: 'duplicate', id: earlier.id, bytes: utf8(JSON.stringify(source)) };
    }
    const source =
      seed.kind === 'good'
        ? goodSource(id, seed.fields, seed.tag)
        : goodSource(id, { dotted: false }, undefined);
    goods.push({ id, source });
    return { kind: 'good', id, bytes: utf8(JSON.stringify(source)) };
  });
};

export interface PlannedFileOptions {
  /** Prefix of every event id (so runs sharing one index never collide). */
  readonly idPrefix: string;
  readonly badKinds?: readonly BadLineKind[];
  /** Good lines may carry `custom.tag`. */
  readonly tags?: boolean;
  readonly maxLines?: number;
}

export const plannedFile = (options: PlannedFileOptions): fc.Arbitrary<PlannedFile> =>
  fc
    .record({
      seeds: fc.array(lineSeed(options.badKinds ?? BAD_LINE_KINDS, options.tags ?? false), {
        minLength: 1,
        maxLength: options.maxLines ?? 30,
      }),
      bom: fc.boolean(),
      crlf: fc.boolean(),
      finalNewline: fc.boolean(),
      chunkSizes: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 5 }),
      batchSize: fc.integer({ min: 1, max: 8 }),
    })
    .map(({ seeds, finalNewline, ...rest }) => {
      const lines = planLines(seeds, options.idPrefix);
      // An empty last line exists only if a newline ends it.
      const emptyLast = lines[lines.length - 1]?.bytes.length === 0;
      const file = { ...rest, lines, finalNewline: finalNewline || emptyLast };
      // Counterexamples print as readable lines rather than byte arrays.
      return Object.assign(file, { [fc.toStringMethod]: () => describePlannedFile(file) });
    });

const lenientDecoder = new TextDecoder('utf-8');

const describePlannedFile = (file: PlannedFile): string => {
  const { lines, ...layout } = file;
  const described = lines.map((line, index) => {
    const label = line.kind === 'bad' ? `bad (${line.badKind})` : line.kind;
    return `  ${index + 1} ${label}: ${JSON.stringify(lenientDecoder.decode(line.bytes))}`;
  });
  return `${JSON.stringify(layout)}\n${described.join('\n')}`;
};

const UTF8_BOM = Uint8Array.from([0xef, 0xbb, 0xbf]);

export const fileBytes = (file: PlannedFile): Uint8Array => {
  const terminator = utf8(file.crlf ? '\r\n' : '\n');
  const parts: Uint8Array[] = file.bom ? [UTF8_BOM] : [];
  file.lines.forEach((line, index) => {
    parts.push(line.bytes);
    if (index < file.lines.length - 1 || file.finalNewline) parts.push(terminator);
  });
  return concatBytes(parts);
};

/** The file's bytes cut into chunks of the planned sizes, cycled. */
export const fileChunks = (file: PlannedFile): Uint8Array[] => {
  const bytes = fileBytes(file);
  const chunks: Uint8Array[] = [];
  for (let start = 0, turn = 0; start < bytes.length; turn++) {
    const size = file.chunkSizes[turn % file.chunkSizes.length] ?? bytes.length;
    chunks.push(bytes.slice(start, start + size));
    start += size;
  }
  return chunks;
};

export interface ExpectedIngest {
  readonly storedIds: readonly string[];
  readonly rejectedLines: readonly number[];
  readonly duplicates: number;
  readonly blankLines: number;
  readonly linesRead: number;
}

/**
 * What an ingest of the file must report. A lone BOM or CR-only first line still counts as
 * blank: the reader strips both before looking at the line.
 */
export const expectedIngest = (file: PlannedFile): ExpectedIngest => {
  const numbered = file.lines.map((line, index) => ({ line, number: index + 1 }));
  const blankLines = numbered.filter(({ line }) => line.kind === 'blank').length;
  return {
    storedIds: numbered.flatMap(({ line }) => (line.kind === 'good' ? [line.id] : [])).sort(),
    rejectedLines: numbered.flatMap(({ line, number }) => (line.kind === 'bad' ? [number] : [])),
    duplicates: numbered.filter(({ line }) => line.kind === 'duplicate').length,
    blankLines,
    linesRead: file.lines.length - blankLines,
  };
};
