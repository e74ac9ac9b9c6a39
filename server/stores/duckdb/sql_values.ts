/**
 * Passing many values to DuckDB as ONE bound parameter: a JSON array read back with `from_json`
 * under a fixed type. Keeps every value out of SQL text, whatever its size or content.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/** `(SELECT unnest(from_json(?::JSON, '["VARCHAR"]')))`: a one-column relation of strings. */
export const STRING_LIST_RELATION = `(SELECT unnest(from_json(?::JSON, '["VARCHAR"]')) AS value)`;

export const jsonParam = (values: readonly unknown[]): string => JSON.stringify(values);

export type Row = Record<string, unknown>;

/** Runs a query and returns rows as plain JS values (BIGINT → bigint: cast in SQL where numbers are wanted). */
export const queryRows = async (
  connection: DuckDBConnection,
  sql: string,
  params: readonly DuckDBValue[] = []
): Promise<Row[]> => {
  const reader = await connection.runAndReadAll(sql, [...params]);
  return reader.getRowObjectsJS() as Row[];
};

/** DuckDB counts and BIGINTs arrive as bigint; callers want plain numbers. */
export const toNumber = (value: unknown): number => Number(value);
