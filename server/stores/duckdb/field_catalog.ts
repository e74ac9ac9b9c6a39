/**
 * The catalog of event columns: which field lives in which generated column, with which type, and
 * whether it holds lists. It is the `SqlSchema` the KQL→SQL compiler resolves field names against,
 * and it grows as ingest meets new fields (ALTER TABLE ADD COLUMN; a scalar column that meets a
 * multi-valued field is converted to a list column in place).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { createFieldTypeMap } from '../../../common/ecs/ecs_field_types';
import type { EsFieldType, FieldTypeMap } from '../../../common/ecs/field_types';
import type { SqlColumn, SqlSchema, SqlValueType } from '../../../common/kql/sql_schema';
import { EVENTS_TABLE, FIELDS_TABLE } from './schema';
import { queryRows } from './sql_values';

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
}

const COLUMN_PREFIX = 'f_';

export class FieldCatalog implements SqlSchema {
  private readonly byField = new Map<string, SqlColumn>();
  /** Every dotted prefix of a cataloged field: a field stored as a value cannot also be an object. */
  private readonly objectPaths = new Set<string>();
  private ordered: SqlColumn[] = [];

  private constructor(private readonly connection: DuckDBConnection) {}

  static async load(connection: DuckDBConnection): Promise<FieldCatalog> {
    const catalog = new FieldCatalog(connection);
    const rows = await queryRows(
      connection,
      `SELECT field, column_name, value_type, es_type, is_list FROM ${FIELDS_TABLE} ORDER BY CAST(substr(column_name, 3) AS INTEGER)`
    );
    for (const row of rows) {
      catalog.remember({
        field: String(row.field),
        column: String(row.column_name),
        valueType: String(row.value_type) as SqlValueType,
        esType: String(row.es_type),
        isList: row.is_list === true,
      });
    }
    return catalog;
  }

  column(field: string): SqlColumn | undefined {
    return this.byField.get(field);
  }

  columns(): readonly SqlColumn[] {
    return this.ordered;
  }

  /** True when some stored field lives below `path` (so `path` is an object, not a value). */
  isObjectPath(path: string): boolean {
    return this.objectPaths.has(path);
  }

  /** Adds missing columns and widens scalar columns to lists; returns true when the table changed. */
  async ensure(requirements: Iterable<ColumnRequirement>): Promise<boolean> {
    let changed = false;
    for (const requirement of requirements) {
      const existing = this.byField.get(requirement.field);
      if (existing === undefined) {
        await this.addColumn(requirement);
        changed = true;
      } else if (requirement.isList && !existing.isList) {
        await this.widenToList(existing);
        changed = true;
      }
    }
    return changed;
  }

  private async addColumn(requirement: ColumnRequirement): Promise<void> {
    const column: SqlColumn = {
      field: requirement.field,
      column: `${COLUMN_PREFIX}${this.ordered.length + 1}`,
      valueType: requirement.valueType,
      esType: requirement.esType,
      isList: requirement.isList,
    };
    await this.connection.run(
      `ALTER TABLE ${EVENTS_TABLE} ADD COLUMN ${column.column} ${columnSqlType(column.valueType, column.isList)}`
    );
    await this.connection.run(
      `INSERT INTO ${FIELDS_TABLE} (field, column_name, value_type, es_type, is_list) VALUES (?, ?, ?, ?, ?)`,
      [column.field, column.column, column.valueType, column.esType, column.isList]
    );
    this.remember(column);
  }

  private async widenToList(column: SqlColumn): Promise<void> {
    const name = column.column;
    const listType = columnSqlType(column.valueType, true);
    await this.connection.run(
      `ALTER TABLE ${EVENTS_TABLE} ALTER ${name} SET DATA TYPE ${listType} USING CASE WHEN ${name} IS NULL THEN NULL ELSE [${name}] END`
    );
    await this.connection.run(`UPDATE ${FIELDS_TABLE} SET is_list = true WHERE field = ?`, [column.field]);
    this.remember({ ...column, isList: true });
  }

  private remember(column: SqlColumn): void {
    const isNew = !this.byField.has(column.field);
    this.byField.set(column.field, column);
    this.ordered = isNew ? [...this.ordered, column] : this.ordered.map((c) => (c.field === column.field ? column : c));
    const parts = column.field.split('.');
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
