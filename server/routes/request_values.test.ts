/**
 * The bounded request values: each accepts exactly its range (both ends included), refuses
 * anything else with a message naming the parameter and the range, and never throws, whatever
 * it is given (fast-check over any value, megabyte strings and lone surrogates included).
 */
import fc from 'fast-check';
import type { z } from 'zod';
import {
  MAX_ALERT_ID_BYTES,
  MAX_HISTOGRAM_INTERVAL_MS,
  MAX_INSTANT_MS,
  MIN_INSTANT_MS,
} from '../../common/api/request_bounds';
import {
  alertId,
  histogramInterval,
  instant,
  MAX_QUOTED_CHARS,
  quoted,
  wholeNumber,
} from './request_values';

const INSTANT_MESSAGE =
  'from must be a time from -271821-04-20T00:00:00.000Z to +275760-09-13T00:00:00.000Z (epoch ms -8640000000000000 to 8640000000000000), in ISO 8601 or whole epoch milliseconds';
const INTERVAL_MESSAGE =
  'interval must be from 1ms to 100000000d (8640000000000000 ms), in milliseconds or a duration such as 30m or 1h';
/** No message may grow with the value it refuses. */
const MAX_MESSAGE_CHARS = 300;

const messagesOf = (schema: z.ZodType, value: unknown): string[] => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

const valueOf = (schema: z.ZodType, value: unknown): unknown => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`refused ${String(value)}: ${parsed.error.message}`);
  return parsed.data;
};

/** Any value a client can send: JSON values, query strings, numbers past every range, odd text. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.constantFrom(
    '1e309',
    '-1e309',
    'NaN',
    'Infinity',
    '',
    ' ',
    '\u0000',
    '%FF',
    '9223372036854775808',
    'x'.repeat(2 ** 20)
  )
);

describe('instant', () => {
  const from = instant('from');

  it('takes epoch ms and ISO 8601 over the whole range a Date holds, both ends included', () => {
    expect(valueOf(from, MIN_INSTANT_MS)).toBe(MIN_INSTANT_MS);
    expect(valueOf(from, String(MAX_INSTANT_MS))).toBe(MAX_INSTANT_MS);
    expect(valueOf(from, '-8640000000000000')).toBe(MIN_INSTANT_MS);
    expect(valueOf(from, '+275760-09-13T00:00:00.000Z')).toBe(MAX_INSTANT_MS);
    expect(valueOf(from, '2024-01-01T00:00:00Z')).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(valueOf(from, '2024-01-01T00:00:00.123456+01:00')).toBe(
      Date.parse('2024-01-01T00:00:00.123+01:00')
    );
    expect(valueOf(from, '0')).toBe(0);
  });

  it('refuses times past the range, fractions, and text Date.parse would guess at, naming the range', () => {
    expect(messagesOf(from, '99999999999999999999999')).toEqual([
      `${INSTANT_MESSAGE} (got "99999999999999999999999")`,
    ]);
    expect(messagesOf(from, MAX_INSTANT_MS + 1)).toEqual([
      `${INSTANT_MESSAGE} (got 8640000000000001)`,
    ]);
    expect(messagesOf(from, '-8640000000000001')).toHaveLength(1);
    expect(messagesOf(from, '+275760-09-13T00:00:00.001Z')).toHaveLength(1);
    for (const guess of [
      '1.5',
      'March 7',
      '2024-1-1',
      ' 2024-01-01',
      '1e3',
      '0x10',
      'NaN',
      'Infinity',
      '',
    ])
      expect(messagesOf(from, guess)).toHaveLength(1);
    expect(messagesOf(from, 1.5)).toEqual([`${INSTANT_MESSAGE} (got 1.5)`]);
    expect(messagesOf(from, ['1', '2'])).toEqual([`${INSTANT_MESSAGE} (got a list)`]);
    expect(messagesOf(from, true)).toEqual([`${INSTANT_MESSAGE} (got a boolean)`]);
  });

  it('never throws: any value is a time in range or one bounded message', () => {
    fc.assert(
      fc.property(hostileValue, (value) => {
        const parsed = from.safeParse(value);
        if (parsed.success) {
          expect(
            Number.isSafeInteger(parsed.data) &&
              parsed.data >= MIN_INSTANT_MS &&
              parsed.data <= MAX_INSTANT_MS
          ).toBe(true);
        } else {
          expect(parsed.error.issues).toHaveLength(1);
          expect(parsed.error.issues[0]?.message.startsWith(INSTANT_MESSAGE)).toBe(true);
          expect(parsed.error.issues[0]?.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
        }
      }),
      { numRuns: 1_000 }
    );
  });
});

describe('wholeNumber', () => {
  const perPage = wholeNumber('per_page', 1, 1_000);

  it('takes decimal digits within the bounds, both ends included', () => {
    expect(valueOf(perPage, '1')).toBe(1);
    expect(valueOf(perPage, '1000')).toBe(1_000);
    expect(valueOf(perPage, '0001')).toBe(1);
  });

  it('names the bound that was crossed, or the range when it is no whole number', () => {
    expect(messagesOf(perPage, '1001')).toEqual(['per_page is at most 1000 (got "1001")']);
    expect(messagesOf(perPage, '0')).toEqual(['per_page is at least 1 (got "0")']);
    expect(messagesOf(perPage, '99999999999999999999999')).toEqual([
      'per_page is at most 1000 (got "99999999999999999999999")',
    ]);
    for (const text of ['', '-1', '1.0', '1e3', ' 5', '0x10', 'NaN'])
      expect(messagesOf(perPage, text)).toEqual([
        `per_page must be a whole number from 1 to 1000 (got ${JSON.stringify(text)})`,
      ]);
  });
});

describe('histogramInterval', () => {
  const interval = histogramInterval('interval');

  it('takes milliseconds and durations from 1 ms to 100,000,000 days', () => {
    expect(valueOf(interval, '1')).toBe(1);
    expect(valueOf(interval, '30m')).toBe(1_800_000);
    expect(valueOf(interval, '100000000d')).toBe(MAX_HISTOGRAM_INTERVAL_MS);
    expect(valueOf(interval, String(MAX_HISTOGRAM_INTERVAL_MS))).toBe(MAX_HISTOGRAM_INTERVAL_MS);
  });

  it('refuses anything outside, naming both bounds', () => {
    expect(messagesOf(interval, '9223372036854775807')).toEqual([
      `${INTERVAL_MESSAGE} (got "9223372036854775807")`,
    ]);
    expect(messagesOf(interval, '100000001d')).toEqual([`${INTERVAL_MESSAGE} (got "100000001d")`]);
    for (const text of ['0', '0s', '-1', '1.5h', '1w', '', 'NaN'])
      expect(messagesOf(interval, text)).toHaveLength(1);
  });
});

describe('alertId', () => {
  const id = alertId('id');

  it('takes well-formed text up to an Elasticsearch _id (512 bytes of UTF-8)', () => {
    expect(valueOf(id, 'a'.repeat(MAX_ALERT_ID_BYTES))).toHaveLength(MAX_ALERT_ID_BYTES);
    expect(valueOf(id, 'é'.repeat(MAX_ALERT_ID_BYTES / 2))).toHaveLength(MAX_ALERT_ID_BYTES / 2);
    expect(valueOf(id, '😀')).toBe('😀');
  });

  it('refuses longer, empty and ill-formed ids', () => {
    expect(messagesOf(id, 'é'.repeat(MAX_ALERT_ID_BYTES / 2 + 1))).toEqual([
      "id is at most 512 bytes, an Elasticsearch _id's limit (got 514)",
    ]);
    expect(messagesOf(id, '')).toEqual(['id must not be empty']);
    expect(messagesOf(id, 'a\ud800')).toEqual([
      'id must be well-formed Unicode text (it holds a lone surrogate)',
    ]);
    expect(messagesOf(id, '\udc00a')).toHaveLength(1);
    expect(messagesOf(id, 5)).toEqual(['id must be a string (got 5)']);
  });
});

describe('quoted', () => {
  it('repeats at most MAX_QUOTED_CHARS of a refused value', () => {
    expect(quoted('x'.repeat(2 ** 20))).toBe(JSON.stringify(`${'x'.repeat(MAX_QUOTED_CHARS)}…`));
    expect(quoted('%FF')).toBe('"%FF"');
    expect(quoted(null)).toBe('null');
    expect(quoted({ a: 1 })).toBe('an object');
    expect(quoted([1])).toBe('a list');
  });
});
