import fc from 'fast-check';
import { canonicalUtcMillis, indexDate, parseDateText } from './date_values';

const generalParse = (text: string): number | undefined => parseDateText(text, { timeZone: 'UTC' });

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Canonical-looking text with every component drawn past its range (month 00–99, hour 00–99…). */
const canonicalShaped = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 99 }),
    day: fc.integer({ min: 0, max: 99 }),
    hour: fc.integer({ min: 0, max: 99 }),
    minute: fc.integer({ min: 0, max: 99 }),
    second: fc.integer({ min: 0, max: 99 }),
    millis: fc.option(fc.integer({ min: 0, max: 999 })),
  })
  .map(
    ({ year, month, day, hour, minute, second, millis }) =>
      `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}` +
      `${millis === null ? '' : `.${pad(millis, 3)}`}Z`
  );

describe('canonicalUtcMillis', () => {
  it('reads every valid instant of years 1000–9999 as Date does', () => {
    const instants = fc.date({
      min: new Date('1000-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instants, (date) => {
        const text = date.toISOString();
        expect(canonicalUtcMillis(text)).toBe(date.getTime());
        expect(canonicalUtcMillis(text.replace(/\.\d{3}Z$/, 'Z'))).toBe(
          Math.floor(date.getTime() / 1000) * 1000
        );
      }),
      { numRuns: 2000 }
    );
  });

  it('never disagrees with the general parser, and leaves it every text it does not accept', () => {
    fc.assert(
      fc.property(canonicalShaped, (text) => {
        const fast = canonicalUtcMillis(text);
        if (fast !== undefined) expect(fast).toBe(generalParse(text));
        expect(indexDate(text)).toBe(generalParse(text));
      }),
      { numRuns: 5000 }
    );
  });

  it('agrees with the general parser on any text at all', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (text) => {
        expect(indexDate(text)).toBe(generalParse(text));
      }),
      { numRuns: 2000 }
    );
  });

  it.each([
    ['2024-02-29T12:00:00.000Z', Date.UTC(2024, 1, 29, 12)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['2025-12-31T23:59:59.999Z', Date.UTC(2025, 11, 31, 23, 59, 59, 999)],
  ])('accepts %s', (text, expected) => {
    expect(canonicalUtcMillis(text)).toBe(expected);
  });

  it.each([
    ['a day past the month', '2023-02-29T00:00:00.000Z'],
    ['1900, not a leap year', '1900-02-29T00:00:00Z'],
    ['hour 24', '2025-01-01T24:00:00Z'],
    ['a second of 60', '2025-01-01T00:00:60Z'],
    ['a three-digit year', '0999-01-01T00:00:00Z'],
    ['a comma before the fraction', '2025-01-01T00:00:00,000Z'],
    ['an offset', '2025-01-01T00:00:00+01:00'],
    ['surrounding space', ' 2025-01-01T00:00:00Z'],
    ['a letter among the digits', '2025-0a-01T00:00:00Z'],
  ])('leaves %s to the general parser', (_label, text) => {
    expect(canonicalUtcMillis(text)).toBeUndefined();
    expect(indexDate(text)).toBe(generalParse(text));
  });
});
