/**
 * Passing many values to DuckDB as ONE bound parameter: a JSON array read back with `from_json`
 * under a fixed type. Keeps every value out of SQL text, whatever its size or content.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { wellFormedText } from '../../unicode_text';

/** `(SELECT unnest(from_json(?::JSON, '["VARCHAR"]')))`: a one-column relation of strings. */
export const STRING_LIST_RELATION = `(SELECT unnest(from_json(?::JSON, '["VARCHAR"]')) AS value)`;

export const jsonParam = (values: readonly unknown[]): string => JSON.stringify(values);

/**
 * DuckDB's JSON reader refuses a lone UTF-16 surrogate ("no low surrogate in string"), and an event
 * may hold one (a `\ud800` escape): it becomes U+FFFD, as node-api stores it in a bound string and
 * Elasticsearch in its UTF-8 terms, so both stores match alike.
 */
export const wellFormed = <T extends string | null>(value: T): T =>
  value === null ? value : (wellFormedText(value) as T);

/** Strings as one JSON parameter for STRING_LIST_RELATION or `from_json(?, '["VARCHAR"]')`. */
export const stringListParam = (values: readonly string[]): string =>
  jsonParam(values.map((value) => wellFormed(value)));

export type Row = Record<string, unknown>;

/** Runs a query and returns rows as plain JS values (BIGINT → bigint: cast in SQL where numbers are wanted). */
export const queryRows = async (
  connection: DuckDBConnection,
  sql: string,
  params: readonly DuckDBValue[] = []
): Promise<Row[]> => {
  const reader = await connection.runAndReadAll(sql, [...params]);
  return rowObjects(reader.deduplicatedColumnNames(), reader.getColumnsJS());
};

/**
 * Row objects from converted columns. The reader's own `getRowObjectsJS` converts cell by cell and
 * took 200 ms for 67,000 three-string rows where converting columns takes ~10 (phase 1 at 10M).
 * The names are the reader's deduplicated ones, as `getRowObjectsJS` uses.
 */
export const rowObjects = (names: readonly string[], columns: readonly unknown[][]): Row[] => {
  const rowCount = columns[0]?.length ?? 0;
  const rows: Row[] = new Array<Row>(rowCount);
  for (let i = 0; i < rowCount; i++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c] as string] = columns[c]?.[i];
    rows[i] = row;
  }
  return rows;
};

/** DuckDB counts and BIGINTs arrive as bigint; callers want plain numbers. */
export const toNumber = (value: unknown): number => Number(value);
