/**
 * The KQL engine's public surface: parse Kibana Query Language, then compile the tree for a
 * backend. Import from here rather than from the modules behind it.
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
export { KqlCompileError, KqlSyntaxError } from './errors';
export type { KqlErrorDetails } from './errors';

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

// In-process matcher (./matcher.ts): exports to be added here by the lead.

// DuckDB SQL (./to_sql.ts, ./sql_schema.ts): exports to be added here by the lead.
