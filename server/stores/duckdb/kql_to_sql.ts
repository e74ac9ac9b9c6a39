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
 *   keyword / double / boolean), `dynamic: true`, later values coerced to that type; strings over
 *   the dynamic template's ignore_above are not indexed (`indexValue` with no spec drops them).
 * - The leaf values below a `flattened` field are columns of their own, one per key
 *   (`process.elf.imports.name`), typed `keyword` and coerced with `flattenedLeafSpec(spec)`. A
 *   query on the flattened field searches all of them.
 * - A `geo_point` can only be tested with `exists`: any column at its path or below it (`lat`/`lon`
 *   of the object form) counts as a value.
 * - Fields under a `nested` mapping are columns like any other (what one field holds across all
 *   nested objects): enough for a nested field reached through a wildcard field name, which Kibana
 *   searches in a nested query of its own.
 * - Text fields (text, match_only_text) also need `tokenColumn`: a `VARCHAR[]` with one element
 *   per indexed value, `encodeAnalyzedText(value)` (tokens of the standard-analyzer approximation,
 *   each followed by U+0001 and the whole prefixed by U+0001). A phrase is then a substring test.
 * - Mapped multi-fields (`process.command_line.text`) are columns of their own, filled from the
 *   parent field's raw values, if the store wants them searchable.
 * - A nested query (`path:{ … }`) is the caller's `nested` predicate (the event source matches
 *   nested objects in process: nested_matches.ts), else a `KqlCompileError`: a row does not keep
 *   the nested objects apart.
 *
 * ## Field names
 * Names resolve as the matcher resolves them (`field_resolution.ts`), against `options.fields`, the
 * mapping the events were indexed with: pass it (the matcher's map) so that nested fields outside
 * their group, flattened fields and wildcard field names behave as in the matcher and Kibana.
 * Without it the compiler knows only the columns, and takes each non-dynamic one for a mapped field
 * of its `esType`.
 *
 * ## SQL produced
 * Every predicate is TRUE or FALSE, never NULL (`coalesce(…, false)`), so `NOT` is `must_not`.
 * Every user value is a `?` parameter (LIKE patterns and their escape character included), so the
 * SQL text depends only on the query's shape and the schema, never on its values.
 */
import type { FieldSpec, FieldTypeMap } from '../../../common/ecs/field_types';
import type {
  KqlExists,
  KqlIs,
  KqlNested,
  KqlNode,
  KqlRange,
  KqlValue,
  KqlWildcard,
} from '../../../common/kql/ast';
import { KqlCompileError } from '../../../common/kql/kql_compile_error';
import {
  assertNoNestingProblems,
  createFieldResolver,
  fieldPatternRegExp,
  isFieldless,
  isSearchable,
  parsesLeniently,
} from '../../../common/kql/field_resolution';
import type {
  FieldOrigin,
  FieldResolver,
  ResolvedField,
} from '../../../common/kql/field_resolution';
import { formatIpKey } from '../../../common/es/ip_values';
import {
  checkWildcardType,
  isLoneWildcard,
  isMatchAnyWildcard,
  prepareRangeBound,
  prepareTerm,
} from '../../../common/kql/query_values';
import type {
  QueryValueOptions,
  RangeBound,
  TermMatch,
  ValueContext,
} from '../../../common/kql/query_values';
import type { SqlColumn, SqlFragment, SqlParam, SqlSchema } from './sql_schema';
import { encodeTokenSequence } from '../../../common/es/text_analysis';
import {
  isIndexableEsType,
  indexedValueTypeOf,
  valueKindOf,
} from '../../../common/es/value_coercion';

export interface KqlToSqlOptions extends QueryValueOptions {
  /**
   * The mapping the store's events were indexed with (the map the matcher is given). Without it
   * the store's columns stand in for it (see "Field names" above).
   */
  readonly fields?: FieldTypeMap;
  /**
   * The predicate for a nested query, computed by the caller (a row keeps no nested objects
   * apart: see nested_matches.ts); without it a nested query is a `KqlCompileError`.
   */
  readonly nested?: (node: KqlNested) => SqlFragment | undefined;
}

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
  readonly resolver: FieldResolver;
}

/** The SQL for one column, its value already coerced (and checked) for the field's type. */
type ColumnSql = (column: SqlColumn) => SqlFragment;

/** What a wildcard field name matches when no mapped field does (as in the matcher). */
type PatternFallback = 'nothing' | 'document fields';

function fragment(sql: string, params: readonly SqlParam[] = []): SqlFragment {
  return { sql, params };
}

function identifier(name: string | undefined, field: string): string {
  if (name === undefined || !SAFE_IDENTIFIER.test(name)) {
    throw new KqlCompileError(`the store's column for "${field}" has no safe SQL identifier`);
  }
  return name;
}

function join(
  parts: readonly SqlFragment[],
  operator: 'AND' | 'OR',
  empty: SqlFragment
): SqlFragment {
  if (parts.length === 0) return empty;
  if (parts.length === 1 && parts[0]) return parts[0];
  return fragment(
    parts.map((part) => `(${part.sql})`).join(` ${operator} `),
    parts.flatMap((part) => part.params)
  );
}

/** Any of the parts; parts that are FALSE are left out. */
function anyOf(parts: readonly SqlFragment[]): SqlFragment {
  return join(
    parts.filter((part) => part !== FALSE),
    'OR',
    FALSE
  );
}

/** `body` (written for one element) holds for the column's value, or any element of a list. */
function anyElement(
  column: SqlColumn,
  body: (ref: string) => string,
  params: readonly SqlParam[]
): SqlFragment {
  const col = identifier(column.column, column.field);
  if (column.isList)
    return fragment(
      `coalesce(len(list_filter(${col}, lambda ${ELEMENT}: ${body(ELEMENT)})) > 0, false)`,
      params
    );
  return fragment(`coalesce(${body(col)}, false)`, params);
}

function tokenColumnOf(column: SqlColumn): string {
  if (column.tokenColumn === undefined) {
    throw new KqlCompileError(`text field "${column.field}" has no token column in the store`);
  }
  return identifier(column.tokenColumn, column.field);
}

/** A column holds a value (a list column, at least one). */
export function existsSql(column: SqlColumn): SqlFragment {
  const col = identifier(column.column, column.field);
  return fragment(column.isList ? `coalesce(len(${col}) > 0, false)` : `(${col} IS NOT NULL)`);
}

function equalsSql(column: SqlColumn, value: SqlParam): SqlFragment {
  const col = identifier(column.column, column.field);
  if (column.isList) return fragment(`coalesce(list_contains(${col}, ?), false)`, [value]);
  return fragment(`coalesce(${col} = ?, false)`, [value]);
}

function textTermSql(
  column: SqlColumn,
  term: { tokens: readonly string[]; phrase: boolean }
): SqlFragment {
  const tokens = tokenColumnOf(column);
  const sequence = encodeTokenSequence(term.tokens);
  if (term.phrase) {
    return fragment(
      `coalesce(len(list_filter(${tokens}, lambda seq: contains(seq, ?))) > 0, false)`,
      [sequence]
    );
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
    .map((segment) =>
      (lowercase ? segment.toLowerCase() : segment).replace(/[\\%_]/g, (ch) => LIKE_ESCAPE + ch)
    )
    .join('%');
}

function wildcardSql(column: SqlColumn, wildcard: KqlWildcard, esType: string): SqlFragment {
  if (valueKindOf(esType) === 'text') {
    const pattern = wildcardLikePattern(wildcard, true);
    return fragment(
      `coalesce(len(list_filter(${tokensOf(tokenColumnOf(column))}, lambda tok: like_escape(tok, ?, ?))) > 0, false)`,
      [pattern, LIKE_ESCAPE]
    );
  }
  return anyElement(column, (ref) => `like_escape(${ref}, ?, ?)`, [
    wildcardLikePattern(wildcard, false),
    LIKE_ESCAPE,
  ]);
}

/** `field:value` for a field of type `esType`: the value is checked here, once, even with no column. */
function isColumnSql(value: KqlValue, esType: string, ctx: ValueContext): ColumnSql {
  if (value.kind === 'wildcard') {
    if (isMatchAnyWildcard(value)) return existsSql;
    if (!checkWildcardType(esType, ctx)) return () => FALSE;
    return (column) => wildcardSql(column, value, esType);
  }
  const term = prepareTerm(value, esType, ctx);
  return (column) => termSql(column, term, ctx);
}

function rangeBoundSql(
  column: SqlColumn,
  bound: RangeBound,
  operator: string,
  ctx: ValueContext
): SqlFragment {
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

function rangeColumnSql(node: KqlRange, esType: string, ctx: ValueContext): ColumnSql {
  const bound = prepareRangeBound(node.value, node.operator, esType, ctx);
  return (column) => rangeBoundSql(column, bound, SQL_OPERATORS[node.operator], ctx);
}

// ---------------------------------------------------------------------------------------------
// Fields → columns

function fieldName(value: KqlValue): string {
  if (value.kind === 'wildcard') return value.segments.join('*');
  return value.value === null ? 'null' : String(value.value);
}

function columnsBelow(path: string, compiler: Compiler): SqlColumn[] {
  const prefix = `${path}.`;
  return compiler.schema.columns().filter((column) => column.field.startsWith(prefix));
}

function ownColumn(field: ResolvedField, compiler: Compiler): SqlColumn[] {
  const column = compiler.schema.column(field.name);
  return column ? [column] : [];
}

/** Every column holding values of the field (a flattened field: its keys' columns). */
function columnsOf(field: ResolvedField, compiler: Compiler): SqlColumn[] {
  switch (field.kind) {
    case 'value':
    case 'keyed':
    case 'dynamic':
      return ownColumn(field, compiler);
    case 'flattened':
      return columnsBelow(field.name, compiler);
    case 'geo_point':
      return [...ownColumn(field, compiler), ...columnsBelow(field.name, compiler)];
    default:
      return [];
  }
}

/** A field with a type (mapped, flattened, keyed): its columns that hold values of that type. */
function typedColumns(field: ResolvedField, esType: string, compiler: Compiler): SqlColumn[] {
  const valueType = indexedValueTypeOf(esType);
  return columnsOf(field, compiler).filter((column) => column.valueType === valueType);
}

function valueContext(
  field: string,
  lenient: boolean,
  useTimeZone: boolean,
  compiler: Compiler
): ValueContext {
  return { field, lenient, useTimeZone, options: compiler.options };
}

/**
 * The SQL for a field: a typed field checks the query value against its type (throwing when
 * Elasticsearch would reject it, columns or not); an unmapped one uses its column's dynamic type.
 */
function fieldSql(
  field: ResolvedField,
  compiler: Compiler,
  columnSqlFor: (esType: string, dynamic: boolean) => ColumnSql
): SqlFragment {
  if (!isSearchable(field)) return FALSE;
  if (field.spec === undefined) {
    return anyOf(
      columnsOf(field, compiler).map((column) => columnSqlFor(column.esType, true)(column))
    );
  }
  const columnSql = columnSqlFor(field.spec.type, false);
  return anyOf(typedColumns(field, field.spec.type, compiler).map(columnSql));
}

function resolveNamed(name: string, compiler: Compiler): ResolvedField {
  const field = compiler.resolver.resolve(name, undefined, 'named');
  assertNoNestingProblems([field]);
  return field;
}

/** The fields a query's field names (literal or pattern) denote, with how each was reached. */
function fieldsFor(
  fieldValue: KqlValue,
  compiler: Compiler,
  fallback: PatternFallback
): Array<[ResolvedField, FieldOrigin]> {
  if (fieldValue.kind === 'literal')
    return [[resolveNamed(fieldName(fieldValue), compiler), 'named']];
  const names = compiler.resolver.expand(fieldValue, '');
  if (names.length > 0) {
    const fields = names.map((name) => compiler.resolver.resolve(name, undefined, 'pattern'));
    assertNoNestingProblems(fields);
    return fields.map((field) => [field, 'pattern']);
  }
  if (fallback === 'nothing') return [];
  // Keys below a flattened field are not index fields: Elasticsearch's own expansion skips them.
  const regexp = fieldPatternRegExp(fieldValue, '');
  return compiler.schema
    .columns()
    .filter((column) => regexp.test(column.field))
    .map((column) => compiler.resolver.resolve(column.field, undefined, 'document'))
    .filter((field) => field.kind !== 'keyed')
    .map((field) => [field, 'document']);
}

/** Field-less value: every column, leniently, with no time zone (`multi_match`). */
function fieldlessSql(value: KqlValue, compiler: Compiler): SqlFragment {
  const parts = compiler.schema.columns().map((column) => {
    const field = compiler.resolver.resolve(column.field, undefined, 'document');
    // A column named after a flattened or geo_point field holds nothing Elasticsearch indexed.
    if (!isSearchable(field) || field.kind === 'flattened' || field.kind === 'geo_point')
      return FALSE;
    const esType = field.spec?.type ?? column.esType;
    if (column.valueType !== indexedValueTypeOf(esType)) return FALSE;
    return isColumnSql(value, esType, valueContext(column.field, true, false, compiler))(column);
  });
  return anyOf(parts);
}

function compileIs(node: KqlIs, compiler: Compiler): SqlFragment {
  if (node.field === null || isFieldless(node.field)) return fieldlessSql(node.value, compiler);
  if (isLoneWildcard(node.value))
    return compileExists({ type: 'exists', field: node.field }, compiler);
  const { value } = node;
  // An exact date is a range query (Kibana), a wildcard value a query_string.
  const isDateRange = value.kind === 'literal';
  const fallback: PatternFallback = value.kind === 'wildcard' ? 'document fields' : 'nothing';
  const parts = fieldsFor(node.field, compiler, fallback).map(([field, origin]) =>
    fieldSql(field, compiler, (esType, dynamic) => {
      const lenient = dynamic || parsesLeniently(field, origin, isDateRange);
      return isColumnSql(value, esType, valueContext(field.name, lenient, true, compiler));
    })
  );
  return anyOf(parts);
}

/** Elasticsearch needs both bounds for a range on a key of a flattened field; KQL gives one. */
function keyedRangeSql(field: ResolvedField, lenient: boolean): SqlFragment {
  if (lenient) return FALSE;
  throw new KqlCompileError(
    `a range on a key of a flattened field needs both bounds, which KQL cannot express (field "${field.name}")`
  );
}

function compileRange(node: KqlRange, compiler: Compiler): SqlFragment {
  const parts = fieldsFor(node.field, compiler, 'nothing').map(([field, origin]) => {
    const lenient = parsesLeniently(field, origin, true);
    if (field.kind === 'keyed') return keyedRangeSql(field, lenient);
    return fieldSql(field, compiler, (esType, dynamic) =>
      rangeColumnSql(node, esType, valueContext(field.name, lenient || dynamic, true, compiler))
    );
  });
  return anyOf(parts);
}

function fieldExistsSql(field: ResolvedField, compiler: Compiler): SqlFragment {
  if (!isSearchable(field)) return FALSE;
  return anyOf(columnsOf(field, compiler).map(existsSql));
}

/** `exists` on an object path: any field below it (geo_points asked directly: lat/lon are no fields). */
function objectExistsSql(name: string, compiler: Compiler): SqlFragment {
  const prefix = `${name}.`;
  const below = columnsBelow(name, compiler).map((column) =>
    fieldExistsSql(compiler.resolver.resolve(column.field, undefined, 'document'), compiler)
  );
  const geoPoints = compiler.resolver.catalog.leafNames
    .filter((leaf) => leaf.startsWith(prefix))
    .map((leaf) => compiler.resolver.resolve(leaf, undefined, 'document'))
    .filter((field) => field.kind === 'geo_point')
    .map((field) => fieldExistsSql(field, compiler));
  return anyOf([...below, ...geoPoints]);
}

function compileExists(node: KqlExists, compiler: Compiler): SqlFragment {
  if (isLoneWildcard(node.field)) return TRUE;
  if (node.field.kind === 'wildcard') {
    return anyOf(
      fieldsFor(node.field, compiler, 'document fields').map(([field]) =>
        fieldExistsSql(field, compiler)
      )
    );
  }
  const name = fieldName(node.field);
  const field = resolveNamed(name, compiler);
  const leaf = fieldExistsSql(field, compiler);
  if (field.kind !== 'object' && field.kind !== 'dynamic') return leaf;
  return anyOf([leaf, objectExistsSql(name, compiler)]);
}

function compileNode(node: KqlNode, compiler: Compiler): SqlFragment {
  switch (node.type) {
    case 'match_all':
      return TRUE;
    case 'and':
      return join(
        node.children.map((child) => compileNode(child, compiler)),
        'AND',
        TRUE
      );
    case 'or':
      return join(
        node.children.map((child) => compileNode(child, compiler)),
        'OR',
        FALSE
      );
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
    case 'nested': {
      const matched = compiler.options.nested?.(node);
      if (matched === undefined)
        throw new KqlCompileError('nested queries are not supported by the embedded store');
      return matched;
    }
    default:
      return FALSE;
  }
}

/** Without the mapping, the store's columns stand for it: each non-dynamic one a field of its type. */
function mappingFromColumns(schema: SqlSchema): FieldTypeMap {
  const specs = new Map<string, FieldSpec>();
  for (const column of schema.columns()) {
    if (column.dynamic !== true && isIndexableEsType(column.esType)) {
      specs.set(column.field, { name: column.field, type: column.esType });
    }
  }
  return { get: (name) => specs.get(name), names: () => specs.keys() };
}

/**
 * Compiles a KQL tree into a WHERE predicate over the layout described above. Throws
 * `KqlCompileError` for queries Elasticsearch would reject (or Kibana refuses to compile) and for
 * nested queries.
 */
export function compileKqlToSql(
  ast: KqlNode,
  schema: SqlSchema,
  options: KqlToSqlOptions = {}
): SqlFragment {
  const resolver = resolverFor(options.fields ?? mappingFromColumns(schema));
  return compileNode(ast, { schema, options, resolver });
}

const resolvers = new WeakMap<FieldTypeMap, FieldResolver>();

/**
 * Building a resolver indexes every field of the mapping (~1 ms for ECS), more than compiling a
 * rule's query: one is kept per mapping object, which callers keep while the mapping holds.
 */
const resolverFor = (fields: FieldTypeMap): FieldResolver => {
  const cached = resolvers.get(fields);
  if (cached !== undefined) return cached;
  const resolver = createFieldResolver(fields);
  resolvers.set(fields, resolver);
  return resolver;
};
