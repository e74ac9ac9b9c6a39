import { KqlCompileError } from '../../../common/kql/kql_compile_error';
import { createMatcher } from '../../../common/kql/matcher';
import { fromKueryExpression } from '../../../common/kql/parse';
import { compileKqlToSql } from './kql_to_sql';
import {
  and,
  exists,
  is,
  lit,
  nested,
  not,
  or,
  phrase,
  range,
  wc,
  wcSegments,
} from '../../../common/kql/test_helpers/ast_builders';
import { loadStore } from './test_support/duckdb_loader';
import type { LoadedStore } from './test_support/duckdb_loader';
import {
  EDGE_VARIANTS,
  EXAMPLE_NAMES,
  INTERACTIVE_V1_QUERY,
  PRIVILEGED_V1_QUERY,
  edgeVariantDoc,
  exampleEvent,
  toDottedKeys,
  toMixedKeys,
} from '../../../common/kql/test_helpers/example_events';
import { testFields } from '../../../common/kql/test_helpers/test_fields';
import { DYNAMIC_KEYWORD_IGNORE_ABOVE } from '../../../common/es/value_coercion';
import type { KqlNode } from '../../../common/kql/ast';

const fields = testFields();
const NOW = new Date('2025-03-12T12:00:00.000Z');
const OPTIONS = { now: NOW, dateFormatTZ: 'Zulu' };
/** The SQL compiler gets the mapping the store was loaded with, as the matcher does. */
const SQL_OPTIONS = { ...OPTIONS, fields };
const OVER_DYNAMIC_LIMIT = 'z'.repeat(DYNAMIC_KEYWORD_IGNORE_ABOVE + 1);

function compileError(compile: () => unknown): unknown {
  try {
    compile();
  } catch (error) {
    return error;
  }
  return undefined;
}

const INJECTION_VALUES = [
  "it's",
  'say "hi"',
  'back\\slash',
  'a;b',
  'x -- y',
  '100%',
  'snake_case',
  'star*',
  'two\nlines',
  'nul\u0000byte',
  "'; DROP TABLE events; --",
];

const CRAFTED_DOCS: Array<Record<string, unknown>> = [
  {
    process: { name: 'bash', pid: 10, interactive: 'true', args: ['bash', '-c', 'echo hi'] },
    message: 'Hello brave new World',
  },
  {
    process: { name: 'Bash', pid: '11.0', interactive: false, args: 'bash -c' },
    message: ['brave', 'new world'],
  },
  {
    'process.name': 'zsh',
    'process.pid': 12,
    host: { ip: ['10.1.2.3', '::1'], name: 0 },
    metric: { ratio: 0.1 },
  },
  {
    process: { name: '', pid: 'abc', interactive: '' },
    '@timestamp': '2025-03-11T23:59:59.999Z',
    short: { code: 'toolong' },
  },
  {
    '@timestamp': 1741737600000,
    short: { code: ['ok', 'waytoolong'] },
    custom: { n: 5, s: 'Value', b: true },
  },
  {
    '@timestamp': ['2025-03-01', '2025-03-12T10:00:00+02:00'],
    custom: { n: 7.5, s: 'value', b: false },
    labels: { team: 'red' },
  },
  {
    process: { command_line: 'runc init', executable: '/usr/bin/runc' },
    event: { type: 'start', category: 'process' },
  },
  {
    items: [{ name: 'a', count: 1 }],
    process: { parent: { name: 'tini' } },
    message: 'run --privileged now',
  },
  {
    items: [{ name: 'b', count: 2, seen: '2025-03-01' }, { name: 'c' }],
    custom: { note: OVER_DYNAMIC_LIMIT, s: 'long-note' },
  },
  { custom: { note: [OVER_DYNAMIC_LIMIT, 'short'] } },
  {
    process: {
      elf: {
        imports: [
          { name: 'libc.so.6', version: 5 },
          { name: 'libm', flags: { weak: true } },
        ],
        exports: { a: 'short', b: 'toolong' },
      },
    },
  },
  {
    process: { elf: { imports: { name: 'libz' }, exports: { b: 'toolong' } } },
    source: { geo: { location: { lat: 52.5, lon: 13.4 } } },
  },
  ...INJECTION_VALUES.map((value) => ({ process: { name: value, executable: value } })),
];

const DOCS: Array<Record<string, unknown>> = [
  ...EXAMPLE_NAMES.map(exampleEvent),
  ...EXAMPLE_NAMES.slice(0, 4).map((name) => toDottedKeys(exampleEvent(name))),
  ...EXAMPLE_NAMES.slice(4, 8).map((name) => toMixedKeys(exampleEvent(name))),
  ...EDGE_VARIANTS.map(edgeVariantDoc),
  ...CRAFTED_DOCS,
];

const QUERIES: Array<[string, KqlNode]> = [
  ['interactive v1', fromKueryExpression(INTERACTIVE_V1_QUERY)],
  ['privileged v1', fromKueryExpression(PRIVILEGED_V1_QUERY)],
  ['keyword', is('process.name', 'bash')],
  ['keyword case', is('process.name', 'Bash')],
  ['keyword empty string', is('process.name', phrase(''))],
  ['keyword list', is('process.args', '--privileged')],
  ['keyword group', fromKueryExpression('process.args:(run and not --rm)')],
  ['keyword number', is('host.name', '0')],
  ['keyword wildcard', is('process.executable', wc('/usr/bin/*'))],
  ['keyword wildcard mid', is('process.name', wc('b*h'))],
  ['keyword wildcard list', is('process.args', wc('--priv*'))],
  ['wildcard-type field', is('process.command_line', wc('*privileged*'))],
  ['wildcard-type phrase', is('process.command_line', phrase('runc init'))],
  ['keyword range', range('process.name', 'gte', 'docker')],
  ['ignore_above', is('short.code', 'toolong')],
  ['ignore_above exists', exists('short.code')],
  ['boolean true', is('process.interactive', true)],
  ['boolean "false"', is('process.interactive', lit('false', true))],
  ['not boolean', not(is('process.interactive', true))],
  ['long', is('process.pid', '11')],
  ['long decimal', is('process.pid', '11.5')],
  ['long range', range('process.pid', 'gt', '10.5')],
  ['long range lte', range('process.args_count', 'lte', '3')],
  ['float', is('metric.ratio', '0.1')],
  ['date day', is('@timestamp', '2025-03-12')],
  ['date exact', is('@timestamp', phrase('2025-03-12T10:15:42.123Z'))],
  ['date gte now-1d', range('@timestamp', 'gte', 'now-1d')],
  ['date lt now/d', range('@timestamp', 'lt', 'now/d')],
  ['date lte day', range('@timestamp', 'lte', '2025-03-11')],
  ['text match', is('message', 'world')],
  ['text match any', is('message', 'absent brave')],
  ['text phrase', is('message', phrase('new world'))],
  ['text phrase across values', is('message', phrase('brave new'))],
  ['text wildcard', is('message', wc('priv*'))],
  ['text range', range('message', 'gt', 'run')],
  ['multi-field', is('process.command_line.text', 'init')],
  ['ip', is('host.ip', '10.1.2.3')],
  ['ip v6', is('host.ip', phrase('0:0::1'))],
  ['exists', exists('process.pid')],
  ['exists object', exists('process.parent')],
  ['exists labels', exists('labels')],
  ['not exists', not(exists('process.entry_leader.entry_meta.type'))],
  ['unmapped keyword', is('custom.s', 'value')],
  ['unmapped number', is('custom.n', '5')],
  ['unmapped number text', is('custom.n', 'five')],
  ['unmapped range', range('custom.n', 'gt', '6')],
  ['unmapped boolean', is('custom.b', false)],
  ['unknown field', is('no.such.field', 'x')],
  ['not unknown field', not(is('no.such.field', 'x'))],
  ['field-less', is(null, 'bash')],
  ['field-less number', is(null, '12')],
  ['field-less text', is(null, 'brave')],
  ['field-less wildcard', is(null, wc('runc*'))],
  ['field-less date', is(null, '2025-03-01')],
  ['wildcard field', is(wc('process.*name'), 'tini')],
  ['wildcard field exists', exists(wc('custom.*'))],
  ['wildcard field range', range(wc('process.args*'), 'gte', '3')],
  ['wildcard field, unmapped: term', is(wc('custom.*'), 'value')],
  ['wildcard field, unmapped: range', range(wc('custom.*'), 'gt', '4')],
  ['wildcard field, unmapped: wildcard value', is(wc('custom.*'), wc('val*'))],
  ['wildcard field, swept-in date', is(wc('event.ingest*'), 'notadate')],
  ['dynamic ignore_above exists', exists('custom.note')],
  ['dynamic ignore_above wildcard', is('custom.note', wc('z*'))],
  ['dynamic ignore_above object exists', exists('custom')],
  ['nested via wildcard field', is(wc('items.n*'), 'b')],
  ['nested via wildcard field range', range(wc('items.c*'), 'gte', '2')],
  ['nested via wildcard field exists', exists(wc('items.*'))],
  ['nested date via wildcard field', is(wc('items.s*'), 'notadate')],
  ['flattened term', is('process.elf.imports', 'libc.so.6')],
  ['flattened number leaf', is('process.elf.imports', '5')],
  ['flattened wildcard', is('process.elf.imports', wc('lib*'))],
  ['flattened range', range('process.elf.imports', 'gt', 'libl')],
  ['flattened exists', exists('process.elf.imports')],
  ['flattened ignore_above', is('process.elf.exports', 'toolong')],
  ['flattened ignore_above exists', exists('process.elf.exports')],
  ['flattened keyed', is('process.elf.imports.name', 'libm')],
  ['flattened keyed number', is('process.elf.imports.version', '5')],
  ['flattened keyed exists', exists('process.elf.imports.flags.weak')],
  ['flattened keyed object exists', exists('process.elf.imports.flags')],
  ['flattened field-less', is(null, 'libm')],
  ['geo_point exists', exists('source.geo.location')],
  ['geo_point object exists', exists('source')],
  ['geo_point sub-key', is('source.geo.location.lat', '52.5')],
  [
    'and/or/not',
    or(and(is('process.name', 'docker'), not(is('process.args', 'ps'))), is('process.name', 'zsh')),
  ],
  [
    'parsed precedence',
    fromKueryExpression('process.name:docker or process.name:bash and not process.pid:10'),
  ],
  ['literal star', is('process.name', wcSegments('star', ''))],
  ...INJECTION_VALUES.map((value): [string, KqlNode] => [
    `literal ${JSON.stringify(value)}`,
    is('process.name', phrase(value)),
  ]),
];

describe('compileKqlToSql against DuckDB', () => {
  let store: LoadedStore;
  beforeAll(async () => {
    store = await loadStore(DOCS, fields);
  });
  afterAll(() => store.close());

  it('covers enough query × document pairs', () => {
    expect(QUERIES.length * DOCS.length).toBeGreaterThanOrEqual(150);
  });

  const selectedCounts: number[] = [];
  it.each(QUERIES)('%s selects exactly what the matcher matches', async (_name, query) => {
    const matcher = createMatcher(query, fields, OPTIONS);
    const expected = DOCS.flatMap((doc, id) => (matcher(doc) ? [id] : []));
    const selected = await store.select(compileKqlToSql(query, store.schema, SQL_OPTIONS));
    expect(selected).toEqual(expected);
    selectedCounts.push(selected.length);
  });

  it('is a meaningful comparison: most queries select some but not all documents', () => {
    const partial = selectedCounts.filter((count) => count > 0 && count < DOCS.length);
    expect(partial.length).toBeGreaterThan(QUERIES.length * 0.75);
  });

  it('finds each awkward value literally, with identical SQL and no value in the text', async () => {
    const compiled = INJECTION_VALUES.map((value) =>
      compileKqlToSql(is('process.name', phrase(value)), store.schema)
    );
    const patterns = INJECTION_VALUES.map((value) =>
      compileKqlToSql(is('process.executable', wcSegments('', value, '')), store.schema)
    );
    for (const list of [compiled, patterns]) {
      expect(new Set(list.map((fragment) => fragment.sql)).size).toBe(1);
      for (const fragment of list) expect(fragment.sql).not.toMatch(/['"\\;\n\u0000%]|--/);
    }
    for (const [i, value] of INJECTION_VALUES.entries()) {
      const exact = await store.select(
        compiled[i] ?? compileKqlToSql(is('process.name', phrase(value)), store.schema)
      );
      expect(exact.map((id) => DOCS[id])).toEqual([
        { process: { name: value, executable: value } },
      ]);
      const contains = await store.select(
        patterns[i] ??
          compileKqlToSql(is('process.executable', wcSegments('', value, '')), store.schema)
      );
      expect(contains.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps text match SQL independent of the number of tokens', () => {
    const a = compileKqlToSql(is('message', 'one'), store.schema);
    const b = compileKqlToSql(is('message', "two 'words' -- ; here"), store.schema);
    expect(a.sql).toBe(b.sql);
  });

  it.each<[string, KqlNode]>([
    ['nested field outside its group', is('items.name', 'a')],
    ['nested field outside its group (exists)', exists('items.count')],
    ['wildcard field with a value one type rejects', is(wc('process.*'), 'tini')],
    ['wildcard field range on a boolean', range(wc('process.p*'), 'gte', '11')],
    ['wildcard value on a date a pattern reaches', is(wc('event.ingest*'), wc('2025*'))],
    ['range on a keyed flattened field', range('process.elf.imports.name', 'gt', 'a')],
    ['term on a geo_point', is('source.geo.location', 'x')],
  ])('rejects what the matcher rejects, with its message: %s', (_name, query) => {
    const expected = compileError(() => createMatcher(query, fields, OPTIONS));
    expect(expected).toBeInstanceOf(KqlCompileError);
    expect(compileError(() => compileKqlToSql(query, store.schema, SQL_OPTIONS))).toEqual(expected);
  });

  it('without the mapping, takes the non-dynamic columns for mapped fields', async () => {
    const query = fromKueryExpression('process.name:bash or process.pid:11 or custom.n > 6');
    const withMapping = await store.select(compileKqlToSql(query, store.schema, SQL_OPTIONS));
    expect(await store.select(compileKqlToSql(query, store.schema, OPTIONS))).toEqual(withMapping);
    expect(withMapping.length).toBeGreaterThan(0);
  });

  it('rejects nested queries and CIDR blocks clearly', () => {
    expect(() => compileKqlToSql(nested('items', is('name', 'a')), store.schema)).toThrow(
      'nested queries are not supported by the embedded store'
    );
    expect(() => compileKqlToSql(is('host.ip', phrase('10.0.0.0/8')), store.schema)).toThrow(
      KqlCompileError
    );
    expect(() => compileKqlToSql(is('process.pid', 'abc'), store.schema)).toThrow(KqlCompileError);
  });
});
