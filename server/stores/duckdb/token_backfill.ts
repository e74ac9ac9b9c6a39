/**
 * Migration for stores written before text fields had token columns: adds `<column>_tokens` to
 * `events` and fills it from the values already stored. Those are exactly the values ingest
 * indexed (text keeps every string as-is), so the result equals what ingest writes today.
 *
 * Rows are read a page at a time (by `_seq`) and their token sequences staged in a temporary
 * table, so memory stays bounded whatever the store's size. DuckDB rewrites a whole row (and the
 * primary-key index) to UPDATE a list column, which is slow on a wide table, but updates a VARCHAR
 * in place: the column is therefore filled as one string per row (the sequences joined by a
 * control character no token contains) and then turned into the list with one ALTER.
 */
import {
  DuckDBDataChunk,
  UHUGEINT,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { SqlColumn } from './sql_schema';
import { EVENTS_TABLE } from './schema';
import { queryRows, type Row } from './sql_values';
import { tokenSequences } from './text_tokens';

const PAGE_ROWS = 10_000;
/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;
const STAGE_TABLE = 'ctd_token_backfill';
/** The token column's name while it is being built. */
const STAGED_SUFFIX = '_staged';
/** DuckDB's temporary objects live in this catalog. */
const TEMP_CATALOG = 'temp';
const STAGE_TYPES = [UHUGEINT, VARCHAR];
/**
 * Joins a row's token sequences while staged. Tokens are words (letters, digits, marks, `_` and a
 * few inner punctuation marks), never control characters; sequences use U+0001 themselves.
 */
const SEQUENCE_JOINER_CODE = 2;
const SEQUENCE_JOINER = String.fromCharCode(SEQUENCE_JOINER_CODE);

/** A stored cell as the list of its values (a scalar column holds one). */
const valuesOf = (cell: unknown): string[] => {
  if (Array.isArray(cell))
    return cell.filter((value): value is string => typeof value === 'string');
  return typeof cell === 'string' ? [cell] : [];
};

const appendRows = async (
  connection: DuckDBConnection,
  keys: readonly DuckDBValue[],
  joined: readonly DuckDBValue[]
): Promise<void> => {
  const appender = await connection.createAppender(STAGE_TABLE, null, TEMP_CATALOG);
  try {
    for (let start = 0; start < keys.length; start += CHUNK_ROWS) {
      const end = Math.min(start + CHUNK_ROWS, keys.length);
      const chunk = DuckDBDataChunk.create(STAGE_TYPES, end - start);
      chunk.setColumns([keys.slice(start, end), joined.slice(start, end)]);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
};

const stagePage = async (connection: DuckDBConnection, rows: readonly Row[]): Promise<void> => {
  const keys: DuckDBValue[] = [];
  const joined: DuckDBValue[] = [];
  for (const row of rows) {
    const sequences = tokenSequences(valuesOf(row.v));
    if (sequences.length === 0 || typeof row._key !== 'bigint') continue;
    keys.push(row._key);
    joined.push(sequences.join(SEQUENCE_JOINER));
  }
  if (keys.length > 0) await appendRows(connection, keys, joined);
};

/** Stages every stored value of `column`, a page of rows at a time. */
const stageTokens = async (connection: DuckDBConnection, column: SqlColumn): Promise<void> => {
  let after = -1n;
  for (;;) {
    const rows = await queryRows(
      connection,
      `SELECT _key, _seq, ${column.column} AS v FROM ${EVENTS_TABLE}
       WHERE ${column.column} IS NOT NULL AND _seq > ? ORDER BY _seq LIMIT ${PAGE_ROWS}`,
      [after]
    );
    const last = rows[rows.length - 1];
    if (last === undefined || typeof last._seq !== 'bigint') return;
    await stagePage(connection, rows);
    after = last._seq;
  }
};

/**
 * Adds and fills `tokenColumn` for the text `column`. DuckDB refuses to commit ALTER, UPDATE and
 * ALTER of one table in one transaction, so the column is built under a staging name and renamed
 * last; a migration cut short leaves at most leftovers, which the next attempt drops first (the
 * catalog marks the column as having tokens only after this returns).
 */
export const backfillTokenColumn = async (
  connection: DuckDBConnection,
  column: SqlColumn,
  tokenColumn: string
): Promise<void> => {
  const staged = `${tokenColumn}${STAGED_SUFFIX}`;
  await connection.run(`ALTER TABLE ${EVENTS_TABLE} DROP COLUMN IF EXISTS ${tokenColumn}`);
  await connection.run(`ALTER TABLE ${EVENTS_TABLE} DROP COLUMN IF EXISTS ${staged}`);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ${STAGE_TABLE} (_key UHUGEINT, joined VARCHAR)`
  );
  await stageTokens(connection, column);
  await connection.run(`ALTER TABLE ${EVENTS_TABLE} ADD COLUMN ${staged} VARCHAR`);
  await connection.run(
    `UPDATE ${EVENTS_TABLE} SET ${staged} = s.joined FROM ${STAGE_TABLE} s WHERE ${EVENTS_TABLE}._key = s._key`
  );
  await connection.run(
    `ALTER TABLE ${EVENTS_TABLE} ALTER ${staged} SET DATA TYPE VARCHAR[]
     USING CASE WHEN ${staged} IS NULL THEN NULL ELSE string_split(${staged}, chr(${SEQUENCE_JOINER_CODE})) END`
  );
  await connection.run(`ALTER TABLE ${EVENTS_TABLE} RENAME COLUMN ${staged} TO ${tokenColumn}`);
  await connection.run(`DROP TABLE ${STAGE_TABLE}`);
};
