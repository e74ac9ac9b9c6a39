/**
 * Opens the embedded store: one DuckDB file under a data directory (or memory, for `ctd scan` and
 * tests) with the schema created on first use. A database file can be opened read-write by one
 * process at a time; a second process gets a clear error naming the file.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DatabaseOpenError } from './database_open_error';
import { errorMessage } from '../../../common/error_message';
import { EVENTS_TABLE, SCHEMA_STATEMENTS } from './schema';

export const DATABASE_FILE_NAME = 'ctd.duckdb';
export const IN_MEMORY = ':memory:';
/**
 * DuckDB's buffer pool defaults to 80% of RAM and keeps every block it touched cached, so a large
 * ingest would grow the process without bound. Capped, it evicts to the file and spills
 * aggregations to a temp directory instead. `CTD_MEMORY_LIMIT` (a DuckDB size, e.g. "2GB")
 * raises it on machines that have the room.
 */
export const DEFAULT_MEMORY_LIMIT = '512MB';
export const MEMORY_LIMIT_ENV = 'CTD_MEMORY_LIMIT';
/**
 * The on-disk format new store files are written in. DuckDB writes the oldest format it can read
 * unless told otherwise, and that format leaves long strings uncompressed: `_source` took 2.9 KB
 * per Defend event. From v1.3.0 they are dictionary/FSST compressed (store 3.3× smaller at 100k
 * events). Files made before keep their format and stay readable.
 */
export const STORAGE_FORMAT_VERSION = 'v1.3.0';
/**
 * Rows per row group in a store file. At DuckDB's default (122,880) a row group of Defend events
 * (~190 columns, ~3 KB of `_source` each) is ~400 MB uncompressed, all held in memory until a
 * checkpoint compresses it: ingest needed a 512 MB buffer pool and still spilled. At 8,192 rows
 * (one ingest commit) the first 250k events of the 1M sample went in at 4,850 events/s instead of
 * 3,777, and with INGEST_MEMORY_LIMIT at a peak RSS of 574 MB instead of 974 MB (835 MB at the
 * store's 512 MB), for a 13% larger file; 4,096 and 16,384 rows were no better. DuckDB does not
 * keep the size in the file, so it is given at every open.
 */
export const ROW_GROUP_ROWS = 8_192;
/**
 * The block size of new store files (DuckDB's default is 256 KiB; a file keeps the size it was
 * made with). Every column of a row group not yet checkpointed pins whole blocks, so smaller
 * blocks let the events table hold more columns in the same memory (column_budget.ts): 460
 * scalar columns instead of 256. Smaller still costs ingest CPU (BENCHMARKS.md).
 */
export const NEW_FILE_BLOCK_BYTES = 131_072;
/**
 * An ingest's memory limit unless `CTD_MEMORY_LIMIT` says otherwise. Appending needs little of
 * DuckDB's cache once row groups are small; with 122,880-row groups a checkpoint at this limit
 * failed to pin a block and DuckDB invalidated the database (the 10M-event benchmark file; docs/benchmark_history.md).
 */
export const INGEST_MEMORY_LIMIT = '256MB';
/** The name the store file is attached under; every statement runs in it. */
const STORE_CATALOG = 'ctd';

/** The memory limit the store runs with: `CTD_MEMORY_LIMIT`, else DEFAULT_MEMORY_LIMIT. */
export const configuredMemoryLimit = (): string =>
  process.env[MEMORY_LIMIT_ENV] ?? DEFAULT_MEMORY_LIMIT;
/** The memory limit while ingesting: `CTD_MEMORY_LIMIT`, else INGEST_MEMORY_LIMIT. */
export const ingestMemoryLimit = (): string => process.env[MEMORY_LIMIT_ENV] ?? INGEST_MEMORY_LIMIT;

/**
 * A file store spills next to its file (`<file>.tmp`, DuckDB's own choice for a database it opens
 * directly); an in-memory one needs somewhere to spill too.
 */
const instanceOptions = (location: string): Record<string, string> => ({
  memory_limit: configuredMemoryLimit(),
  temp_directory:
    location === IN_MEMORY
      ? path.join(os.tmpdir(), `ctd-duckdb-${process.pid}`)
      : `${location}.tmp`,
});

/** A SQL string literal: quotes doubled, nothing else is special in DuckDB's standard strings. */
const quotedLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** A file DuckDB has not written yet: ATTACH may still choose its block size. */
const isNewFile = (location: string): boolean =>
  !fs.existsSync(location) || fs.statSync(location).size === 0;

/**
 * Attaches the store file with its row group size, storage format and (new files only: DuckDB
 * refuses a size other than the file's) block size, which only ATTACH can set, and makes it the
 * default catalog. ATTACH takes no parameters (`ATTACH $1` is a parser error), so the path — the
 * operator's data directory, never request input — is the one value written into SQL text, as a
 * quoted literal.
 */
const attachStoreFile = async (connection: DuckDBConnection, location: string): Promise<void> => {
  const blockSize = isNewFile(location) ? `, BLOCK_SIZE ${NEW_FILE_BLOCK_BYTES}` : '';
  const options = `STORAGE_VERSION '${STORAGE_FORMAT_VERSION}', ROW_GROUP_SIZE ${ROW_GROUP_ROWS}${blockSize}`;
  await connection.run(`ATTACH ${quotedLiteral(location)} AS ${STORE_CATALOG} (${options})`);
  await connection.run(`USE ${STORE_CATALOG}`);
};

/**
 * After a failed checkpoint DuckDB invalidates the attached file: every statement then fails with
 * "Detach and reattach it before using it again". The connection that saw it cannot even switch
 * catalogs, so another connection detaches and attaches the file again (its write-ahead log is
 * replayed: every committed write is kept), and the store's connection uses it again.
 */
const reattachStoreFile = async (
  instance: DuckDBInstance,
  connection: DuckDBConnection,
  location: string
): Promise<void> => {
  const helper = await instance.connect();
  try {
    await helper.run(`DETACH DATABASE IF EXISTS ${STORE_CATALOG}`);
    await attachStoreFile(helper, location);
  } finally {
    helper.closeSync();
  }
  await connection.run(`USE ${STORE_CATALOG}`);
};

/** DuckDB's words for a database it invalidated after a failed checkpoint. */
const INVALIDATED = /invalidated/i;

/** `SELECT 1` still runs on an invalidated file; a statement that reads its catalog does not. */
const isInvalidated = (connection: DuckDBConnection): Promise<boolean> =>
  connection.run(`SELECT * FROM ${EVENTS_TABLE} LIMIT 0`).then(
    () => false,
    (error: unknown) => INVALIDATED.test(errorMessage(error))
  );

export interface EmbeddedDatabase {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  /** The database file, or `:memory:`. */
  readonly location: string;
  /**
   * Makes the store usable again after a failed write: when DuckDB invalidated the file (after a
   * failed checkpoint), it is attached again. True when it was; an in-memory store cannot be.
   */
  recover(): Promise<boolean>;
  close(): void;
}

export const databaseLocation = (dataDir: string | undefined): string =>
  dataDir === undefined || dataDir === IN_MEMORY
    ? IN_MEMORY
    : path.join(dataDir, DATABASE_FILE_NAME);

/** An instance and its one connection, the store file attached when there is one. */
const connect = async (
  location: string
): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> => {
  const instance = await DuckDBInstance.create(IN_MEMORY, instanceOptions(location));
  try {
    const connection = await instance.connect();
    if (location !== IN_MEMORY) await attachStoreFile(connection, location);
    return { instance, connection };
  } catch (error) {
    instance.closeSync();
    throw error;
  }
};

export const openDatabase = async (dataDir?: string): Promise<EmbeddedDatabase> => {
  const location = databaseLocation(dataDir);
  if (location !== IN_MEMORY && dataDir !== undefined) fs.mkdirSync(dataDir, { recursive: true });
  let opened: { instance: DuckDBInstance; connection: DuckDBConnection };
  try {
    opened = await connect(location);
  } catch (error) {
    throw new DatabaseOpenError(location, error);
  }
  const { instance, connection } = opened;
  for (const statement of SCHEMA_STATEMENTS) await connection.run(statement);
  return {
    instance,
    connection,
    location,
    recover: async () => {
      if (location === IN_MEMORY || !(await isInvalidated(connection))) return false;
      await reattachStoreFile(instance, connection, location);
      return true;
    },
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
};
