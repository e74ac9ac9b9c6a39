/**
 * The floors, each measured in its own benchmark process (bench_task.ts): DuckDB's own NDJSON
 * reader on the file the project ingests, with 2 threads and a 1 GB memory limit. Wall time runs
 * from opening DuckDB to the last row read (floor 2: to the file closed after its CHECKPOINT).
 */
import fs from 'fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { STORAGE_FORMAT_VERSION } from '../../server/stores/duckdb/database';
import { queryRows, toNumber } from '../../server/stores/duckdb/sql_values';
import { parseFloorSql, storeFloorInsertSql, storeFloorTableSql } from './floor_sql';
import type { RuleAlerts } from './results';
import { scanFloorQuery } from './scan_floor_sql';
import { ownPeakRssMb } from './process_memory';

export interface ParseFloorTask {
  readonly kind: 'floor-parse';
  readonly file: string;
  /** Where DuckDB may spill. */
  readonly tempDir: string;
}

export interface StoreFloorTask {
  readonly kind: 'floor-store';
  readonly file: string;
  readonly tempDir: string;
  /** The database file to write; deleted once measured. */
  readonly storeFile: string;
}

export interface ScanFloorTask {
  readonly kind: 'scan-floor';
  readonly file: string;
  readonly tempDir: string;
}

export type FloorTask = ParseFloorTask | StoreFloorTask | ScanFloorTask;

export interface ReaderFloorMeasurement {
  readonly durationMs: number;
  readonly events: number;
  readonly peakRssMb: number;
}

export interface StoreFloorMeasurement extends ReaderFloorMeasurement {
  readonly storeBytes: number;
}

export interface ScanFloorMeasurement {
  readonly durationMs: number;
  readonly rules: readonly RuleAlerts[];
  readonly peakRssMb: number;
}

/** The machine's cores, stated rather than left to DuckDB's default. */
const FLOOR_THREADS = '2';
const FLOOR_MEMORY_LIMIT = '1GB';

/** Runs `work` on a DuckDB opened at `location` with the floors' settings, closed afterwards. */
const withDuckDb = async <T>(
  location: string,
  tempDir: string,
  work: (connection: DuckDBConnection) => Promise<T>,
  options: Readonly<Record<string, string>> = {}
): Promise<T> => {
  const instance = await DuckDBInstance.create(location, {
    threads: FLOOR_THREADS,
    memory_limit: FLOOR_MEMORY_LIMIT,
    temp_directory: tempDir,
    ...options,
  });
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
};

const removeDatabase = (file: string): void => {
  for (const leftover of [file, `${file}.wal`]) fs.rmSync(leftover, { force: true });
};

/** Floor 1: the needed fields parsed and aggregated over, nothing written. */
export const runParseFloor = async (task: ParseFloorTask): Promise<ReaderFloorMeasurement> => {
  const began = performance.now();
  const rows = await withDuckDb(':memory:', task.tempDir, (connection) =>
    queryRows(connection, parseFloorSql(), [task.file])
  );
  return {
    durationMs: performance.now() - began,
    events: toNumber(rows[0]?.events ?? 0),
    peakRssMb: ownPeakRssMb(),
  };
};

/**
 * Floor 2: the needed fields as columns and the raw line (zstd) in a new database file, in the
 * project's storage format version (so the sizes compare; zstd strings need ≥ v1.2 anyway).
 */
export const runStoreFloor = async (task: StoreFloorTask): Promise<StoreFloorMeasurement> => {
  removeDatabase(task.storeFile);
  try {
    const began = performance.now();
    const events = await withDuckDb(
      task.storeFile,
      task.tempDir,
      async (connection) => {
        await connection.run(storeFloorTableSql());
        const inserted = await connection.run(storeFloorInsertSql(), [task.file]);
        await connection.run('CHECKPOINT');
        return inserted.rowsChanged;
      },
      { storage_compatibility_version: STORAGE_FORMAT_VERSION }
    );
    const durationMs = performance.now() - began;
    const wal = `${task.storeFile}.wal`;
    return {
      durationMs,
      events,
      storeBytes:
        fs.statSync(task.storeFile).size + (fs.existsSync(wal) ? fs.statSync(wal).size : 0),
      peakRssMb: ownPeakRssMb(),
    };
  } finally {
    removeDatabase(task.storeFile);
  }
};

/** The scan floor: both prebuilt rules' alerts and their sources (raw lines, read back) from one statement. */
export const runScanFloor = async (task: ScanFloorTask): Promise<ScanFloorMeasurement> => {
  const query = scanFloorQuery(task.file, PREBUILT_RULES);
  const began = performance.now();
  const rows = await withDuckDb(':memory:', task.tempDir, (connection) =>
    queryRows(connection, query.sql, [...query.params])
  );
  const durationMs = performance.now() - began;
  return {
    durationMs,
    rules: PREBUILT_RULES.map((definition, r) => ({
      ruleId: definition.rule_id,
      rule: definition.name,
      alerts: rows.filter((row) => toNumber(row.rule) === r).length,
    })),
    peakRssMb: ownPeakRssMb(),
  };
};

export const runFloor = (task: FloorTask): Promise<unknown> => {
  switch (task.kind) {
    case 'floor-parse':
      return runParseFloor(task);
    case 'floor-store':
      return runStoreFloor(task);
    case 'scan-floor':
      return runScanFloor(task);
  }
};
