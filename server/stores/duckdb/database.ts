/**
 * Opens the embedded store: one DuckDB file under a data directory (or memory, for `ctd scan` and
 * tests) with the schema created on first use. A database file can be opened read-write by one
 * process at a time; a second process gets a clear error naming the file.
 */
import fs from 'fs';
import path from 'path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SCHEMA_STATEMENTS } from './schema';

export const DATABASE_FILE_NAME = 'ctd.duckdb';
export const IN_MEMORY = ':memory:';

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

export const databaseLocation = (dataDir: string | undefined): string =>
  dataDir === undefined || dataDir === IN_MEMORY ? IN_MEMORY : path.join(dataDir, DATABASE_FILE_NAME);

export const openDatabase = async (dataDir?: string): Promise<EmbeddedDatabase> => {
  const location = databaseLocation(dataDir);
  if (location !== IN_MEMORY && dataDir !== undefined) fs.mkdirSync(dataDir, { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(location);
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
