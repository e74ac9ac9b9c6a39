/**
 * The KQL engine's parser and Elasticsearch DSL compiler in one place: parse Kibana Query
 * Language, then compile the tree to the query Kibana would send.
 */

// Syntax tree
export type {
  KqlAnd,
  KqlExists,
  KqlIs,
  KqlLiteral,
  KqlLocation,
  KqlMatchAll,
  KqlNested,
  KqlNode,
  KqlNot,
  KqlOr,
  KqlRange,
  KqlValue,
  KqlWildcard,
  RangeOperator,
} from './ast';

// Errors
export { KqlCompileError } from './kql_compile_error';
export { KqlSyntaxError } from './kql_syntax_error';
export type { KqlErrorDetails } from './kql_syntax_error';

// Parsing
export { formatKqlError, fromKueryExpression, parseKql } from './parse';
export type { KqlParseOptions, KqlParseResult } from './parse';

// Elasticsearch DSL
export { buildEsQuery, toElasticsearchQuery } from './to_dsl';
export type { BuildEsQueryOptions, EsBoolQueryClauses, KqlToDslOptions } from './to_dsl';
export type {
  EsBoolClauses,
  EsBoolQuery,
  EsExistsQuery,
  EsMatchAllQuery,
  EsMatchPhraseQuery,
  EsMatchQuery,
  EsMultiMatchQuery,
  EsNestedQuery,
  EsQuery,
  EsQueryStringQuery,
  EsQueryValue,
  EsRangeParams,
  EsRangeQuery,
  EsTermParams,
  EsTermQuery,
  EsWildcardParams,
  EsWildcardQuery,
} from './es_dsl';

// The in-process matcher (./matcher.ts) is not re-exported: its callers import it directly.
