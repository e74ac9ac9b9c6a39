/**
 * The embedded store as one object: the DuckDB file, its column catalog, event ingest, the
 * new_terms event source, event lookups, alerts and installed rules, all over one connection.
 */
import fs from 'fs';
import type { FieldTypeMap } from '../../../common/ecs/field_types';
import { ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import {
  ingestNdjson,
  type IngestInput,
  type IngestOptions,
  type IngestSummary,
} from '../../ingest/ingest_ndjson';
import type { KnownFields } from '../../ingest/prepare_event';
import type { Store } from '../store_contract';
import { backfillAlertGroupValues } from './alert_group_backfill';
import { DuckDbAlertQueries } from './alert_queries';
import { DuckDbAlertStore } from './alert_store';
import {
  configuredMemoryLimit,
  IN_MEMORY,
  ingestMemoryLimit,
  openDatabase,
  type EmbeddedDatabase,
} from './database';
import { errorMessage } from '../../../common/error_message';
import { DuckDbEventLookups } from './event_lookups';
import { DuckDbEventSource } from './event_source';
import { DuckDbEventWriter } from './event_writer';
import { FieldCatalog, isNamedFieldFilter, type IndexedFieldFilter } from './field_catalog';
import { IndexFieldLimit } from './mapping_limit';
import { DuckDbExceptionStore } from './exception_store';
import { DuckDbRuleStore } from './rule_store';
import { EVENTS_TABLE } from './schema';
import { queryRows, toNumber } from './sql_values';
import { StoreWriteError, type CommittedSoFar } from './store_write_error';
import type { EventBatchWriter } from '../store_contract';

/**
 * DuckDB's messages when a write cannot be done: the file system refuses it, or DuckDB cannot get
 * the memory (other errors keep their stack: bugs).
 */
const WRITE_FAILURE =
  /No space left on device|Read-only file system|Could not write file|Failed to commit|IO Error|Out of Memory|could not allocate|failed to pin|invalidated/i;
const isWriteFailure = (error: unknown): boolean => WRITE_FAILURE.test(errorMessage(error));

/**
 * While an ingest runs, it checkpoints once DuckDB's write-ahead log holds this many bytes. At
 * DuckDB's default (16 MB) it checkpointed every few batches, and each checkpoint rewrote the
 * partly filled row group of every column: ingest ran at half speed and left a store twice the size.
 */
export const INGEST_CHECKPOINT_BYTES = 1_000_000_000;
/**
 * DuckDB's own checkpoint threshold during an ingest: out of reach, so DuckDB never checkpoints
 * inside a commit at the ingest's memory limit — a checkpoint needs about twice what an append
 * pins (column_budget.ts), and a failed one invalidates the database. The ingest checkpoints
 * itself, at the store's memory limit.
 */
export const INGEST_AUTOMATIC_CHECKPOINT = '1TB';

export type EmbeddedIngestOptions = Pick<
  IngestOptions,
  'defaultIndex' | 'batchSize' | 'commitEvery' | 'onProgress' | 'onInternalError'
> & {
  /** Worker threads preparing lines, used when the store indexes named fields only (a scan's). */
  readonly workers?: number;
  /** Bytes of input each worker is given at a time (default REGION_BYTES, 1 MiB). */
  readonly regionBytes?: number;
};

const fileBytes = (file: string): number => (fs.existsSync(file) ? fs.statSync(file).size : 0);

export class EmbeddedStore implements Store {
  readonly events: DuckDbEventSource;
  readonly lookups: DuckDbEventLookups;
  readonly alerts: DuckDbAlertStore;
  readonly alertQueries: DuckDbAlertQueries;
  readonly rules: DuckDbRuleStore;
  readonly exceptions: DuckDbExceptionStore;

  private constructor(
    readonly database: EmbeddedDatabase,
    readonly catalog: FieldCatalog,
    private readonly writer: DuckDbEventWriter,
    readonly fieldTypes: FieldTypeMap,
    private limit: IndexFieldLimit,
    /** The only fields that may get columns, when the store was opened with a named list. */
    private readonly columnFields: ReadonlySet<string> | undefined
  ) {
    this.events = new DuckDbEventSource(database.connection, catalog, fieldTypes, {
      termHistory: true,
      lastStoredSeq: () => writer.lastSeq,
    });
    this.lookups = new DuckDbEventLookups(database.connection, catalog, fieldTypes);
    this.alerts = new DuckDbAlertStore(database.connection);
    this.alertQueries = new DuckDbAlertQueries(database.connection);
    this.rules = new DuckDbRuleStore(database.connection);
    this.exceptions = new DuckDbExceptionStore(database.connection);
  }

  get location(): string {
    return this.database.location;
  }

  /**
   * Opens (creating if needed) the store in `dataDir`, or in memory when no directory is given.
   * `indexes` narrows which new fields get columns (a scan's scratch store: the fields its rules
   * search); the others are validated and typed alike and kept in `_source`.
   */
  static async open(
    dataDir?: string,
    fieldTypes: FieldTypeMap = ecsFieldTypes(),
    indexes?: IndexedFieldFilter
  ): Promise<EmbeddedStore> {
    const database = await openDatabase(dataDir);
    await backfillAlertGroupValues(database.connection);
    const catalog = await FieldCatalog.load(database.connection, {
      mappedFields: fieldTypes,
      ...(indexes === undefined ? {} : { indexes }),
    });
    const writer = await DuckDbEventWriter.create(database.connection, catalog);
    const fieldLimit = await IndexFieldLimit.load(database.connection, fieldTypes);
    const columnFields =
      indexes !== undefined && isNamedFieldFilter(indexes) ? indexes.fieldNames : undefined;
    return new EmbeddedStore(database, catalog, writer, fieldTypes, fieldLimit, columnFields);
  }

  /**
   * Stores the inputs' events. Should a write fail, the store is made usable again before the
   * error is thrown (a database DuckDB invalidated is attached again; every committed event is
   * kept), so the next ingest works without reopening the store.
   */
  async ingest(
    inputs: readonly IngestInput[],
    options: EmbeddedIngestOptions = {}
  ): Promise<IngestSummary> {
    // A store left invalidated by a failure outside an ingest (a failed automatic checkpoint) is attached again first.
    await this.database.connection.run('SET memory_limit = ?', [configuredMemoryLimit()]);
    if (await this.database.recover().catch(() => false)) await this.reload();
    let committed: CommittedSoFar = { stored: 0, linesRead: 0 };
    const onProgress: EmbeddedIngestOptions['onProgress'] = (progress) => {
      committed = { stored: progress.stored, linesRead: progress.linesRead };
      options.onProgress?.(progress);
    };
    const outcome = await this.withIngestSettings(() =>
      ingestNdjson(inputs, {
        ...options,
        onProgress,
        fieldTypes: this.fieldTypes,
        known: this.knownFields(),
        writer: this.checkpointingWriter(),
        ...this.parallelPreparation(options),
      })
    );
    if ('error' in outcome) {
      await this.recover();
      throw isWriteFailure(outcome.error)
        ? new StoreWriteError(this.database.location, outcome.error, committed)
        : outcome.error;
    }
    // Best effort: every stored event is already committed to the write-ahead log, and DuckDB
    // checkpoints on its own later if this one cannot run now.
    await this.database.connection.run('CHECKPOINT').catch(() => this.recover());
    return outcome.summary;
  }

  /**
   * Workers pay only when few values cross back: handing every field of an event to this thread
   * costs more than preparing it here. So only a store that indexes named fields uses them; the
   * values carried are those fields' and those of the columns it already has.
   */
  private parallelPreparation({
    workers,
    regionBytes,
  }: EmbeddedIngestOptions): Pick<IngestOptions, 'parallel'> {
    if (workers === undefined || workers < 1 || this.columnFields === undefined) return {};
    const valueFields = new Set(this.columnFields);
    for (const column of this.catalog.columns()) valueFields.add(column.field);
    return {
      parallel: { workers, valueFields, ...(regionBytes === undefined ? {} : { regionBytes }) },
    };
  }

  /** Elasticsearch's total-fields limit per index, as the Elasticsearch store's template sets it. */
  get fieldLimit(): IndexFieldLimit {
    return this.limit;
  }

  async eventCount(): Promise<number> {
    const rows = await queryRows(
      this.database.connection,
      `SELECT count(*) AS n FROM ${EVENTS_TABLE}`
    );
    return toNumber(rows[0]?.n ?? 0);
  }

  close(): void {
    this.database.close();
  }

  /** What the preparer needs to know of earlier events' fields: their types, object paths and index mappings. */
  private knownFields(): KnownFields {
    return {
      esTypeOf: (field) => this.catalog.esTypeOf(field),
      isObjectPath: (path) => this.catalog.isObjectPath(path),
      mappingLimitProblem: (index, source) => this.limit.admit(index, source),
      snapshot: () => ({ ...this.catalog.knownFields(), indexFields: this.limit.snapshot() }),
      adoptIndexFields: (fields) => this.limit.adopt(fields),
    };
  }

  /** Runs `ingest` at the ingest's memory limit, DuckDB's own checkpoints out of reach; the store's settings after. */
  private async withIngestSettings(
    ingest: () => Promise<IngestSummary>
  ): Promise<{ readonly summary: IngestSummary } | { readonly error: unknown }> {
    const { connection } = this.database;
    try {
      await connection.run(`SET checkpoint_threshold = '${INGEST_AUTOMATIC_CHECKPOINT}'`);
      await connection.run('SET memory_limit = ?', [ingestMemoryLimit()]);
      return { summary: await ingest() };
    } catch (error) {
      return { error };
    } finally {
      await connection.run('RESET checkpoint_threshold').catch(() => undefined);
      await connection
        .run('SET memory_limit = ?', [configuredMemoryLimit()])
        .catch(() => undefined);
    }
  }

  /** The writer, with the fields events added to their index written alongside, checkpointing once the write-ahead log is large. */
  private checkpointingWriter(): EventBatchWriter {
    return {
      writePending: async (_file, events) => {
        await this.limit.persist(this.database.connection);
        return this.writer.writePending(events.map((lineEvent) => lineEvent.event));
      },
      commit: async () => {
        await this.writer.commit();
        if (
          this.database.location !== IN_MEMORY &&
          fileBytes(`${this.database.location}.wal`) >= INGEST_CHECKPOINT_BYTES
        ) {
          await this.checkpointAtStoreLimit();
        }
      },
    };
  }

  /** A checkpoint needs more memory than appends: it runs at the store's limit, not the ingest's. */
  private async checkpointAtStoreLimit(): Promise<void> {
    const { connection } = this.database;
    await connection.run('SET memory_limit = ?', [configuredMemoryLimit()]);
    try {
      await connection.run('CHECKPOINT');
    } finally {
      await connection.run('SET memory_limit = ?', [ingestMemoryLimit()]);
    }
  }

  /** After a failed ingest: the file attached again if DuckDB invalidated it, the writer and catalog re-read. */
  private async recover(): Promise<void> {
    await this.database.recover().catch(() => false);
    await this.reload();
  }

  private async reload(): Promise<void> {
    await this.writer.recover().catch(() => undefined);
    await this.catalog.reload().catch(() => undefined);
    // Fields admitted for events that were then not committed are forgotten.
    this.limit = await IndexFieldLimit.load(this.database.connection, this.fieldTypes).catch(
      () => this.limit
    );
  }
}
