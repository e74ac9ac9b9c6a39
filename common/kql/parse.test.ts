import type { KqlLiteral, KqlLocation, KqlNode, KqlValue, KqlWildcard } from './ast';
import { KqlSyntaxError, type KqlErrorDetails } from './kql_syntax_error';
import { formatKqlError, fromKueryExpression, MAX_NESTING_DEPTH, parseKql } from './parse';

/** The two prebuilt rules' queries, exactly as the rules have them. */
const INTERACTIVE_PROCESS_QUERY =
  'event.category:process and host.os.type:linux and event.type:start and event.action:exec and\n' +
  'process.entry_leader.entry_meta.type:container and process.interactive:true\n';
const PRIVILEGED_DOCKER_QUERY =
  'host.os.type:linux and event.category:process and event.type:start and event.action:exec and process.name:docker and\n' +
  'process.args:(run and --privileged)\n';

const lit = (value: string | boolean | null, quoted = false): KqlLiteral => ({
  kind: 'literal',
  value,
  quoted,
});
const wild = (...segments: string[]): KqlWildcard => ({ kind: 'wildcard', segments });
const fieldOf = (field: string | KqlValue): KqlValue =>
  typeof field === 'string' ? lit(field) : field;
const is = (field: string | KqlValue | null, value: KqlValue): KqlNode => ({
  type: 'is',
  field: field === null ? null : fieldOf(field),
  value,
});
const exists = (field: string | KqlValue): KqlNode => ({ type: 'exists', field: fieldOf(field) });
const and = (...children: KqlNode[]): KqlNode => ({ type: 'and', children });
const or = (...children: KqlNode[]): KqlNode => ({ type: 'or', children });
const not = (child: KqlNode): KqlNode => ({ type: 'not', child });
const MATCH_ALL: KqlNode = { type: 'match_all' };

/** Most tests compare structure; locations have their own tests below. */
function withoutLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocations);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'location')
      .map(([key, child]) => [key, withoutLocations(child)])
  );
}

function parsed(query: string, allowLeadingWildcards?: boolean): unknown {
  const result = parseKql(
    query,
    allowLeadingWildcards === undefined ? {} : { allowLeadingWildcards }
  );
  if (!result.ok) throw new Error(`unexpected syntax error: ${result.error.message}`);
  return withoutLocations(result.ast);
}

function syntaxError(query: string, allowLeadingWildcards?: boolean): KqlErrorDetails {
  const result = parseKql(
    query,
    allowLeadingWildcards === undefined ? {} : { allowLeadingWildcards }
  );
  if (result.ok) throw new Error(`expected a syntax error for ${JSON.stringify(query)}`);
  return result.error;
}

function at(
  startOffset: number,
  startLine: number,
  startColumn: number,
  endOffset: number,
  endLine: number,
  endColumn: number
): KqlLocation {
  return {
    start: { offset: startOffset, line: startLine, column: startColumn },
    end: { offset: endOffset, line: endLine, column: endColumn },
  };
}

describe('parseKql', () => {
  describe('match all', () => {
    it.each(['', '   ', '\n\t ', '*:*', ' *:* '])('parses %j as match_all', (query) => {
      expect(parsed(query)).toEqual(MATCH_ALL);
    });
  });

  describe('field:value', () => {
    it('parses a field and an unquoted value', () => {
      expect(parsed('process.name:bash')).toEqual(is('process.name', lit('bash')));
    });

    it('allows whitespace around the colon', () => {
      expect(parsed('process.name : bash')).toEqual(is('process.name', lit('bash')));
    });

    it('keeps an unquoted value whole across whitespace, trimmed', () => {
      expect(parsed('message:bar baz  ')).toEqual(is('message', lit('bar baz')));
    });

    it('keeps numbers as strings', () => {
      expect(parsed('process.pid:42')).toEqual(is('process.pid', lit('42')));
      expect(parsed('x:-1.5e3')).toEqual(is('x', lit('-1.5e3')));
    });

    it('types unquoted true, false and null', () => {
      expect(parsed('process.interactive:true')).toEqual(is('process.interactive', lit(true)));
      expect(parsed('process.interactive:false')).toEqual(is('process.interactive', lit(false)));
      expect(parsed('x:null')).toEqual(is('x', lit(null)));
    });

    it('keeps quoted true and differently cased TRUE as strings', () => {
      expect(parsed('x:"true"')).toEqual(is('x', lit('true', true)));
      expect(parsed('x:TRUE')).toEqual(is('x', lit('TRUE')));
    });

    it('marks quoted values as phrases and does not trim them', () => {
      expect(parsed('message:" a b "')).toEqual(is('message', lit(' a b ', true)));
    });

    it('keeps keywords inside quotes', () => {
      expect(parsed('message:"a and b or not c"')).toEqual(
        is('message', lit('a and b or not c', true))
      );
    });

    it('accepts quoted field names', () => {
      expect(parsed('"my field":x')).toEqual(is(lit('my field', true), lit('x')));
    });

    it('treats a field named like a literal keyword as a name', () => {
      expect(parsed('true:x')).toEqual(is('true', lit('x')));
    });

    it('parses a bare value as a search of every field', () => {
      expect(parsed('bash')).toEqual(is(null, lit('bash')));
      expect(parsed('"bash -c"')).toEqual(is(null, lit('bash -c', true)));
      expect(parsed('42')).toEqual(is(null, lit('42')));
    });
  });

  describe('boolean operators', () => {
    it('builds one flat node for a chain of the same operator', () => {
      expect(parsed('a:1 and b:2 and c:3')).toEqual(
        and(is('a', lit('1')), is('b', lit('2')), is('c', lit('3')))
      );
      expect(parsed('a:1 or b:2 or c:3')).toEqual(
        or(is('a', lit('1')), is('b', lit('2')), is('c', lit('3')))
      );
    });

    it('binds and tighter than or', () => {
      expect(parsed('a or b and c')).toEqual(
        or(is(null, lit('a')), and(is(null, lit('b')), is(null, lit('c'))))
      );
      expect(parsed('a and b or c')).toEqual(
        or(and(is(null, lit('a')), is(null, lit('b'))), is(null, lit('c')))
      );
    });

    it('binds not tighter than and', () => {
      expect(parsed('not a:1 and b:2')).toEqual(and(not(is('a', lit('1'))), is('b', lit('2'))));
    });

    it('lets parentheses override precedence without flattening', () => {
      expect(parsed('(a or b) and c')).toEqual(
        and(or(is(null, lit('a')), is(null, lit('b'))), is(null, lit('c')))
      );
      expect(parsed('a or (b or c)')).toEqual(
        or(is(null, lit('a')), or(is(null, lit('b')), is(null, lit('c'))))
      );
      expect(parsed('not (a or b)')).toEqual(not(or(is(null, lit('a')), is(null, lit('b')))));
      expect(parsed('( ( a ) )')).toEqual(is(null, lit('a')));
    });

    it('accepts keywords in any case', () => {
      expect(parsed('a AND b Or c')).toEqual(
        or(and(is(null, lit('a')), is(null, lit('b'))), is(null, lit('c')))
      );
      expect(parsed('NoT a')).toEqual(not(is(null, lit('a'))));
    });

    it('accepts any whitespace, including newlines, around keywords', () => {
      expect(parsed('a\nand\tb')).toEqual(and(is(null, lit('a')), is(null, lit('b'))));
    });

    it('needs whitespace on both sides of a keyword', () => {
      expect(parsed('a andb')).toEqual(is(null, lit('a andb')));
      expect(parsed('a and')).toEqual(is(null, lit('a and')));
      expect(parsed('nota')).toEqual(is(null, lit('nota')));
    });
  });

  describe('value lists', () => {
    it('distributes the field over or, and and not', () => {
      expect(parsed('f:(a or b and not c)')).toEqual(
        or(is('f', lit('a')), and(is('f', lit('b')), not(is('f', lit('c')))))
      );
    });

    it('supports nested groups and a lone negation', () => {
      expect(parsed('f:(a or (b and c))')).toEqual(
        or(is('f', lit('a')), and(is('f', lit('b')), is('f', lit('c'))))
      );
      expect(parsed('f:(not a)')).toEqual(not(is('f', lit('a'))));
      expect(parsed('f:( a )')).toEqual(is('f', lit('a')));
    });

    it('turns * inside a list into an existence test', () => {
      expect(parsed('f:(* or "x")')).toEqual(or(exists('f'), is('f', lit('x', true))));
    });
  });

  describe('exists and wildcards', () => {
    it('parses field:* as exists', () => {
      expect(parsed('container.id:*')).toEqual(exists('container.id'));
    });

    it('treats a quoted * as a literal', () => {
      expect(parsed('f:"*"')).toEqual(is('f', lit('*', true)));
      expect(parsed('f:"a*b"')).toEqual(is('f', lit('a*b', true)));
    });

    it('splits unquoted values on unescaped stars', () => {
      expect(parsed('process.name:ba*')).toEqual(is('process.name', wild('ba', '')));
      expect(parsed('f:a*b*')).toEqual(is('f', wild('a', 'b', '')));
      expect(parsed('f:a\\*b*c')).toEqual(is('f', wild('a*b', 'c')));
      expect(parsed('f:**')).toEqual(is('f', wild('', '', '')));
    });

    it('parses a bare * as a wildcard search of every field', () => {
      expect(parsed('*')).toEqual(is(null, wild('', '')));
    });

    it('accepts wildcard field names', () => {
      expect(parsed('process.*:bash')).toEqual(is(wild('process.', ''), lit('bash')));
      expect(parsed('*:bash')).toEqual(is(wild('', ''), lit('bash')));
      expect(parsed('process.*:*')).toEqual(exists(wild('process.', '')));
    });

    it('allows leading wildcards by default', () => {
      expect(parsed('process.name:*sh')).toEqual(is('process.name', wild('', 'sh')));
    });

    it('rejects leading wildcards when they are disabled, but not a lone * or a wildcard field', () => {
      expect(syntaxError('process.name:*sh', false)).toEqual({
        message: 'Leading wildcards are disabled. Set allowLeadingWildcards to allow them.',
        line: 1,
        column: 14,
        offset: 13,
        expected: [],
        found: '*sh',
      });
      expect(syntaxError('*sh', false).offset).toBe(0);
      expect(syntaxError('f:(a or **)', false).offset).toBe(8);
      expect(parsed('f:*', false)).toEqual(exists('f'));
      expect(parsed('*:*', false)).toEqual(MATCH_ALL);
      expect(parsed('*.name:x*', false)).toEqual(is(wild('', '.name'), wild('x', '')));
    });
  });

  describe('ranges', () => {
    it.each([
      ['process.pid < 5', 'lt'],
      ['process.pid <= 5', 'lte'],
      ['process.pid > 5', 'gt'],
      ['process.pid >= 5', 'gte'],
      ['process.pid>=5', 'gte'],
    ] as const)('parses %j', (query, operator) => {
      expect(parsed(query)).toEqual({
        type: 'range',
        field: lit('process.pid'),
        operator,
        value: lit('5'),
      });
    });

    it('keeps a quoted bound as written', () => {
      expect(parsed('@timestamp >= "2024-01-01T00:00:00Z"')).toEqual({
        type: 'range',
        field: lit('@timestamp'),
        operator: 'gte',
        value: lit('2024-01-01T00:00:00Z', true),
      });
    });

    it('treats a * in a bound as a plain character', () => {
      expect(parsed('x < a*')).toEqual({
        type: 'range',
        field: lit('x'),
        operator: 'lt',
        value: lit('a*'),
      });
    });

    it('combines with other clauses', () => {
      expect(parsed('a:1 and b > 2')).toEqual(
        and(is('a', lit('1')), { type: 'range', field: lit('b'), operator: 'gt', value: lit('2') })
      );
    });
  });

  describe('nested queries', () => {
    it('parses path:{ query }', () => {
      expect(parsed('threat.enrichments:{ matched.field:x and indicator.port > 80 }')).toEqual({
        type: 'nested',
        path: lit('threat.enrichments'),
        query: and(is('matched.field', lit('x')), {
          type: 'range',
          field: lit('indicator.port'),
          operator: 'gt',
          value: lit('80'),
        }),
      });
    });

    it('nests further', () => {
      expect(parsed('a:{ b:{ c:d } }')).toEqual({
        type: 'nested',
        path: lit('a'),
        query: { type: 'nested', path: lit('b'), query: is('c', lit('d')) },
      });
    });
  });

  describe('escapes', () => {
    it('unescapes special characters in unquoted values', () => {
      expect(parsed('f:a\\:b\\(c\\)d\\<e\\>f\\"g\\{h\\}i\\\\j')).toEqual(
        is('f', lit('a:b(c)d<e>f"g{h}i\\j'))
      );
    });

    it('unescapes keywords, keeping their case', () => {
      expect(parsed('f:\\or \\AND \\Not x')).toEqual(is('f', lit('or AND Not x')));
    });

    it('reads \\not as a newline escape followed by "ot", as Kibana does', () => {
      expect(parsed('f:a \\not b')).toEqual(is('f', lit('a ' + '\n' + 'ot b')));
    });

    it('decodes whitespace and unicode escapes', () => {
      expect(parsed('f:a\\tb\\nc\\rd\\u0041')).toEqual(is('f', lit('a\tb\nc\rdA')));
      expect(parsed('f:"a\\tb\\u00e9"')).toEqual(is('f', lit('a\tbé', true)));
    });

    it('only needs \\" and \\\\ escaped inside quotes; other backslashes stay', () => {
      expect(parsed('f:"say \\"hi\\" \\\\ C:\\Windows"')).toEqual(
        is('f', lit('say "hi" \\ C:\\Windows', true))
      );
    });

    it('escapes field names too', () => {
      expect(parsed('a\\:b:c')).toEqual(is('a:b', lit('c')));
    });
  });

  describe('the prebuilt rules', () => {
    it('parses "Unusual Interactive Process Launched in a Container"', () => {
      expect(parsed(INTERACTIVE_PROCESS_QUERY)).toEqual({
        type: 'and',
        children: [
          {
            type: 'is',
            field: { kind: 'literal', value: 'event.category', quoted: false },
            value: { kind: 'literal', value: 'process', quoted: false },
          },
          {
            type: 'is',
            field: { kind: 'literal', value: 'host.os.type', quoted: false },
            value: { kind: 'literal', value: 'linux', quoted: false },
          },
          {
            type: 'is',
            field: { kind: 'literal', value: 'event.type', quoted: false },
            value: { kind: 'literal', value: 'start', quoted: false },
          },
          {
            type: 'is',
            field: { kind: 'literal', value: 'event.action', quoted: false },
            value: { kind: 'literal', value: 'exec', quoted: false },
          },
          {
            type: 'is',
            field: {
              kind: 'literal',
              value: 'process.entry_leader.entry_meta.type',
              quoted: false,
            },
            value: { kind: 'literal', value: 'container', quoted: false },
          },
          {
            type: 'is',
            field: { kind: 'literal', value: 'process.interactive', quoted: false },
            value: { kind: 'literal', value: true, quoted: false },
          },
        ],
      });
    });

    it('parses "Privileged Docker Container Creation"', () => {
      expect(parsed(PRIVILEGED_DOCKER_QUERY)).toEqual({
        type: 'and',
        children: [
          {
            type: 'is',
            field: { kind: 'literal', value: 'host.os.type', quoted: false },
            value: { kind: 'literal', value: 'linux', quoted: false },
          },
          {
            type: 'is',
            field: { kind: 'literal', value: 'event.category', quoted: false },
            value: { kind: 'literal', value: 'process', quoted: false },
          },
          {
            type: 'is',
            field: { kind: 'literal', value: 'event.type', quoted: false },
            value: { kind: 'literal', value: 'start', quoted: false },
          },
          {
            type: 'is',
            field: { kind: 'literal', value: 'event.action', quoted: false },
            value: { kind: 'literal', value: 'exec', quoted: false },
          },
          {
            type: 'is',
            field: { kind: 'literal', value: 'process.name', quoted: false },
            value: { kind: 'literal', value: 'docker', quoted: false },
          },
          {
            type: 'and',
            children: [
              {
                type: 'is',
                field: { kind: 'literal', value: 'process.args', quoted: false },
                value: { kind: 'literal', value: 'run', quoted: false },
              },
              {
                type: 'is',
                field: { kind: 'literal', value: 'process.args', quoted: false },
                value: { kind: 'literal', value: '--privileged', quoted: false },
              },
            ],
          },
        ],
      });
    });

    it('records positions on the second line of a rule query', () => {
      const ast = fromKueryExpression(INTERACTIVE_PROCESS_QUERY);
      if (ast.type !== 'and') throw new Error('expected an and node');
      // `process.interactive:true\n`: the unquoted value runs to the end, newline included.
      expect(ast.children[5]).toEqual({
        type: 'is',
        field: lit('process.interactive'),
        value: lit(true),
        location: at(144, 2, 52, 169, 3, 1),
      });
    });
  });

  describe('locations', () => {
    it('records the whole field:value span', () => {
      expect(fromKueryExpression('process.name:bash')).toEqual({
        type: 'is',
        field: lit('process.name'),
        value: lit('bash'),
        location: at(0, 1, 1, 17, 1, 18),
      });
    });

    it('records each value of a list at the value', () => {
      expect(fromKueryExpression('f:(a or "b")')).toEqual(
        or(
          { type: 'is', field: lit('f'), value: lit('a'), location: at(3, 1, 4, 4, 1, 5) },
          { type: 'is', field: lit('f'), value: lit('b', true), location: at(8, 1, 9, 11, 1, 12) }
        )
      );
    });

    it('records bare values, exists, ranges and nested queries', () => {
      expect(fromKueryExpression('x and f:* and n > 1 and p:{ q:r }')).toEqual(
        and(
          { type: 'is', field: null, value: lit('x'), location: at(0, 1, 1, 1, 1, 2) },
          { type: 'exists', field: lit('f'), location: at(6, 1, 7, 9, 1, 10) },
          {
            type: 'range',
            field: lit('n'),
            operator: 'gt',
            value: lit('1'),
            location: at(14, 1, 15, 19, 1, 20),
          },
          {
            type: 'nested',
            path: lit('p'),
            // An unquoted value's span includes the whitespace trimmed from it.
            query: {
              type: 'is',
              field: lit('q'),
              value: lit('r'),
              location: at(28, 1, 29, 32, 1, 33),
            },
            location: at(24, 1, 25, 33, 1, 34),
          }
        )
      );
    });
  });

  describe('syntax errors', () => {
    it.each([
      // The first six are the exact messages Kibana's own tests expect.
      ['response:', 'Expected "(", "{", value, whitespace but end of input found.', 1, 10, null],
      [
        'response:200 or ',
        'Expected "(", NOT, field name, value but end of input found.',
        1,
        17,
        null,
      ],
      ['response:(200 or )', 'Expected "(", NOT, value but ")" found.', 1, 18, ')'],
      [
        'response:200 and not ',
        'Expected "(", field name, value but end of input found.',
        1,
        22,
        null,
      ],
      ['response:(200 and not )', 'Expected "(", value but ")" found.', 1, 23, ')'],
      ['foo:"ba ', 'Expected "(", "{", value, whitespace but """ found.', 1, 5, '"'],
      ['foo:"ba "r"', 'Expected AND, OR, end of input but "r" found.', 1, 10, 'r'],
      ['foo:ba:r', 'Expected AND, OR, end of input but ":" found.', 1, 7, ':'],
      ['foo > ', 'Expected literal, whitespace but end of input found.', 1, 7, null],
      [
        '< 1000',
        'Expected "(", NOT, end of input, field name, value, whitespace but "<" found.',
        1,
        1,
        '<',
      ],
      // Without whitespace after it, `or` is part of the value "bash or".
      ['process.name:(bash or', 'Expected ")", AND, OR but end of input found.', 1, 22, null],
      ['process.name:(bash or ', 'Expected "(", NOT, value but end of input found.', 1, 23, null],
      ['process.name:(bash', 'Expected ")", AND, OR but end of input found.', 1, 19, null],
      ['a and ', 'Expected "(", NOT, field name, value but end of input found.', 1, 7, null],
      [
        'host.os.type:linux and\n',
        'Expected "(", NOT, field name, value but end of input found.',
        2,
        1,
        null,
      ],
      ['a:b and\nfoo:bar)', 'Expected AND, OR, end of input but ")" found.', 2, 8, ')'],
      ['a:{ b:c', 'Expected "}", AND, OR but end of input found.', 1, 8, null],
      ['not not a', 'Expected "(", field name, value but "n" found.', 1, 5, 'n'],
      ['f:a\\b', 'Expected AND, OR, end of input but "\\" found.', 1, 4, '\\'],
      // Like Kibana, "not " ends an unquoted word even inside it.
      ['foo:cannot be', 'Expected AND, OR, end of input but "n" found.', 1, 8, 'n'],
    ] as const)('%j', (query, message, line, column, found) => {
      const error = syntaxError(query);
      expect(error).toEqual({
        message,
        line,
        column,
        offset: expect.any(Number) as unknown,
        expected: expect.any(Array) as unknown,
        found,
      });
      expect(error.offset).toBe(
        query
          .split('\n')
          .slice(0, line - 1)
          .reduce((sum, text) => sum + text.length + 1, 0) +
          column -
          1
      );
    });

    it('lists the expectations as readable descriptions', () => {
      expect(syntaxError('process.name:(bash or ').expected).toEqual(['"("', 'NOT', 'value']);
      expect(syntaxError('response:').expected).toEqual(['"("', '"{"', 'value', 'whitespace']);
    });

    it('reports unclosed quotes on the third line', () => {
      expect(syntaxError('a:b and\nc:d and\ne:"f')).toMatchObject({
        line: 3,
        column: 3,
        offset: 18,
        found: '"',
      });
    });

    it('never throws, even for absurdly deep nesting', () => {
      const depth = 100_000;
      const result = parseKql(`${'('.repeat(depth)}a${')'.repeat(depth)}`);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toBe('The query is nested too deeply to parse.');
    });

    it('rejects a non-string query without throwing', () => {
      const query: unknown = 42;
      const result = parseKql(query as string);
      expect(result).toEqual({
        ok: false,
        error: {
          message: 'A KQL query must be a string.',
          line: 1,
          column: 1,
          offset: 0,
          expected: [],
          found: null,
        },
      });
    });
  });
});

describe('fromKueryExpression', () => {
  it('returns the tree', () => {
    expect(withoutLocations(fromKueryExpression('a:b'))).toEqual(is('a', lit('b')));
  });

  it('throws a KqlSyntaxError carrying the details', () => {
    let thrown: unknown;
    try {
      fromKueryExpression('a:(b');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KqlSyntaxError);
    expect(thrown instanceof KqlSyntaxError && thrown.toJSON()).toEqual({
      message: 'Expected ")", AND, OR but end of input found.',
      line: 1,
      column: 5,
      offset: 4,
      expected: ['")"', 'AND', 'OR'],
      found: null,
    });
  });

  it('honours allowLeadingWildcards', () => {
    expect(() => fromKueryExpression('a:*b', { allowLeadingWildcards: false })).toThrow(
      KqlSyntaxError
    );
  });
});

describe('formatKqlError', () => {
  it('renders the message, the query and a caret, as Kibana does', () => {
    const query = 'response:(200 or )';
    expect(formatKqlError(query, syntaxError(query))).toBe(
      'Expected "(", NOT, value but ")" found.\nresponse:(200 or )\n-----------------^'
    );
  });
});

describe('nesting limit', () => {
  /** Each `not (` adds one level; the innermost `a:b` is the expression at the bottom. */
  const nestedNots = (levels: number): string =>
    `${'not ('.repeat(levels)}a:b${')'.repeat(levels)}`;

  it(`parses a query whose tree is ${MAX_NESTING_DEPTH} levels deep`, () => {
    expect(parseKql(nestedNots(MAX_NESTING_DEPTH - 1)).ok).toBe(true);
  });

  it('refuses one level more, pointing at the expression that is too deep', () => {
    const query = `x:y and\n${nestedNots(MAX_NESTING_DEPTH)}`;
    const result = parseKql(query);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({
        line: 2,
        column: MAX_NESTING_DEPTH * 'not ('.length + 1,
        found: 'a',
      });
      expect(result.error.message).toContain(`more than ${MAX_NESTING_DEPTH} levels deep`);
    }
  });

  it('counts and/or alternation too, not only parentheses', () => {
    let query = 'a:0';
    for (let level = 1; level <= MAX_NESTING_DEPTH; level++)
      query = `a:${level} ${level % 2 === 0 ? 'and' : 'or'} (${query})`;
    expect(parseKql(query).ok).toBe(false);
  });
});
