import fs from 'fs';
import os from 'os';
import path from 'path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { queryRows, toNumber } from '../../server/stores/duckdb/sql_values';
import {
  FLOOR_TABLE,
  parseFloorSql,
  sqlString,
  storeFloorInsertSql,
  storeFloorTableSql,
} from './floor_sql';

const LINES = [
  {
    '@timestamp': '2025-03-01T00:00:00.000Z',
    event: { category: ['process'], type: ['start'], action: 'exec' },
    process: { name: 'bash', args: ['bash', '-i'], interactive: true },
    host: { name: "it's", os: { type: 'linux' } },
  },
  { '@timestamp': '2025-03-01T00:00:01.000Z', process: { name: 'sh', args: [] }, other: { x: 1 } },
  { '@timestamp': '2025-03-01T00:00:02.000Z', message: 'a \u0001 and a " quote' },
].map((doc) => JSON.stringify(doc));

describe('reader floor SQL', () => {
  let dir: string;
  let file: string;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-floor-sql-'));
    file = path.join(dir, "events 'quoted'.ndjson");
    fs.writeFileSync(file, `${LINES.join('\n')}\n`);
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });

  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes the file as a parameter, never as SQL text', () => {
    for (const sql of [parseFloorSql(), storeFloorInsertSql()]) {
      expect(sql.match(/\?/g)).toHaveLength(1);
    }
  });

  it('floor 1 counts the lines and extracts every field (list elements too)', async () => {
    const [row] = await queryRows(connection, parseFloorSql(), [file]);
    expect(toNumber(row?.events)).toBe(3);
    expect(toNumber(row?.process_name)).toBe(2);
    expect(toNumber(row?.process_args)).toBe(2);
    expect(toNumber(row?.host_os_type)).toBe(1);
  });

  it('floor 2 keeps each raw line whole beside the columns, the line declared zstd', async () => {
    await connection.run(storeFloorTableSql());
    const inserted = await connection.run(storeFloorInsertSql(), [file]);
    expect(inserted.rowsChanged).toBe(3);
    const rows = await queryRows(
      connection,
      `SELECT line, process_name, epoch_ms(at_timestamp) AS ms FROM ${FLOOR_TABLE} ORDER BY ms`
    );
    expect(rows.map((row) => row.line)).toEqual(LINES);
    expect(rows.map((row) => row.process_name)).toEqual(['bash', 'sh', null]);
    expect(toNumber(rows[0]?.ms)).toBe(Date.parse('2025-03-01T00:00:00.000Z'));
    expect(storeFloorTableSql()).toMatch(/line VARCHAR USING COMPRESSION zstd\)$/);
  });

  it('quotes the constants it writes as literals', () => {
    expect(sqlString("it's")).toBe("'it''s'");
  });
});
