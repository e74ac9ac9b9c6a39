/**
 * The alerts page's KQL query, compiled once for both stores against the alerts index's field
 * types (alert_field_types.ts): Elasticsearch runs the DSL Kibana would send, the embedded store
 * runs the in-process matcher, the reference those DSL semantics are tested against. Compiling the
 * matcher first also refuses, in both stores alike, a query Elasticsearch would reject (a value a
 * mapped field cannot parse, a range on a boolean).
 */
import { alertFieldTypes } from '../../common/alerts/alert_field_types';
import type { KqlNode } from '../../common/kql/ast';
import type { EsQuery } from '../../common/kql/es_dsl';
import { KqlCompileError } from '../../common/kql/kql_compile_error';
import { createMatcher, type DocumentMatcher } from '../../common/kql/matcher';
import { parseKql } from '../../common/kql/parse';
import { toElasticsearchQuery } from '../../common/kql/to_dsl';
import { fieldlessNullProblem } from './null_search';

/** A query longer than this is refused: far beyond what anyone types, short of a URL's limit. */
export const MAX_ALERT_QUERY_CHARS = 10_000;

export interface CompiledAlertQuery {
  readonly ast: KqlNode;
  readonly matches: DocumentMatcher;
}

/** Why a query cannot run over alerts, for a user (with the position of a syntax error). */
export class AlertQueryError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'AlertQueryError';
  }
}

/** Whether the query selects anything narrower than every alert (blank text does not). */
export const isAlertQuery = (query: string | undefined): query is string =>
  query !== undefined && query.trim() !== '';

/** Parses and compiles a query; throws AlertQueryError when it is not valid KQL over alerts. */
export const compileAlertQuery = (query: string, now: Date = new Date()): CompiledAlertQuery => {
  if (query.length > MAX_ALERT_QUERY_CHARS)
    throw new AlertQueryError(`query is at most ${MAX_ALERT_QUERY_CHARS} characters`);
  const parsed = parseKql(query);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    throw new AlertQueryError(
      `query is not valid KQL at line ${line}, column ${column}: ${message}`
    );
  }
  const nullProblem = fieldlessNullProblem(parsed.ast);
  if (nullProblem !== undefined)
    throw new AlertQueryError(`query cannot run over alerts: ${nullProblem}`);
  try {
    return { ast: parsed.ast, matches: createMatcher(parsed.ast, alertFieldTypes(), { now }) };
  } catch (error) {
    if (error instanceof KqlCompileError)
      throw new AlertQueryError(`query cannot run over alerts: ${error.message}`);
    throw error;
  }
};

/** Why `query` cannot run, or undefined when it can (the routes' check, the stores' own). */
export const alertQueryProblem = (query: string): string | undefined => {
  try {
    compileAlertQuery(query);
    return undefined;
  } catch (error) {
    if (error instanceof AlertQueryError) return error.message;
    throw error;
  }
};

/** The query as Elasticsearch DSL over the alerts index. */
export const alertQueryDsl = (compiled: CompiledAlertQuery): EsQuery =>
  toElasticsearchQuery(compiled.ast, alertFieldTypes());
