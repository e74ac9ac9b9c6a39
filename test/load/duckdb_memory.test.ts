/** DuckDB prints sizes rounded to one decimal in binary units; the soak compares against them in bytes. */
import { parseDuckDbSize } from './duckdb_memory';

describe('parseDuckDbSize', () => {
  it('reads the binary and decimal units DuckDB prints', () => {
    expect(parseDuckDbSize('488.2 MiB')).toBeCloseTo(488.2 * 1024 ** 2);
    expect(parseDuckDbSize('1.8 GiB')).toBeCloseTo(1.8 * 1024 ** 3);
    expect(parseDuckDbSize('512MB')).toBe(512e6);
    expect(parseDuckDbSize('0 bytes')).toBe(0);
  });

  it('refuses anything else', () => {
    expect(() => parseDuckDbSize('lots')).toThrow('not a DuckDB size: lots');
  });
});
