import fc from 'fast-check';
import { duplicateKey } from './duplicate_keys';

const check = (text: string): string | undefined => duplicateKey(text, JSON.parse(text));

/** Keys and strings full of the characters a tokenizer could trip on. */
const trickyString = fc.string({
  unit: fc.constantFrom('"', '\\', ':', '{', '}', '[', ']', ',', 'a', 'b', ' ', '\u00e9'),
});

const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    trickyString,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(trickyString, tie('value'), { maxKeys: 4 })
  ),
})).value;

const jsonObject = fc.dictionary(trickyString, jsonValue, { minKeys: 1, maxKeys: 5 });

describe('duplicateKey', () => {
  it('finds nothing in any line JSON.stringify writes, whatever its strings hold', () => {
    fc.assert(
      fc.property(jsonObject, fc.constantFrom(undefined, 1), (object, indent) => {
        expect(check(JSON.stringify(object, null, indent))).toBeUndefined();
      }),
      { numRuns: 500 }
    );
  });

  it('names a key written twice in one object, at any depth', () => {
    fc.assert(
      fc.property(jsonObject, trickyString, jsonValue, jsonValue, (object, key, first, second) => {
        const repeated = `{"outer":[1,{"x":${JSON.stringify(object)}},{${JSON.stringify(key)}:${JSON.stringify(first)} , ${JSON.stringify(key)} :${JSON.stringify(second)}}]}`;
        expect(check(repeated)).toBe(key);
      }),
      { numRuns: 300 }
    );
  });

  it('allows the same key in sibling and nested objects', () => {
    expect(check('{"a":{"a":1},"b":{"a":2},"c":[{"a":3},{"a":4}]}')).toBeUndefined();
    expect(check('{"process":{"name":"a","name":"b"}}')).toBe('name');
    expect(check('{"a\\"":1,"a\\"" :2}')).toBe('a"');
    expect(check('{"k":"\\\\","k":"v"}')).toBe('k');
  });

  // Counting the parsed keys recursed (100,000 nested arrays overflowed the stack), and
  // naming the key ran a regular expression that overflowed V8's backtracking stack on a 20 MB string.
  it('copes with 100,000 nested arrays and with a 20 MB string beside a repeated key', () => {
    const deep = `{"a":${'['.repeat(100_000)}{"k":1,"k":2}${']'.repeat(100_000)}}`;
    expect(check(deep)).toBe('k');
    const huge = `{"blob":"${'x'.repeat(20 * 1024 * 1024)}","blob":1}`;
    expect(check(huge)).toBe('blob');
  });
});
