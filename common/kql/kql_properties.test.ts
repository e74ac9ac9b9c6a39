/**
 * Property tests of the KQL parser against bad input: whatever text a user types, the
 * parser answers with a tree or a positioned error — never an exception — in bounded time, and
 * whatever tree it produces, the matcher and the DSL compiler either compile it or refuse it with
 * `KqlCompileError`. The policy for absurd input is the one parse.ts implements: there is no
 * explicit depth or length limit; a stack overflow on deep nesting becomes the error
 * "The query is nested too deeply to parse." at line 1, column 1.
 */
import fc from 'fast-check';
import { ecsFieldTypes } from '../ecs/ecs_field_types';
import {
  anyQueryText,
  escapeUnquoted,
  kqlTokenSoup,
  quoteKql,
  validQuery,
} from '../../test/reliability/arbitraries';
import type { KqlNode } from './ast';
import { KqlCompileError } from './kql_compile_error';
import { KqlSyntaxError, type KqlErrorDetails } from './kql_syntax_error';
import { createMatcher } from './matcher';
import {
  formatKqlError,
  formatKqlErrorWithPosition,
  fromKueryExpression,
  parseKql,
  type KqlParseResult,
} from './parse';
import { wildcardPattern } from './query_values';
import { toElasticsearchQuery } from './to_dsl';

const ANY_TEXT_RUNS = 1_500;
const TOKEN_SOUP_RUNS = 1_000;
const ROUND_TRIP_RUNS = 1_000;
const VALID_QUERY_RUNS = 500;
/** "A few seconds" for one absurd query, with room for a CI machine shared with other jobs. */
const MAX_PARSE_MS = 5_000;
const DEEP = 10_000;
const ONE_MB = 1024 * 1024;
const TOO_DEEP_MESSAGE = 'The query is nested too deeply to parse.';

const fields = ecsFieldTypes();
const SAMPLE_DOCUMENT = {
  '@timestamp': '2025-03-12T10:00:00Z',
  process: { name: 'bash', pid: 1, args: ['a'] },
  message: 'hello',
};

/** Lines as peggy counts them: only `\n` starts a new line. */
const linesOf = (query: string): string[] => query.split('\n');

/** The position is inside the query and its line/column/offset describe the same character. */
function expectPositionInRange(query: string, error: KqlErrorDetails): void {
  const lines = linesOf(query);
  expect(error.line).toBeGreaterThanOrEqual(1);
  expect(error.line).toBeLessThanOrEqual(lines.length);
  expect(error.column).toBeGreaterThanOrEqual(1);
  expect(error.column).toBeLessThanOrEqual((lines[error.line - 1] ?? '').length + 1);
  const lineStart = lines.slice(0, error.line - 1).reduce((sum, line) => sum + line.length + 1, 0);
  expect(error.offset).toBe(lineStart + error.column - 1);
  expect(error.offset).toBeLessThanOrEqual(query.length);
}

/** A usable error: a message, readable expectations, and `found` is what the query holds there. */
function expectUsableError(query: string, error: KqlErrorDetails): void {
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.expected.every((item) => typeof item === 'string')).toBe(true);
  expectPositionInRange(query, error);
  if (error.found !== null) expect(query.startsWith(error.found, error.offset)).toBe(true);
  // Rendering an error for a terminal or a log must not throw either.
  expect(() => formatKqlError(query, error)).not.toThrow();
  expect(() => formatKqlErrorWithPosition(query, error)).not.toThrow();
}

function parseNeverThrows(query: string): KqlParseResult {
  let result: KqlParseResult | undefined;
  expect(() => {
    result = parseKql(query);
  }).not.toThrow();
  if (result === undefined) throw new Error('parseKql returned nothing');
  if (!result.ok) expectUsableError(query, result.error);
  return result;
}

/** `fromKueryExpression` fails only with `KqlSyntaxError`. */
function throwingParseFailsCleanly(query: string): void {
  try {
    fromKueryExpression(query, { allowLeadingWildcards: false });
  } catch (error) {
    expect(error).toBeInstanceOf(KqlSyntaxError);
  }
}

/** Compiles with `compile`; any failure other than `KqlCompileError` is a bug. */
function compilesOrRefuses(compile: () => unknown): void {
  try {
    compile();
  } catch (error) {
    if (!(error instanceof KqlCompileError)) throw error;
  }
}

/** Every compiler either compiles the tree or refuses it cleanly. */
function expectCompilersSurvive(ast: KqlNode): void {
  compilesOrRefuses(() => createMatcher(ast, fields)(SAMPLE_DOCUMENT));
  compilesOrRefuses(() => toElasticsearchQuery(ast, fields));
}

/** The DSL is plain JSON: no undefined, NaN or cycles, so what is sent is what was built. */
function expectDslIsJson(ast: KqlNode): void {
  compilesOrRefuses(() => {
    const dsl = toElasticsearchQuery(ast, fields);
    expect(JSON.parse(JSON.stringify(dsl))).toEqual(dsl);
  });
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

/** The tree without source locations (they differ between two spellings of one query). */
function withoutLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocations);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'location')
      .map(([key, child]) => [key, withoutLocations(child)])
  );
}

describe('KQL parser properties: any input gives a tree or a positioned error', () => {
  it(`never throws on any string; errors point inside the query (${ANY_TEXT_RUNS} runs)`, () => {
    fc.assert(
      fc.property(anyQueryText, (query) => {
        parseNeverThrows(query);
        throwingParseFailsCleanly(query);
      }),
      { numRuns: ANY_TEXT_RUNS }
    );
  });

  it(`never throws on strings of KQL tokens, and compiles what it parses (${TOKEN_SOUP_RUNS} runs)`, () => {
    fc.assert(
      fc.property(kqlTokenSoup(), (query) => {
        const result = parseNeverThrows(query);
        throwingParseFailsCleanly(query);
        if (!result.ok) return;
        expectCompilersSurvive(result.ast);
        expectDslIsJson(result.ast);
      }),
      { numRuns: TOKEN_SOUP_RUNS }
    );
  });

  it('is deterministic: the same text gives the same answer', () => {
    fc.assert(
      fc.property(kqlTokenSoup(), (query) => {
        expect(parseKql(query)).toEqual(parseKql(query));
      }),
      { numRuns: 500 }
    );
  });

  it(`reads any quoted value back exactly, lone surrogates, NUL and newlines included (${ROUND_TRIP_RUNS} runs)`, () => {
    const anyUnits = fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      maxLength: 20,
    });
    fc.assert(
      fc.property(fc.oneof(anyUnits, kqlTokenSoup(8)), (value) => {
        const ast = fromKueryExpression(`process.name:${quoteKql(value)}`);
        expect(withoutLocations(ast)).toEqual({
          type: 'is',
          field: { kind: 'literal', value: 'process.name', quoted: false },
          value: { kind: 'literal', value, quoted: true },
        });
      }),
      { numRuns: ROUND_TRIP_RUNS }
    );
  });

  it(`reads any escaped unquoted word back exactly (${ROUND_TRIP_RUNS} runs)`, () => {
    // Unquoted values are trimmed with JS whitespace rules and `true`/`false`/`null` become typed,
    // so the words here hold no whitespace and are not those three.
    const specialOrWordy = fc.constantFrom(
      '\\',
      '(',
      ')',
      ':',
      '<',
      '>',
      '"',
      '*',
      '{',
      '}',
      'u',
      '0',
      'n',
      'o',
      't'
    );
    const anyCodePoint = fc.string({ minLength: 1, maxLength: 1, unit: 'binary' });
    const word = fc
      .string({ unit: fc.oneof(specialOrWordy, anyCodePoint), minLength: 1, maxLength: 12 })
      .filter((value) => !/\s/.test(value) && !['true', 'false', 'null'].includes(value));
    fc.assert(
      fc.property(word, (value) => {
        const ast = fromKueryExpression(`process.name:${escapeUnquoted(value)}`);
        expect(withoutLocations(ast)).toEqual({
          type: 'is',
          field: { kind: 'literal', value: 'process.name', quoted: false },
          value: { kind: 'literal', value, quoted: false },
        });
      }),
      { numRuns: ROUND_TRIP_RUNS }
    );
  });

  it(`parses every generated valid query, and both compilers accept it or refuse it cleanly (${VALID_QUERY_RUNS} runs)`, () => {
    fc.assert(
      fc.property(validQuery({ text: true, cidr: true, multiFields: true }), (query) => {
        const result = parseKql(query);
        if (!result.ok)
          throw new Error(
            `generated query does not parse: ${formatKqlErrorWithPosition(query, result.error)}`
          );
        expectCompilersSurvive(result.ast);
        expectDslIsJson(result.ast);
      }),
      { numRuns: VALID_QUERY_RUNS }
    );
  });
});

describe('KQL parser on absurd input: bounded time, a clear answer', () => {
  const nestings: ReadonlyArray<[string, (depth: number) => string]> = [
    ['parentheses', (depth) => `${'('.repeat(depth)}a:b${')'.repeat(depth)}`],
    ['not + parentheses', (depth) => `${'not ('.repeat(depth)}a:b${')'.repeat(depth)}`],
    ['value lists', (depth) => `a:${'('.repeat(depth)}b${')'.repeat(depth)}`],
    ['nested groups', (depth) => `${'a:{ '.repeat(depth)}b:c${' }'.repeat(depth)}`],
    ['unclosed parentheses', (depth) => '('.repeat(depth)],
    [
      'unbalanced: one closing too many',
      (depth) => `${'('.repeat(depth)}a:b${')'.repeat(depth + 1)}`,
    ],
  ];

  it.each(nestings)(
    `%s nested ${DEEP} deep: finishes within ${MAX_PARSE_MS} ms with a tree or a clear error`,
    (_name, build) => {
      const query = build(DEEP);
      const { result, ms } = timed(() => parseNeverThrows(query));
      expect(ms).toBeLessThan(MAX_PARSE_MS);
      // No depth limit is configured; what stops it is the stack, reported as such.
      if (!result.ok) expect(result.error.message).toBe(TOO_DEEP_MESSAGE);
    }
  );

  /** The deepest `not (…)` nesting this stack parses (no limit is configured: the stack decides). */
  const deepestParsedNesting = (): KqlNode => {
    const build = (depth: number): string => `${'not ('.repeat(depth)}a:b${')'.repeat(depth)}`;
    let low = 1;
    let high = DEEP;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (parseKql(build(middle)).ok) low = middle;
      else high = middle - 1;
    }
    const result = parseKql(build(low));
    if (!result.ok) throw new Error(`depth ${low} did not parse`);
    return result.ast;
  };

  it('compiles the deepest nesting it parses without a stack overflow in the compilers', () => {
    expectCompilersSurvive(deepestParsedNesting());
  });

  // Without a nesting limit the parser would accept `not (` nested as deep as the stack allows
  // (~2,100), while JSON.stringify of the resulting DSL overflows the stack from ~2,050 bool
  // levels, so the Elasticsearch client would fail with "RangeError: Maximum call stack size
  // exceeded" instead of a KQL error (Elasticsearch itself refuses bool queries nested deeper than
  // indices.query.bool.max_nested_depth, 30 by default in 8.x). MAX_NESTING_DEPTH in
  // common/kql/parse.ts refuses deeper queries with a positioned syntax error.
  it('produces a sendable (JSON-serialisable) DSL for every query it parses, however deep', () => {
    const dsl = toElasticsearchQuery(deepestParsedNesting(), fields);
    expect(() => JSON.stringify(dsl)).not.toThrow();
  });

  const oneMegabyte: ReadonlyArray<[string, string]> = [
    ['one long unquoted value', `process.name:${'x'.repeat(ONE_MB)}`],
    ['one long quoted value', `process.name:"${'x'.repeat(ONE_MB)}"`],
    ['an unterminated quote', `process.name:"${'x'.repeat(ONE_MB)}`],
    ['a million spaces inside a value', `process.name:a${' '.repeat(ONE_MB)}b`],
    ['only whitespace', ' \n\t'.repeat(ONE_MB / 3)],
    ['a million newlines then a stray parenthesis', `a:b${'\n'.repeat(ONE_MB)})`],
    ['escaped backslashes', `process.name:${'\\\\'.repeat(ONE_MB / 2)}`],
    ['words separated by spaces', `process.name:${'ab '.repeat(ONE_MB / 3)}`],
    ['wildcards', `process.name:${'a*'.repeat(ONE_MB / 2)}`],
    ['NUL characters', `process.name:${'\u0000'.repeat(ONE_MB)}`],
    ['"not " repeated', `${'not '.repeat(ONE_MB / 4)}a:b`],
    ['90,000 or-ed terms', Array.from({ length: 90_000 }, (_, i) => `f:${i}`).join(' or ')],
  ];

  it.each(oneMegabyte)(
    `1 MB query (%s): finishes within ${MAX_PARSE_MS} ms with a tree or a positioned error`,
    (_name, query) => {
      expect(query.length).toBeGreaterThanOrEqual(ONE_MB * 0.9);
      const { result, ms } = timed(() => parseNeverThrows(query));
      expect(ms).toBeLessThan(MAX_PARSE_MS);
      if (result.ok) {
        const compiled = timed(() => expectCompilersSurvive(result.ast));
        expect(compiled.ms).toBeLessThan(MAX_PARSE_MS);
      }
    }
  );

  it('places the error of a huge query exactly: the stray parenthesis after a million newlines', () => {
    const query = `a:b${'\n'.repeat(ONE_MB)})`;
    const result = parseKql(query);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        line: ONE_MB + 1,
        column: 1,
        offset: query.length - 1,
        found: ')',
      });
  });
});

describe('KQL matcher on adversarial wildcards: linear time, never throws on a document', () => {
  /** Many wildcards that all fit the value, then a last character that does not. */
  const ADVERSARIAL_WILDCARDS = 10;
  const VALUE_LENGTH = 40;
  const MAX_MATCH_MS = 1_000;

  // A KQL wildcard turned into a backtracking RegExp (`^a.*a.*…b$`) takes seconds per document
  // for `process.name:a*a*a*a*a*a*a*a*a*a*b` against 40 "a"s (exponential in the number of `*`),
  // and a 1 MB pattern makes V8 throw "Invalid regular expression: Stack overflow" — the matcher
  // promises never to throw on a document. Elasticsearch runs wildcards as automata (linear); the
  // matcher (common/kql/query_values.ts) matches the literal segments greedily (prefix, suffix,
  // then each middle segment at its first occurrence), which is linear with the same semantics.
  it(`matches ${ADVERSARIAL_WILDCARDS} wildcards against a ${VALUE_LENGTH}-character value within ${MAX_MATCH_MS} ms`, () => {
    const pattern = `${Array.from({ length: ADVERSARIAL_WILDCARDS }, () => 'a').join('*')}*b`;
    const matches = createMatcher(fromKueryExpression(`process.name:${pattern}`), fields);
    const { result, ms } = timed(() => matches({ process: { name: 'a'.repeat(VALUE_LENGTH) } }));
    expect(result).toBe(false);
    expect(ms).toBeLessThan(MAX_MATCH_MS);
  });

  it('never throws on a document for a 1 MB wildcard pattern', () => {
    const matches = createMatcher(
      fromKueryExpression(`process.name:${'a*'.repeat(ONE_MB / 2)}`),
      fields
    );
    expect(() => matches({ process: { name: 'a'.repeat(VALUE_LENGTH) } })).not.toThrow();
  });

  it('matches exactly what the former anchored RegExp matched, surrogate halves included (1000 runs)', () => {
    // The reference is the former implementation, safe here because the patterns are short.
    const reference = (segments: readonly string[], text: string, lowercase: boolean): boolean => {
      const literal = segments.map((segment) =>
        (lowercase ? segment.toLowerCase() : segment).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
      );
      return new RegExp(`^${literal.join('.*')}$`, 'su').test(text);
    };
    const unit = fc.constantFrom('a', 'B', '.', '\ud83d', '\ude80', '\ud83d\ude80');
    const segments = fc.array(fc.string({ unit, maxLength: 3 }), { minLength: 2, maxLength: 5 });
    const text = fc.string({ unit, maxLength: 10 });
    fc.assert(
      fc.property(segments, text, fc.boolean(), (parts, value, lowercase) => {
        const pattern = wildcardPattern({ kind: 'wildcard', segments: parts }, lowercase);
        expect(pattern.test(value)).toBe(reference(parts, value, lowercase));
      }),
      { numRuns: 1_000 }
    );
  });

  it('agrees with Elasticsearch-style globbing through the matcher on random patterns and values', () => {
    const pattern = fc
      .string({ unit: fc.constantFrom('a', 'b', '*'), minLength: 1, maxLength: 8 })
      .filter((text) => text.replace(/\*/g, '') !== '');
    const value = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 8 });
    fc.assert(
      fc.property(pattern, value, (glob, text) => {
        const expected = new RegExp(`^${glob.split('*').join('.*')}$`, 's').test(text);
        const matches = createMatcher(fromKueryExpression(`process.name:${glob}`), fields);
        expect(matches({ process: { name: text } })).toBe(expected);
      }),
      { numRuns: 1_000 }
    );
  });
});
