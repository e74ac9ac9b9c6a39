/**
 * The fields DuckDB's own NDJSON reader extracts for the floors (floor_sql.ts, scan_floor_sql.ts):
 * those the prebuilt rules and the alerts UI read, as the generator nests them (ECS objects), with
 * their JSON types, the flat column each becomes and the schema the project's KQL compiler needs to
 * target those columns.
 */
import type { SqlColumn, SqlSchema } from '../../server/stores/duckdb/sql_schema';

export type FloorFieldKind = 'keyword' | 'boolean' | 'date';

export interface FloorField {
  /** The dotted ECS name, e.g. `process.parent.executable`. */
  readonly field: string;
  readonly kind: FloorFieldKind;
  /** A JSON array in the generated events (`event.category`, `process.args`). */
  readonly isList: boolean;
}

/**
 * The rules' query, new terms and timestamp fields, what the alerts table shows, and the
 * `data_stream` triple the store derives each event's index from (both rules search one pattern).
 */
export const FLOOR_FIELDS: readonly FloorField[] = [
  { field: '@timestamp', kind: 'date', isList: false },
  { field: 'event.ingested', kind: 'date', isList: false },
  { field: 'event.category', kind: 'keyword', isList: true },
  { field: 'event.type', kind: 'keyword', isList: true },
  { field: 'event.action', kind: 'keyword', isList: false },
  { field: 'process.name', kind: 'keyword', isList: false },
  { field: 'process.executable', kind: 'keyword', isList: false },
  { field: 'process.args', kind: 'keyword', isList: true },
  { field: 'process.parent.executable', kind: 'keyword', isList: false },
  { field: 'process.interactive', kind: 'boolean', isList: false },
  { field: 'process.entry_leader.entry_meta.type', kind: 'keyword', isList: false },
  { field: 'host.name', kind: 'keyword', isList: false },
  { field: 'host.id', kind: 'keyword', isList: false },
  { field: 'host.os.type', kind: 'keyword', isList: false },
  { field: 'container.id', kind: 'keyword', isList: false },
  { field: 'container.image.name', kind: 'keyword', isList: false },
  { field: 'user.name', kind: 'keyword', isList: false },
  { field: 'data_stream.type', kind: 'keyword', isList: false },
  { field: 'data_stream.dataset', kind: 'keyword', isList: false },
  { field: 'data_stream.namespace', kind: 'keyword', isList: false },
];

const SCALAR_SQL_TYPES: Readonly<Record<FloorFieldKind, string>> = {
  keyword: 'VARCHAR',
  boolean: 'BOOLEAN',
  // The reader parses the ISO 8601 text, as the store parses every date it indexes.
  date: 'TIMESTAMP',
};

/** DuckDB's type for the field as the reader extracts it (`VARCHAR[]` for lists). */
export const readerType = (field: FloorField): string =>
  `${SCALAR_SQL_TYPES[field.kind]}${field.isList ? '[]' : ''}`;

const SAFE_KEY = /^[@a-z_][a-z0-9_]*$/;

/** `"process"."parent"."executable"`: the field's path through the reader's nested structs. */
export const structPath = (field: string, root?: string): string => {
  const keys = field.split('.');
  for (const key of keys)
    if (!SAFE_KEY.test(key)) throw new Error(`unexpected key "${key}" in floor field ${field}`);
  return [...(root === undefined ? [] : [root]), ...keys.map((key) => `"${key}"`)].join('.');
};

/** The flat column a field becomes: `process.parent.executable` → `process_parent_executable`. */
export const columnName = (field: string): string => field.replace(/^@/, 'at_').replace(/\./g, '_');

/** Nested object of the fields' keys, leaves holding the field: the shape of the JSON documents. */
interface FieldTree {
  readonly [key: string]: FieldTree | FloorField;
}

const isLeaf = (node: FieldTree | FloorField): node is FloorField => 'kind' in node;

const treeOf = (fields: readonly FloorField[]): FieldTree => {
  const root: Record<string, FieldTree | FloorField> = {};
  for (const field of fields) {
    const keys = field.field.split('.');
    let node = root;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) node[key] = field;
      else node = (node[key] ??= {}) as Record<string, FieldTree | FloorField>;
    });
  }
  return root;
};

const structType = (tree: FieldTree): string =>
  `STRUCT(${Object.entries(tree)
    .map(([key, node]) => `"${key}" ${isLeaf(node) ? readerType(node) : structType(node)}`)
    .join(', ')})`;

/**
 * The `columns = {…}` argument of `read_ndjson`: one top-level key per object, typed as a
 * STRUCT of the keys below it, so the reader extracts only these fields.
 */
export const readerColumnsSql = (fields: readonly FloorField[] = FLOOR_FIELDS): string =>
  `{${Object.entries(treeOf(fields))
    .map(([key, node]) => `'${key}': '${isLeaf(node) ? readerType(node) : structType(node)}'`)
    .join(', ')}}`;

const jsonType = (tree: FieldTree): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(tree).map(([key, node]) => [
      key,
      isLeaf(node)
        ? node.isList
          ? [SCALAR_SQL_TYPES[node.kind]]
          : SCALAR_SQL_TYPES[node.kind]
        : jsonType(node),
    ])
  );

/** The structure `from_json(line, …)` extracts: the same fields and types as readerColumnsSql. */
export const jsonStructure = (fields: readonly FloorField[] = FLOOR_FIELDS): string =>
  JSON.stringify(jsonType(treeOf(fields)));

const SQL_VALUE_TYPES: Readonly<Record<FloorFieldKind, SqlColumn['valueType']>> = {
  keyword: 'string',
  boolean: 'boolean',
  date: 'date',
};

/**
 * The flat columns as the KQL compiler sees them (sql_schema.ts): dates as epoch milliseconds,
 * every keyword an exact-match keyword, as the store indexes these ECS fields.
 */
export const floorSchema = (fields: readonly FloorField[] = FLOOR_FIELDS): SqlSchema => {
  const columns: SqlColumn[] = fields.map((field) => ({
    field: field.field,
    column: columnName(field.field),
    valueType: SQL_VALUE_TYPES[field.kind],
    esType: field.kind,
    isList: field.isList,
  }));
  const byField = new Map(columns.map((column) => [column.field, column]));
  return { column: (field) => byField.get(field), columns: () => columns };
};
