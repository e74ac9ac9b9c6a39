/**
 * The catalog of event columns: which field lives in which generated column, with which type, and
 * whether it holds lists. It is the `SqlSchema` the KQL→SQL compiler resolves field names against,
 * and it grows as ingest meets new fields (ALTER TABLE ADD COLUMN; a scalar column that meets a
 * multi-valued field is converted to a list column in place). A text field gets a token column
 * beside its value column (`has_tokens`); a store written before token columns existed has them
 * added and backfilled when it is loaded.
 *
 * The table grows only within its column budget (column_budget.ts): a field beyond it is recorded
 * as unindexed — typed, kept in `_source`, without a column — and a query on it matches nothing.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { createFieldTypeMap, ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import type { EsFieldType, FieldTypeMap } from '../../../common/ecs/field_types';
import type { SqlColumn, SqlSchema, SqlValueType } from './sql_schema';
import { valueKindOf } from '../../../common/es/value_coercion';
import {
  ColumnBudget,
  columnParts,
  DEFAULT_BLOCK_BYTES,
  LIST_COLUMN_PARTS,
  type ColumnCharge,
} from './column_budget';
import { EVENTS_TABLE, FIELDS_TABLE, UNINDEXED_FIELDS_TABLE } from './schema';
import { queryRows, toNumber, type Row } from './sql_values';
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

/** A field kept in `_source` only: its type, without a column to search. */
export interface UnindexedField {
  readonly field: string;
  readonly valueType: SqlValueType;
  readonly esType: string;
  readonly sourceField?: string;
}

/** Which new fields get columns; the others are kept typed in `_source` only, as beyond the budget. */
export type IndexedFieldFilter = (field: string) => boolean;

/** A filter that lists its fields, so that preparation in worker threads can be told them. */
export type NamedFieldFilter = IndexedFieldFilter & { readonly fieldNames: ReadonlySet<string> };

export const isNamedFieldFilter = (filter: IndexedFieldFilter): filter is NamedFieldFilter =>
  'fieldNames' in filter;

export const namedFieldFilter = (fieldNames: ReadonlySet<string>): NamedFieldFilter =>
  Object.assign((field: string) => fieldNames.has(field), { fieldNames });

export interface FieldCatalogOptions {
  /** The mapping; fields outside it take a smaller share of the column budget. Default ECS. */
  readonly mappedFields?: FieldTypeMap;
  /** Default: every field, within the column budget. */
  readonly indexes?: IndexedFieldFilter;
}

const EVERY_FIELD: IndexedFieldFilter = () => true;

/** One change ensure() makes: a new column, a scalar column widened to a list, or an unindexed field. */
type CatalogChange =
  | {
      readonly kind: 'column' | 'widen';
      readonly column: StoredColumn;
      readonly charge: ColumnCharge;
    }
  | { readonly kind: 'unindexed'; readonly field: UnindexedField };

const unindexedFieldOf = (field: ColumnRequirement | StoredColumn): UnindexedField => ({
  field: field.field,
  valueType: field.valueType,
  esType: field.esType,
  ...(field.sourceField === undefined ? {} : { sourceField: field.sourceField }),
});

/** `_key`, `_seq`, `_index`, `_id`, `_source`: charged like the fields' columns. */
const BOOKKEEPING_COLUMNS: ColumnCharge = { parts: 5 * columnParts('VARCHAR'), unmapped: false };

/** The store file's block size; an in-memory database reports none and uses DuckDB's default. */
const storeBlockBytes = async (connection: DuckDBConnection): Promise<number> => {
  const [row] = await queryRows(
    connection,
    'SELECT CAST(block_size AS DOUBLE) AS size FROM pragma_database_size() WHERE database_name = current_database()'
  );
  const size = toNumber(row?.size ?? 0);
  return size > 0 ? size : DEFAULT_BLOCK_BYTES;
};

const unindexedField = (row: Row): UnindexedField => ({
  field: String(row.field),
  valueType: String(row.value_type) as SqlValueType,
  esType: String(row.es_type),
  ...(typeof row.source_field === 'string' ? { sourceField: row.source_field } : {}),
});

export class FieldCatalog implements SqlSchema {
  /** Every field with a column in `events`, unindexed ones included (their columns stay). */
  private readonly byField = new Map<string, StoredColumn>();
  private readonly unindexed = new Map<string, UnindexedField>();
  /** Every dotted prefix of a cataloged field: a field stored as a value cannot also be an object. */
  private readonly objectPaths = new Set<string>();
  private ordered: StoredColumn[] = [];
  /** `ordered` without the unindexed fields: what queries may use. */
  private searchable: StoredColumn[] = [];
  private layout: string[] = [];
  private budget: ColumnBudget = new ColumnBudget(DEFAULT_BLOCK_BYTES);

  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly mappedFields: FieldTypeMap,
    private readonly indexes: IndexedFieldFilter
  ) {}

  static async load(
    connection: DuckDBConnection,
    options: FieldCatalogOptions = {}
  ): Promise<FieldCatalog> {
    const catalog = new FieldCatalog(
      connection,
      options.mappedFields ?? ecsFieldTypes(),
      options.indexes ?? EVERY_FIELD
    );
    await catalog.reload();
    await catalog.addMissingTokenColumns();
    return catalog;
  }

  /** Reads the catalog again from the store (after a failed write); left as it was if the store cannot be read. */
  async reload(): Promise<void> {
    const layout = await eventsTableLayout(this.connection);
    const budget = new ColumnBudget(await storeBlockBytes(this.connection));
    const unindexedRows = await queryRows(
      this.connection,
      `SELECT field, value_type, es_type, source_field FROM ${UNINDEXED_FIELDS_TABLE}`
    );
    const rows = await queryRows(
      this.connection,
      `SELECT field, column_name, value_type, es_type, is_list, has_tokens, source_field FROM ${FIELDS_TABLE} ORDER BY CAST(substr(column_name, 3) AS INTEGER)`
    );
    this.byField.clear();
    this.unindexed.clear();
    this.objectPaths.clear();
    this.ordered = [];
    this.searchable = [];
    this.layout = layout;
    this.budget = budget;
    this.budget.charge(BOOKKEEPING_COLUMNS);
    for (const row of unindexedRows) this.rememberUnindexed(unindexedField(row));
    for (const row of rows) {
      const column = storedColumn(row);
      this.budget.charge(
        this.chargeOf(
          column.field,
          column.valueType,
          column.isList,
          column.tokenColumn !== undefined
        )
      );
      this.remember(column);
    }
  }

  column(field: string): StoredColumn | undefined {
    return this.unindexed.has(field) ? undefined : this.byField.get(field);
  }

  columns(): readonly StoredColumn[] {
    return this.searchable;
  }

  /** The type a field was stored with, whether or not it has a column. */
  esTypeOf(field: string): string | undefined {
    return this.unindexed.get(field)?.esType ?? this.byField.get(field)?.esType;
  }

  /** Every stored field's type and every object path, as data (for preparation in worker threads). */
  knownFields(): {
    readonly types: Array<readonly [string, string]>;
    readonly objectPaths: string[];
  } {
    const types = new Map<string, string>();
    for (const [field, column] of this.byField) types.set(field, column.esType);
    for (const [field, unindexed] of this.unindexed) types.set(field, unindexed.esType);
    return { types: [...types], objectPaths: [...this.objectPaths] };
  }

  /** Fields kept in `_source` only: beyond the column budget. */
  unindexedFields(): readonly UnindexedField[] {
    return [...this.unindexed.values()];
  }

  /** Bytes the table's columns pin while rows are appended to a row group not yet checkpointed. */
  get pinnedColumnBytes(): number {
    return this.budget.pinnedBytes;
  }

  /** Every column of `events` in table order, bookkeeping and token columns included. */
  tableLayout(): readonly string[] {
    return this.layout;
  }

  /** True when some stored field lives below `path` (so `path` is an object, not a value). */
  isObjectPath(path: string): boolean {
    return this.objectPaths.has(path);
  }

  /** True when ensure(requirements) would change the catalog (a new field, or a scalar widened to a list). */
  wouldChange(requirements: Iterable<ColumnRequirement>): boolean {
    for (const requirement of requirements) {
      if (
        !this.unindexed.has(requirement.field) &&
        needsChange(requirement, this.byField.get(requirement.field))
      )
        return true;
    }
    return false;
  }

  /**
   * Adds missing columns and widens scalar columns to lists, within the column budget; a field
   * beyond it is recorded as unindexed. All in one transaction: a failure changes nothing.
   * Returns true when the catalog changed.
   */
  async ensure(requirements: Iterable<ColumnRequirement>): Promise<boolean> {
    const changes = this.plan(requirements);
    if (changes.length === 0) return false;
    await this.inTransaction(async () => {
      for (const change of changes) await this.write(change);
    });
    for (const change of changes) this.apply(change);
    return true;
  }

  private plan(requirements: Iterable<ColumnRequirement>): CatalogChange[] {
    const budget = this.budget.copy();
    const changes: CatalogChange[] = [];
    // Only new columns take a number: widened and unindexed fields in the same batch must not skip one.
    let nextColumnNumber = this.ordered.length + 1;
    for (const requirement of requirements) {
      const existing = this.byField.get(requirement.field);
      if (this.unindexed.has(requirement.field) || !needsChange(requirement, existing)) continue;
      const change =
        existing === undefined
          ? this.newField(requirement, budget, nextColumnNumber)
          : this.widening(existing, budget);
      if (change.kind === 'column') nextColumnNumber += 1;
      if (change.kind !== 'unindexed') budget.charge(change.charge);
      changes.push(change);
    }
    return changes;
  }

  private newField(
    requirement: ColumnRequirement,
    budget: ColumnBudget,
    columnNumber: number
  ): CatalogChange {
    const tokens = needsTokens(requirement.esType);
    const charge = this.chargeOf(
      requirement.field,
      requirement.valueType,
      requirement.isList,
      tokens
    );
    if (!this.indexes(requirement.field) || !budget.fitsNewField(charge))
      return { kind: 'unindexed', field: unindexedFieldOf(requirement) };
    const name = `${COLUMN_PREFIX}${columnNumber}`;
    const column: StoredColumn = {
      field: requirement.field,
      column: name,
      valueType: requirement.valueType,
      esType: requirement.esType,
      isList: requirement.isList,
      ...(tokens ? { tokenColumn: `${name}${TOKENS_SUFFIX}` } : {}),
      ...(requirement.sourceField === undefined ? {} : { sourceField: requirement.sourceField }),
    };
    return { kind: 'column', column, charge };
  }

  /** A scalar column meeting several values becomes a list, or, beyond the budget, the field is unindexed. */
  private widening(column: StoredColumn, budget: ColumnBudget): CatalogChange {
    if (!budget.fitsWidening()) return { kind: 'unindexed', field: unindexedFieldOf(column) };
    const parts = LIST_COLUMN_PARTS - columnParts(columnSqlType(column.valueType, false));
    return {
      kind: 'widen',
      column,
      charge: { parts, unmapped: this.mappedFields.get(column.field) === undefined },
    };
  }

  private chargeOf(
    field: string,
    valueType: SqlValueType,
    isList: boolean,
    hasTokens: boolean
  ): ColumnCharge {
    const tokenParts = hasTokens ? LIST_COLUMN_PARTS : 0;
    return {
      parts: columnParts(columnSqlType(valueType, isList)) + tokenParts,
      unmapped: this.mappedFields.get(field) === undefined,
    };
  }

  private async write(change: CatalogChange): Promise<void> {
    switch (change.kind) {
      case 'column': {
        const { column } = change;
        await this.connection.run(
          `ALTER TABLE ${EVENTS_TABLE} ADD COLUMN ${column.column} ${columnSqlType(column.valueType, column.isList)}`
        );
        if (column.tokenColumn !== undefined)
          await this.connection.run(
            `ALTER TABLE ${EVENTS_TABLE} ADD COLUMN ${column.tokenColumn} VARCHAR[]`
          );
        await this.connection.run(
          `INSERT INTO ${FIELDS_TABLE} (field, column_name, value_type, es_type, is_list, has_tokens, source_field) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [
            column.field,
            column.column,
            column.valueType,
            column.esType,
            column.isList,
            column.tokenColumn !== undefined,
            column.sourceField ?? null,
          ]
        );
        return;
      }
      case 'widen': {
        const name = change.column.column;
        await this.connection.run(
          `ALTER TABLE ${EVENTS_TABLE} ALTER ${name} SET DATA TYPE ${columnSqlType(change.column.valueType, true)} USING CASE WHEN ${name} IS NULL THEN NULL ELSE [${name}] END`
        );
        await this.connection.run(`UPDATE ${FIELDS_TABLE} SET is_list = true WHERE field = ?`, [
          change.column.field,
        ]);
        return;
      }
      case 'unindexed': {
        const { field } = change;
        await this.connection.run(
          `INSERT INTO ${UNINDEXED_FIELDS_TABLE} (field, value_type, es_type, source_field) VALUES (?, ?, ?, ?)`,
          [field.field, field.valueType, field.esType, field.sourceField ?? null]
        );
        return;
      }
    }
  }

  /** The in-memory catalog follows a change once it is committed. */
  private apply(change: CatalogChange): void {
    switch (change.kind) {
      case 'column': {
        const { column } = change;
        this.layout = [
          ...this.layout,
          column.column,
          ...(column.tokenColumn === undefined ? [] : [column.tokenColumn]),
        ];
        this.budget.charge(change.charge);
        this.remember(column);
        return;
      }
      case 'widen':
        this.budget.charge(change.charge);
        this.remember({ ...change.column, isList: true });
        return;
      case 'unindexed':
        this.rememberUnindexed(change.field);
        return;
    }
  }

  private async inTransaction(body: () => Promise<void>): Promise<void> {
    await this.connection.run('BEGIN TRANSACTION');
    try {
      await body();
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /**
   * Stores written before text fields had token columns: add and backfill them (run at load,
   * before anything else uses the connection). The catalog row is marked only once the column is
   * complete, so an interrupted migration is simply redone at the next open.
   */
  private async addMissingTokenColumns(): Promise<void> {
    const missing = this.ordered.filter(
      (column) => needsTokens(column.esType) && column.tokenColumn === undefined
    );
    if (missing.length === 0) return;
    for (const column of missing) {
      const tokenColumn = `${column.column}${TOKENS_SUFFIX}`;
      await backfillTokenColumn(this.connection, column, tokenColumn);
      await this.connection.run(`UPDATE ${FIELDS_TABLE} SET has_tokens = true WHERE field = ?`, [
        column.field,
      ]);
      this.remember({ ...column, tokenColumn });
    }
    // Token columns were added at the end of the table (and leftovers of an earlier attempt dropped).
    await this.reload();
  }

  private remember(column: StoredColumn): void {
    const isNew = !this.byField.has(column.field);
    this.byField.set(column.field, column);
    this.ordered = isNew
      ? [...this.ordered, column]
      : this.ordered.map((c) => (c.field === column.field ? column : c));
    this.searchable = this.ordered.filter((c) => !this.unindexed.has(c.field));
    this.rememberObjectPaths(column);
  }

  private rememberUnindexed(field: UnindexedField): void {
    this.unindexed.set(field.field, field);
    this.searchable = this.ordered.filter((c) => !this.unindexed.has(c.field));
    this.rememberObjectPaths(field);
  }

  private rememberObjectPaths(field: {
    readonly field: string;
    readonly sourceField?: string;
  }): void {
    // A multi-field sits below its parent's name, yet the parent is a value, not an object.
    const parts = (field.sourceField ?? field.field).split('.');
    for (let i = 1; i < parts.length; i++) this.objectPaths.add(parts.slice(0, i).join('.'));
  }
}

/**
 * The mapping the stored events were indexed with, as the KQL compilers want it: the declared
 * field types (ECS) and, for fields they do not declare, the type ingest chose dynamically.
 */
export const indexedFieldTypes = (catalog: FieldCatalog, declared: FieldTypeMap): FieldTypeMap => {
  // The catalog replaces its column list whenever a column changes, so the list stands for the
  // catalog's state: the same map object comes back until then, and what is derived from it
  // (the KQL compiler's field resolver) is kept with it.
  const columns = catalog.columns();
  const byDeclared = indexedFieldTypesCache.get(columns) ?? new WeakMap();
  indexedFieldTypesCache.set(columns, byDeclared);
  const cached = byDeclared.get(declared);
  if (cached !== undefined) return cached;
  const fieldTypes = createFieldTypeMap(
    columns
      .filter((column) => declared.get(column.field) === undefined)
      .map((column) => ({ name: column.field, type: column.esType as EsFieldType })),
    declared
  );
  byDeclared.set(declared, fieldTypes);
  return fieldTypes;
};

const indexedFieldTypesCache = new WeakMap<
  readonly StoredColumn[],
  WeakMap<FieldTypeMap, FieldTypeMap>
>();
