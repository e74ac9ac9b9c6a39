/**
 * `dataChunkOf` writes vector memory directly; what DuckDB stores from its chunks must be exactly
 * the cells given, for every column type the events table uses, with nulls anywhere, lists of any
 * length (empty included) and row counts across validity words up to a full vector.
 */
import fc from 'fast-check';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { columnKindOf, dataChunkOf, type Cell } from './chunk_columns';

const TABLE = `CREATE OR REPLACE TABLE cells (
  r BIGINT, s VARCHAR, d DOUBLE, n BIGINT, b BOOLEAN, h UHUGEINT,
  sl VARCHAR[], dl DOUBLE[], nl BIGINT[], bl BOOLEAN[]
)`;
const COLUMNS = ['s', 'd', 'n', 'b', 'h', 'sl', 'dl', 'nl', 'bl'] as const;
const VECTOR_SIZE = 2048;
const RUNS = 60;

type Row = Record<(typeof COLUMNS)[number], Cell>;

const orNull = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.option(arbitrary, { nil: null, freq: 4 });
const text = fc.string({ unit: 'binary', maxLength: 40 });
const finiteDouble = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((value) => (Object.is(value, -0) ? 0 : value));
const safeInteger = fc
  .maxSafeInteger()
  .filter((value) => Math.abs(value) <= Number.MAX_SAFE_INTEGER);
const list = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T[] | null> =>
  orNull(fc.array(arbitrary, { maxLength: 4 }));

const rowArbitrary: fc.Arbitrary<Row> = fc.record({
  s: orNull(text),
  d: orNull(finiteDouble),
  n: orNull(safeInteger),
  b: orNull(fc.boolean()),
  h: orNull(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n })),
  sl: list(text),
  dl: list(finiteDouble),
  nl: list(safeInteger),
  bl: list(fc.boolean()),
});

/** What DuckDB gives back for a cell: BIGINT values (scalar or in lists) come back as bigint. */
const stored = (column: (typeof COLUMNS)[number], cell: Cell): unknown => {
  if (cell === null) return null;
  if (column === 'n') return BigInt(cell as number);
  if (column === 'nl') return (cell as number[]).map((value) => BigInt(value));
  return cell;
};

describe('dataChunkOf', () => {
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

  const roundTrip = async (rows: readonly Row[]): Promise<Array<Record<string, unknown>>> => {
    await connection.run(TABLE);
    const appender = await connection.createAppender('cells');
    const types = Array.from({ length: appender.columnCount }, (_, index) =>
      appender.columnType(index)
    );
    const columns: Cell[][] = [
      rows.map((_, index) => index),
      ...COLUMNS.map((column) => rows.map((row) => row[column])),
    ];
    appender.appendDataChunk(dataChunkOf(types, types.map(columnKindOf), columns));
    appender.flushSync();
    appender.closeSync();
    const reader = await connection.runAndReadAll(
      `SELECT ${COLUMNS.join(', ')} FROM cells ORDER BY r`
    );
    return reader.getRowObjectsJS();
  };

  const expectedRows = (rows: readonly Row[]): Array<Record<string, unknown>> =>
    rows.map((row) =>
      Object.fromEntries(COLUMNS.map((column) => [column, stored(column, row[column])]))
    );

  it(`stores exactly the cells given, nulls and lists included (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArbitrary, { minLength: 1, maxLength: 200 }), async (rows) => {
        expect(await roundTrip(rows)).toEqual(expectedRows(rows));
      }),
      { numRuns: RUNS }
    );
  });

  it('fills a whole vector, with a column that is entirely null and one that has no null', async () => {
    const rows: Row[] = Array.from({ length: VECTOR_SIZE }, (_, index) => ({
      s: `value-${index}`,
      d: index / 7,
      n: index % 3 === 0 ? null : -index * 1_000_003,
      b: index % 2 === 0,
      h: index % 64 === 63 ? null : 2n ** 127n + BigInt(index),
      sl: index % 5 === 0 ? [] : [`a${index}`, 'é'],
      dl: null,
      nl: [index],
      bl: index % 65 === 0 ? null : [true, false],
    }));
    expect(await roundTrip(rows)).toEqual(expectedRows(rows));
  });

  it('refuses a column type it cannot write, and columns of unequal length', async () => {
    await connection.run('CREATE OR REPLACE TABLE other (i INTEGER, s VARCHAR)');
    const appender = await connection.createAppender('other');
    const types = [appender.columnType(0), appender.columnType(1)];
    appender.closeSync();
    expect(() => columnKindOf(types[0]!)).toThrow('Cannot write a column of type INTEGER');
    const varchar = columnKindOf(types[1]!);
    expect(() =>
      dataChunkOf([types[1]!, types[1]!], [varchar, varchar], [['a', 'b'], ['c']])
    ).toThrow('Column 1 has 1 cells, expected 2');
  });
});
