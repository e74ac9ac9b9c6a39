import fc from 'fast-check';
import { MAX_NESTING_DEPTH, structureProblem, type LineScope } from './line_structure';

const NONE: ReadonlySet<string> = new Set();
const BARE: LineScope = { flattenedFields: NONE };
const HIT: LineScope = { documentKey: '_source', flattenedFields: NONE };
const WITH_FLATTENED: LineScope = { flattenedFields: new Set(['process.elf.imports']) };
const TIMESTAMP = '"@timestamp":"2025-03-12T10:15:42.123Z"';

const NESTING_1001 =
  'Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)';
const mappingDepth = (path: string): string =>
  `Limit of mapping depth [20] has been exceeded due to object field [${path}]`;

/** `{"@timestamp":…,"a": <open × n> 1 <close × n>}`. */
const nestedIn = (open: string, close: string, n: number): string =>
  `{${TIMESTAMP},"a":${open.repeat(n)}1${close.repeat(n)}}`;
const arrays = (n: number): string => nestedIn('[', ']', n);
const objects = (n: number): string => nestedIn('{"b":', '}', n);
const dotted = (segments: number): string =>
  `{${TIMESTAMP},"${Array.from({ length: segments }, () => 'a').join('.')}":1}`;
const path = (first: string, rest: string, segments: number): string =>
  [first, ...Array.from({ length: segments - 1 }, () => rest)].join('.');

// Boundaries as Elasticsearch 8.19 answered them (nesting_limits.ts; the ES-backed suite in
// test/reliability/extreme_lines.test.ts sends the same lines to the real node).
describe('structureProblem', () => {
  it('allows 1,000 levels counting the root object and refuses the 1,001st with Jackson’s reason', () => {
    expect(structureProblem(arrays(MAX_NESTING_DEPTH - 1), BARE)).toBeUndefined();
    expect(structureProblem(arrays(MAX_NESTING_DEPTH), BARE)).toBe(NESTING_1001);
  });

  it('refuses 100,000 nested arrays in one field, naming depth 1,001 where Elasticsearch stops reading', () => {
    expect(structureProblem(arrays(100_000), BARE)).toBe(NESTING_1001);
  });

  it('refuses objects 50,000 and 5,000 deep for mapping depth, which they reach long before 1,000', () => {
    const twentySegments = path('a', 'b', 20);
    expect(structureProblem(objects(50_000), BARE)).toBe(mappingDepth(twentySegments));
    expect(structureProblem(objects(5_000), BARE)).toBe(mappingDepth(twentySegments));
  });

  it('allows an object path of 19 segments and refuses the object at 20 (a leaf may then have 20)', () => {
    expect(structureProblem(objects(19), BARE)).toBeUndefined();
    expect(structureProblem(objects(20), BARE)).toBe(mappingDepth(path('a', 'b', 20)));
  });

  it('counts the segments of dotted keys: a leaf of 20 segments is stored, one of 21 implies an object too deep', () => {
    expect(structureProblem(dotted(20), BARE)).toBeUndefined();
    expect(structureProblem(dotted(21), BARE)).toBe(mappingDepth(path('a', 'a', 20)));
    expect(structureProblem(`{${TIMESTAMP},"${path('a', 'a', 21)}":[1,2]}`, BARE)).toBe(
      mappingDepth(path('a', 'a', 20))
    );
  });

  it('decodes escaped dots in keys, as Elasticsearch reads them', () => {
    const escaped = Array.from({ length: 21 }, () => 'a').join('\\u002e');
    expect(structureProblem(`{${TIMESTAMP},"${escaped}":1}`, BARE)).toBe(
      mappingDepth(path('a', 'a', 20))
    );
  });

  it('adds no segment for arrays: objects in arrays count as the objects they are', () => {
    const inArrays = (n: number): string =>
      `{${TIMESTAMP},"a":${'[{"b":'.repeat(n)}1${'}]'.repeat(n)}}`;
    expect(structureProblem(inArrays(19), BARE)).toBeUndefined();
    expect(structureProblem(inArrays(20), BARE)).toBe(mappingDepth(path('a', 'b', 20)));
  });

  it('reports whichever limit comes first in the line', () => {
    const deepArraysFirst = `{${TIMESTAMP},"x":${'['.repeat(1_200)}${']'.repeat(1_200)},"a":${'{"b":'.repeat(30)}1${'}'.repeat(30)}}`;
    const deepObjectsFirst = `{${TIMESTAMP},"a":${'{"b":'.repeat(30)}1${'}'.repeat(30)},"x":${'['.repeat(1_200)}${']'.repeat(1_200)}}`;
    expect(structureProblem(deepArraysFirst, BARE)).toBe(NESTING_1001);
    expect(structureProblem(deepObjectsFirst, BARE)).toMatch(/^Limit of mapping depth \[20\]/);
  });

  it('ignores brackets, braces, dots and colons inside strings', () => {
    const noise = `${'[{'.repeat(5_000)}:,\\"[`;
    const dots = `${noise}${'.'.repeat(100)}`;
    expect(
      structureProblem(
        `{${TIMESTAMP},"${noise}":"${dots}","s":["${dots}"],"t":{"u":"${dots}"}}`,
        BARE
      )
    ).toBeUndefined();
  });

  it('measures a hit from its _source: the envelope is not a level, and mapping depth counts only inside _source', () => {
    const hit = (source: string, extra = ''): string =>
      `{"_index":"i","_id":"x",${extra}"_source":${source}}`;
    expect(structureProblem(hit(arrays(MAX_NESTING_DEPTH - 1)), HIT)).toBeUndefined();
    expect(structureProblem(hit(arrays(MAX_NESTING_DEPTH)), HIT)).toBe(NESTING_1001);
    expect(structureProblem(hit(objects(19)), HIT)).toBeUndefined();
    // The envelope's own keys make no mapping: a deep `sort` is only bounded by nesting.
    expect(
      structureProblem(
        hit(`{${TIMESTAMP}}`, `"fields":${'{"b":'.repeat(40)}1${'}'.repeat(40)},`),
        HIT
      )
    ).toBeUndefined();
    expect(
      structureProblem(
        hit(`{${TIMESTAMP}}`, `"sort":${'['.repeat(100_000)}${']'.repeat(100_000)},`),
        HIT
      )
    ).toBe(NESTING_1001);
  });

  it('below a flattened field applies its depth limit of 20 objects instead of mapping depth', () => {
    const flattened = (n: number): string =>
      `{${TIMESTAMP},"process":{"elf":{"imports":${'{"b":'.repeat(n)}1${'}'.repeat(n)}}}}`;
    expect(structureProblem(flattened(20), WITH_FLATTENED)).toBeUndefined();
    expect(structureProblem(flattened(21), WITH_FLATTENED)).toBe(
      'The provided [flattened] field [process.elf.imports] exceeds the maximum depth limit of [20].'
    );
    const dottedInside = `{${TIMESTAMP},"process":{"elf":{"imports":{"${path('b', 'b', 40)}":1}}}}`;
    expect(structureProblem(dottedInside, WITH_FLATTENED)).toBeUndefined();
  });

  it('quotes at most the first 20 segments, each cut to a bounded length, of a 200 KB dotted key', () => {
    const reason = structureProblem(`{${TIMESTAMP},"${path('k', 'k', 100_000)}":1}`, BARE) ?? '';
    expect(reason).toBe(mappingDepth(path('k', 'k', 20)));
    const longSegments =
      structureProblem(
        `{${TIMESTAMP},"${Array.from({ length: 25 }, () => 'x'.repeat(10_000)).join('.')}":1}`,
        BARE
      ) ?? '';
    expect(longSegments).toMatch(
      /^Limit of mapping depth \[20\] has been exceeded due to object field \[x+\.\.\.\(200019 characters\)\.\.\.x+\]$/
    );
    expect(longSegments.length).toBeLessThan(200);
  });

  it('finds no problem in shallow JSON, whatever its strings and keys hold', () => {
    // Keys Elasticsearch accepts: no dot, not empty, no blank end (strings may hold anything).
    const key = fc.string({
      unit: fc.constantFrom('"', '\\', ':', '{', '}', '[', ']', ',', 'a', '\u00e9'),
      minLength: 1,
    });
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', maxDepth: 6 },
        fc.string(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 3 })
      ),
    })).node;
    const shallow = fc.dictionary(key, value, { maxKeys: 6 });
    fc.assert(
      fc.property(shallow, (object) => {
        expect(structureProblem(JSON.stringify(object), BARE)).toBeUndefined();
      }),
      { numRuns: 300 }
    );
  });

  // Elasticsearch reads a key's name before anything below it: a bad name wins over depth, as the
  // node answered for `....` (200,000 dots), `a.a.….a..b` and `{"x":{"a.….a":{}}}`.
  it('refuses a bad field name where it is read, before depth, and even when it holds only an empty object or null', () => {
    expect(structureProblem(`{${TIMESTAMP},"${'.'.repeat(200_000)}":1}`, BARE)).toMatch(
      /^field name \[\.+\.\.\.\(200000 characters\)\.\.\.\.+\] cannot contain only dots$/
    );
    expect(structureProblem(`{${TIMESTAMP},"${path('a', 'a', 30)}..b":1}`, BARE)).toMatch(
      /cannot contain an empty or whitespace-only part$/
    );
    expect(structureProblem(`{${TIMESTAMP},"x":{"a..b":{}}}`, BARE)).toBe(
      'field name [a..b] cannot contain an empty or whitespace-only part'
    );
    expect(structureProblem(`{${TIMESTAMP},"x":{"":null}}`, BARE)).toBe(
      'field name cannot be an empty string'
    );
    expect(structureProblem(`{${TIMESTAMP},"x":{" ":[]}}`, BARE)).toBe(
      'field name [ ] cannot contain an empty or whitespace-only part'
    );
    expect(structureProblem(`{${TIMESTAMP},"x":{"\\u00a0":1}}`, BARE)).toBe(
      'field name [\u00a0] cannot contain an empty or whitespace-only part'
    );
    expect(structureProblem(`{${TIMESTAMP},"x":{"${path('a', 'a', 30)}":{}}}`, BARE)).toBe(
      mappingDepth(`x.${path('a', 'a', 19)}`)
    );
  });

  it('leaves names in a hit’s envelope and below a flattened field alone, as Elasticsearch maps neither', () => {
    expect(structureProblem(`{"":1,"_source":{${TIMESTAMP}}}`, HIT)).toBeUndefined();
    expect(
      structureProblem(
        `{${TIMESTAMP},"process":{"elf":{"imports":{"":1,"a..b":2}}}}`,
        WITH_FLATTENED
      )
    ).toBeUndefined();
  });
});
