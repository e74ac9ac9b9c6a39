/**
 * Nested queries (`path:{ … }`, which exception entries of type `nested` become) on the embedded
 * store. A row keeps one column per leaf field, so the values of one nested object cannot be told
 * from those of its siblings in SQL. The events holding any field below the path are read and
 * the in-process matcher — the reference semantics, which answers what Elasticsearch's nested
 * query answers — decides which of them match; the query then selects those events by `_seq`.
 * Only events with a value below the path are read, so the cost follows how many events carry
 * the nested field, not the store's size. (An event whose objects there hold no indexed value at
 * all is not read: a nested query that only negates, `path:{ not f: x }`, misses it, where
 * Elasticsearch would match its empty nested documents.)
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FieldTypeMap } from '../../../common/ecs/field_types';
import type { KqlNested, KqlNode } from '../../../common/kql/ast';
import { KqlCompileError } from '../../../common/kql/kql_compile_error';
import { createMatcher } from '../../../common/kql/matcher';
import { existsSql } from './kql_to_sql';
import type { SqlFragment, SqlSchema } from './sql_schema';
import { EVENTS_TABLE } from './schema';
import { queryRows, STRING_LIST_RELATION, stringListParam } from './sql_values';
import { storedText } from '../stored_text';

/** The nested nodes of a query, outermost first (a nested node's own query is the matcher's). */
export const nestedNodesOf = (node: KqlNode): KqlNested[] => {
  switch (node.type) {
    case 'nested':
      return [node];
    case 'and':
    case 'or':
      return node.children.flatMap(nestedNodesOf);
    case 'not':
      return nestedNodesOf(node.child);
    default:
      return [];
  }
};

const pathOf = (node: KqlNested): string => {
  if (node.path.kind !== 'literal' || typeof node.path.value !== 'string')
    throw new KqlCompileError('a nested query needs a field path, not a pattern');
  return node.path.value;
};

/** SQL true for a row with any indexed value below `path`. */
const holdsPathSql = (schema: SqlSchema, path: string): string | undefined => {
  const below = schema.columns().filter((column) => column.field.startsWith(`${path}.`));
  if (below.length === 0) return undefined;
  return below.map((column) => existsSql(column).sql).join(' OR ');
};

/**
 * A predicate selecting the events `node` matches, by `_seq`. Throws `KqlCompileError` where
 * Elasticsearch would refuse the query (the matcher's own checks).
 */
export const nestedMatchSql = async (
  connection: DuckDBConnection,
  schema: SqlSchema,
  fields: FieldTypeMap,
  node: KqlNested
): Promise<SqlFragment> => {
  const matches = createMatcher(node, fields);
  const holds = holdsPathSql(schema, pathOf(node));
  const rows =
    holds === undefined
      ? []
      : await queryRows(
          connection,
          `SELECT e._seq, e._source FROM ${EVENTS_TABLE} e WHERE ${holds}`
        );
  const seqs = rows
    .filter((row) => matches(JSON.parse(storedText(row._source)) as Record<string, unknown>))
    .map((row) => String(row._seq));
  return {
    sql: `CAST(_seq AS VARCHAR) IN ${STRING_LIST_RELATION}`,
    params: [stringListParam(seqs)],
  };
};
