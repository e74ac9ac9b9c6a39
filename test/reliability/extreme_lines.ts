/**
 * NDJSON lines of extreme shape for the "no single line can stop an ingest" suite:
 * depth, width, length, number magnitude, key strings, invalid UTF-8, huge `_index`/`_id`. Each
 * line comes with what the ingest must do with it — store it under an id, or reject it with a
 * reason — as Elasticsearch 8.19 does (the ES-backed suite checks the refused ones on the node).
 *
 * Field names are chosen so that lines of any run can share one store: a path is always an object
 * or always a value, and the number of distinct fields stays small (a shape that adds hundreds of
 * fields belongs to the wide-event work, not here).
 */
import fc from 'fast-check';
import { eventJson, type BadLineKind } from './arbitraries';

export const EXTREME_TIMESTAMP = '2025-03-12T10:15:42.123Z';
const MIB = 1024 * 1024;

export type LineExpectation =
  | { readonly outcome: 'stored'; readonly id: string }
  | { readonly outcome: 'rejected'; readonly reason: RegExp }
  | { readonly outcome: 'blank' };

/** How the ES-backed suite asks the node itself about a refused line. */
export type EsCheck =
  /** POST the line as a document into the test index: ES must refuse it with `reason`. */
  | { readonly send: 'document'; readonly reason: RegExp }
  /** Bulk-create into the line's `_index`: ES must give exactly our reason. */
  | { readonly send: 'index' };

export interface ExtremeLine {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly expect: LineExpectation;
  readonly es?: EsCheck;
}

const encoder = new TextEncoder();
const utf8 = (text: string): Uint8Array => encoder.encode(text);
const literal = (text: string): RegExp =>
  new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const repeat = (unit: string, times: number): string => unit.repeat(times);
const dotted = (segments: readonly string[]): string => segments.join('.');
const nTimes = (n: number, segment: string): string[] => Array.from({ length: n }, () => segment);

/** `{"@timestamp":…,"event":{"id":id}, <members>}` written by hand (members are raw JSON text). */
const withMembers = (id: string, members: string): string =>
  `{"@timestamp":"${EXTREME_TIMESTAMP}","event":{"id":${JSON.stringify(id)}},${members}}`;

const NESTING =
  /^Document nesting depth \(1001\) exceeds the maximum allowed \(1000, from `StreamReadConstraints\.getMaxNestingDepth\(\)`\)$/;
const ES_NESTING =
  /Document nesting depth \(1001\) exceeds the maximum allowed \(1000, from `StreamReadConstraints\.getMaxNestingDepth\(\)`\)/;
const mappingDepth = (path: string): RegExp =>
  literal(`Limit of mapping depth [20] has been exceeded due to object field [${path}]`);
const esMappingDepth = (path: string): RegExp => new RegExp(mappingDepth(path).source.slice(1, -1));
const INVALID_UTF8 = literal('invalid UTF-8');

const stored = (name: string, id: string, line: string): ExtremeLine => ({
  name,
  bytes: utf8(line),
  expect: { outcome: 'stored', id },
});
const rejected = (
  name: string,
  line: string | Uint8Array,
  reason: RegExp,
  es?: EsCheck
): ExtremeLine => ({
  name,
  bytes: typeof line === 'string' ? utf8(line) : line,
  expect: { outcome: 'rejected', reason },
  ...(es ? { es } : {}),
});

// ---------------------------------------------------------------------------------------------
// Families with a parameter: the property test draws the parameter, the fixed file uses extremes.

/** `extreme.deep_arrays` inside `n` arrays: the document is n + 2 deep (root, `extreme`, arrays). */
export const nestedArrays = (id: string, n: number): ExtremeLine => {
  const line = withMembers(id, `"extreme":{"deep_arrays":${repeat('[', n)}1${repeat(']', n)}}`);
  const name = `${n} nested arrays (document depth ${n + 2})`;
  return n + 2 > 1_000
    ? rejected(name, line, NESTING, { send: 'document', reason: ES_NESTING })
    : stored(name, id, line);
};

/** `deepobj` holding `n` nested objects keyed `b`, the last holding `v`: objects up to n segments. */
export const nestedObjects = (id: string, n: number): ExtremeLine => {
  const line = withMembers(id, `"deepobj":${repeat('{"b":', n - 1)}{"v":1}${repeat('}', n - 1)}`);
  if (n < 20) return stored(`objects ${n} deep`, id, line);
  const path = dotted(['deepobj', ...nTimes(19, 'b')]);
  return rejected(`objects ${n} deep`, line, mappingDepth(path), {
    send: 'document',
    reason: esMappingDepth(path),
  });
};

/** `n` objects, each in an array, below `mixed` (the last holding `v`): only the objects add segments. */
export const arraysOfObjects = (id: string, n: number): ExtremeLine => {
  const line = withMembers(id, `"mixed":${repeat('[{"m":', n - 1)}[{"v":1}]${repeat('}]', n - 1)}`);
  // The k-th object sits at `mixed` and k - 1 `m`s: k segments.
  if (n < 20) return stored(`arrays of objects ${n} deep`, id, line);
  const path = dotted(['mixed', ...nTimes(19, 'm')]);
  return rejected(`arrays of objects ${n} deep`, line, mappingDepth(path), {
    send: 'document',
    reason: esMappingDepth(path),
  });
};

/** A key of `n` segments (`d.d.….v`) holding a number: a leaf of n segments. */
export const dottedKey = (id: string, n: number, segment = 'd'): ExtremeLine => {
  const key = dotted([...nTimes(n - 1, segment), 'v']);
  const line = withMembers(id, `${JSON.stringify(key)}:1`);
  if (n <= 20) return stored(`a key of ${n} segments`, id, line);
  const path = dotted(nTimes(20, segment));
  return rejected(`a key of ${n} segments (${key.length} characters)`, line, mappingDepth(path), {
    send: 'document',
    reason: esMappingDepth(path),
  });
};

/** One key of `length` characters (no dot): Elasticsearch maps it like any other. */
export const longKey = (id: string, length: number): ExtremeLine =>
  stored(`a key of ${length} characters`, id, withMembers(id, `"${repeat('k', length)}":"v"`));

/** `n` keys holding null: nothing to map, the event is stored. */
export const nullKeys = (id: string, n: number): ExtremeLine =>
  stored(
    `${n} keys holding null`,
    id,
    withMembers(id, `"nulls":{${Array.from({ length: n }, (_, i) => `"n${i}":null`).join(',')}}`)
  );

/** A string of `length` characters from `unit`s (escapes included) in an unmapped keyword field. */
export const longString = (id: string, length: number, unit = 'x'): ExtremeLine =>
  stored(
    `a string of ${length} × ${JSON.stringify(unit)}`,
    id,
    withMembers(id, `"extreme":{"blob":"${repeat(unit, length)}"}`)
  );

export interface NumberCase {
  readonly text: string;
  readonly field: 'extreme.num' | 'process.pid';
  readonly reason?: RegExp;
}

/** Numbers at the edges of what JSON, doubles and longs can say, where the mapping puts them. */
export const NUMBER_CASES: readonly NumberCase[] = [
  {
    text: '1e309',
    field: 'extreme.num',
    reason: literal('field extreme.num of type double cannot hold Infinity'),
  },
  {
    text: '-1e309',
    field: 'extreme.num',
    reason: literal('field extreme.num of type double cannot hold -Infinity'),
  },
  { text: '-0', field: 'extreme.num' },
  { text: '1e-400', field: 'extreme.num' },
  { text: '4.9e-324', field: 'extreme.num' },
  { text: '1.7976931348623157e308', field: 'extreme.num' },
  { text: '9223372036854775807', field: 'process.pid' },
  { text: '-9223372036854775808', field: 'process.pid' },
  { text: '9007199254740993', field: 'process.pid' },
  { text: '1e-400', field: 'process.pid' },
  { text: '-0', field: 'process.pid' },
  {
    text: '9223372036854775808',
    field: 'process.pid',
    reason: literal(
      'field process.pid of type long cannot hold 9223372036854775808 (out of range)'
    ),
  },
  {
    text: '-9223372036854775809',
    field: 'process.pid',
    reason: literal(
      'field process.pid of type long cannot hold -9223372036854775809 (out of range)'
    ),
  },
  {
    text: '99999999999999999999999',
    field: 'process.pid',
    reason: literal('field process.pid of type long cannot hold 1e+23'),
  },
  {
    text: '1e309',
    field: 'process.pid',
    reason: literal('field process.pid of type long cannot hold Infinity'),
  },
];

export const numberLine = (id: string, number: NumberCase): ExtremeLine => {
  const member =
    number.field === 'process.pid'
      ? `"process":{"pid":${number.text}}`
      : `"extreme":{"num":${number.text}}`;
  const name = `${number.field} = ${number.text}`;
  const line = withMembers(id, member);
  return number.reason === undefined ? stored(name, id, line) : rejected(name, line, number.reason);
};

export interface KeyCase {
  /** The key as JSON text (escapes as written). */
  readonly json: string;
  readonly reason?: RegExp;
}

/** Keys a JavaScript program or a store may trip on, and keys Elasticsearch refuses. */
export const KEY_CASES: readonly KeyCase[] = [
  { json: '""', reason: literal('field name cannot be an empty string') },
  { json: '"."', reason: literal('field name [.] cannot contain only dots') },
  {
    json: '"a..b"',
    reason: literal('field name [a..b] cannot contain an empty or whitespace-only part'),
  },
  {
    json: '" "',
    reason: literal('field name [ ] cannot contain an empty or whitespace-only part'),
  },
  { json: '"__proto__"' },
  { json: '"constructor"' },
  { json: '"prototype"' },
  { json: '"hasOwnProperty"' },
  { json: '"toString"' },
  { json: '"lone\\ud800surrogate"' },
  { json: '"nul\\u0000key"' },
  { json: '"ctl\\u0001\\u001f\\u007fkey"' },
  { json: '"quote\\"and\\\\backslash"' },
  { json: '"日本語キー"' },
];

/** The key holding a short string at the top level of an event (a string, so no path conflict between runs). */
export const keyLine = (id: string, key: KeyCase): ExtremeLine => {
  const line = withMembers(id, `${key.json}:"v"`);
  return key.reason === undefined
    ? stored(`key ${key.json}`, id, line)
    : rejected(`key ${key.json}`, line, key.reason);
};

/** Byte sequences UTF-8 forbids, inside a string value. */
export const INVALID_UTF8_SEQUENCES: ReadonlyArray<readonly number[]> = [
  [0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0x80],
  [0xf4, 0x90, 0x80, 0x80],
];

export const invalidUtf8Line = (id: string, sequence: readonly number[]): ExtremeLine => {
  const [head, tail] = withMembers(id, '"extreme":{"blob":"@"}').split('@');
  const bytes = Uint8Array.from([...utf8(head ?? ''), ...sequence, ...utf8(tail ?? '')]);
  return rejected(
    `invalid UTF-8 ${sequence.map((byte) => byte.toString(16)).join(' ')}`,
    bytes,
    INVALID_UTF8
  );
};

const FORBIDDEN = `must not contain the following characters [' ','"','*',',','/','<','>','?','\\','|']`;

export interface IndexCase {
  readonly index: string;
  /** ES's reason after `Invalid index name [<name>], `; absent when the name is valid. */
  readonly problem?: string;
}

export const INDEX_CASES: readonly IndexCase[] = [
  { index: '../../../etc/passwd', problem: FORBIDDEN },
  { index: 'UPPER', problem: 'must be lowercase' },
  { index: '_hidden', problem: "must not start with '_', '-', or '+'" },
  { index: '-dash', problem: "must not start with '_', '-', or '+'" },
  { index: '+plus', problem: "must not start with '_', '-', or '+'" },
  { index: '.', problem: "must not be '.' or '..'" },
  { index: '..', problem: "must not be '.' or '..'" },
  { index: 'a b', problem: FORBIDDEN },
  { index: 'a*b', problem: FORBIDDEN },
  { index: 'a?b', problem: FORBIDDEN },
  { index: 'a"b', problem: FORBIDDEN },
  { index: 'a<b>c', problem: FORBIDDEN },
  { index: 'a|b', problem: FORBIDDEN },
  { index: 'a,b', problem: FORBIDDEN },
  { index: 'a\\b', problem: FORBIDDEN },
  { index: 'a#b', problem: "must not contain '#'" },
  { index: 'a:b', problem: "must not contain ':'" },
  { index: 'x'.repeat(256), problem: 'index name is too long, (256 > 255)' },
  { index: 'é'.repeat(128), problem: 'index name is too long, (256 > 255)' },
  { index: 'Upper#x', problem: "must not contain '#'" },
  { index: 'ctd-extreme-valid' },
];

export const indexLine = (id: string, index: IndexCase): ExtremeLine => {
  const line = JSON.stringify({
    _index: index.index,
    _id: id,
    _source: { '@timestamp': EXTREME_TIMESTAMP, event: { id } },
  });
  const name = `_index ${JSON.stringify(index.index.length > 40 ? `${index.index.slice(0, 20)}…(${index.index.length})` : index.index)}`;
  if (index.problem === undefined) return stored(name, id, line);
  const quotedName = index.index.length <= 100 ? index.index : '';
  const reason =
    quotedName === ''
      ? new RegExp(`^Invalid index name \\[.*\\], ${escapeRegExp(index.problem)}$`)
      : literal(`Invalid index name [${quotedName}], ${index.problem}`);
  return rejected(name, line, reason, { send: 'index' });
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A hit whose `_id` has `bytes` bytes: Elasticsearch takes up to 512. */
export const longIdLine = (prefix: string, bytes: number): ExtremeLine => {
  const id = `${prefix}-${'i'.repeat(Math.max(bytes - prefix.length - 1, 0))}`;
  const line = JSON.stringify({ _id: id, _source: { '@timestamp': EXTREME_TIMESTAMP } });
  return Buffer.byteLength(id) <= 512
    ? stored(`_id of ${bytes} bytes`, id, line)
    : rejected(
        `_id of ${bytes} bytes`,
        line,
        new RegExp(
          `^id \\[.*\\] is too long, must be no longer than 512 bytes but was: ${Buffer.byteLength(id)}$`
        )
      );
};

// ---------------------------------------------------------------------------------------------
// The fixed catalog: one line of every extreme shape.

/** Lines `id` makes unique; `big` scales the multi-megabyte ones (1 = 5 MB). */
export const extremeCatalog = (idPrefix: string, big = 1): ExtremeLine[] => {
  let counter = 0;
  const id = (): string => `${idPrefix}-x${++counter}`;
  const megabytes = (n: number): number => Math.round(n * big * MIB);
  const lines: ExtremeLine[] = [
    // Depth
    nestedArrays(id(), 100_000),
    nestedArrays(id(), 5_000),
    nestedArrays(id(), 998),
    nestedArrays(id(), 999),
    nestedObjects(id(), 50_000),
    nestedObjects(id(), 5_000),
    nestedObjects(id(), 19),
    nestedObjects(id(), 20),
    arraysOfObjects(id(), 300),
    arraysOfObjects(id(), 19),
    rejected(
      '@timestamp inside 20,000 arrays',
      `{"@timestamp":${repeat('[', 20_000)}"${EXTREME_TIMESTAMP}"${repeat(']', 20_000)}}`,
      NESTING
    ),
    rejected(
      '100,000 arrays in a hit envelope',
      `{"_id":"${id()}","sort":${repeat('[', 100_000)}${repeat(']', 100_000)},"_source":{"@timestamp":"${EXTREME_TIMESTAMP}"}}`,
      NESTING
    ),
    rejected(
      '_id inside 500 arrays',
      `{"_id":${repeat('[', 500)}"x"${repeat(']', 500)},"_source":{"@timestamp":"${EXTREME_TIMESTAMP}"}}`,
      /^_id must be a non-empty string \(found \[\[\[.*\.\.\.\)$/
    ),
    stored(
      'brackets and braces inside strings',
      `${idPrefix}-brackets`,
      withMembers(`${idPrefix}-brackets`, `"extreme":{"blob":"${repeat('[{', 100_000)}"}`)
    ),
    rejected(
      'a flattened field 21 objects deep',
      withMembers(id(), `"process":{"elf":{"imports":${repeat('{"b":', 21)}1${repeat('}', 21)}}}`),
      literal(
        'The provided [flattened] field [process.elf.imports] exceeds the maximum depth limit of [20].'
      ),
      {
        send: 'document',
        reason:
          /The provided \[flattened\] field \[process\.elf\.imports\] exceeds the maximum depth limit of \[20\]\./,
      }
    ),
    // Width
    nullKeys(id(), 5_000),
    stored(
      `an array of ${Math.round(1_000_000 * big)} numbers`,
      `${idPrefix}-wide-array`,
      withMembers(
        `${idPrefix}-wide-array`,
        `"extreme":{"num":[${Array.from({ length: Math.round(1_000_000 * big) }, (_, i) => i % 10).join(',')}]}`
      )
    ),
    longKey(id(), 200_000),
    dottedKey(id(), 100_000, 'k'),
    dottedKey(id(), 21),
    dottedKey(id(), 20),
    rejected(
      'a key of 200,000 dots',
      withMembers(id(), `"${repeat('.', 200_000)}":1`),
      /^field name \[\.+\.\.\.\(200000 characters\)\.\.\.\.+\] cannot contain only dots$/,
      {
        send: 'document',
        reason: /field name cannot contain only dots/,
      }
    ),
    rejected(
      'a 200 KB dotted key below a flattened field',
      withMembers(id(), `"process":{"elf":{"imports":{"${dotted(nTimes(66_000, 'ab'))}":"v"}}}`),
      /^Flattened field \[process\.elf\.imports\] contains one immense field whose keyed encoding is longer than the allowed max length of 32766 bytes\. Key length: 197999, value length: 1 for key starting with \[(ab\.){16}ab\]$/,
      {
        send: 'document',
        reason:
          /contains one immense field whose keyed encoding is longer than the allowed max length of 32766 bytes\. Key length: 197999, value length: 1/,
      }
    ),
    // Length
    longString(id(), megabytes(5)),
    longString(id(), megabytes(2.5), '\\n'),
    longString(id(), megabytes(1), '\\"\\\\\\u00e9\\ud83d\\ude00'),
    stored(
      '5 MB in process.name (over ignore_above)',
      `${idPrefix}-long-name`,
      withMembers(`${idPrefix}-long-name`, `"process":{"name":"${repeat('n', megabytes(5))}"}`)
    ),
    rejected(
      '5 MB beside a repeated key',
      withMembers(id(), `"extreme":{"blob":"${repeat('x', megabytes(5))}","blob":"y"}`),
      literal('Duplicate field "blob": a key repeated in one object')
    ),
    stored(
      '5 MB beside the largest long',
      `${idPrefix}-edge-long`,
      withMembers(
        `${idPrefix}-edge-long`,
        `"extreme":{"blob":"${repeat('x', megabytes(5))}"},"process":{"pid":9223372036854775807}`
      )
    ),
    rejected(
      '5 MB unterminated string',
      `{"@timestamp":"${repeat('x', megabytes(5))}`,
      /^malformed JSON: /
    ),
    {
      name: '10 MB of spaces',
      bytes: utf8(repeat(' ', megabytes(10))),
      expect: { outcome: 'blank' },
    },
    // Numbers
    ...NUMBER_CASES.map((number) => numberLine(id(), number)),
    rejected(
      'a numeric-looking string of 1,000,000 digits in process.pid',
      withMembers(id(), `"process":{"pid":"${repeat('7', 1_000_000)}x"}`),
      /^field process\.pid of type long cannot hold "7+\.\.\.$/
    ),
    // Keys
    ...KEY_CASES.map((key) => keyLine(id(), key)),
    rejected(
      '@timestamp twice, once escaped',
      `{"@timestamp":"${EXTREME_TIMESTAMP}","\\u0040timestamp":"${EXTREME_TIMESTAMP}"}`,
      literal('Duplicate field "@timestamp": a key repeated in one object')
    ),
    // Invalid UTF-8
    ...INVALID_UTF8_SEQUENCES.map((sequence) => invalidUtf8Line(id(), sequence)),
    // _index and _id
    ...INDEX_CASES.map((index) => indexLine(id(), index)),
    indexLine(id(), {
      index: 'x'.repeat(200_000),
      problem: 'index name is too long, (200000 > 255)',
    }),
    longIdLine(`${idPrefix}-id512`, 512),
    longIdLine(`${idPrefix}-id513`, 513),
    longIdLine(`${idPrefix}-id100k`, 100_000),
    // Not events at all
    rejected('an empty object', '{}', literal('missing @timestamp')),
    rejected(
      'an array of a million zeros',
      `[${Array.from({ length: 1_000_000 }, () => '0').join(',')}]`,
      literal('not a JSON object (found array)')
    ),
    rejected(
      'a 1 MB JSON string',
      JSON.stringify(repeat('s', MIB)),
      literal('not a JSON object (found string)')
    ),
  ];
  return lines;
};

/** A good line, `eventJson` with the suite's id. */
export const goodLine = (id: string): ExtremeLine => stored('good', id, eventJson(id));

// ---------------------------------------------------------------------------------------------
// Arbitraries for the property test: the same families with drawn parameters, sizes kept for CI.

/** Drawn strings stay under this (the fixed file has the multi-megabyte ones). */
const MAX_DRAWN_STRING = 256 * 1024;

const depth = fc.oneof(
  fc.integer({ min: 1, max: 30 }),
  fc.integer({ min: 990, max: 1_010 }),
  fc.integer({ min: 1, max: 100_000 })
);

export const extremeLineArbitrary = (): fc.Arbitrary<(id: string) => ExtremeLine> =>
  fc.oneof(
    depth.map((n) => (id: string) => nestedArrays(id, n)),
    fc
      .oneof(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 50_000 }))
      .map((n) => (id: string) => nestedObjects(id, n)),
    fc.integer({ min: 1, max: 600 }).map((n) => (id: string) => arraysOfObjects(id, n)),
    fc
      .oneof(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 100_000 }))
      .map((n) => (id: string) => dottedKey(id, n)),
    fc.constantFrom(1_000, 65_536, 200_000).map((length) => (id: string) => longKey(id, length)),
    fc.integer({ min: 0, max: 5_000 }).map((n) => (id: string) => nullKeys(id, n)),
    fc
      .tuple(
        fc.integer({ min: 0, max: MAX_DRAWN_STRING }),
        fc.constantFrom('x', '\\n', '\\"', '\\\\', '\\u0000', '\\ud800', 'é', '😀', '[', '{')
      )
      .map(
        ([length, unit]) =>
          (id: string) =>
            longString(id, length, unit)
      ),
    fc.constantFrom(...NUMBER_CASES).map((number) => (id: string) => numberLine(id, number)),
    fc.constantFrom(...KEY_CASES).map((key) => (id: string) => keyLine(id, key)),
    fc
      .constantFrom(...INVALID_UTF8_SEQUENCES)
      .map((sequence) => (id: string) => invalidUtf8Line(id, sequence)),
    fc.constantFrom(...INDEX_CASES).map((index) => (id: string) => indexLine(id, index)),
    fc.integer({ min: 1, max: 100_000 }).map((bytes) => (id: string) => longIdLine(id, bytes))
  );

/** Where a drawn file has extreme lines (a maker each) and good lines (undefined). */
export type ExtremeFilePlan = ReadonlyArray<((id: string) => ExtremeLine) | undefined>;

export const extremeFilePlan = (): fc.Arbitrary<ExtremeFilePlan> =>
  fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: extremeLineArbitrary() }
    ),
    { minLength: 1, maxLength: 24 }
  );

/** The plan's lines, every id starting with `idPrefix` (unique per run, as runs may share a store). */
export const planLines = (plan: ExtremeFilePlan, idPrefix: string): ExtremeLine[] =>
  plan.map((make, index) =>
    make === undefined ? goodLine(`${idPrefix}g${index + 1}`) : make(`${idPrefix}e${index + 1}`)
  );

// ---------------------------------------------------------------------------------------------
// Files and what their ingest must report.

export const fileOf = (lines: readonly ExtremeLine[]): Buffer => {
  const parts: Buffer[] = [];
  lines.forEach((line, index) => {
    parts.push(Buffer.from(line.bytes));
    if (index < lines.length - 1) parts.push(Buffer.from('\n'));
  });
  return Buffer.concat(parts);
};

export interface ExpectedSummary {
  readonly linesRead: number;
  readonly blankLines: number;
  readonly storedIds: readonly string[];
  readonly rejected: ReadonlyArray<{ readonly line: number; readonly reason: RegExp }>;
}

export const expectedSummary = (lines: readonly ExtremeLine[]): ExpectedSummary => {
  const numbered = lines.map((line, index) => ({ expect: line.expect, number: index + 1 }));
  const blankLines = numbered.filter(({ expect }) => expect.outcome === 'blank').length;
  return {
    linesRead: lines.length - blankLines,
    blankLines,
    storedIds: numbered
      .flatMap(({ expect }) => (expect.outcome === 'stored' ? [expect.id] : []))
      .sort(),
    rejected: numbered.flatMap(({ expect, number }) =>
      expect.outcome === 'rejected' ? [{ line: number, reason: expect.reason }] : []
    ),
  };
};

/** A line's short description for failure messages (never the whole line). */
export const describeLine = (line: ExtremeLine, number: number): string =>
  `line ${number}: ${line.name}`;

// ---------------------------------------------------------------------------------------------
// Extreme lines as bad-line kinds, for the mixed-file properties of ingest_bad_input.test.ts.

const asBadLineKind = (make: (id: string) => ExtremeLine): BadLineKind => {
  const sample = make('sample');
  if (sample.expect.outcome !== 'rejected') throw new Error(`${sample.name} is not a bad line`);
  return { name: sample.name, bytes: (id) => make(id).bytes, reason: sample.expect.reason };
};

/** Lines that used to stop an ingest or be stored although Elasticsearch refuses them, kept small. */
export const EXTREME_BAD_LINE_KINDS: readonly BadLineKind[] = [
  asBadLineKind((id) => nestedArrays(id, 5_000)),
  asBadLineKind((id) => nestedObjects(id, 50)),
  asBadLineKind((id) => arraysOfObjects(id, 25)),
  asBadLineKind((id) => dottedKey(id, 21)),
  asBadLineKind((id) =>
    rejected(
      'a key of 1,000 dots',
      withMembers(id, `"${repeat('.', 1_000)}":1`),
      /^field name \[\.+\.\.\.\(1000 characters\)\.\.\.\.+\] cannot contain only dots$/
    )
  ),
  asBadLineKind((id) =>
    rejected(
      'a flattened field 21 objects deep',
      withMembers(id, `"process":{"elf":{"imports":${repeat('{"b":', 21)}1${repeat('}', 21)}}}`),
      literal(
        'The provided [flattened] field [process.elf.imports] exceeds the maximum depth limit of [20].'
      )
    )
  ),
  asBadLineKind((id) => indexLine(id, { index: '../../../etc/passwd', problem: FORBIDDEN })),
  asBadLineKind((id) =>
    indexLine(id, { index: 'x'.repeat(300), problem: 'index name is too long, (300 > 255)' })
  ),
  asBadLineKind((id) =>
    rejected(
      '1 MB beside a repeated key',
      withMembers(id, `"extreme":{"blob":"${repeat('x', MIB)}","blob":"y"}`),
      literal('Duplicate field "blob": a key repeated in one object')
    )
  ),
];
