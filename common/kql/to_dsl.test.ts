import { createFieldTypeMap, ecsFieldTypes } from '../ecs/ecs_field_types';
import type { KqlNode } from './ast';
import { KqlCompileError } from './kql_compile_error';
import { KqlSyntaxError } from './kql_syntax_error';
import type { EsQuery } from './es_dsl';
import { fromKueryExpression } from './parse';
import { buildEsQuery, toElasticsearchQuery, type KqlToDslOptions } from './to_dsl';

const INTERACTIVE_PROCESS_QUERY =
  'event.category:process and host.os.type:linux and event.type:start and event.action:exec and\n' +
  'process.entry_leader.entry_meta.type:container and process.interactive:true\n';
const PRIVILEGED_DOCKER_QUERY =
  'host.os.type:linux and event.category:process and event.type:start and event.action:exec and process.name:docker and\n' +
  'process.args:(run and --privileged)\n';

/** A data view with one field of each kind the compiler distinguishes. */
const FIELDS = createFieldTypeMap([
  { name: 'host.name', type: 'keyword' },
  { name: 'process.name', type: 'keyword' },
  { name: 'process.pid', type: 'long' },
  { name: 'process.interactive', type: 'boolean' },
  { name: 'process.command_line', type: 'wildcard' },
  { name: 'process.command_line.text', type: 'match_only_text' },
  { name: 'process.io', type: 'object' },
  { name: 'message', type: 'text' },
  { name: 'data_stream.type', type: 'constant_keyword' },
  { name: '@timestamp', type: 'date' },
  { name: 'event.ingested', type: 'date_nanos' },
  { name: 'nestedField', type: 'nested' },
  { name: 'nestedField.child', type: 'keyword', nestedPath: 'nestedField' },
  { name: 'nestedField.nestedChild', type: 'nested', nestedPath: 'nestedField' },
  {
    name: 'nestedField.nestedChild.doublyNestedChild',
    type: 'keyword',
    nestedPath: 'nestedField.nestedChild',
  },
]);

function compile(query: string, options?: KqlToDslOptions): EsQuery {
  return toElasticsearchQuery(fromKueryExpression(query), FIELDS, options);
}

/** Kibana wraps every field query in a one-of-N `bool.should`, even for a single field. */
function anyOf(...queries: EsQuery[]): EsQuery {
  return { bool: { should: queries, minimum_should_match: 1 } };
}

describe('toElasticsearchQuery', () => {
  describe('match all', () => {
    it.each(['', '*:*'])('compiles %j to match_all', (query) => {
      expect(compile(query)).toEqual({ match_all: {} });
    });
  });

  describe('keyword fields', () => {
    it('uses term', () => {
      expect(compile('process.name:bash')).toEqual(
        anyOf({ term: { 'process.name': { value: 'bash' } } })
      );
    });

    it('uses term for quoted values too', () => {
      expect(compile('process.name:"bash -c"')).toEqual(
        anyOf({ term: { 'process.name': { value: 'bash -c' } } })
      );
    });

    it('adds case_insensitive only when the option is set', () => {
      expect(compile('process.name:Bash', { caseInsensitive: true })).toEqual(
        anyOf({ term: { 'process.name': { value: 'Bash', case_insensitive: true } } })
      );
      expect(compile('process.name:Bash', { caseInsensitive: false })).toEqual(
        anyOf({ term: { 'process.name': { value: 'Bash', case_insensitive: false } } })
      );
    });

    it('uses wildcard for wildcard values', () => {
      expect(compile('process.name:ba*')).toEqual(
        anyOf({ wildcard: { 'process.name': { value: 'ba*' } } })
      );
      expect(compile('process.name:*sh', { caseInsensitive: true })).toEqual(
        anyOf({ wildcard: { 'process.name': { value: '*sh', case_insensitive: true } } })
      );
    });

    it('escapes the literal parts of a wildcard pattern', () => {
      // `?` and an escaped `*` are literal in KQL, so they must not act as wildcards in Elasticsearch.
      expect(compile('process.name:a?b\\*c*')).toEqual(
        anyOf({ wildcard: { 'process.name': { value: 'a\\?b\\*c*' } } })
      );
      expect(compile('process.name:*\\\\*')).toEqual(
        anyOf({ wildcard: { 'process.name': { value: '*\\\\*' } } })
      );
      expect(compile('process.name:/usr/bin/*-x')).toEqual(
        anyOf({ wildcard: { 'process.name': { value: '\\/usr\\/bin\\/*\\-x' } } })
      );
    });

    it('passes typed literals through', () => {
      expect(compile('host.name:true')).toEqual(anyOf({ term: { 'host.name': { value: true } } }));
    });
  });

  describe('other field types', () => {
    it('uses match for boolean fields, with the typed value', () => {
      expect(compile('process.interactive:true')).toEqual(
        anyOf({ match: { 'process.interactive': true } })
      );
      expect(compile('process.interactive:"true"')).toEqual(
        anyOf({ match_phrase: { 'process.interactive': 'true' } })
      );
    });

    it('uses match for numeric fields, keeping the number as a string', () => {
      expect(compile('process.pid:42')).toEqual(anyOf({ match: { 'process.pid': '42' } }));
    });

    it('uses match and match_phrase for text fields', () => {
      expect(compile('message:hello world')).toEqual(anyOf({ match: { message: 'hello world' } }));
      expect(compile('message:"hello world"')).toEqual(
        anyOf({ match_phrase: { message: 'hello world' } })
      );
    });

    it('uses match for wildcard-type and constant_keyword fields (only exact keyword gets term)', () => {
      expect(compile('process.command_line:"ls -la"')).toEqual(
        anyOf({ match_phrase: { 'process.command_line': 'ls -la' } })
      );
      expect(compile('data_stream.type:logs')).toEqual(
        anyOf({ match: { 'data_stream.type': 'logs' } })
      );
    });

    it('uses query_string for wildcard values on non-keyword fields', () => {
      expect(compile('process.command_line:*--privileged*')).toEqual(
        anyOf({ query_string: { fields: ['process.command_line'], query: '*\\-\\-privileged*' } })
      );
      expect(compile('message:hel?o*')).toEqual(
        anyOf({ query_string: { fields: ['message'], query: 'hel\\?o*' } })
      );
    });

    it('uses a one-instant range for date fields', () => {
      expect(compile('@timestamp:"2024-05-01T10:00:00"')).toEqual(
        anyOf({
          range: { '@timestamp': { gte: '2024-05-01T10:00:00', lte: '2024-05-01T10:00:00' } },
        })
      );
      expect(compile('event.ingested:2024-05-01')).toEqual(
        anyOf({ range: { 'event.ingested': { gte: '2024-05-01', lte: '2024-05-01' } } })
      );
    });

    it('adds the time zone to dates, except epoch milliseconds', () => {
      expect(compile('@timestamp:2024-05-01', { dateFormatTZ: 'Zulu' })).toEqual(
        anyOf({
          range: { '@timestamp': { gte: '2024-05-01', lte: '2024-05-01', time_zone: 'Zulu' } },
        })
      );
      expect(compile('@timestamp:1714557600000', { dateFormatTZ: 'Zulu' })).toEqual(
        anyOf({ range: { '@timestamp': { gte: '1714557600000', lte: '1714557600000' } } })
      );
    });

    it('resolves the Browser time zone to the local zone', () => {
      const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
      expect(compile('@timestamp:2024-05-01', { dateFormatTZ: 'Browser' })).toEqual(
        anyOf({
          range: { '@timestamp': { gte: '2024-05-01', lte: '2024-05-01', time_zone: local } },
        })
      );
    });
  });

  describe('unmapped fields', () => {
    it('queries the name as-is, without a type', () => {
      expect(compile('foo.unmapped:bar')).toEqual(anyOf({ match: { 'foo.unmapped': 'bar' } }));
      expect(compile('foo.unmapped:"bar"')).toEqual(
        anyOf({ match_phrase: { 'foo.unmapped': 'bar' } })
      );
      expect(compile('foo.unmapped:ba*')).toEqual(
        anyOf({ query_string: { fields: ['foo.unmapped'], query: 'ba*' } })
      );
      expect(compile('foo.unmapped:*')).toEqual(anyOf({ exists: { field: 'foo.unmapped' } }));
    });

    it('treats object containers as unmapped names', () => {
      expect(compile('process.io:x')).toEqual(anyOf({ match: { 'process.io': 'x' } }));
    });
  });

  describe('exists', () => {
    it('compiles field:* to exists', () => {
      expect(compile('host.name:*')).toEqual(anyOf({ exists: { field: 'host.name' } }));
    });
  });

  describe('no field', () => {
    it('uses multi_match', () => {
      expect(compile('bash')).toEqual({
        multi_match: { type: 'best_fields', query: 'bash', lenient: true },
      });
      expect(compile('"bash -c"')).toEqual({
        multi_match: { type: 'phrase', query: 'bash -c', lenient: true },
      });
      expect(compile('true')).toEqual({
        multi_match: { type: 'best_fields', query: true, lenient: true },
      });
    });

    it('uses query_string for wildcards', () => {
      expect(compile('ba*')).toEqual({ query_string: { query: 'ba*' } });
      expect(compile('*')).toEqual({ query_string: { query: '*' } });
    });
  });

  describe('field wildcards', () => {
    it('expands over every matching field, in name order, each by its type', () => {
      expect(compile('process.*:bash')).toEqual(
        anyOf(
          { match: { 'process.command_line': 'bash' } },
          { match: { 'process.command_line.text': 'bash' } },
          { match: { 'process.interactive': 'bash' } },
          { term: { 'process.name': { value: 'bash' } } },
          { match: { 'process.pid': 'bash' } }
        )
      );
    });

    it('expands exists and ranges too', () => {
      expect(compile('process.command*:*')).toEqual(
        anyOf(
          { exists: { field: 'process.command_line' } },
          { exists: { field: 'process.command_line.text' } }
        )
      );
      expect(compile('*.pid > 1')).toEqual(anyOf({ range: { 'process.pid': { gt: '1' } } }));
    });

    it('uses the pattern as a name when nothing matches', () => {
      expect(compile('nomatch.*:x')).toEqual(anyOf({ match: { 'nomatch.*': 'x' } }));
    });

    it('wraps fields under a nested object in a nested query', () => {
      expect(compile('*doublyNested*:foo')).toEqual(
        anyOf({
          nested: {
            path: 'nestedField.nestedChild',
            query: { term: { 'nestedField.nestedChild.doublyNestedChild': { value: 'foo' } } },
            score_mode: 'none',
          },
        })
      );
      expect(compile('*doublyNested*:foo', { nestedIgnoreUnmapped: true })).toEqual(
        anyOf({
          nested: {
            path: 'nestedField.nestedChild',
            query: { term: { 'nestedField.nestedChild.doublyNestedChild': { value: 'foo' } } },
            score_mode: 'none',
            ignore_unmapped: true,
          },
        })
      );
    });
  });

  describe('ranges', () => {
    it.each([
      ['process.pid < 5', { lt: '5' }],
      ['process.pid <= 5', { lte: '5' }],
      ['process.pid > 5', { gt: '5' }],
      ['process.pid >= 5', { gte: '5' }],
    ])('compiles %j', (query, params) => {
      expect(compile(query)).toEqual(anyOf({ range: { 'process.pid': params } }));
    });

    it('compiles ranges on keyword and unmapped fields the same way', () => {
      expect(compile('host.name >= m')).toEqual(anyOf({ range: { 'host.name': { gte: 'm' } } }));
      expect(compile('foo.unmapped < 3')).toEqual(
        anyOf({ range: { 'foo.unmapped': { lt: '3' } } })
      );
    });

    it('adds the time zone on date fields only, except for epoch milliseconds', () => {
      expect(compile('@timestamp >= "2024-05-01"', { dateFormatTZ: 'America/Phoenix' })).toEqual(
        anyOf({ range: { '@timestamp': { gte: '2024-05-01', time_zone: 'America/Phoenix' } } })
      );
      expect(compile('@timestamp < 1714557600000', { dateFormatTZ: 'America/Phoenix' })).toEqual(
        anyOf({ range: { '@timestamp': { lt: '1714557600000' } } })
      );
      expect(compile('process.pid < 5', { dateFormatTZ: 'America/Phoenix' })).toEqual(
        anyOf({ range: { 'process.pid': { lt: '5' } } })
      );
      expect(compile('@timestamp >= now-1d')).toEqual(
        anyOf({ range: { '@timestamp': { gte: 'now-1d' } } })
      );
    });
  });

  describe('boolean operators', () => {
    const a = anyOf({ term: { 'host.name': { value: 'a' } } });
    const b = anyOf({ term: { 'host.name': { value: 'b' } } });
    const c = anyOf({ term: { 'host.name': { value: 'c' } } });

    it('compiles and to bool.filter', () => {
      expect(compile('host.name:a and host.name:b and host.name:c')).toEqual({
        bool: { filter: [a, b, c] },
      });
    });

    it('compiles and to bool.must with filtersInMustClause', () => {
      expect(compile('host.name:a and host.name:b', { filtersInMustClause: true })).toEqual({
        bool: { must: [a, b] },
      });
    });

    it('compiles or to bool.should with minimum_should_match 1', () => {
      expect(compile('host.name:a or host.name:b')).toEqual({
        bool: { should: [a, b], minimum_should_match: 1 },
      });
    });

    it('compiles not to bool.must_not with a single query', () => {
      expect(compile('not host.name:a')).toEqual({ bool: { must_not: a } });
    });

    it('compiles value lists', () => {
      expect(compile('host.name:(a or b and not c)')).toEqual({
        bool: {
          should: [a, { bool: { filter: [b, { bool: { must_not: c } }] } }],
          minimum_should_match: 1,
        },
      });
    });
  });

  describe('nested queries', () => {
    it('compiles path:{ … } with field names relative to the path', () => {
      expect(compile('nestedField:{ child:foo }')).toEqual({
        nested: {
          path: 'nestedField',
          query: anyOf({ term: { 'nestedField.child': { value: 'foo' } } }),
          score_mode: 'none',
        },
      });
    });

    it('builds the full path of nested groups inside nested groups', () => {
      expect(
        compile('nestedField:{ nestedChild:{ doublyNestedChild:foo } }', {
          nestedIgnoreUnmapped: false,
        })
      ).toEqual({
        nested: {
          path: 'nestedField',
          query: {
            nested: {
              path: 'nestedField.nestedChild',
              query: anyOf({
                term: { 'nestedField.nestedChild.doublyNestedChild': { value: 'foo' } },
              }),
              score_mode: 'none',
              ignore_unmapped: false,
            },
          },
          score_mode: 'none',
          ignore_unmapped: false,
        },
      });
    });

    it('prefixes wildcard field names and exists tests inside a group, without extra nesting', () => {
      expect(compile('nestedField:{ ch*:foo and child:* }')).toEqual({
        nested: {
          path: 'nestedField',
          query: {
            bool: {
              filter: [
                anyOf({ term: { 'nestedField.child': { value: 'foo' } } }),
                anyOf({ exists: { field: 'nestedField.child' } }),
              ],
            },
          },
          score_mode: 'none',
        },
      });
    });

    it('rejects nested fields used outside their group, as Kibana does', () => {
      expect(() => compile('nestedField.child:foo')).toThrow(
        new KqlCompileError(
          'nestedField.child is a nested field, but is not in a nested group in the KQL expression.'
        )
      );
      expect(() => compile('nestedField:{ nestedChild.doublyNestedChild:foo }')).toThrow(
        'Nested field nestedField.nestedChild.doublyNestedChild is being queried with the incorrect nested path. ' +
          'The correct path is nestedField.nestedChild.'
      );
    });

    it('rejects plain fields inside a nested group', () => {
      expect(() => compile('host:{ name:foo }')).toThrow(
        'host.name is not a nested field but is in nested group "host" in the KQL expression.'
      );
    });
  });

  describe('hand-built trees', () => {
    it('compiles an is node with a lone wildcard value as exists, and *:* as match_all', () => {
      const exists: KqlNode = {
        type: 'is',
        field: { kind: 'literal', value: 'host.name', quoted: false },
        value: { kind: 'wildcard', segments: ['', ''] },
      };
      expect(toElasticsearchQuery(exists, FIELDS)).toEqual(
        anyOf({ exists: { field: 'host.name' } })
      );
      const matchAll: KqlNode = { type: 'exists', field: { kind: 'wildcard', segments: ['', ''] } };
      expect(toElasticsearchQuery(matchAll, FIELDS)).toEqual({ match_all: {} });
    });
  });

  describe('the prebuilt rules with ECS field types', () => {
    it('compiles "Unusual Interactive Process Launched in a Container"', () => {
      expect(
        toElasticsearchQuery(fromKueryExpression(INTERACTIVE_PROCESS_QUERY), ecsFieldTypes())
      ).toEqual({
        bool: {
          filter: [
            {
              bool: {
                should: [{ term: { 'event.category': { value: 'process' } } }],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                should: [{ term: { 'host.os.type': { value: 'linux' } } }],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                should: [{ term: { 'event.type': { value: 'start' } } }],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                should: [{ term: { 'event.action': { value: 'exec' } } }],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                should: [
                  { term: { 'process.entry_leader.entry_meta.type': { value: 'container' } } },
                ],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                should: [{ match: { 'process.interactive': true } }],
                minimum_should_match: 1,
              },
            },
          ],
        },
      });
    });

    it('compiles "Privileged Docker Container Creation"', () => {
      expect(
        toElasticsearchQuery(fromKueryExpression(PRIVILEGED_DOCKER_QUERY), ecsFieldTypes())
      ).toEqual({
        bool: {
          filter: [
            {
              bool: {
                should: [{ term: { 'host.os.type': { value: 'linux' } } }],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                should: [{ term: { 'event.category': { value: 'process' } } }],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                should: [{ term: { 'event.type': { value: 'start' } } }],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                should: [{ term: { 'event.action': { value: 'exec' } } }],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                should: [{ term: { 'process.name': { value: 'docker' } } }],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                filter: [
                  {
                    bool: {
                      should: [{ term: { 'process.args': { value: 'run' } } }],
                      minimum_should_match: 1,
                    },
                  },
                  {
                    bool: {
                      should: [{ term: { 'process.args': { value: '--privileged' } } }],
                      minimum_should_match: 1,
                    },
                  },
                ],
              },
            },
          ],
        },
      });
    });
  });
});

describe('buildEsQuery', () => {
  it('puts the compiled query in bool.filter', () => {
    expect(buildEsQuery('host.name:a', FIELDS)).toEqual({
      bool: {
        must: [],
        filter: [anyOf({ term: { 'host.name': { value: 'a' } } })],
        should: [],
        must_not: [],
      },
    });
  });

  it('accepts a parsed tree', () => {
    expect(buildEsQuery(fromKueryExpression('not host.name:a'), FIELDS)).toEqual({
      bool: {
        must: [],
        filter: [{ bool: { must_not: anyOf({ term: { 'host.name': { value: 'a' } } }) } }],
        should: [],
        must_not: [],
      },
    });
  });

  it('drops match_all', () => {
    const empty = { bool: { must: [], filter: [], should: [], must_not: [] } };
    expect(buildEsQuery('', FIELDS)).toEqual(empty);
    expect(buildEsQuery('*:*', FIELDS)).toEqual(empty);
  });

  it('uses bool.must with filtersInMustClause', () => {
    expect(
      buildEsQuery('host.name:a and host.name:b', FIELDS, { filtersInMustClause: true })
    ).toEqual({
      bool: {
        must: [
          {
            bool: {
              must: [
                anyOf({ term: { 'host.name': { value: 'a' } } }),
                anyOf({ term: { 'host.name': { value: 'b' } } }),
              ],
            },
          },
        ],
        filter: [],
        should: [],
        must_not: [],
      },
    });
  });

  it('passes the compile options on', () => {
    expect(
      buildEsQuery('@timestamp < "2024-05-01"', FIELDS, { dateFormatTZ: 'Zulu' }).bool.filter
    ).toEqual([anyOf({ range: { '@timestamp': { lt: '2024-05-01', time_zone: 'Zulu' } } })]);
  });

  it('throws KqlSyntaxError for invalid KQL and honours allowLeadingWildcards', () => {
    expect(() => buildEsQuery('host.name:(a', FIELDS)).toThrow(KqlSyntaxError);
    expect(() => buildEsQuery('host.name:*a', FIELDS, { allowLeadingWildcards: false })).toThrow(
      'Leading wildcards are disabled'
    );
    expect(buildEsQuery('host.name:*a', FIELDS).bool.filter).toEqual([
      anyOf({ wildcard: { 'host.name': { value: '*a' } } }),
    ]);
  });

  it('compiles a rule query as the detection engine filter', () => {
    expect(
      buildEsQuery(PRIVILEGED_DOCKER_QUERY, ecsFieldTypes(), { dateFormatTZ: 'Zulu' }).bool.filter
    ).toHaveLength(1);
  });
});
