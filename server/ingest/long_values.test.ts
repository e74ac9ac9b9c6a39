import fc from 'fast-check';
import { longOutOfRange, type TypedValues } from './long_values';

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);
const ULONG_MAX = 2n ** 64n - 1n;

/** Prepared fields at the range edge, as JSON.parse reads every number near it. */
const typesOf = (types: Record<string, string>): TypedValues[] =>
  Object.entries(types).map(([field, esType]) => ({
    field,
    esType,
    values: [1, esType === 'long' ? 2 ** 63 : 2 ** 64],
  }));

describe('longOutOfRange', () => {
  it('tells the largest long from one past it, which JSON.parse cannot', () => {
    expect(JSON.parse(`${LONG_MAX}`)).toBe(JSON.parse(`${LONG_MAX + 1n}`));
    const types = typesOf({ 'process.pid': 'long' });
    expect(longOutOfRange(`{"process":{"pid":${LONG_MAX}}}`, types)).toBeUndefined();
    expect(longOutOfRange(`{"process":{"pid":${LONG_MIN}}}`, types)).toBeUndefined();
    expect(longOutOfRange(`{"process":{"pid":${LONG_MAX + 1n}}}`, types)).toEqual({
      field: 'process.pid',
      esType: 'long',
      text: `${LONG_MAX + 1n}`,
    });
    expect(longOutOfRange(`{"process":{"pid":${LONG_MIN - 1n}}}`, types)?.text).toBe(
      `${LONG_MIN - 1n}`
    );
  });

  it('follows dotted keys, arrays, numeric strings, hit prefixes and the field type', () => {
    const over = `${LONG_MAX + 1n}`;
    expect(
      longOutOfRange(`{"process.pid":[1,${over}]}`, typesOf({ 'process.pid': 'long' }))?.field
    ).toBe('process.pid');
    expect(
      longOutOfRange(`{"a":{"b":[{"c":"${over}"}]}}`, typesOf({ 'a.b.c': 'long' }))?.field
    ).toBe('a.b.c');
    expect(
      longOutOfRange(`{"_id":"x","_source":{"n":${over}}}`, typesOf({ n: 'long' }), '_source.')
        ?.field
    ).toBe('n');
    expect(longOutOfRange(`{"n":${over}}`, typesOf({ n: 'unsigned_long' }))).toBeUndefined();
    expect(longOutOfRange(`{"n":${ULONG_MAX + 1n}}`, typesOf({ n: 'unsigned_long' }))?.esType).toBe(
      'unsigned_long'
    );
    expect(longOutOfRange(`{"n":${over}}`, typesOf({ n: 'keyword' }))).toBeUndefined();
    expect(
      longOutOfRange(`{"note":"id ${over} seen","n":1}`, typesOf({ note: 'long', n: 'long' }))
    ).toBeUndefined();
    expect(
      longOutOfRange(`{"k":"n","n2":${over}, "n" : 5}`, typesOf({ n: 'long' }))
    ).toBeUndefined();
  });

  it('walks no line whose long fields hold no value at the range edge', () => {
    const over = `${LONG_MAX + 1n}`;
    expect(
      longOutOfRange(`{"n":${over}}`, [{ field: 'n', esType: 'long', values: [2 ** 62] }])
    ).toBeUndefined();
    expect(
      longOutOfRange(`{"n":${over}}`, [{ field: 'n', esType: 'long', values: [-(2 ** 63)] }])?.field
    ).toBe('n');
  });

  it('agrees with BigInt on random whole numbers at random depths', () => {
    const number = fc.bigInt({ min: -(2n ** 65n), max: 2n ** 65n });
    fc.assert(
      fc.property(number, fc.integer({ min: 0, max: 3 }), fc.boolean(), (value, depth, quoted) => {
        const written = quoted ? `"${value}"` : `${value}`;
        const line = `{"x":"${'{'.repeat(2)}",${'"o":{'.repeat(depth)}"v":[0,${written}]${'}'.repeat(depth)}}`;
        const field = `${'o.'.repeat(depth)}v`;
        const outside = value < LONG_MIN || value > LONG_MAX;
        const found = longOutOfRange(line, typesOf({ [field]: 'long' }));
        expect(found !== undefined).toBe(outside);
      }),
      { numRuns: 500 }
    );
  });

  // The token regular expression overflowed V8's backtracking stack on a 20 MB string,
  // and a long array (or a line of many fields) at the range edge took quadratic time.
  it('walks a 20 MB string, 100,000 edge values in one field and 100,000 fields at linear cost', () => {
    const types = typesOf({ 'process.pid': 'long' });
    const blob = `{"blob":"${'x'.repeat(20 * 1024 * 1024)}","process":{"pid":${LONG_MAX + 1n}}}`;
    expect(longOutOfRange(blob, types)?.text).toBe(`${LONG_MAX + 1n}`);
    const started = Date.now();
    const many = `{"process":{"pid":[${Array.from({ length: 100_000 }, () => `${LONG_MAX}`).join(',')}]}}`;
    expect(longOutOfRange(many, types)).toBeUndefined();
    const wide = typesOf(
      Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`f${i}`, 'long']))
    );
    const wideLine = `{${Array.from({ length: 100_000 }, (_, i) => `"f${i}":${LONG_MAX}`).join(',')}}`;
    expect(longOutOfRange(wideLine, wide)).toBeUndefined();
    // Quadratic work took minutes here; linear takes well under a second.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a numeric string of a million digits without parsing it as a BigInt', () => {
    const digits = '9'.repeat(1_000_000);
    expect(
      longOutOfRange(`{"process":{"pid":"${digits}"}}`, typesOf({ 'process.pid': 'long' }))?.text
    ).toBe(digits);
  });
});
