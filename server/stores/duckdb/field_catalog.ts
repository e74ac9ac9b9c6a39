/**
 * The catalog of event columns: which field lives in which generated column, with which type, and
 * whether it holds lists. It is the `SqlSchema` the KQL→SQL compiler resolves field names against,
 * and it grows as ingest meets new fields (ALTER TABLE ADD COLUMN; a scalar column that meets a
 * multi-valued field is converted to a list column in place). A text field gets a token column
 * beside its value column (`has_tokens`); a store written before token columns existed has them
 * added and backfilled when it is loaded.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { createFieldTypeMap } from '../../../common/ecs/ecs_field_types';
import type { EsFieldType, FieldTypeMap } from '../../../common/ecs/field_types';
import type { SqlColumn, SqlSchema, SqlValueType } from '../../../common/kql/sql_schema';
import { valueKindOf } from '../../../common/kql/value_coercion';
import { EVENTS_TABLE, FIELDS_TABLE } from './schema';
import { queryRows, type Row } from './sql_values';
import { backfillTokenColumn } from './token_backfill';

const SQL_TYPE: Readonly<Record<SqlValueType, string>> = {
  string: 'VARCHAR',
  boolean: 'BOOLEAN',
  number: 'DOUBLE',
  date: 'BIGINT',
};

export const columnSqlType = (valueType: SqlValueType, isList: boolean): string =>
  `${SQL_TYPE[valueType]}${isList ? '[]' : ''}`;

export interface ColumnRequirement {
  readonly field: string;
  readonly esType: string;
  readonly valueType: SqlValueType;
  readonly isList: boolean;
  /** Set for a mapped multi-field (`user.name.text`): the field whose values it indexes. */
  readonly sourceField?: string;
}

/** A cataloged column: what the compiler needs, plus the multi-field's parent. */
export interface StoredColumn extends SqlColumn {
  readonly sourceField?: string;
}

const COLUMN_PREFIX = 'f_';
const TOKENS_SUFFIX = '_tokens';

/** Text fields are searched by tokens, which the standard analyzer (approximated in JS) makes. */
const needsTokens = (esType: string): boolean => valueKindOf(esType) === 'text';

const storedColumn = (row: Row): StoredColumn => {
  const column = String(row.column_name);
  return {
    field: String(row.field),
    column,
    valueType: String(row.value_type) as SqlValueType,
    esType: String(row.es_type),
    isList: row.is_list === true,
    ...(row.has_tokens === true ? { tokenColumn: `${column}${TOKENS_SUFFIX}` } : {}),
    ...(typeof row.source_field === 'string' ? { sourceField: row.source_field } : {}),
  };
};

/** The names of `events`' columns in table order (what an appender row must follow). */
const eventsTableLayout = async (connection: DuckDBConnection): Promise<string[]> => {
  const reader = await connection.runAndReadAll(`SELECT * FROM ${EVENTS_TABLE} LIMIT 0`);
  return reader.columnNames();
};

/** A field without a column needs one; a scalar column meeting several values must become a list. */
const needsChange = (requirement: ColumnRequirement, existing: StoredColumn | undefined): boolean =>
  existing === undefined || (requirement.isList && !existing.isList);

export class FieldCatalog implements SqlSchema {
  private readonly byField = new Map<string, StoredColumn>();
  /** Every dotted prefix of a cataloged field: a field stored as a value cannot also be an object. */
  private readonly objectPaths = new Set<string>();
  private ordered: StoredColumn[] = [];
  private layout: string[] = [];

  private constructor(private readonly connection: DuckDBConnection) {}

  static async load(connection: DuckDBConnection): Promise<FieldCatalog> {
    const catalog = new FieldCatalog(connection);
    catalog.layout = await eventsTableLayout(connection);
    const rows = await queryRows(
      connection,
      `SELECT field, column_name, value_type, es_type, is_list, has_tokens, source_field FROM ${FIELDS_TABLE} ORDER BY CAST(substr(column_name, 3) AS INTEGER)`
    );
    for (const row of rows) catalog.remember(storedColumn(row));
    await catalog.addMissingTokenColumns();
    return catalog;
  }

  column(field: string): StoredColumn | undefined {
    return this.byField.get(field);
  }

  columns(): readonly StoredColumn[] {
    return this.ordered;
  }

  /** Every column of `events` in table order, bookkeeping and token columns included. */
  tableLayout(): readonly string[] {
    return this.layout;
  }

  /** True when some stored field lives below `path` (so `path` is an object, not a value). */
  isObjectPath(path: string): boolean {
    return this.objectPaths.has(path);
  }

  /** True when ensure(requirements) would alter the table (a new column, or a scalar widened to a list). */
  wouldChange(requirements: Iterable<ColumnRequirement>): boolean {
    for (const requirement of requirements) if (needsChange(requirement, this.byField.get(requirement.field))) return true;
    return false;
  }

  /** Adds missing columns and widens scalar columns to lists; returns true when the table changed. */
  async ensure(requirements: Iterable<ColumnRequirement>): Promise<boolean> {
    let changed = false;
    for (const requirement of requirements) {
      const existing = this.byField.get(requirement.field);
      if (!needsChange(requirement, existing)) continue;
      if (existing === undefined) await this.addColumn(requirement);
      else await this.widenToList(existing);
      changed = true;
    }
    return changed;
  }

  private async addColumn(requirement: ColumnRequirement): Promise<void> {
    const name = `${COLUMN_PREFIX}${this.ordered.length + 1}`;
    const column: StoredColumn = {
      field: requirement.field,
      column: name,
      valueType: requirement.valueType,
      esType: requirement.esType,
      isList: requirement.isList,
      ...(needsTokens(requirement.esType) ? { tokenColumn: `${name}${TOKENS_SUFFIX}` } : {}),
      ...(requirement.sourceField === undefined ? {} : { sourceField: requirement.sourceField }),
    };
    await this.addTableColumn(name, columnSqlType(column.valueType, column.isList));
    if (column.tokenColumn !== undefined) await this.addTableColumn(column.tokenColumn, 'VARCHAR[]');
    await this.connection.run(
      `INSERT INTO ${FIELDS_TABLE} (field, column_name, value_type, es_type, is_list, has_tokens, source_field) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [column.field, name, column.valueType, column.esType, column.isList, column.tokenColumn !== undefined, column.sourceField ?? null]
    );
    this.remember(column);
  }

  private async addTableColumn(name: string, sqlType: string): Promise<void> {
    await this.connection.run(`ALTER TABLE ${EVENTS_TABLE} ADD COLUMN ${name} ${sqlType}`);
    this.layout = [...this.layout, name];
  }

  /**
   * Stores written before text fields had token columns: add and backfill them (run at load,
   * before anything else uses the connection). The catalog row is marked only once the column is
   * complete, so an interrupted migration is simply redone at the next open.
   */
  private async addMissingTokenColumns(): Promise<void> {
    const missing = this.ordered.filter((column) => needsTokens(column.esType) && column.tokenColumn === undefined);
    if (missing.length === 0) return;
    for (const column of missing) {
      const tokenColumn = `${column.column}${TOKENS_SUFFIX}`;
      await backfillTokenColumn(this.connection, column, tokenColumn);
      await this.connection.run(`UPDATE ${FIELDS_TABLE} SET has_tokens = true WHERE field = ?`, [column.field]);
      this.remember({ ...column, tokenColumn });
    }
    // Token columns were added at the end of the table (and leftovers of an earlier attempt dropped).
    this.layout = await eventsTableLayout(this.connection);
  }

  private async widenToList(column: StoredColumn): Promise<void> {
    const name = column.column;
    const listType = columnSqlType(column.valueType, true);
    await this.connection.run(
      `ALTER TABLE ${EVENTS_TABLE} ALTER ${name} SET DATA TYPE ${listType} USING CASE WHEN ${name} IS NULL THEN NULL ELSE [${name}] END`
    );
    await this.connection.run(`UPDATE ${FIELDS_TABLE} SET is_list = true WHERE field = ?`, [column.field]);
    this.remember({ ...column, isList: true });
  }

  private remember(column: StoredColumn): void {
    const isNew = !this.byField.has(column.field);
    this.byField.set(column.field, column);
    this.ordered = isNew ? [...this.ordered, column] : this.ordered.map((c) => (c.field === column.field ? column : c));
    // A multi-field sits below its parent's name, yet the parent is a value, not an object.
    const parts = (column.sourceField ?? column.field).split('.');
    for (let i = 1; i < parts.length; i++) this.objectPaths.add(parts.slice(0, i).join('.'));
  }
}

/**
 * The mapping the stored events were indexed with, as the KQL compilers want it: the declared
 * field types (ECS) and, for fields they do not declare, the type ingest chose dynamically.
 */
export const indexedFieldTypes = (catalog: FieldCatalog, declared: FieldTypeMap): FieldTypeMap =>
  createFieldTypeMap(
    catalog
      .columns()
      .filter((column) => declared.get(column.field) === undefined)
      .map((column) => ({ name: column.field, type: column.esType as EsFieldType })),
    declared
  );
