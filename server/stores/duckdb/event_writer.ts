/**
 * Writes prepared events into the `events` table in batches: new fields become columns first, then
 * the rows not stored yet are appended with DuckDB's appender. An event whose (index, id) is
 * already stored — re-ingesting the same file, or the same event twice in one batch — is counted
 * as a duplicate, never stored twice (the primary key would refuse it anyway).
 */
import { DuckDBDataChunk, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { SqlColumn, SqlValueType } from '../../../common/kql/sql_schema';
import type { IndexedValue } from '../../../common/kql/value_coercion';
import type { PreparedEvent, PreparedField } from '../../ingest/prepare_event';
import type { ColumnRequirement, FieldCatalog } from './field_catalog';
import { EVENTS_TABLE } from './schema';
import { queryRows, toNumber } from './sql_values';

/** _key, _seq, _index, _id, _source come before the field columns. */
const FIXED_COLUMNS = 5;
/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

export interface WriteResult {
  readonly stored: number;
  readonly duplicates: number;
}

const toDuckValue = (value: IndexedValue, valueType: SqlValueType): string | boolean | number | bigint => {
  switch (valueType) {
    case 'date':
      return BigInt(Math.trunc(Number(value)));
    case 'string':
      return String(value);
    case 'number':
      return Number(value);
    case 'boolean':
      return value === true;
  }
};

const cellValue = (prepared: PreparedField, column: SqlColumn): DuckDBValue => {
  if (column.isList) return listValue(prepared.values.map((value) => toDuckValue(value, column.valueType)));
  const [value] = prepared.values;
  return value === undefined ? null : toDuckValue(value, column.valueType);
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

  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly catalog: FieldCatalog
  ) {}

  static async create(connection: DuckDBConnection, catalog: FieldCatalog): Promise<DuckDbEventWriter> {
    const writer = new DuckDbEventWriter(connection, catalog);
    const rows = await queryRows(connection, `SELECT CAST(coalesce(max(_seq), 0) AS DOUBLE) AS seq FROM ${EVENTS_TABLE}`);
    writer.nextSeq = toNumber(rows[0]?.seq ?? 0) + 1;
    return writer;
  }

  /**
   * Stores the events not stored yet. Duplicates are found by a primary-key lookup first and the
   * rest are appended straight into `events`: no staging copy, nothing for DuckDB to spill.
   */
  async write(events: readonly PreparedEvent[]): Promise<WriteResult> {
    if (events.length === 0) return { stored: 0, duplicates: 0 };
    const stored = await this.existingKeys(events);
    const fresh = firstOfEachKey(events).filter((event) => !stored.has(event.key));
    if (fresh.length > 0) {
      await this.catalog.ensure(this.requirements(fresh));
      await this.append(fresh);
    }
    return { stored: fresh.length, duplicates: events.length - fresh.length };
  }

  private async existingKeys(events: readonly PreparedEvent[]): Promise<ReadonlySet<bigint>> {
    const rows = await queryRows(
      this.connection,
      `SELECT CAST(_key AS VARCHAR) AS k FROM ${EVENTS_TABLE} WHERE _key IN (SELECT CAST(unnest(?::VARCHAR[]) AS UHUGEINT))`,
      [listValue(events.map((event) => event.key.toString()))]
    );
    return new Set(rows.map((row) => BigInt(String(row.k))));
  }

  private requirements(events: readonly PreparedEvent[]): ColumnRequirement[] {
    const byField = new Map<string, ColumnRequirement>();
    for (const event of events) {
      for (const prepared of event.fields) {
        const isList = prepared.values.length > 1;
        const current = byField.get(prepared.field);
        if (current === undefined || (isList && !current.isList)) {
          byField.set(prepared.field, { field: prepared.field, esType: prepared.esType, valueType: prepared.valueType, isList });
        }
      }
    }
    return [...byField.values()];
  }

  /** Fills DuckDB data chunks column by column: one native call per vector, not per value. */
  private async append(events: readonly PreparedEvent[]): Promise<void> {
    const columns = this.catalog.columns();
    const positionOf = new Map(columns.map((column, index) => [column.field, FIXED_COLUMNS + index]));
    const appender = await this.connection.createAppender(EVENTS_TABLE);
    try {
      const types = Array.from({ length: appender.columnCount }, (_, index) => appender.columnType(index));
      for (let start = 0; start < events.length; start += CHUNK_ROWS) {
        const rows = events.slice(start, start + CHUNK_ROWS);
        const chunk = DuckDBDataChunk.create(types, rows.length);
        chunk.setColumns(this.columnValues(rows, columns, positionOf, types.length));
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  private columnValues(
    rows: readonly PreparedEvent[],
    columns: readonly SqlColumn[],
    positionOf: ReadonlyMap<string, number>,
    width: number
  ): DuckDBValue[][] {
    const values: DuckDBValue[][] = Array.from({ length: width }, () => new Array<DuckDBValue>(rows.length).fill(null));
    rows.forEach((event, row) => {
      values[0][row] = event.key;
      values[1][row] = BigInt(this.nextSeq++);
      values[2][row] = event.index;
      values[3][row] = event.id;
      values[4][row] = event.sourceText;
      for (const prepared of event.fields) {
        const position = positionOf.get(prepared.field);
        if (position === undefined) continue;
        values[position][row] = cellValue(prepared, columns[position - FIXED_COLUMNS]);
      }
    });
    return values;
  }
}
