/**
 * KQL → a DuckDB WHERE predicate over the embedded store's event table, selecting exactly the
 * events `createMatcher` (the reference semantics) matches.
 *
 * ## Table layout (the store builds exactly this)
 * - One row per event. One column per leaf field, named by the store (`SqlColumn.column`, matching
 *   /^[a-z_][a-z0-9_]*$/); the query's field names are only looked up in the schema.
 * - Column types by `valueType`: `string` VARCHAR (keyword, constant_keyword, wildcard, text,
 *   match_only_text, and ip in canonical form), `boolean` BOOLEAN, `number` DOUBLE (every numeric
 *   type), `date` BIGINT epoch milliseconds. `isList` columns are LISTs of those (`VARCHAR[]`, …).
 * - Values are exactly `indexValue(raw, spec)` from `value_coercion.ts` for each raw value that
 *   `flattenDocument` (document_fields.ts) finds: already coerced to the column type, with
 *   unindexable values (ignore_above-long keywords, unparsable numbers/dates/booleans, objects)
 *   dropped. Lists contain no NULL elements. NULL (or an empty list) = the field is absent.
 * - Unmapped fields get a column typed by dynamic mapping (`dynamicEsType` of the first value:
 *   keyword / double / boolean), `dynamic: true`, later values coerced to that type.
 * - Text fields (text, match_only_text) also need `tokenColumn`: a `VARCHAR[]` with one element
 *   per indexed value, `encodeAnalyzedText(value)` (tokens of the standard-analyzer approximation,
 *   each followed by U+0001 and the whole prefixed by U+0001). A phrase is then a substring test.
 * - Mapped multi-fields (`process.command_line.text`) are columns of their own, filled from the
 *   parent field's raw values, if the store wants them searchable.
 * - `nested` fields are not represented: a nested query is a `KqlCompileError`.
 *
 * ## SQL produced
 * Every predicate is TRUE or FALSE, never NULL (`coalesce(…, false)`), so `NOT` is `must_not`.
 * Every user value is a `?` parameter (LIKE patterns and their escape character included), so the
 * SQL text depends only on the query's shape and the schema, never on its values.
 */
import type { KqlExists, KqlIs, KqlNode, KqlRange, KqlValue, KqlWildcard } from './ast';
import { KqlCompileError } from './errors';
import { formatIpKey } from './ip_values';
import {
  checkWildcardType,
  isMatchAnyWildcard,
  prepareRangeBound,
  prepareTerm,
} from './query_values';
import type { QueryValueOptions, RangeBound, TermMatch, ValueContext } from './query_values';
import type { SqlColumn, SqlFragment, SqlParam, SqlSchema } from './sql_schema';
import { encodeTokenSequence } from './text_analysis';
import { valueKindOf } from './value_coercion';

export type KqlToSqlOptions = QueryValueOptions;

const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const LIKE_ESCAPE = '\\';
const FALSE: SqlFragment = { sql: 'FALSE', params: [] };
const TRUE: SqlFragment = { sql: 'TRUE', params: [] };
/** Lambda parameter name; lambdas shadow columns, so it cannot clash with a store column. */
const ELEMENT = 'elem';
const SQL_OPERATORS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
/** Every token of a text column, one list: U+0001-separated sequences split back into tokens. */
const tokensOf = (tokenColumn: string): string =>
  `flatten(list_transform(${tokenColumn}, lambda seq: string_split(seq, chr(1))))`;

interface Compiler {
  readonly schema: SqlSchema;
  readonly options: KqlToSqlOptions;
}

function fragment(sql: string, params: readonly SqlParam[] = []): SqlFragment {
  return { sql, params };
}

function identifier(name: string | undefined, field: string): string {
  if (name === undefined || !SAFE_IDENTIFIER.test(name)) {
    throw new KqlCompileError(`the store's column for "${field}" has no safe SQL identifier`);
  }
  return name;
}

function join(parts: readonly SqlFragment[], operator: 'AND' | 'OR', empty: SqlFragment): SqlFragment {
  if (parts.length === 0) return empty;
  if (parts.length === 1 && parts[0]) return parts[0];
  return fragment(
    parts.map((part) => `(${part.sql})`).join(` ${operator} `),
    parts.flatMap((part) => part.params)
  );
}

/** `body` (written for one element) holds for the column's value, or any element of a list. */
function anyElement(column: SqlColumn, body: (ref: string) => string, params: readonly SqlParam[]): SqlFragment {
  const col = identifier(column.column, column.field);
  if (column.isList) return fragment(`coalesce(len(list_filter(${col}, lambda ${ELEMENT}: ${body(ELEMENT)})) > 0, false)`, params);
  return fragment(`coalesce(${body(col)}, false)`, params);
}

function tokenColumnOf(column: SqlColumn): string {
  if (column.tokenColumn === undefined) {
    throw new KqlCompileError(`text field "${column.field}" has no token column in the store`);
  }
  return identifier(column.tokenColumn, column.field);
}

function existsSql(column: SqlColumn): SqlFragment {
  const col = identifier(column.column, column.field);
  return fragment(column.isList ? `coalesce(len(${col}) > 0, false)` : `(${col} IS NOT NULL)`);
}

function equalsSql(column: SqlColumn, value: SqlParam): SqlFragment {
  const col = identifier(column.column, column.field);
  if (column.isList) return fragment(`coalesce(list_contains(${col}, ?), false)`, [value]);
  return fragment(`coalesce(${col} = ?, false)`, [value]);
}

function textTermSql(column: SqlColumn, term: { tokens: readonly string[]; phrase: boolean }): SqlFragment {
  const tokens = tokenColumnOf(column);
  const sequence = encodeTokenSequence(term.tokens);
  if (term.phrase) {
    return fragment(`coalesce(len(list_filter(${tokens}, lambda seq: contains(seq, ?))) > 0, false)`, [sequence]);
  }
  // Any query token among the field's tokens (match's default OR); empty split pieces never match
  // because the field side drops them.
  return fragment(
    `coalesce(list_has_any(list_filter(${tokensOf(tokens)}, lambda tok: length(tok) > 0), string_split(?, chr(1))), false)`,
    [sequence]
  );
}

function termSql(column: SqlColumn, term: TermMatch, ctx: ValueContext): SqlFragment {
  switch (term.kind) {
    case 'keyword':
    case 'boolean':
    case 'number':
      return equalsSql(column, term.value);
    case 'date':
      return anyElement(column, (ref) => `${ref} BETWEEN ? AND ?`, [term.lower, term.upper]);
    case 'ip':
      if (term.lower === term.upper) return equalsSql(column, formatIpKey(term.lower));
      return unsupported(ctx, 'CIDR blocks are not supported by the embedded store');
    case 'text':
      return textTermSql(column, term);
    default:
      return FALSE;
  }
}

function unsupported(ctx: ValueContext, message: string): SqlFragment {
  if (ctx.lenient) return FALSE;
  throw new KqlCompileError(`${message} (field "${ctx.field}")`);
}

/** A LIKE pattern matching the wildcard's literal segments exactly. */
export function wildcardLikePattern(wildcard: KqlWildcard, lowercase: boolean): string {
  return wildcard.segments
    .map((segment) => (lowercase ? segment.toLowerCase() : segment).replace(/[\\%_]/g, (ch) => LIKE_ESCAPE + ch))
    .join('%');
}

function wildcardSql(column: SqlColumn, wildcard: KqlWildcard, ctx: ValueContext): SqlFragment {
  if (isMatchAnyWildcard(wildcard)) return existsSql(column);
  if (!checkWildcardType(column.esType, ctx)) return FALSE;
  if (valueKindOf(column.esType) === 'text') {
    const pattern = wildcardLikePattern(wildcard, true);
    return fragment(
      `coalesce(len(list_filter(${tokensOf(tokenColumnOf(column))}, lambda tok: like_escape(tok, ?, ?))) > 0, false)`,
      [pattern, LIKE_ESCAPE]
    );
  }
  return anyElement(column, (ref) => `like_escape(${ref}, ?, ?)`, [wildcardLikePattern(wildcard, false), LIKE_ESCAPE]);
}

function valueContext(column: SqlColumn, lenient: boolean, useTimeZone: boolean, compiler: Compiler): ValueContext {
  return { field: column.field, lenient: lenient || column.dynamic === true, useTimeZone, options: compiler.options };
}

function isSql(value: KqlValue, column: SqlColumn, ctx: ValueContext): SqlFragment {
  if (value.kind === 'wildcard') return wildcardSql(column, value, ctx);
  return termSql(column, prepareTerm(value, column.esType, ctx), ctx);
}

function rangeSql(node: KqlRange, column: SqlColumn, ctx: ValueContext): SqlFragment {
  const bound: RangeBound = prepareRangeBound(node.value, node.operator, column.esType, ctx);
  const operator = SQL_OPERATORS[node.operator];
  switch (bound.kind) {
    case 'none':
      return FALSE;
    case 'ip':
      return unsupported(ctx, 'ranges on ip fields are not supported by the embedded store');
    case 'text':
      return fragment(
        `coalesce(len(list_filter(${tokensOf(tokenColumnOf(column))}, lambda tok: length(tok) > 0 AND tok ${operator} ?)) > 0, false)`,
        [bound.value]
      );
    default:
      return anyElement(column, (ref) => `${ref} ${operator} ?`, [bound.value]);
  }
}

function fieldPatternRegExp(pattern: KqlWildcard): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^${pattern.segments.map(escape).join('.*')}$`, 's');
}

function fieldName(value: KqlValue): string {
  if (value.kind === 'wildcard') return value.segments.join('*');
  return value.value === null ? 'null' : String(value.value);
}

/** The columns a field names: one (or none) for a literal, every match for a pattern (lenient). */
function columnsFor(field: KqlValue, compiler: Compiler): { columns: readonly SqlColumn[]; lenient: boolean } {
  if (field.kind === 'wildcard') {
    const regexp = fieldPatternRegExp(field);
    return { columns: compiler.schema.columns().filter((column) => regexp.test(column.field)), lenient: true };
  }
  const column = compiler.schema.column(fieldName(field));
  return { columns: column ? [column] : [], lenient: false };
}

function compileIs(node: KqlIs, compiler: Compiler): SqlFragment {
  if (node.field === null) {
    const parts = compiler.schema.columns().map((column) => isSql(node.value, column, valueContext(column, true, false, compiler)));
    return join(parts.filter((part) => part !== FALSE), 'OR', FALSE);
  }
  const { columns, lenient } = columnsFor(node.field, compiler);
  const parts = columns.map((column) => isSql(node.value, column, valueContext(column, lenient, true, compiler)));
  return join(parts.filter((part) => part !== FALSE), 'OR', FALSE);
}

function compileRange(node: KqlRange, compiler: Compiler): SqlFragment {
  const { columns, lenient } = columnsFor(node.field, compiler);
  const parts = columns.map((column) => rangeSql(node, column, valueContext(column, lenient, true, compiler)));
  return join(parts.filter((part) => part !== FALSE), 'OR', FALSE);
}

function compileExists(node: KqlExists, compiler: Compiler): SqlFragment {
  const { columns } = columnsFor(node.field, compiler);
  if (columns.length > 0 || node.field.kind === 'wildcard') return join(columns.map(existsSql), 'OR', FALSE);
  // An object path: Elasticsearch's exists matches when any sub-field exists.
  const prefix = `${fieldName(node.field)}.`;
  const children = compiler.schema.columns().filter((column) => column.field.startsWith(prefix));
  return join(children.map(existsSql), 'OR', FALSE);
}

function compileNode(node: KqlNode, compiler: Compiler): SqlFragment {
  switch (node.type) {
    case 'match_all':
      return TRUE;
    case 'and':
      return join(node.children.map((child) => compileNode(child, compiler)), 'AND', TRUE);
    case 'or':
      return join(node.children.map((child) => compileNode(child, compiler)), 'OR', FALSE);
    case 'not': {
      const child = compileNode(node.child, compiler);
      return fragment(`NOT (${child.sql})`, child.params);
    }
    case 'is':
      return compileIs(node, compiler);
    case 'exists':
      return compileExists(node, compiler);
    case 'range':
      return compileRange(node, compiler);
    case 'nested':
      throw new KqlCompileError('nested queries are not supported by the embedded store');
    default:
      return FALSE;
  }
}

/**
 * Compiles a KQL tree into a WHERE predicate over the layout described above. Throws
 * `KqlCompileError` for queries Elasticsearch would reject and for nested queries.
 */
export function compileKqlToSql(ast: KqlNode, schema: SqlSchema, options: KqlToSqlOptions = {}): SqlFragment {
  return compileNode(ast, { schema, options });
}
