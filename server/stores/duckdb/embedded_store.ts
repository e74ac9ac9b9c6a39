/**
 * The embedded store as one object: the DuckDB file, its column catalog, event ingest, the
 * new_terms event source and the alert store, all over one connection.
 */
import type { FieldTypeMap } from '../../../common/ecs/field_types';
import { ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import { ingestNdjson, type IngestInput, type IngestOptions, type IngestSummary } from '../../ingest/ingest_ndjson';
import type { KnownFields } from '../../ingest/prepare_event';
import { DuckDbAlertStore } from './alert_store';
import { configuredMemoryLimit, ingestMemoryLimit, openDatabase, StoreWriteError, type EmbeddedDatabase } from './database';
import { DuckDbEventSource } from './event_source';
import { DuckDbEventWriter } from './event_writer';
import { FieldCatalog } from './field_catalog';
import { EVENTS_TABLE } from './schema';
import { queryRows, toNumber } from './sql_values';

/** DuckDB's messages when the file system refuses a write (other errors keep their stack: bugs). */
const STORAGE_FAILURE = /No space left on device|Read-only file system|Could not write file|Failed to commit|IO Error/i;
const isStorageFailure = (error: unknown): boolean => error instanceof Error && STORAGE_FAILURE.test(error.message);

/**
 * While an ingest runs, DuckDB checkpoints only once its write-ahead log holds this much. At the
 * default (16 MB) it checkpoints every few batches, and each checkpoint rewrites the partly filled
 * row group of every column: ingest ran at half speed and left a store twice the size.
 */
export const INGEST_CHECKPOINT_THRESHOLD = '1GB';

export type EmbeddedIngestOptions = Pick<IngestOptions, 'defaultIndex' | 'batchSize' | 'commitEvery' | 'onProgress'>;

export class EmbeddedStore {
  readonly events: DuckDbEventSource;
  readonly alerts: DuckDbAlertStore;

  private constructor(
    readonly database: EmbeddedDatabase,
    readonly catalog: FieldCatalog,
    private readonly writer: DuckDbEventWriter,
    readonly fieldTypes: FieldTypeMap
  ) {
    this.events = new DuckDbEventSource(database.connection, catalog, fieldTypes, {
      termHistory: true,
      lastStoredSeq: () => writer.lastSeq,
    });
    this.alerts = new DuckDbAlertStore(database.connection);
  }

  /** Opens (creating if needed) the store in `dataDir`, or in memory when no directory is given. */
  static async open(dataDir?: string, fieldTypes: FieldTypeMap = ecsFieldTypes()): Promise<EmbeddedStore> {
    const database = await openDatabase(dataDir);
    const catalog = await FieldCatalog.load(database.connection);
    const writer = await DuckDbEventWriter.create(database.connection, catalog);
    return new EmbeddedStore(database, catalog, writer, fieldTypes);
  }

  async ingest(inputs: readonly IngestInput[], options: EmbeddedIngestOptions = {}): Promise<IngestSummary> {
    const known: KnownFields = {
      esTypeOf: (field) => this.catalog.column(field)?.esType,
      isObjectPath: (path) => this.catalog.isObjectPath(path),
    };
    const { connection } = this.database;
    try {
      await connection.run(`SET checkpoint_threshold = '${INGEST_CHECKPOINT_THRESHOLD}'`);
      await connection.run('SET memory_limit = ?', [ingestMemoryLimit()]);
      const summary = await ingestNdjson(inputs, { ...options, fieldTypes: this.fieldTypes, known, writer: this.writer });
      // Best effort: every stored event is already committed to the write-ahead log, and DuckDB
      // checkpoints on its own later if this one cannot run now.
      await connection.run('CHECKPOINT').catch(() => undefined);
      return summary;
    } catch (error) {
      throw isStorageFailure(error) ? new StoreWriteError(this.database.location, error) : error;
    } finally {
      await connection.run('RESET checkpoint_threshold').catch(() => undefined);
      await connection.run('SET memory_limit = ?', [configuredMemoryLimit()]).catch(() => undefined);
    }
  }

  async eventCount(): Promise<number> {
    const rows = await queryRows(this.database.connection, `SELECT count(*) AS n FROM ${EVENTS_TABLE}`);
    return toNumber(rows[0]?.n ?? 0);
  }

  close(): void {
    this.database.close();
  }
}
