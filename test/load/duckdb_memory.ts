/**
 * DuckDB's own account of its memory, read over a second connection to the server's database
 * instance so a probe never waits in the server's request queue. Its buffer pool caches table
 * data up to `memory_limit` (server/stores/duckdb/database.ts) and evicts beyond it, so with
 * ingest running it legitimately grows toward that cap; the soak checks the cap holds and that
 * the rest of the process's RSS does not climb.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, toNumber } from '../../server/stores/duckdb/sql_values';

const UNIT_BYTES: Readonly<Record<string, number>> = {
  bytes: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};
const SIZE_PATTERN = /^([\d.]+)\s*(bytes|[KMGT]i?B)$/;

/** `'488.2 MiB'` (how DuckDB prints a size setting) → bytes. */
export const parseDuckDbSize = (text: string): number => {
  const match = SIZE_PATTERN.exec(text.trim());
  const unit = match?.[2];
  if (match?.[1] === undefined || unit === undefined) throw new Error(`not a DuckDB size: ${text}`);
  return Number(match[1]) * (UNIT_BYTES[unit] ?? Number.NaN);
};

/** Bytes DuckDB holds now, over all its memory tags. */
export const duckDbMemoryBytes = async (connection: DuckDBConnection): Promise<number> => {
  const rows = await queryRows(
    connection,
    'SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS n FROM duckdb_memory()'
  );
  return toNumber(rows[0]?.n ?? 0);
};

export const duckDbMemoryLimitBytes = async (connection: DuckDBConnection): Promise<number> => {
  const rows = await queryRows(connection, "SELECT current_setting('memory_limit') AS v");
  const limit = rows[0]?.v;
  // current_setting gives the setting as VARCHAR, so a string.
  return parseDuckDbSize(typeof limit === 'string' ? limit : '');
};
