/**
 * KQL syntax tree → Elasticsearch query DSL, producing the same queries as Kibana's
 * `@kbn/es-query` (`toElasticsearchQuery` / `buildEsQuery`) for a data view with the given field
 * types, so a rule finds the same documents here as it does in Kibana.
 */

import type {
  KqlIs,
  KqlLiteral,
  KqlNested,
  KqlNode,
  KqlRange,
  KqlValue,
  KqlWildcard,
  RangeOperator,
} from './ast';
import { KqlCompileError } from './kql_compile_error';
import { nestingProblem } from './field_resolution';
import type { EsFieldType, FieldSpec, FieldTypeMap } from '../ecs/field_types';
import type { EsQuery, EsQueryValue, EsRangeParams } from './es_dsl';
import { fromKueryExpression, type KqlParseOptions } from './parse';

export interface KqlToDslOptions {
  /** Time zone for dates written without one (Kibana's `dateFormat:tz`); `Browser`: local zone. */
  readonly dateFormatTZ?: string;
  /** Set `case_insensitive` on keyword `term`/`wildcard` queries (omitted when undefined). */
  readonly caseInsensitive?: boolean;
  /** Put `and` clauses in `bool.must` instead of `bool.filter` (they then affect scoring). */
  readonly filtersInMustClause?: boolean;
  /** Set `ignore_unmapped` on nested queries (omitted when undefined). */
  readonly nestedIgnoreUnmapped?: boolean;
}

export type BuildEsQueryOptions = KqlToDslOptions & KqlParseOptions;

export interface EsBoolQueryClauses {
  must: EsQuery[];
  filter: EsQuery[];
  should: EsQuery[];
  must_not: EsQuery[];
}

/** Compiles one KQL tree. Throws `KqlCompileError` for nested fields used outside their group. */
export function toElasticsearchQuery(
  ast: KqlNode,
  fields: FieldTypeMap,
  options: KqlToDslOptions = {}
): EsQuery {
  return compileNode(ast, { fields, options, nestedPath: undefined });
}

/**
 * Kibana's `buildEsQuery` for a single KQL query and no filters: the compiled query goes in
 * `filter` (or `must`), and a match-all query is dropped. Throws `KqlSyntaxError` for invalid KQL.
 */
export function buildEsQuery(
  query: string | KqlNode,
  fields: FieldTypeMap,
  options: BuildEsQueryOptions = {}
): { bool: EsBoolQueryClauses } {
  const ast = typeof query === 'string' ? fromKueryExpression(query, options) : query;
  const compiledQuery = toElasticsearchQuery(ast, fields, options);
  const compiled = isMatchAll(compiledQuery) ? [] : [compiledQuery];
  const inMust = options.filtersInMustClause === true;
  return {
    bool: {
      must: inMust ? compiled : [],
      filter: inMust ? [] : compiled,
      should: [],
      must_not: [],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Nodes

interface CompileContext {
  readonly fields: FieldTypeMap;
  readonly options: KqlToDslOptions;
  /** Set inside `path:{ … }`: field names are relative to it. */
  readonly nestedPath: string | undefined;
}

function compileNode(node: KqlNode, context: CompileContext): EsQuery {
  switch (node.type) {
    case 'match_all':
      return { match_all: {} };
    case 'and': {
      const clauses = node.children.map((child) => compileNode(child, context));
      const inMust = context.options.filtersInMustClause === true;
      return { bool: inMust ? { must: clauses } : { filter: clauses } };
    }
    case 'or':
      return anyOf(node.children.map((child) => compileNode(child, context)));
    case 'not':
      return { bool: { must_not: compileNode(node.child, context) } };
    case 'is':
      return compileIs(node, context);
    case 'exists':
      return compileExists(node.field, context);
    case 'range':
      return compileRange(node, context);
    case 'nested':
      return compileNested(node, context);
  }
}

function compileIs(node: KqlIs, context: CompileContext): EsQuery {
  const { field, value } = node;
  const noField = field === null || (field.kind === 'literal' && field.value === null);
  if (noField) return compileFieldless(value);
  if (isLoneWildcard(value)) return compileExists(field, context);

  return anyOf(
    resolveFields(field, context).map((target) =>
      wrapInNested(target, valueQuery(target, value, context), context)
    )
  );
}

/** No field: let Elasticsearch search its default fields. */
function compileFieldless(value: KqlValue): EsQuery {
  if (value.kind === 'wildcard') return { query_string: { query: toQueryString(value) } };
  const type = value.quoted ? 'phrase' : 'best_fields';
  return { multi_match: { type, query: value.value, lenient: true } };
}

function compileExists(field: KqlValue, context: CompileContext): EsQuery {
  if (isLoneWildcard(field)) return { match_all: {} };
  return anyOf(
    resolveFields(field, context).map((target) =>
      wrapInNested(target, { exists: { field: target.name } }, context)
    )
  );
}

function compileRange(node: KqlRange, context: CompileContext): EsQuery {
  return anyOf(
    resolveFields(node.field, context).map((target) => {
      const params = rangeParams(node.operator, node.value.value);
      if (isDateField(target.spec)) {
        Object.assign(params, timeZoneParam(node.value.value, context.options));
      }
      return wrapInNested(target, { range: { [target.name]: params } }, context);
    })
  );
}

function compileNested(node: KqlNested, context: CompileContext): EsQuery {
  const path = qualify(valueText(node.path), context.nestedPath);
  const query = compileNode(node.query, { ...context, nestedPath: path });
  return { nested: { path, query, score_mode: 'none', ...ignoreUnmappedParam(context.options) } };
}

/** One field's query for `field:value`, chosen by the field's type as Kibana does. */
function valueQuery(target: FieldTarget, value: KqlValue, context: CompileContext): EsQuery {
  const { name, spec } = target;
  const isKeyword = spec?.type === 'keyword';
  if (value.kind === 'wildcard') {
    const pattern = toQueryString(value);
    const params = { value: pattern, ...caseInsensitiveParam(context.options) };
    if (isKeyword) return { wildcard: { [name]: params } };
    return { query_string: { fields: [name], query: pattern } };
  }
  if (isDateField(spec)) {
    // match queries take no time zone, so an exact date becomes a one-instant range.
    const timeZone = timeZoneParam(value.value, context.options);
    return { range: { [name]: { gte: value.value, lte: value.value, ...timeZone } } };
  }
  if (isKeyword) {
    return { term: { [name]: { value: value.value, ...caseInsensitiveParam(context.options) } } };
  }
  if (value.quoted) return { match_phrase: { [name]: value.value } };
  return { match: { [name]: value.value } };
}

// ---------------------------------------------------------------------------------------------
// Fields

interface FieldTarget {
  readonly name: string;
  /** Undefined for a field the map does not know: it is queried by name with no type. */
  readonly spec: FieldSpec | undefined;
  readonly viaWildcard: boolean;
}

/** Object containers are not fields a data view lists: they are queried like unmapped names. */
const CONTAINER_TYPES: ReadonlySet<EsFieldType> = new Set<EsFieldType>(['object', 'nested']);

const DATE_TYPES: ReadonlySet<EsFieldType> = new Set<EsFieldType>(['date', 'date_nanos']);

function resolveFields(field: KqlValue, context: CompileContext): FieldTarget[] {
  if (field.kind === 'literal') {
    const name = qualify(String(field.value), context.nestedPath);
    const spec = lookUp(name, context.fields);
    if (spec !== undefined) assertNesting([spec], context.nestedPath);
    return [{ name, spec, viaWildcard: false }];
  }

  const pattern = qualifyWildcard(field, context.nestedPath);
  const matcher = wildcardMatcher(pattern);
  const specs: FieldSpec[] = [];
  for (const name of context.fields.names()) {
    const spec = matcher.test(name) ? lookUp(name, context.fields) : undefined;
    if (spec !== undefined) specs.push(spec);
  }
  // Outside a nested group a wildcard may span nested and plain fields; each nested one gets its
  // own nested query instead of an error (see wrapInNested).
  if (context.nestedPath !== undefined) assertNesting(specs, context.nestedPath);
  if (specs.length === 0) {
    return [{ name: pattern.segments.join('*'), spec: undefined, viaWildcard: true }];
  }
  return specs.map((spec) => ({ name: spec.name, spec, viaWildcard: true }));
}

function lookUp(name: string, fields: FieldTypeMap): FieldSpec | undefined {
  const spec = fields.get(name);
  return spec === undefined || CONTAINER_TYPES.has(spec.type) ? undefined : spec;
}

function assertNesting(specs: readonly FieldSpec[], nestedPath: string | undefined): void {
  const problems = specs.flatMap((spec) => {
    const problem = nestingProblem(spec, nestedPath);
    return problem === undefined ? [] : [problem];
  });
  if (problems.length > 0) throw new KqlCompileError(problems.join('\n'));
}

function wrapInNested(target: FieldTarget, query: EsQuery, context: CompileContext): EsQuery {
  const path = target.spec?.nestedPath;
  if (!target.viaWildcard || path === undefined || context.nestedPath !== undefined) return query;
  return { nested: { path, query, score_mode: 'none', ...ignoreUnmappedParam(context.options) } };
}

function qualify(name: string, nestedPath: string | undefined): string {
  return nestedPath === undefined ? name : `${nestedPath}.${name}`;
}

function qualifyWildcard(field: KqlWildcard, nestedPath: string | undefined): KqlWildcard {
  if (nestedPath === undefined) return field;
  const [first = '', ...rest] = field.segments;
  return { kind: 'wildcard', segments: [qualify(first, nestedPath), ...rest] };
}

function isDateField(spec: FieldSpec | undefined): boolean {
  return spec !== undefined && DATE_TYPES.has(spec.type);
}

// ---------------------------------------------------------------------------------------------
// Values and parameters

/** Characters query_string (and Lucene wildcard) syntax reserves; literal parts escape them. */
const QUERY_STRING_RESERVED = /[+\-=&|><!(){}[\]^"~*?:\\/]/g;

const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** Regular-expression source matching what a `*` in a field name stands for. */
const ANY_CHARACTERS = '[\\s\\S]*';

const EPOCH_MILLIS = /^\d+$/;

/** Kibana's setting value meaning "the user's own time zone". */
const BROWSER_TIME_ZONE = 'Browser';

function toQueryString(value: KqlWildcard): string {
  return value.segments.map((segment) => segment.replace(QUERY_STRING_RESERVED, '\\$&')).join('*');
}

function wildcardMatcher(pattern: KqlWildcard): RegExp {
  const parts = pattern.segments.map((segment) => segment.replace(REGEXP_SPECIAL, '\\$&'));
  return new RegExp(`^${parts.join(ANY_CHARACTERS)}$`);
}

function valueText(value: KqlValue): string {
  return value.kind === 'literal' ? String(value.value) : value.segments.join('*');
}

function isLoneWildcard(value: KqlValue): boolean {
  if (value.kind !== 'wildcard') return false;
  const [first, second, ...rest] = value.segments;
  return first === '' && second === '' && rest.length === 0;
}

function rangeParams(operator: RangeOperator, value: KqlLiteral['value']): EsRangeParams {
  const params: EsRangeParams = {};
  params[operator] = value;
  return params;
}

/** Digit-only values are epoch milliseconds, absolute instants that a time zone must not shift. */
function timeZoneParam(value: EsQueryValue, options: KqlToDslOptions): { time_zone?: string } {
  const zone = options.dateFormatTZ;
  const isEpoch = typeof value === 'string' && EPOCH_MILLIS.test(value);
  if (zone === undefined || zone === '' || isEpoch) return {};
  return { time_zone: zone === BROWSER_TIME_ZONE ? localTimeZone() : zone };
}

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function caseInsensitiveParam(options: KqlToDslOptions): { case_insensitive?: boolean } {
  const { caseInsensitive } = options;
  return caseInsensitive === undefined ? {} : { case_insensitive: caseInsensitive };
}

function ignoreUnmappedParam(options: KqlToDslOptions): { ignore_unmapped?: boolean } {
  const { nestedIgnoreUnmapped } = options;
  return nestedIgnoreUnmapped === undefined ? {} : { ignore_unmapped: nestedIgnoreUnmapped };
}

function anyOf(queries: EsQuery[]): EsQuery {
  return { bool: { should: queries, minimum_should_match: 1 } };
}

function isMatchAll(query: EsQuery): boolean {
  return 'match_all' in query && Object.keys(query.match_all).length === 0;
}
