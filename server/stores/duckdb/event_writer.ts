/**
 * Writes prepared events into the `events` table in batches: new fields become columns first, then
 * the rows not stored yet are appended with DuckDB's appender. An event whose (index, id) is
 * already stored — re-ingesting the same file, or the same event twice in one batch — is counted
 * as a duplicate, never stored twice. Stored keys are found through a Bloom filter of the table's
 * keys (key_filter.ts) and an exact lookup of the keys it flags; new stores have no primary-key
 * index (see schema.ts). A text field's values also fill its token column (see schema.ts).
 * Batches go into one open transaction until the caller commits (ingest commits every few
 * thousand events); chunks are filled by chunk_columns.ts.
 */
import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { SqlColumn, SqlValueType } from './sql_schema';
import type { IndexedValue } from '../../../common/es/value_coercion';
import type { OmittedField, PreparedEvent, PreparedField } from '../../ingest/prepare_event';
import { columnKindOf, dataChunkOf, type Cell, type ScalarCell } from './chunk_columns';
import type { ColumnRequirement, FieldCatalog } from './field_catalog';
import { StoredKeyFilter, type KeyFilterOptions } from './key_filter';
import { EVENTS_TABLE } from './schema';
import { queryRows, toNumber } from './sql_values';
import { tokenSequences } from './text_tokens';

/** _key, _seq, _index, _id, _source come first (positions 0–4); field columns follow. */
const [KEY, SEQ, INDEX, ID, SOURCE] = [0, 1, 2, 3, 4];

/** The cells of the table column at `position` (positions come from the table's own layout). */
const columnAt = (values: Cell[][], position: number): Cell[] => {
  const cells = values[position];
  if (cells === undefined)
    throw new RangeError(`the events table has no column at position ${position}`);
  return cells;
};
/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

export interface WriteResult {
  readonly stored: number;
  readonly duplicates: number;
}

const toScalarCell = (value: IndexedValue, valueType: SqlValueType): ScalarCell => {
  switch (valueType) {
    case 'date':
      return Math.trunc(Number(value));
    case 'string':
      return String(value);
    case 'number':
      return Number(value);
    case 'boolean':
      return value === true;
  }
};

const cellOf = (prepared: PreparedField, column: SqlColumn): Cell => {
  if (column.isList) return prepared.values.map((value) => toScalarCell(value, column.valueType));
  const [value] = prepared.values;
  return value === undefined ? null : toScalarCell(value, column.valueType);
};

const tokensCell = (prepared: PreparedField): Cell => {
  const sequences = tokenSequences(prepared.values);
  return sequences.length === 0 ? null : sequences;
};

/** Where one field's cells go in an appended row. */
interface FieldSlot {
  readonly column: SqlColumn;
  readonly position: number;
  readonly tokenPosition: number | undefined;
}

/** The events' lists of omitted fields, each once: events of one shape share their list. */
const omittedListsOf = (events: readonly PreparedEvent[]): Set<readonly OmittedField[]> => {
  const lists = new Set<readonly OmittedField[]>();
  for (const event of events) if (event.omittedFields !== undefined) lists.add(event.omittedFields);
  return lists;
};

/** The same event twice in one batch is stored once, as its first occurrence. */
const firstOfEachKey = (events: readonly PreparedEvent[]): PreparedEvent[] => {
  const seen = new Set<bigint>();
  return events.filter((event) => {
    if (seen.has(event.key)) return false;
    seen.add(event.key);
    return true;
  });
};

export class DuckDbEventWriter {
  private nextSeq = 0;
  /** Built on the first write, so a store that is only read never scans its keys. */
  private keyFilter: StoredKeyFilter | undefined;
  private inTransaction = false;

  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly catalog: FieldCatalog,
    private readonly keyFilterOptions: KeyFilterOptions
  ) {}

  /** The `_seq` given to the last event written (0 before any); never reused, even if a write failed. */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  static async create(
    connection: DuckDBConnection,
    catalog: FieldCatalog,
    keyFilterOptions: KeyFilterOptions = {}
  ): Promise<DuckDbEventWriter> {
    const writer = new DuckDbEventWriter(connection, catalog, keyFilterOptions);
    const rows = await queryRows(
      connection,
      `SELECT CAST(coalesce(max(_seq), 0) AS DOUBLE) AS seq FROM ${EVENTS_TABLE}`
    );
    writer.nextSeq = toNumber(rows[0]?.seq ?? 0) + 1;
    return writer;
  }

  /** Stores the events not stored yet and commits them (with anything written pending before). */
  async write(events: readonly PreparedEvent[]): Promise<WriteResult> {
    const result = await this.writePending(events);
    await this.commit();
    return result;
  }

  /**
   * Stores the events not stored yet inside the writer's open transaction (begun if none): this
   * connection sees them at once, they are durable at commit(). Duplicates are found first and the
   * rest are appended straight into `events`: no staging copy, nothing for DuckDB to spill. A
   * commit per 512-event batch made DuckDB log every batch separately; committing every few
   * thousand events cut the time spent appending by about a third.
   */
  async writePending(events: readonly PreparedEvent[]): Promise<WriteResult> {
    if (events.length === 0) return { stored: 0, duplicates: 0 };
    const filter = await this.storedKeyFilter();
    const candidates = firstOfEachKey(events);
    const stored = await this.existingKeys(
      candidates.filter((event) => filter.mightContain(event.key))
    );
    const fresh = candidates.filter((event) => !stored.has(event.key));
    if (fresh.length > 0) {
      await this.ensureColumns(this.requirements(fresh));
      this.refuseOmittedColumns(fresh);
      await this.begin();
      // Added before the append: should it fail half way, the filter only over-approximates.
      for (const event of fresh) filter.add(event.key);
      await this.appendOrRollBack(fresh);
      if (filter.isOverfull)
        this.keyFilter = await StoredKeyFilter.load(this.connection, this.keyFilterOptions);
    }
    return { stored: fresh.length, duplicates: events.length - fresh.length };
  }

  /**
   * After a failed write (a failed commit, or a database DuckDB invalidated and the store attached
   * again): whatever was pending is gone, the key filter is rebuilt from the table when next
   * needed, and `_seq` goes on from the larger of its own count and the table's.
   */
  async recover(): Promise<void> {
    await this.abandon();
    this.keyFilter = undefined;
    const rows = await queryRows(
      this.connection,
      `SELECT CAST(coalesce(max(_seq), 0) AS DOUBLE) AS seq FROM ${EVENTS_TABLE}`
    );
    this.nextSeq = Math.max(this.nextSeq, toNumber(rows[0]?.seq ?? 0) + 1);
  }

  /** Makes every pending write durable; nothing to do when none is pending. */
  async commit(): Promise<void> {
    if (!this.inTransaction) return;
    this.inTransaction = false;
    try {
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.abandon();
      throw error;
    }
  }

  /**
   * Columns change outside the pending transaction: a rolled-back ALTER would leave the catalog
   * naming columns the table does not have.
   */
  private async ensureColumns(requirements: readonly ColumnRequirement[]): Promise<void> {
    if (!this.catalog.wouldChange(requirements)) return;
    await this.commit();
    await this.catalog.ensure(requirements);
  }

  private async begin(): Promise<void> {
    if (this.inTransaction) return;
    await this.connection.run('BEGIN TRANSACTION');
    this.inTransaction = true;
  }

  /** A failed append abandons the whole pending transaction, so no partly written batch is ever committed. */
  private async appendOrRollBack(events: readonly PreparedEvent[]): Promise<void> {
    try {
      await this.append(events);
    } catch (error) {
      await this.abandon();
      throw error;
    }
  }

  /** Rolls back every pending write (best effort: DuckDB may already have ended a failed transaction). */
  private async abandon(): Promise<void> {
    this.inTransaction = false;
    await this.connection.run('ROLLBACK').catch(() => undefined);
  }

  private async storedKeyFilter(): Promise<StoredKeyFilter> {
    this.keyFilter ??= await StoredKeyFilter.load(this.connection, this.keyFilterOptions);
    return this.keyFilter;
  }

  /** The exact check of flagged keys: a scan of the key column, so it runs only for flagged batches. */
  private async existingKeys(events: readonly PreparedEvent[]): Promise<ReadonlySet<bigint>> {
    if (events.length === 0) return new Set();
    const rows = await queryRows(
      this.connection,
      `SELECT CAST(_key AS VARCHAR) AS k FROM ${EVENTS_TABLE} WHERE _key IN (SELECT CAST(unnest(?::VARCHAR[]) AS UHUGEINT))`,
      [listValue(events.map((event) => event.key.toString()))]
    );
    return new Set(rows.map((row) => BigInt(String(row.k))));
  }

  private requirements(events: readonly PreparedEvent[]): ColumnRequirement[] {
    const byField = new Map<string, ColumnRequirement>();
    const require = (requirement: ColumnRequirement): void => {
      const current = byField.get(requirement.field);
      if (current === undefined || (requirement.isList && !current.isList))
        byField.set(requirement.field, requirement);
    };
    for (const event of events) {
      for (const { field, esType, valueType, sourceField, values } of event.fields) {
        require({
          field,
          esType,
          valueType,
          isList: values.length > 1,
          ...(sourceField === undefined ? {} : { sourceField }),
        });
      }
    }
    for (const list of omittedListsOf(events)) for (const omitted of list) require(omitted);
    return [...byField.values()];
  }

  /**
   * A field whose values were left behind (omittedFields) must not have a column: its cells
   * would be written empty. The ingest leaves out only fields outside the store's named list.
   */
  private refuseOmittedColumns(events: readonly PreparedEvent[]): void {
    for (const list of omittedListsOf(events)) {
      for (const { field } of list) {
        if (this.catalog.column(field) !== undefined)
          throw new Error(`the values of field ${field} were not carried, but it has a column`);
      }
    }
  }

  /** Fills DuckDB data chunks column by column: one native call per vector, not per value. */
  private async append(events: readonly PreparedEvent[]): Promise<void> {
    const slots = this.fieldSlots();
    const appender = await this.connection.createAppender(EVENTS_TABLE);
    try {
      const types = Array.from({ length: appender.columnCount }, (_, index) =>
        appender.columnType(index)
      );
      const kinds = types.map(columnKindOf);
      for (let start = 0; start < events.length; start += CHUNK_ROWS) {
        const rows = events.slice(start, start + CHUNK_ROWS);
        appender.appendDataChunk(
          dataChunkOf(types, kinds, this.columnCells(rows, slots, types.length))
        );
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /** Each cataloged field's positions in the table (token columns are not next to their values in older stores). */
  private fieldSlots(): ReadonlyMap<string, FieldSlot> {
    const positionOf = new Map(this.catalog.tableLayout().map((name, index) => [name, index]));
    const slots = new Map<string, FieldSlot>();
    for (const column of this.catalog.columns()) {
      const position = positionOf.get(column.column);
      if (position === undefined) continue;
      const tokenPosition =
        column.tokenColumn === undefined ? undefined : positionOf.get(column.tokenColumn);
      slots.set(column.field, { column, position, tokenPosition });
    }
    return slots;
  }

  private columnCells(
    rows: readonly PreparedEvent[],
    slots: ReadonlyMap<string, FieldSlot>,
    width: number
  ): Cell[][] {
    const values: Cell[][] = Array.from({ length: width }, () =>
      new Array<Cell>(rows.length).fill(null)
    );
    const keys = columnAt(values, KEY);
    const seqs = columnAt(values, SEQ);
    const indices = columnAt(values, INDEX);
    const ids = columnAt(values, ID);
    const sources = columnAt(values, SOURCE);
    rows.forEach((event, row) => {
      keys[row] = event.key;
      seqs[row] = this.nextSeq++;
      indices[row] = event.index;
      ids[row] = event.id;
      sources[row] = event.sourceText;
      for (const prepared of event.fields) {
        const slot = slots.get(prepared.field);
        if (slot === undefined) continue;
        columnAt(values, slot.position)[row] = cellOf(prepared, slot.column);
        if (slot.tokenPosition !== undefined)
          columnAt(values, slot.tokenPosition)[row] = tokensCell(prepared);
      }
    });
    return values;
  }
}
