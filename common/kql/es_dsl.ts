/**
 * The subset of the Elasticsearch query DSL that compiled KQL produces, typed. Plain JSON: it is
 * sent to Elasticsearch as-is. Property order in the builders follows Kibana's output so that
 * serialised queries compare equal too.
 */

/** A KQL value as written: numbers stay strings, unquoted `true`/`false`/`null` are typed. */
export type EsQueryValue = string | boolean | null;

export interface EsMatchAllQuery {
  match_all: Record<string, never>;
}

export interface EsBoolClauses {
  must?: EsQuery[];
  filter?: EsQuery[];
  should?: EsQuery[];
  /** KQL's `not` produces a single query; `buildEsQuery` produces a list. */
  must_not?: EsQuery | EsQuery[];
  minimum_should_match?: number;
}

export interface EsBoolQuery {
  bool: EsBoolClauses;
}

export interface EsTermParams {
  value: EsQueryValue;
  case_insensitive?: boolean;
}

export interface EsTermQuery {
  term: Record<string, EsTermParams>;
}

export interface EsWildcardParams {
  /** A wildcard pattern: `*` and `?` are wildcards, `\` escapes. */
  value: string;
  case_insensitive?: boolean;
}

export interface EsWildcardQuery {
  wildcard: Record<string, EsWildcardParams>;
}

export interface EsMatchQuery {
  match: Record<string, EsQueryValue>;
}

export interface EsMatchPhraseQuery {
  match_phrase: Record<string, EsQueryValue>;
}

export interface EsMultiMatchQuery {
  multi_match: {
    type: 'best_fields' | 'phrase';
    query: EsQueryValue;
    lenient: boolean;
  };
}

export interface EsQueryStringQuery {
  query_string: {
    fields?: string[];
    /** Query-string syntax: reserved characters in literal parts are backslash-escaped. */
    query: string;
  };
}

export interface EsExistsQuery {
  exists: { field: string };
}

export interface EsRangeParams {
  gt?: EsQueryValue;
  gte?: EsQueryValue;
  lt?: EsQueryValue;
  lte?: EsQueryValue;
  time_zone?: string;
  format?: string;
}

export interface EsRangeQuery {
  range: Record<string, EsRangeParams>;
}

export interface EsNestedQuery {
  nested: {
    path: string;
    query: EsQuery;
    score_mode: 'none';
    ignore_unmapped?: boolean;
  };
}

export type EsQuery =
  | EsMatchAllQuery
  | EsBoolQuery
  | EsTermQuery
  | EsWildcardQuery
  | EsMatchQuery
  | EsMatchPhraseQuery
  | EsMultiMatchQuery
  | EsQueryStringQuery
  | EsExistsQuery
  | EsRangeQuery
  | EsNestedQuery;
