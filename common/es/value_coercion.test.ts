import { parseDateMath, parseDateText } from './date_values';
import { canonicalIp, ipQueryRange } from './ip_values';
import { DYNAMIC_STRING_IGNORE_ABOVE } from '../../server/stores/elasticsearch/ecs_mappings';
import {
  DYNAMIC_KEYWORD_IGNORE_ABOVE,
  dynamicEsType,
  exceedsIgnoreAbove,
  flattenedLeafSpec,
  indexValue,
  indexValueAs,
  indexValues,
  isIndexableEsType,
  parseNumericText,
  roundHalfFloat,
  indexedValueTypeOf,
} from './value_coercion';

const keyword = { name: 'k', type: 'keyword', ignoreAbove: 4 } as const;

describe('indexValue', () => {
  it('keyword family', () => {
    expect(indexValues(['abcd', 'abcde', 0, true, { a: 1 }, 1.5], keyword)).toEqual([
      'abcd',
      '0',
      'true',
      '1.5',
    ]);
    expect(indexValueAs('x', 'wildcard')).toBe('x');
  });
  it('boolean', () => {
    expect(
      ['true', 'false', '', true, false, 'True', 1, null].map((raw) => indexValueAs(raw, 'boolean'))
    ).toEqual([true, false, false, true, false, undefined, undefined, undefined]);
  });
  it('numbers', () => {
    expect(indexValueAs('48219.0', 'long')).toBe(48219);
    expect(indexValueAs(-7.9, 'integer')).toBe(-7);
    expect(indexValueAs(300, 'byte')).toBeUndefined();
    expect(indexValueAs('', 'long')).toBeUndefined();
    expect(indexValueAs('1e3', 'double')).toBe(1000);
    expect(indexValueAs('abc', 'double')).toBeUndefined();
    expect(indexValueAs(true, 'long')).toBeUndefined();
    expect(indexValueAs(0.1, 'float')).toBe(Math.fround(0.1));
    expect(roundHalfFloat(0.1)).toBeCloseTo(0.0999755859375, 12);
    expect(roundHalfFloat(1e6)).toBeNaN();
  });
  it('dates (UTC unless an offset is given) and ip', () => {
    expect(indexValueAs('2025-03-12T10:15:42.123Z', 'date')).toBe(
      Date.UTC(2025, 2, 12, 10, 15, 42, 123)
    );
    expect(indexValueAs('2025-03-12T12:15:42.123+02:00', 'date')).toBe(
      Date.UTC(2025, 2, 12, 10, 15, 42, 123)
    );
    expect(indexValueAs('2025-03-12', 'date')).toBe(Date.UTC(2025, 2, 12));
    expect(indexValueAs(1741774542123, 'date')).toBe(1741774542123);
    expect(indexValueAs('2025-02-30', 'date')).toBeUndefined();
    expect(indexValueAs('::FFFF:10.0.0.1', 'ip')).toBe('10.0.0.1');
    expect(indexValueAs('nope', 'ip')).toBeUndefined();
  });
  it('unmapped values follow dynamic mapping', () => {
    expect(indexValue('s', undefined)).toBe('s');
    expect(indexValue(3.5, undefined)).toBe(3.5);
    expect(indexValue(false, undefined)).toBe(false);
    expect(indexValue({}, undefined)).toBeUndefined();
    expect([
      dynamicEsType('s'),
      dynamicEsType(1),
      dynamicEsType(true),
      dynamicEsType(null),
    ]).toEqual(['keyword', 'double', 'boolean', undefined]);
    expect(
      ['keyword', 'match_only_text', 'ip', 'boolean', 'half_float', 'date_nanos', 'geo_point'].map(
        indexedValueTypeOf
      )
    ).toEqual(['string', 'string', 'string', 'boolean', 'number', 'date', undefined]);
  });
});

describe('ignore_above', () => {
  const atLimit = 'a'.repeat(DYNAMIC_KEYWORD_IGNORE_ABOVE);
  const overLimit = `${atLimit}b`;
  it("is the index template's dynamic limit for unmapped strings", () => {
    expect(DYNAMIC_KEYWORD_IGNORE_ABOVE).toBe(DYNAMIC_STRING_IGNORE_ABOVE);
    expect(indexValue(atLimit, undefined)).toBe(atLimit);
    expect(indexValue(overLimit, undefined)).toBeUndefined();
    expect(indexValueAs(overLimit, 'keyword')).toBeUndefined();
  });
  it("is the mapping's for mapped keywords (none when it sets none)", () => {
    expect(indexValueAs(overLimit, 'keyword', { name: 'k', type: 'keyword' })).toBe(overLimit);
    expect(indexValueAs('abcde', 'keyword', keyword)).toBeUndefined();
  });
  it('counts UTF-16 code units, as Java does', () => {
    const emoji = '\u{1f600}'.repeat(DYNAMIC_KEYWORD_IGNORE_ABOVE / 2);
    expect(indexValue(emoji, undefined)).toBe(emoji);
    expect(indexValue(`${emoji}x`, undefined)).toBeUndefined();
  });
  it('tells an ignored keyword from a value the type cannot hold', () => {
    expect(exceedsIgnoreAbove(overLimit, 'keyword', undefined)).toBe(true);
    expect(exceedsIgnoreAbove(atLimit, 'keyword', undefined)).toBe(false);
    expect(exceedsIgnoreAbove('abcde', 'keyword', keyword)).toBe(true);
    expect(exceedsIgnoreAbove(overLimit, 'keyword', { name: 'k', type: 'keyword' })).toBe(false);
    expect(exceedsIgnoreAbove(overLimit, 'text', undefined)).toBe(false);
    expect(exceedsIgnoreAbove({ a: 1 }, 'keyword', undefined)).toBe(false);
  });
});

describe('flattened fields', () => {
  it("index their leaves as keywords with the field's own ignore_above", () => {
    const limited = flattenedLeafSpec({ name: 'f', type: 'flattened', ignoreAbove: 4 });
    const unlimited = flattenedLeafSpec({ name: 'f', type: 'flattened' });
    expect(limited).toEqual({ name: 'f', type: 'keyword', ignoreAbove: 4 });
    expect(indexValues(['abc', 'abcde', 5, true], limited)).toEqual(['abc', '5', 'true']);
    expect(indexValueAs('x'.repeat(5000), 'keyword', unlimited)).toHaveLength(5000);
  });
  it('hold no value themselves', () => {
    expect(isIndexableEsType('flattened')).toBe(false);
    expect(indexValueAs('scalar', 'flattened')).toBeUndefined();
    expect(isIndexableEsType('keyword')).toBe(true);
  });
});

describe('query dates', () => {
  const now = new Date('2025-03-12T10:30:00.000Z');
  it('round missing components like Elasticsearch', () => {
    expect(parseDateText('2025-03-12', { roundUp: true })).toBe(
      Date.UTC(2025, 2, 12, 23, 59, 59, 999)
    );
    expect(parseDateText('2025', { roundUp: true })).toBe(Date.UTC(2025, 0, 1, 23, 59, 59, 999));
    expect(parseDateText('2025-03-12T10:15', { roundUp: true })).toBe(
      Date.UTC(2025, 2, 12, 10, 15, 59, 999)
    );
  });
  it('date math', () => {
    expect(parseDateMath('now-1h', { now })).toBe(Date.UTC(2025, 2, 12, 9, 30));
    expect(parseDateMath('now/d', { now, roundUp: true })).toBe(
      Date.UTC(2025, 2, 12, 23, 59, 59, 999)
    );
    expect(parseDateMath('now/d', { now, timeZone: '+02:00' })).toBe(Date.UTC(2025, 2, 11, 22));
    expect(parseDateMath('2025-03-12||+1M/M', { roundUp: false })).toBe(Date.UTC(2025, 3, 1));
    expect(parseDateMath('now+bogus', { now })).toBeUndefined();
  });
});

describe('ip values', () => {
  it('canonicalises and expands CIDR blocks', () => {
    expect(canonicalIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalIp('1.2.3.256')).toBeUndefined();
    const block = ipQueryRange('10.0.0.0/8');
    expect(block?.lower.endsWith('0a000000')).toBe(true);
    expect(block?.upper.endsWith('0affffff')).toBe(true);
  });
});

describe('numeric text', () => {
  it('reads the spellings Elasticsearch coerces and refuses the rest', () => {
    expect(['12', '+1.5', '-.5', '7.', '1e3', '2.5E-2', ' 42 '].map(parseNumericText)).toEqual([
      12, 1.5, -0.5, 7, 1000, 0.025, 42,
    ]);
    expect(
      ['', '.', '1.2.3', '1e', 'e3', '0x10', '1_000', 'NaN', '1e400'].map(parseNumericText)
    ).toEqual(Array(9).fill(undefined));
  });

  it('refuses a megabyte of digits with a stray letter at once (the old pattern backtracked quadratically)', () => {
    expect(parseNumericText(`${'1'.repeat(1_000_000)}x`)).toBeUndefined();
    expect(parseNumericText(`${'1'.repeat(1_000_000)}.${'2'.repeat(1_000_000)}x`)).toBeUndefined();
  });
});
