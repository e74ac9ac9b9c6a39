/**
 * `queryRows` builds row objects from converted columns (faster than the reader's own row
 * objects); it must give exactly what `getRowObjectsJS` gives, whatever the types and row count.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from './sql_values';

const QUERIES: ReadonlyArray<{ readonly name: string; readonly sql: string }> = [
  {
    name: 'every column type the stores read, with nulls, over several chunks',
    sql: `SELECT i AS n, CAST(i AS DOUBLE) / 3 AS d, 'term-' || i AS s, i % 2 = 0 AS b,
                 CASE WHEN i % 5 = 0 THEN NULL ELSE [i, i + 1] END AS list,
                 struct_pack(ts := i * 1000, seq := i) AS first, CAST(i AS UHUGEINT) * 1000000000000 AS big
            FROM range(5000) t(i)`,
  },
  { name: 'repeated column names', sql: `SELECT 1 AS v, 2 AS v, 'x' AS w, 3 AS v` },
  { name: 'no rows', sql: `SELECT 1 AS v WHERE false` },
  { name: 'one row holding a null', sql: `SELECT NULL AS v` },
];

describe('queryRows', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  it.each(QUERIES)('equals the reader’s row objects: $name', async ({ sql }) => {
    const expected = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    expect(await queryRows(connection, sql)).toEqual(expected);
  });

  it('binds parameters', async () => {
    expect(await queryRows(connection, 'SELECT ? AS a, ? AS b', ['it’s', 2])).toEqual([
      { a: 'it’s', b: 2 },
    ]);
  });
});
