/**
 * Test-only: builds the embedded store's table layout (see `kql_to_sql.ts`) in an in-memory DuckDB
 * from documents, with `document_fields` + `value_coercion`, and runs compiled predicates on it.
 * It is the reference for what the real store's ingest must do: fields under a nested mapping are
 * columns like any other, keys below a flattened field are keyword columns coerced with the
 * flattened field's leaf spec, unmapped strings over the dynamic ignore_above are dropped.
 */
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBInstance,
  INTEGER,
  LIST,
  VARCHAR,
  listValue,
} from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { FieldSpec, FieldTypeMap } from '../../../../common/ecs/field_types';
import { flattenDocument } from '../../../../common/es/document_fields';
import { buildFieldCatalog, isLeafSpec } from '../../../../common/kql/field_catalog';
import { createFieldResolver } from '../../../../common/kql/field_resolution';
import type { SqlColumn, SqlFragment, SqlSchema, SqlValueType } from '../sql_schema';
import { encodeAnalyzedText } from '../../../../common/es/text_analysis';
import {
  dynamicEsType,
  indexValueAs,
  indexedValueTypeOf,
  valueKindOf,
} from '../../../../common/es/value_coercion';
import type { IndexedValue } from '../../../../common/es/value_coercion';

const SQL_TYPES: Readonly<Record<SqlValueType, { name: string; type: DuckDBType }>> = {
  string: { name: 'VARCHAR', type: VARCHAR },
  boolean: { name: 'BOOLEAN', type: BOOLEAN },
  number: { name: 'DOUBLE', type: DOUBLE },
  date: { name: 'BIGINT', type: BIGINT },
};

interface ColumnPlan {
  readonly column: SqlColumn;
  readonly source: string;
  readonly spec: FieldSpec | undefined;
}

export interface LoadedStore {
  readonly schema: SqlSchema;
  /** Ids (document indexes) the predicate selects, ascending. */
  select(predicate: SqlFragment): Promise<number[]>;
  close(): void;
}

function planColumns(
  docs: ReadonlyArray<Map<string, unknown[]>>,
  fields: FieldTypeMap
): ColumnPlan[] {
  const catalog = buildFieldCatalog(fields);
  const plans: ColumnPlan[] = [];
  const seen = new Set<string>();
  const add = (
    field: string,
    source: string,
    spec: FieldSpec | undefined,
    esType: string,
    dynamic: boolean
  ) => {
    const valueType = indexedValueTypeOf(esType);
    if (seen.has(field) || valueType === undefined) return;
    seen.add(field);
    const isList = spec?.array === true || docs.some((doc) => (doc.get(source)?.length ?? 0) > 1);
    const name = `f_${plans.length}`;
    const tokenColumn = valueKindOf(esType) === 'text' ? `${name}_tokens` : undefined;
    plans.push({
      column: { field, column: name, valueType, esType, isList, tokenColumn, dynamic },
      source,
      spec,
    });
  };
  const resolver = createFieldResolver(fields);
  for (const doc of docs) {
    for (const [field, raws] of doc) {
      const found = resolver.resolve(field, undefined, 'document');
      // A key below a flattened field is indexed as a keyword, however its JSON is typed.
      const spec = found.kind === 'keyed' ? found.spec : fields.get(field);
      if (spec && !isLeafSpec(spec)) continue;
      const esType = spec?.type ?? dynamicEsType(raws[0]);
      if (esType === undefined) continue;
      add(field, field, spec, esType, spec === undefined);
      for (const multi of catalog.multiFieldsOf(field)) {
        const multiSpec = fields.get(multi);
        if (multiSpec) add(multi, field, multiSpec, multiSpec.type, false);
      }
    }
  }
  return plans;
}

function columnValues(plan: ColumnPlan, doc: Map<string, unknown[]>): IndexedValue[] {
  const out: IndexedValue[] = [];
  for (const raw of doc.get(plan.source) ?? []) {
    const value = indexValueAs(raw, plan.column.esType, plan.spec);
    if (value !== undefined) out.push(value);
  }
  return out;
}

function toDuck(value: IndexedValue, valueType: SqlValueType): DuckDBValue {
  return valueType === 'date' && typeof value === 'number' ? BigInt(value) : value;
}

function cellsFor(
  plan: ColumnPlan,
  doc: Map<string, unknown[]>
): { values: DuckDBValue[]; types: DuckDBType[] } {
  const { column } = plan;
  const values = columnValues(plan, doc);
  const sqlType = SQL_TYPES[column.valueType].type;
  const cells: DuckDBValue[] = [];
  const types: DuckDBType[] = [];
  if (column.isList) {
    cells.push(
      values.length === 0 ? null : listValue(values.map((v) => toDuck(v, column.valueType)))
    );
    types.push(LIST(sqlType));
  } else {
    const first = values[0];
    cells.push(first === undefined ? null : toDuck(first, column.valueType));
    types.push(sqlType);
  }
  if (column.tokenColumn !== undefined) {
    const sequences = values
      .filter((v): v is string => typeof v === 'string')
      .map(encodeAnalyzedText);
    cells.push(sequences.length === 0 ? null : listValue(sequences));
    types.push(LIST(VARCHAR));
  }
  return { values: cells, types };
}

async function createTable(
  connection: DuckDBConnection,
  plans: readonly ColumnPlan[]
): Promise<void> {
  const definitions = ['id INTEGER'];
  for (const { column } of plans) {
    const typeName = SQL_TYPES[column.valueType].name;
    definitions.push(`${column.column} ${typeName}${column.isList ? '[]' : ''}`);
    if (column.tokenColumn !== undefined) definitions.push(`${column.tokenColumn} VARCHAR[]`);
  }
  await connection.run(`CREATE TABLE events (${definitions.join(', ')})`);
}

export async function loadStore(
  documents: readonly unknown[],
  fields: FieldTypeMap
): Promise<LoadedStore> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const flat = documents.map((doc) => flattenDocument(doc));
  const plans = planColumns(flat, fields);
  await createTable(connection, plans);
  for (let id = 0; id < flat.length; id++) {
    const doc = flat[id] ?? new Map<string, unknown[]>();
    const values: DuckDBValue[] = [id];
    const types: DuckDBType[] = [INTEGER];
    for (const plan of plans) {
      const cells = cellsFor(plan, doc);
      values.push(...cells.values);
      types.push(...cells.types);
    }
    const placeholders = values.map(() => '?').join(', ');
    await connection.run(`INSERT INTO events VALUES (${placeholders})`, values, types);
  }
  const columns = plans.map((plan) => plan.column);
  const byField = new Map(columns.map((column) => [column.field, column]));
  return {
    schema: { column: (field) => byField.get(field), columns: () => columns },
    select: async (predicate) => {
      const reader = await connection.runAndReadAll(
        `SELECT id FROM events WHERE ${predicate.sql} ORDER BY id`,
        [...predicate.params]
      );
      return reader.getRowObjectsJson().map((row) => Number(row.id));
    },
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
