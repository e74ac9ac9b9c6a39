/**
 * CSV fields and records, by the letter of RFC 4180 and against formula injection; then read back
 * by an independent parser (DuckDB's read_csv) to show hostile values survive the round trip.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DuckDBInstance } from '@duckdb/node-api';
import { csvField, csvRecord, neutraliseFormula, toCsv } from './csv';

const HOSTILE_VALUES: readonly string[] = [
  'plain',
  'a,b',
  'say "hi"',
  '"',
  'line one\nline two',
  'cr\rlf\r\n',
  '=HYPERLINK("http://evil.example","click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1+1)',
  '\t=1+1',
  '\r=1+1',
  'ümlaut 画像 🙂 עברית',
  ' =leading space is not a formula',
  "'already quoted",
  '',
];

describe('CSV', () => {
  it('writes fields as RFC 4180 asks: quoted only when needed, quotes doubled', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('"')).toBe('""""');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('ümlaut 画像 🙂')).toBe('ümlaut 画像 🙂');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('neutralises text that starts like a formula, and only that', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('+1')).toBe("'+1");
    expect(neutraliseFormula('-1')).toBe("'-1");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('\t=1')).toBe("'\t=1");
    expect(neutraliseFormula('\r=1')).toBe("'\r=1");
    expect(neutraliseFormula('a=1')).toBe('a=1');
    expect(neutraliseFormula('')).toBe('');
    // Escaped, then quoted for its own quotes and comma.
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('\r=1')).toBe('"\'\r=1"');
  });

  it('writes numbers as numbers, negative ones too', () => {
    expect(csvField(73)).toBe('73');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(0.5)).toBe('0.5');
  });

  it('ends every record, the header too, with CRLF', () => {
    expect(csvRecord(['a', null, 1])).toBe('a,,1');
    expect(
      toCsv(
        ['Name', 'Score'],
        [
          ['x,y', 1],
          [null, null],
        ]
      )
    ).toBe('Name,Score\r\n"x,y",1\r\n,\r\n');
    expect(toCsv(['Only'], [])).toBe('Only\r\n');
  });

  it('reads back through an independent parser: the same rows, formulas prefixed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-csv-'));
    const file = path.join(dir, 'hostile.csv');
    const rows = HOSTILE_VALUES.map((value, i) => [i, value, `${value}|${value}`]);
    fs.writeFileSync(file, toCsv(['n', 'value', 'twice'], rows));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(
        `SELECT n, value, twice FROM read_csv('${file}', header = true, quote = '"', escape = '"',
           delim = ',', all_varchar = true, strict_mode = true, null_padding = false) ORDER BY n::INT`
      );
      const read = reader.getRowObjects().map((row) => [row.n, row.value ?? '', row.twice]);
      expect(read).toEqual(
        rows.map(([n, value, twice]) => [
          String(n),
          neutraliseFormula(String(value)),
          neutraliseFormula(String(twice)),
        ])
      );
    } finally {
      connection.closeSync();
      instance.closeSync();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
