/** @jest-environment jsdom */
/** The optional columns' choice in jsdom's real localStorage: parsing, saving, and a full storage. */
import {
  COLUMNS_STORAGE_KEY,
  DEFAULT_OPTIONAL_COLUMNS,
  parseStoredColumns,
  readColumns,
  writeColumns,
} from './column_preference';

/** jsdom's localStorage quota is 5,000,000 code units per origin. */
const JSDOM_QUOTA_UNITS = 5_000_000;

describe('column preference', () => {
  afterEach(() => window.localStorage.clear());

  it('reads known ids once each, in the table order, and defaults on anything else', () => {
    expect(parseStoredColumns(null)).toBe(DEFAULT_OPTIONAL_COLUMNS);
    expect(parseStoredColumns('["userName","reason","userName"]')).toEqual(['reason', 'userName']);
    expect(parseStoredColumns('["commandLine","__proto__","toString",7,null]')).toEqual([
      'commandLine',
    ]);
    expect(parseStoredColumns('[]')).toEqual([]);
    for (const stored of ['not json', '{"reason":true}', '"reason"', 'null', '{'])
      expect(parseStoredColumns(stored)).toBe(DEFAULT_OPTIONAL_COLUMNS);
  });

  it('saves the choice in localStorage and reads it back', () => {
    expect(readColumns(window.localStorage)).toBe(DEFAULT_OPTIONAL_COLUMNS);
    writeColumns(window.localStorage, ['riskScore', 'containerImage']);
    expect(window.localStorage.getItem(COLUMNS_STORAGE_KEY)).toBe('["riskScore","containerImage"]');
    expect(readColumns(window.localStorage)).toEqual(['riskScore', 'containerImage']);
    expect(readColumns(undefined)).toBe(DEFAULT_OPTIONAL_COLUMNS);
  });

  it('keeps working when the storage is full: the choice is just not saved', () => {
    window.localStorage.setItem('filler', 'x'.repeat(JSDOM_QUOTA_UNITS - 'filler'.length));
    expect(() => window.localStorage.setItem('probe', '1')).toThrow();
    expect(() => writeColumns(window.localStorage, ['reason'])).not.toThrow();
    expect(readColumns(window.localStorage)).toBe(DEFAULT_OPTIONAL_COLUMNS);
  });
});
