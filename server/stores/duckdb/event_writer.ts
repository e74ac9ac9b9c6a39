/**
 * Writes prepared events into the `events` table in batches: new fields become columns first, rows
 * go through a staging table with DuckDB's appender, then one `INSERT OR IGNORE` moves them in a
 * single transaction. An event whose (index, id) is already stored — re-ingesting the same file,
 * or the same event twice in one batch — is counted as a duplicate, never stored twice.
 */
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  LIST,
  listValue,
  VARCHAR,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import type { SqlColumn, SqlValueType } from '../../../common/kql/sql_schema';
import type { IndexedValue } from '../../../common/kql/value_coercion';
import type { PreparedEvent, PreparedField } from '../../ingest/prepare_event';
import type { ColumnRequirement, FieldCatalog } from './field_catalog';
import { EVENTS_TABLE } from './schema';
import { queryRows, toNumber } from './sql_values';

const STAGING_TABLE = 'events_staging';

const ELEMENT_TYPE: Readonly<Record<SqlValueType, DuckDBType>> = {
  string: VARCHAR,
  boolean: BOOLEAN,
  number: DOUBLE,
  date: BIGINT,
};

export interface WriteResult {
  readonly stored: number;
  readonly duplicates: number;
}

const toDuckValue = (value: IndexedValue, valueType: SqlValueType): string | boolean | number | bigint => {
  if (valueType === 'date') return BigInt(Math.trunc(Number(value)));
  if (valueType === 'string') return String(value);
  return value;
};

const appendScalar = (appender: DuckDBAppender, value: IndexedValue, valueType: SqlValueType): void => {
  switch (valueType) {
    case 'string':
      appender.appendVarchar(String(value));
      return;
    case 'boolean':
      appender.appendBoolean(value === true);
      return;
    case 'number':
      appender.appendDouble(Number(value));
      return;
    case 'date':
      appender.appendBigInt(BigInt(Math.trunc(Number(value))));
      return;
  }
};

export class DuckDbEventWriter {
  private nextSeq = 0;
  private stagingColumns = -1;

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

  async write(events: readonly PreparedEvent[]): Promise<WriteResult> {
    if (events.length === 0) return { stored: 0, duplicates: 0 };
    const changed = await this.catalog.ensure(this.requirements(events));
    if (changed || this.stagingColumns !== this.catalog.columns().length) await this.resetStaging();
    await this.appendToStaging(events);
    const stored = await this.moveStagedRows();
    return { stored, duplicates: events.length - stored };
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

  private async resetStaging(): Promise<void> {
    await this.connection.run(`CREATE OR REPLACE TEMP TABLE ${STAGING_TABLE} AS SELECT * FROM ${EVENTS_TABLE} LIMIT 0`);
    this.stagingColumns = this.catalog.columns().length;
  }

  private async appendToStaging(events: readonly PreparedEvent[]): Promise<void> {
    const columns = this.catalog.columns();
    const appender = await this.connection.createAppender(STAGING_TABLE);
    try {
      for (const event of events) this.appendRow(appender, event, columns);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  private appendRow(appender: DuckDBAppender, event: PreparedEvent, columns: readonly SqlColumn[]): void {
    appender.appendUHugeInt(event.key);
    appender.appendBigInt(BigInt(this.nextSeq++));
    appender.appendVarchar(event.index);
    appender.appendVarchar(event.id);
    appender.appendVarchar(event.sourceText);
    const byField = new Map<string, PreparedField>(event.fields.map((field) => [field.field, field]));
    for (const column of columns) {
      const prepared = byField.get(column.field);
      if (prepared === undefined) {
        appender.appendNull();
      } else if (column.isList) {
        const values = prepared.values.map((value) => toDuckValue(value, column.valueType));
        appender.appendList(listValue(values), LIST(ELEMENT_TYPE[column.valueType]));
      } else {
        const [value] = prepared.values;
        if (value === undefined) appender.appendNull();
        else appendScalar(appender, value, column.valueType);
      }
    }
    appender.endRow();
  }

  /** Moves staged rows into `events` atomically; returns how many were new. */
  private async moveStagedRows(): Promise<number> {
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const result = await this.connection.run(
        `INSERT OR IGNORE INTO ${EVENTS_TABLE}
           SELECT * FROM ${STAGING_TABLE} QUALIFY row_number() OVER (PARTITION BY _key ORDER BY _seq) = 1`
      );
      await this.connection.run(`DELETE FROM ${STAGING_TABLE}`);
      await this.connection.run('COMMIT');
      return Number(result.rowsChanged);
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
  }
}
