/**
 * Opens the embedded store: one DuckDB file under a data directory (or memory, for `ctd scan` and
 * tests) with the schema created on first use. A database file can be opened read-write by one
 * process at a time; a second process gets a clear error naming the file.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SCHEMA_STATEMENTS } from './schema';

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

/** The memory limit the store runs with: `CTD_MEMORY_LIMIT`, else DEFAULT_MEMORY_LIMIT. */
export const configuredMemoryLimit = (): string => process.env[MEMORY_LIMIT_ENV] ?? DEFAULT_MEMORY_LIMIT;


const instanceOptions = (location: string): Record<string, string> => {
  const options: Record<string, string> = {
    memory_limit: configuredMemoryLimit(),
    storage_compatibility_version: STORAGE_FORMAT_VERSION,
  };
  // A file database spills next to its file; an in-memory one needs somewhere to spill too.
  if (location === IN_MEMORY) options.temp_directory = path.join(os.tmpdir(), `ctd-duckdb-${process.pid}`);
  return options;
};

export interface EmbeddedDatabase {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  /** The database file, or `:memory:`. */
  readonly location: string;
  close(): void;
}

export class DatabaseOpenError extends Error {
  constructor(location: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const hint = /lock/i.test(reason) ? ' Another ctd process (a running `npm start`?) holds it; stop it or use another --data-dir.' : '';
    super(`Cannot open the event store ${location}: ${reason}.${hint}`);
    this.name = 'DatabaseOpenError';
  }
}

/**
 * Writing to the store failed (disk full, read-only or vanished file system): what was committed
 * before stays, and the same ingest can simply be run again once the cause is fixed.
 */
export class StoreWriteError extends Error {
  constructor(location: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Could not write to the event store ${location}: ${reason}. Events stored before this point are kept; ` +
        'fix the cause and run the same ingest again (events already stored are skipped as duplicates).'
    );
    this.name = 'StoreWriteError';
  }
}

export const databaseLocation = (dataDir: string | undefined): string =>
  dataDir === undefined || dataDir === IN_MEMORY ? IN_MEMORY : path.join(dataDir, DATABASE_FILE_NAME);

export const openDatabase = async (dataDir?: string): Promise<EmbeddedDatabase> => {
  const location = databaseLocation(dataDir);
  if (location !== IN_MEMORY && dataDir !== undefined) fs.mkdirSync(dataDir, { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(location, instanceOptions(location));
  } catch (error) {
    throw new DatabaseOpenError(location, error);
  }
  const connection = await instance.connect();
  for (const statement of SCHEMA_STATEMENTS) await connection.run(statement);
  return {
    instance,
    connection,
    location,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
};
