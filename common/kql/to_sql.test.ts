import { KqlCompileError } from './errors';
import { createMatcher } from './matcher';
import { fromKueryExpression } from './parse';
import { compileKqlToSql } from './to_sql';
import { and, exists, is, lit, nested, not, or, phrase, range, wc, wcSegments } from './test_helpers/ast_builders';
import { loadStore } from './test_helpers/duckdb_loader';
import type { LoadedStore } from './test_helpers/duckdb_loader';
import {
  EDGE_VARIANTS,
  EXAMPLE_NAMES,
  INTERACTIVE_V1_QUERY,
  PRIVILEGED_V1_QUERY,
  edgeVariantDoc,
  exampleEvent,
  toDottedKeys,
  toMixedKeys,
} from './test_helpers/example_events';
import { testFields } from './test_helpers/test_fields';
import type { KqlNode } from './ast';

const fields = testFields();
const NOW = new Date('2025-03-12T12:00:00.000Z');
const OPTIONS = { now: NOW, dateFormatTZ: 'Zulu' };

const INJECTION_VALUES = ["it's", 'say "hi"', 'back\\slash', 'a;b', 'x -- y', '100%', 'snake_case', 'star*', 'two\nlines', 'nul\u0000byte', "'; DROP TABLE events; --"];

const CRAFTED_DOCS: Record<string, unknown>[] = [
  { process: { name: 'bash', pid: 10, interactive: 'true', args: ['bash', '-c', 'echo hi'] }, message: 'Hello brave new World' },
  { process: { name: 'Bash', pid: '11.0', interactive: false, args: 'bash -c' }, message: ['brave', 'new world'] },
  { 'process.name': 'zsh', 'process.pid': 12, host: { ip: ['10.1.2.3', '::1'], name: 0 }, metric: { ratio: 0.1 } },
  { process: { name: '', pid: 'abc', interactive: '' }, '@timestamp': '2025-03-11T23:59:59.999Z', short: { code: 'toolong' } },
  { '@timestamp': 1741737600000, short: { code: ['ok', 'waytoolong'] }, custom: { n: 5, s: 'Value', b: true } },
  { '@timestamp': ['2025-03-01', '2025-03-12T10:00:00+02:00'], custom: { n: 7.5, s: 'value', b: false }, labels: { team: 'red' } },
  { process: { command_line: 'runc init', executable: '/usr/bin/runc' }, event: { type: 'start', category: 'process' } },
  { items: [{ name: 'a', count: 1 }], process: { parent: { name: 'tini' } }, message: 'run --privileged now' },
  ...INJECTION_VALUES.map((value) => ({ process: { name: value, executable: value } })),
];

const DOCS: Record<string, unknown>[] = [
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
  ['wildcard field', is(wc('process.*'), 'tini')],
  ['wildcard field exists', exists(wc('custom.*'))],
  ['wildcard field range', range(wc('process.p*'), 'gte', '11')],
  ['and/or/not', or(and(is('process.name', 'docker'), not(is('process.args', 'ps'))), is('process.name', 'zsh'))],
  ['parsed precedence', fromKueryExpression('process.name:docker or process.name:bash and not process.pid:10')],
  ['literal star', is('process.name', wcSegments('star', ''))],
  ...INJECTION_VALUES.map((value): [string, KqlNode] => [`literal ${JSON.stringify(value)}`, is('process.name', phrase(value))]),
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
    const selected = await store.select(compileKqlToSql(query, store.schema, OPTIONS));
    expect(selected).toEqual(expected);
    selectedCounts.push(selected.length);
  });

  it('is a meaningful comparison: most queries select some but not all documents', () => {
    const partial = selectedCounts.filter((count) => count > 0 && count < DOCS.length);
    expect(partial.length).toBeGreaterThan(QUERIES.length * 0.75);
  });

  it('finds each awkward value literally, with identical SQL and no value in the text', async () => {
    const compiled = INJECTION_VALUES.map((value) => compileKqlToSql(is('process.name', phrase(value)), store.schema));
    const patterns = INJECTION_VALUES.map((value) =>
      compileKqlToSql(is('process.executable', wcSegments('', value, '')), store.schema)
    );
    for (const list of [compiled, patterns]) {
      expect(new Set(list.map((fragment) => fragment.sql)).size).toBe(1);
      for (const fragment of list) expect(fragment.sql).not.toMatch(/['"\\;\n\u0000%]|--/);
    }
    for (const [i, value] of INJECTION_VALUES.entries()) {
      const exact = await store.select(compiled[i] ?? compileKqlToSql(is('process.name', phrase(value)), store.schema));
      expect(exact.map((id) => DOCS[id])).toEqual([{ process: { name: value, executable: value } }]);
      const contains = await store.select(patterns[i] ?? compileKqlToSql(is('process.executable', wcSegments('', value, '')), store.schema));
      expect(contains.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps text match SQL independent of the number of tokens', () => {
    const a = compileKqlToSql(is('message', 'one'), store.schema);
    const b = compileKqlToSql(is('message', "two 'words' -- ; here"), store.schema);
    expect(a.sql).toBe(b.sql);
  });

  it('rejects nested queries and CIDR blocks clearly', () => {
    expect(() => compileKqlToSql(nested('items', is('name', 'a')), store.schema)).toThrow(
      'nested queries are not supported by the embedded store'
    );
    expect(() => compileKqlToSql(is('host.ip', phrase('10.0.0.0/8')), store.schema)).toThrow(KqlCompileError);
    expect(() => compileKqlToSql(is('process.pid', 'abc'), store.schema)).toThrow(KqlCompileError);
  });
});
