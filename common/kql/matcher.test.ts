import { ecsFieldTypes } from '../ecs/ecs_field_types';
import { KqlCompileError } from './kql_compile_error';
import { createMatcher } from './matcher';
import { fromKueryExpression } from './parse';
import { toElasticsearchQuery } from './to_dsl';
import { DYNAMIC_KEYWORD_IGNORE_ABOVE } from '../es/value_coercion';
import {
  and,
  exists,
  is,
  lit,
  matchAll,
  nested,
  not,
  or,
  phrase,
  range,
  wc,
  wcSegments,
} from './test_helpers/ast_builders';
import {
  EDGE_VARIANTS,
  EXAMPLE_EXPECTATIONS,
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
const matches = (ast: KqlNode, doc: Record<string, unknown>, options = {}) =>
  createMatcher(ast, fields, { now: NOW, ...options })(doc);
const kql = (query: string, doc: Record<string, unknown>) =>
  matches(fromKueryExpression(query), doc);

describe('seed rule queries over the example events', () => {
  const interactive = createMatcher(fromKueryExpression(INTERACTIVE_V1_QUERY), ecsFieldTypes());
  const privileged = createMatcher(fromKueryExpression(PRIVILEGED_V1_QUERY), ecsFieldTypes());
  const spellings = {
    nested: (d: Record<string, unknown>) => d,
    dotted: toDottedKeys,
    mixed: toMixedKeys,
  };

  it('covers all twelve examples', () => {
    expect(EXAMPLE_NAMES).toHaveLength(12);
    expect(Object.keys(EXAMPLE_EXPECTATIONS).sort()).toEqual([...EXAMPLE_NAMES].sort());
  });

  describe.each(Object.entries(spellings))('%s keys', (_spelling, respell) => {
    it.each(EXAMPLE_NAMES)('%s', (name) => {
      const doc = respell(exampleEvent(name));
      const [expectInteractive, expectPrivileged] = EXAMPLE_EXPECTATIONS[name] ?? [false, false];
      expect(interactive(doc)).toBe(expectInteractive);
      expect(privileged(doc)).toBe(expectPrivileged);
    });

    it.each(EDGE_VARIANTS.map((variant) => [variant.name, variant] as const))(
      'edge variant %s',
      (_name, variant) => {
        const doc = respell(edgeVariantDoc(variant));
        expect([interactive(doc), privileged(doc)]).toEqual(variant.expected);
      }
    );
  });
});

describe('boolean logic', () => {
  const doc = { a: 'x', b: 'y' };
  it('and / or / not / match_all', () => {
    expect(matches(and(is('a', 'x'), is('b', 'y')), doc)).toBe(true);
    expect(matches(and(is('a', 'x'), is('b', 'z')), doc)).toBe(false);
    expect(matches(or(is('a', 'z'), is('b', 'y')), doc)).toBe(true);
    expect(matches(not(is('a', 'x')), doc)).toBe(false);
    expect(matches(matchAll(), {})).toBe(true);
  });
  it('follows KQL precedence from query strings (not > and > or)', () => {
    expect(kql('a:z or a:x and b:y', doc)).toBe(true);
    expect(kql('(a:z or a:x) and b:z', doc)).toBe(false);
    expect(kql('not a:z and b:y', doc)).toBe(true);
    expect(kql('not (a:x or b:z)', doc)).toBe(false);
  });
  it('not is must_not: a missing field matches `not field:x`', () => {
    expect(kql('not process.name:docker', {})).toBe(true);
    expect(kql('not process.name:*', {})).toBe(true);
  });
  it('value groups distribute the field', () => {
    const args = { process: { args: ['docker', 'run', '--privileged'] } };
    expect(kql('process.args:(run and --privileged)', args)).toBe(true);
    expect(kql('process.args:(run and rm)', args)).toBe(false);
    expect(kql('process.args:(rm or run)', args)).toBe(true);
    expect(kql('process.args:(run and not rm)', args)).toBe(true);
    expect(kql('process.args:(run and not docker)', args)).toBe(false);
  });
});

describe('keyword fields', () => {
  it('match whole values, case-sensitively, any array element', () => {
    const doc = { process: { name: 'bash', args: ['ls', '-la'] } };
    expect(matches(is('process.name', 'bash'), doc)).toBe(true);
    expect(matches(is('process.name', 'Bash'), doc)).toBe(false);
    expect(matches(is('process.name', 'bas'), doc)).toBe(false);
    expect(matches(is('process.args', '-la'), doc)).toBe(true);
    expect(matches(is('process.args', phrase('-la')), doc)).toBe(true);
  });
  it('index numbers and booleans as strings', () => {
    expect(matches(is('host.name', '0'), { host: { name: 0 } })).toBe(true);
    expect(matches(is('host.name', true), { host: { name: true } })).toBe(true);
    expect(matches(is('host.name', 'true'), { host: { name: true } })).toBe(true);
  });
  it('do not index values above ignore_above', () => {
    expect(matches(is('short.code', 'abcde'), { short: { code: 'abcde' } })).toBe(true);
    expect(matches(is('short.code', 'abcdef'), { short: { code: 'abcdef' } })).toBe(false);
    expect(matches(exists('short.code'), { short: { code: 'abcdef' } })).toBe(false);
    expect(matches(exists('short.code'), { short: { code: ['abcdef', 'ab'] } })).toBe(true);
  });
  it('wildcards are case-sensitive patterns with literal segments', () => {
    const doc = { process: { name: 'a.b*c?d', executable: '/usr/bin/bash' } };
    expect(matches(is('process.executable', wc('/usr/*/bash')), doc)).toBe(true);
    expect(matches(is('process.executable', wc('*BASH')), doc)).toBe(false);
    expect(matches(is('process.executable', wc('*bin')), doc)).toBe(false);
    expect(matches(is('process.name', wcSegments('a.b*c?', '')), doc)).toBe(true);
    expect(matches(is('process.name', wc('a?b*')), doc)).toBe(false);
    expect(kql('process.name:a.b\\*c?d', doc)).toBe(true);
    expect(kql('process.executable:/usr/*', doc)).toBe(true);
  });
  it('wildcard-type fields (command_line) behave like keyword', () => {
    const doc = { process: { command_line: 'runc init' } };
    expect(kql('process.command_line:"runc init"', doc)).toBe(true);
    expect(kql('process.command_line:runc', doc)).toBe(false);
    expect(kql('process.command_line:runc*', doc)).toBe(true);
  });
  it('ranges compare by code point', () => {
    expect(matches(range('host.name', 'gt', 'b'), { host: { name: 'c' } })).toBe(true);
    expect(matches(range('host.name', 'lt', 'b'), { host: { name: 'c' } })).toBe(false);
    expect(matches(range('host.name', 'gt', '\uffff'), { host: { name: '\u{1f600}' } })).toBe(true);
  });
});

describe('boolean fields', () => {
  it.each([
    [true, 'true', true],
    ['true', 'true', true],
    [false, 'false', true],
    ['false', 'false', true],
    ['', 'false', true],
    ['True', 'true', false],
    [1, 'true', false],
    [true, 'false', false],
  ])('value %p with query %p → %p', (value, query, expected) => {
    expect(
      matches(is('process.interactive', query === 'true'), { process: { interactive: value } })
    ).toBe(expected);
    expect(
      matches(is('process.interactive', lit(query, true)), { process: { interactive: value } })
    ).toBe(expected);
  });
  it('rejects non-boolean query values like Elasticsearch', () => {
    expect(() => createMatcher(is('process.interactive', 'yes'), fields)).toThrow(KqlCompileError);
  });
  it('supports ranges (false < true)', () => {
    expect(
      matches(range('process.interactive', 'gt', 'false'), { process: { interactive: true } })
    ).toBe(true);
  });
});

describe('numeric fields', () => {
  const doc = { process: { pid: 48219, args_count: '3' }, metric: { ratio: 0.1 } };
  it('compare numerically with coercion', () => {
    expect(matches(is('process.pid', '48219'), doc)).toBe(true);
    expect(matches(is('process.pid', '48219.0'), doc)).toBe(true);
    expect(matches(is('process.pid', '48219.5'), doc)).toBe(false);
    expect(matches(is('process.args_count', '3'), doc)).toBe(true);
    expect(matches(is('process.pid', '4821'), doc)).toBe(false);
    expect(matches(is('metric.ratio', '0.1'), doc)).toBe(true);
  });
  it('truncate decimals indexed into integer fields', () => {
    expect(matches(is('process.pid', '7'), { process: { pid: '7.9' } })).toBe(true);
  });
  it('ranges', () => {
    expect(matches(range('process.pid', 'gt', '48218.5'), doc)).toBe(true);
    expect(matches(range('process.pid', 'lte', '48218'), doc)).toBe(false);
    expect(matches(range('process.args_count', 'gte', '3'), doc)).toBe(true);
    expect(matches(range('metric.ratio', 'lte', '0.1'), doc)).toBe(true);
    expect(kql('process.pid >= 48219 and process.pid < 48220', doc)).toBe(true);
  });
  it('reject non-numeric query values', () => {
    expect(() => createMatcher(is('process.pid', 'abc'), fields)).toThrow(KqlCompileError);
    expect(() => createMatcher(range('process.pid', 'gt', 'abc'), fields)).toThrow(KqlCompileError);
  });
  it('ignore unindexable document values', () => {
    expect(matches(exists('process.pid'), { process: { pid: 'abc' } })).toBe(false);
    expect(matches(exists('process.pid'), { process: { pid: '' } })).toBe(false);
  });
});

describe('date fields', () => {
  const doc = { '@timestamp': '2025-03-12T10:15:42.123Z', event: { ingested: 1741774543512 } };
  it('is = the range the value covers (rounded like Elasticsearch)', () => {
    expect(matches(is('@timestamp', '2025-03-12'), doc)).toBe(true);
    expect(matches(is('@timestamp', '2025-03-11'), doc)).toBe(false);
    expect(matches(is('@timestamp', phrase('2025-03-12T10:15:42')), doc)).toBe(true);
    expect(matches(is('@timestamp', phrase('2025-03-12T10:15:42.123Z')), doc)).toBe(true);
    expect(matches(is('@timestamp', phrase('2025-03-12T10:15:42.124Z')), doc)).toBe(false);
    expect(matches(is('@timestamp', '1741774542123'), doc)).toBe(true);
    expect(matches(is('event.ingested', phrase('2025-03-12T10:15:43.512Z')), doc)).toBe(true);
  });
  it('ranges with date math against `now`', () => {
    expect(matches(range('@timestamp', 'gte', 'now-1d'), doc)).toBe(true);
    expect(matches(range('@timestamp', 'gte', 'now-1h'), doc)).toBe(false);
    expect(matches(range('@timestamp', 'gte', 'now/d'), doc)).toBe(true);
    expect(matches(range('@timestamp', 'lt', 'now/d'), doc)).toBe(false);
    expect(matches(range('@timestamp', 'lte', '2025-03-12'), doc)).toBe(true);
    expect(matches(range('@timestamp', 'lt', '2025-03-12'), doc)).toBe(false);
    expect(matches(range('@timestamp', 'gt', '2025-03-12'), doc)).toBe(false);
    // The anchor of `date||math` is never rounded up; `/d` is, for gt and lte.
    expect(matches(range('@timestamp', 'gt', '2025-03-11||+1d'), doc)).toBe(true);
    expect(matches(range('@timestamp', 'gt', '2025-03-11||+1d/d'), doc)).toBe(false);
    expect(matches(range('@timestamp', 'gte', '2025-03-11||+1d/d'), doc)).toBe(true);
  });
  it('applies dateFormatTZ to query dates without an offset', () => {
    // 10:15Z is 11:15 in Paris (UTC+1 in March before DST).
    const paris = { dateFormatTZ: 'Europe/Paris' };
    expect(matches(range('@timestamp', 'gte', '2025-03-12T11:00:00'), doc, paris)).toBe(true);
    expect(matches(range('@timestamp', 'gte', '2025-03-12T11:00:00'), doc)).toBe(false);
    expect(
      matches(range('@timestamp', 'gte', '2025-03-12T11:00:00'), doc, { dateFormatTZ: '+02:00' })
    ).toBe(true);
  });
  it('rejects unparsable dates in queries, ignores them in documents', () => {
    expect(() => createMatcher(is('@timestamp', 'yesterday'), fields)).toThrow(KqlCompileError);
    expect(matches(exists('@timestamp'), { '@timestamp': 'not a date' })).toBe(false);
  });
});

describe('text fields (standard analyzer approximation)', () => {
  const doc = {
    message: 'Docker RUN --privileged container started',
    process: { command_line: 'runc init --x' },
  };
  it('match is any-token, case-insensitive', () => {
    expect(matches(is('message', 'run'), doc)).toBe(true);
    expect(matches(is('message', 'nothing here started'), doc)).toBe(true);
    expect(matches(is('message', 'absent words'), doc)).toBe(false);
    expect(matches(is('message', '--'), doc)).toBe(false);
  });
  it('match_phrase needs the tokens consecutive', () => {
    expect(matches(is('message', phrase('run privileged')), doc)).toBe(true);
    expect(matches(is('message', phrase('privileged run')), doc)).toBe(false);
    expect(matches(is('message', phrase('docker container')), doc)).toBe(false);
  });
  it('phrases never span array elements', () => {
    expect(matches(is('message', phrase('a b')), { message: ['x a', 'b y'] })).toBe(false);
    expect(matches(is('message', phrase('a b')), { message: ['x', 'a b'] })).toBe(true);
  });
  it('multi-fields read their parent field', () => {
    expect(matches(is('process.command_line.text', 'INIT'), doc)).toBe(true);
    expect(matches(exists('process.command_line.text'), doc)).toBe(true);
  });
  it('wildcards match lowercased tokens', () => {
    expect(matches(is('message', wc('CONT*')), doc)).toBe(true);
    expect(matches(is('message', wc('*vileg*')), doc)).toBe(true);
    expect(matches(is('message', wc('run priv*')), doc)).toBe(false);
  });
});

describe('unmapped fields (dynamic mapping)', () => {
  it("strings are keywords with the dynamic template's ignore_above (1024)", () => {
    const long = 'z'.repeat(DYNAMIC_KEYWORD_IGNORE_ABOVE + 1);
    const limit = 'z'.repeat(DYNAMIC_KEYWORD_IGNORE_ABOVE);
    expect(matches(exists('custom.note'), { custom: { note: long } })).toBe(false);
    expect(matches(is('custom.note', long), { custom: { note: long } })).toBe(false);
    expect(matches(is('custom.note', wc('z*')), { custom: { note: long } })).toBe(false);
    expect(kql('custom.note:*', { custom: { note: long } })).toBe(false);
    expect(matches(exists('custom'), { custom: { note: long } })).toBe(false);
    expect(matches(exists('custom.note'), { custom: { note: [long, 'ok'] } })).toBe(true);
    expect(matches(is('custom.note', limit), { custom: { note: limit } })).toBe(true);
  });
  it('strings are keywords, numbers numeric, booleans boolean', () => {
    const doc = { custom: { s: 'Hello World', n: 5, b: true } };
    expect(matches(is('custom.s', 'Hello World'), doc)).toBe(true);
    expect(matches(is('custom.s', 'hello'), doc)).toBe(false);
    expect(matches(is('custom.n', '5.0'), doc)).toBe(true);
    expect(matches(is('custom.n', 'five'), doc)).toBe(false);
    expect(matches(is('custom.b', true), doc)).toBe(true);
    expect(matches(range('custom.n', 'gt', '4'), doc)).toBe(true);
    expect(matches(range('custom.s', 'gt', 'H'), doc)).toBe(true);
  });
});

describe('exists', () => {
  it('needs an indexed value', () => {
    expect(matches(exists('process.name'), { process: { name: '' } })).toBe(true);
    expect(matches(exists('process.name'), { process: { name: null } })).toBe(false);
    expect(matches(exists('process.name'), { process: { name: [] } })).toBe(false);
    expect(matches(exists('process.name'), { process: { name: [null, 'x'] } })).toBe(true);
    expect(kql('process.name:*', { 'process.name': 'x' })).toBe(true);
  });
  it('on an object path means any sub-field', () => {
    expect(matches(exists('process.parent'), { process: { parent: { name: 'bash' } } })).toBe(true);
    expect(matches(exists('process.parent'), { process: { parent: {} } })).toBe(false);
    expect(matches(exists('labels'), { labels: { team: 'x' } })).toBe(true);
  });
});

describe('field-less values and wildcard field names', () => {
  const doc = {
    process: { name: 'bash', pid: 42, command_line: 'bash -c Echo' },
    message: 'Hello World',
  };
  it('search every field leniently', () => {
    expect(matches(is(null, 'bash'), doc)).toBe(true);
    expect(matches(is(null, '42'), doc)).toBe(true);
    expect(matches(is(null, 'hello'), doc)).toBe(true);
    expect(matches(is(null, 'echo'), doc)).toBe(true); // process.command_line.text
    expect(matches(is(null, 'nope'), doc)).toBe(false);
    expect(matches(is(null, wc('ba*')), doc)).toBe(true);
    expect(kql('bash', doc)).toBe(true);
    expect(kql('"hello world"', doc)).toBe(true);
  });
  it('expand wildcard field names over the mapped fields', () => {
    expect(matches(is(wc('process.*name'), 'bash'), doc)).toBe(true);
    expect(matches(is(wc('process.*name'), 'zsh'), doc)).toBe(false);
    expect(matches(range(wc('process.args*'), 'gte', '3'), { process: { args_count: 3 } })).toBe(
      true
    );
    expect(matches(exists(wc('process.*')), doc)).toBe(true);
    expect(matches(exists(wc('host.*')), doc)).toBe(false);
    expect(kql('process.*name:bash', doc)).toBe(true);
  });
  it('search each mapped field as strictly as a named one: a value one type cannot parse is an error', () => {
    // Kibana sends a non-lenient match/range per field; Elasticsearch rejects the query (kibana#149920).
    const notANumber = new KqlCompileError('"bash" is not a number (field "process.pid")');
    expect(() => matches(is(wc('process.*'), 'bash'), doc)).toThrow(notANumber);
    expect(() => matches(is(wc('process.*'), '42'), doc)).toThrow(KqlCompileError); // process.interactive is boolean
    expect(() => matches(is(wc('host.*'), 'bash'), doc)).toThrow(KqlCompileError); // host.ip
    expect(() => matches(range(wc('process.p*'), 'gt', '40'), doc)).toThrow(KqlCompileError); // process.parent.interactive
    expect(() => kql('process.*:bash', doc)).toThrow(KqlCompileError);
    expect(() => matches(is(wc('event.ingest*'), wc('2025*')), doc)).toThrow(KqlCompileError); // query_string on a date
  });
  it('let an unparsable date match nothing on date fields a pattern reaches', () => {
    // Elasticsearch parses a date range only where the field has values; most swept-in dates have none.
    const dated = { event: { ingested: '2025-03-12T10:00:00Z' } };
    expect(matches(is(wc('event.ingest*'), 'notadate'), dated)).toBe(false);
    expect(matches(range(wc('event.ingest*'), 'gt', 'notadate'), dated)).toBe(false);
    expect(matches(is(wc('event.ingest*'), '2025-03-12'), dated)).toBe(true);
    expect(() => matches(is('event.ingested', 'notadate'), dated)).toThrow(KqlCompileError);
  });
  it('do not expand a pattern over unmapped fields for terms and ranges (Elasticsearch finds nothing)', () => {
    const custom = { custom: { tag: 'alpha', count: 5 } };
    expect(matches(is(wc('custom.*'), 'alpha'), custom)).toBe(false);
    expect(matches(range(wc('custom.*'), 'gt', '4'), custom)).toBe(false);
    expect(kql('custom.*:alpha', custom)).toBe(false);
  });
  it('expand an unmapped pattern over the document for exists and wildcard values (Elasticsearch expands those)', () => {
    const custom = { custom: { tag: 'alpha', count: 5 } };
    expect(matches(exists(wc('custom.*')), custom)).toBe(true);
    expect(matches(is(wc('custom.*'), wc('al*')), custom)).toBe(true);
    expect(matches(is(wc('custom.*'), wc('be*')), custom)).toBe(false);
  });
  it('treat `*:*` as match_all, like Kibana', () => {
    expect(matches(exists(wc('*')), {})).toBe(true);
    expect(matches(is(wc('*'), wc('*')), {})).toBe(true);
  });
});

describe('nested queries', () => {
  const doc = {
    items: [
      { name: 'a', count: 1 },
      { name: 'b', count: 2 },
    ],
  };
  it('need every clause within one object', () => {
    expect(matches(nested('items', and(is('name', 'a'), is('count', '1'))), doc)).toBe(true);
    expect(matches(nested('items', and(is('name', 'a'), is('count', '2'))), doc)).toBe(false);
    expect(kql('items:{ name:b and count >= 2 }', doc)).toBe(true);
    expect(kql('items:{ name:a and not count:1 }', doc)).toBe(false);
  });
  it("rejects a nested field named outside its nested query, with Kibana's message", () => {
    const message =
      'items.name is a nested field, but is not in a nested group in the KQL expression.';
    expect(() => matches(is('items.name', 'a'), doc)).toThrow(new KqlCompileError(message));
    expect(() => toElasticsearchQuery(is('items.name', 'a'), fields)).toThrow(
      new KqlCompileError(message)
    );
    expect(() => matches(exists('items.count'), doc)).toThrow(KqlCompileError);
    expect(() => matches(range('items.count', 'gt', '1'), doc)).toThrow(KqlCompileError);
    expect(() => kql('items:{ process.name:bash }', doc)).not.toThrow(); // unmapped there: no error
  });
  it('leaves an unmapped field under a nested path unsearchable outside its query, without an error', () => {
    expect(matches(is('items.other', 'x'), { items: [{ other: 'x' }] })).toBe(false);
  });
  it('searches nested fields a wildcard field name reaches, each in a nested query of its own', () => {
    expect(matches(is(wc('items.n*'), 'b'), doc)).toBe(true);
    expect(matches(is(wc('items.n*'), 'c'), doc)).toBe(false);
    expect(matches(range(wc('items.c*'), 'gte', '2'), doc)).toBe(true);
    expect(matches(exists(wc('items.*')), doc)).toBe(true);
    expect(() => matches(is(wc('items.*'), 'b'), doc)).toThrow(KqlCompileError); // items.count is long
  });
  it('rejects a path mapped as something else', () => {
    expect(() => createMatcher(nested('process.name', matchAll()), fields)).toThrow(
      KqlCompileError
    );
  });
});

describe('flattened fields', () => {
  const doc = {
    process: {
      elf: {
        imports: [
          { name: 'libc.so.6', version: 5 },
          { name: 'libm', flags: { weak: true } },
        ],
      },
    },
  };
  it('match any leaf value below them, as a keyword', () => {
    expect(matches(is('process.elf.imports', 'libc.so.6'), doc)).toBe(true);
    expect(matches(is('process.elf.imports', '5'), doc)).toBe(true);
    expect(matches(is('process.elf.imports', true), doc)).toBe(true);
    expect(matches(is('process.elf.imports', 'libc'), doc)).toBe(false);
    expect(matches(is('process.elf.imports', wc('lib*')), doc)).toBe(true);
    expect(matches(range('process.elf.imports', 'gt', 'libl'), doc)).toBe(true);
    expect(kql('process.elf.imports:libc.so.6', doc)).toBe(true);
    expect(matches(is(null, 'libm'), doc)).toBe(true);
  });
  it('exist when a leaf value below them does', () => {
    expect(matches(exists('process.elf.imports'), doc)).toBe(true);
    expect(matches(exists('process.elf.imports'), { process: { elf: { imports: [{}] } } })).toBe(
      false
    );
    expect(matches(exists('process.elf'), doc)).toBe(true);
  });
  it('apply their own ignore_above to each leaf', () => {
    const exports = { process: { elf: { exports: { a: 'short', b: 'toolong' } } } };
    expect(matches(is('process.elf.exports', 'short'), exports)).toBe(true);
    expect(matches(is('process.elf.exports', 'toolong'), exports)).toBe(false);
    expect(
      matches(exists('process.elf.exports'), { process: { elf: { exports: { b: 'toolong' } } } })
    ).toBe(false);
  });
  it('have keyed sub-fields: keywords at exactly that key', () => {
    expect(matches(is('process.elf.imports.name', 'libm'), doc)).toBe(true);
    expect(matches(is('process.elf.imports.version', '5'), doc)).toBe(true);
    expect(matches(is('process.elf.imports.version', '5.0'), doc)).toBe(false);
    expect(matches(exists('process.elf.imports.flags.weak'), doc)).toBe(true);
    expect(matches(exists('process.elf.imports.flags'), doc)).toBe(false);
    // Keyed fields are not index fields: an unmapped field-name pattern does not expand to them.
    expect(matches(exists(wc('process.elf.imports.*')), doc)).toBe(false);
  });
  it('reject a range on a keyed sub-field (Elasticsearch needs both bounds)', () => {
    expect(() => matches(range('process.elf.imports.name', 'gt', 'a'), doc)).toThrow(
      KqlCompileError
    );
  });
});

describe('geo_point fields', () => {
  it('exist in any of their forms (object, string, array)', () => {
    expect(
      matches(exists('source.geo.location'), {
        source: { geo: { location: { lat: 52.5, lon: 13.4 } } },
      })
    ).toBe(true);
    expect(
      matches(exists('source.geo.location'), { source: { geo: { location: '52.5,13.4' } } })
    ).toBe(true);
    expect(
      matches(exists('source.geo.location'), { source: { geo: { location: [13.4, 52.5] } } })
    ).toBe(true);
    expect(matches(exists('source.geo.location'), { source: { geo: {} } })).toBe(false);
    expect(
      kql('source.geo.location:*', { source: { geo: { location: { lat: 1, lon: 2 } } } })
    ).toBe(true);
  });
  it('count for exists on an enclosing object', () => {
    expect(
      matches(exists('source'), { source: { geo: { location: { lat: 52.5, lon: 13.4 } } } })
    ).toBe(true);
  });
  it('have no sub-fields and take no terms', () => {
    const doc = { source: { geo: { location: { lat: 52.5, lon: 13.4 } } } };
    expect(matches(is('source.geo.location.lat', '52.5'), doc)).toBe(false);
    expect(matches(exists('source.geo.location.lat'), doc)).toBe(false);
    expect(matches(is(null, '52.5'), doc)).toBe(false);
    expect(() => matches(is('source.geo.location', 'x'), doc)).toThrow(KqlCompileError);
  });
});

describe('ip fields', () => {
  const doc = { host: { ip: ['10.0.1.23', '::FFFF:172.17.0.1'] } };
  it('match addresses and CIDR blocks', () => {
    expect(matches(is('host.ip', '10.0.1.23'), doc)).toBe(true);
    expect(matches(is('host.ip', '172.17.0.1'), doc)).toBe(true);
    expect(matches(is('host.ip', phrase('10.0.0.0/8')), doc)).toBe(true);
    expect(matches(is('host.ip', phrase('192.168.0.0/16')), doc)).toBe(false);
    expect(matches(range('host.ip', 'gt', '10.0.1.22'), doc)).toBe(true);
  });
});

describe('robustness', () => {
  const weird: Array<Record<string, unknown>> = [
    {},
    { process: 'bash' },
    { process: { name: { nested: 'object' } } },
    { process: { name: [[['bash']]] } },
    { process: { pid: { a: 1 } }, '@timestamp': ['x', null, {}] },
    { process: { interactive: [{}, 'maybe'] }, message: 12 },
    { '': 'empty', 'process.': 'x', '.': null },
    { items: 'not objects' },
  ];
  const queries: KqlNode[] = [
    is('process.name', 'bash'),
    is('process.pid', '1'),
    is('process.interactive', true),
    range('@timestamp', 'gte', 'now-1d'),
    is('message', 'x y'),
    is(null, 'bash'),
    exists(wc('*')),
    nested('items', is('name', 'a')),
    not(exists('process')),
  ];
  it('never throws on odd documents', () => {
    for (const doc of weird)
      for (const query of queries) expect(typeof matches(query, doc)).toBe('boolean');
  });
  it('reads nested arrays of scalars flattened', () => {
    expect(matches(is('process.name', 'bash'), { process: { name: [[['bash']]] } })).toBe(true);
    expect(matches(is('process.name', 'bash'), { process: { name: { nested: 'object' } } })).toBe(
      false
    );
  });
  it('rejects null values', () => {
    expect(() => createMatcher(is('process.name', lit(null)), fields)).toThrow(KqlCompileError);
  });
});
