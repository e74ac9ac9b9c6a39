/**
 * Runs KQL queries two ways over the same documents and reports where they differ:
 * - Elasticsearch: the query compiled by `buildEsQuery` (our copy of Kibana's), searched on a real
 *   index mapped by `eventsMappings` — the reference for which documents a query finds;
 * - the in-process matcher (`createMatcher`) over the same documents' JSON.
 * Both sides use the field types the index really has (ECS with the test cluster's substitutes).
 * A query either side refuses (compile error, or Elasticsearch rejecting the search) counts as
 * "rejected"; two rejections agree. The matcher rejects only with `KqlSyntaxError` or
 * `KqlCompileError`: any other error is a crash, never an agreement.
 */
import type { Client } from '@elastic/elasticsearch';
import type {
  MsearchRequestItem,
  MsearchResponseItem,
  QueryDslQueryContainer,
} from '@elastic/elasticsearch/lib/api/types';
import type { FieldTypeMap } from '../../common/ecs/field_types';
import {
  buildEsQuery,
  fromKueryExpression,
  KqlCompileError,
  KqlSyntaxError,
} from '../../common/kql';
import { createMatcher } from '../../common/kql/matcher';
import { eventsMappings, TOTAL_FIELDS_LIMIT } from '../../server/stores/elasticsearch/ecs_mappings';
import type { CorpusQuery } from './kql_corpus';
import type { TestDocument } from './kql_documents';

export type Outcome =
  | { readonly kind: 'hits'; readonly ids: ReadonlySet<string> }
  | { readonly kind: 'rejected'; readonly reason: string }
  /** The matcher failed other than by rejecting the query (`KqlCompileError`): always a bug. */
  | { readonly kind: 'crashed'; readonly reason: string };

export interface Comparison {
  readonly query: CorpusQuery;
  readonly es: Outcome;
  readonly matcher: Outcome;
}

/** Searches per msearch request: small enough for quick responses, few enough round trips. */
const MSEARCH_BATCH_SIZE = 100;

/** Longest error text kept in a report (ES error causes can be long). */
const MAX_REASON_LENGTH = 300;

// ---------------------------------------------------------------------------------------------
// Index

/** Creates the index (ECS mappings, substitutes applied) and indexes the documents, refreshed. */
export async function createDifferentialIndex(
  client: Client,
  index: string,
  fieldTypes: FieldTypeMap,
  documents: readonly TestDocument[]
): Promise<void> {
  await client.indices.create({
    index,
    settings: {
      'index.mapping.total_fields.limit': TOTAL_FIELDS_LIMIT,
      number_of_shards: 1,
      number_of_replicas: 0,
    },
    mappings: eventsMappings(fieldTypes),
  });
  const operations = documents.flatMap((doc) => [
    { index: { _index: index, _id: doc.id } },
    doc.source,
  ]);
  const response = await client.bulk({ operations, refresh: true });
  if (response.errors) {
    const failures = response.items.flatMap((item) => {
      const error = item.index?.error;
      return error === undefined ? [] : [`${item.index?._id}: ${error.type} ${error.reason ?? ''}`];
    });
    throw new Error(`Elasticsearch rejected test documents:\n${failures.join('\n')}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Elasticsearch side

type Compiled =
  | { readonly ok: true; readonly body: MsearchRequestItem }
  | { readonly ok: false; readonly reason: string };

function compileForEs(query: CorpusQuery, fieldTypes: FieldTypeMap, size: number): Compiled {
  try {
    // Our DSL types allow a null term value (`f:null`), which the client's types do not: it is sent
    // anyway, as Kibana would, and Elasticsearch's rejection is part of what is compared.
    const dsl = buildEsQuery(
      query.kql,
      fieldTypes,
      timeZoneOptions(query)
    ) as QueryDslQueryContainer;
    return { ok: true, body: { query: dsl, size, _source: false, track_total_hits: true } };
  } catch (error) {
    return { ok: false, reason: `compile: ${errorText(error)}` };
  }
}

function outcomeOfResponse(item: MsearchResponseItem | undefined): Outcome {
  if (item === undefined) return { kind: 'rejected', reason: 'es: no response' };
  if ('error' in item) {
    const cause = item.error.root_cause?.[0] ?? item.error;
    return { kind: 'rejected', reason: `es: ${cause.type}: ${truncate(cause.reason ?? '')}` };
  }
  return { kind: 'hits', ids: new Set(item.hits.hits.map((hit) => hit._id ?? '')) };
}

/** Every query's outcome on Elasticsearch, in corpus order, searched in msearch batches. */
export async function esOutcomes(
  client: Client,
  index: string,
  queries: readonly CorpusQuery[],
  fieldTypes: FieldTypeMap,
  documentCount: number
): Promise<Outcome[]> {
  const compiled = queries.map((query) => compileForEs(query, fieldTypes, documentCount));
  const outcomes: Outcome[] = compiled.map((entry) =>
    entry.ok
      ? { kind: 'rejected', reason: 'not searched' }
      : { kind: 'rejected', reason: entry.reason }
  );
  const searchable = compiled.flatMap((entry, position) =>
    entry.ok ? [{ position, body: entry.body }] : []
  );
  for (let start = 0; start < searchable.length; start += MSEARCH_BATCH_SIZE) {
    const batch = searchable.slice(start, start + MSEARCH_BATCH_SIZE);
    const batchOutcomes = await searchBatch(
      client,
      index,
      batch.map(({ body }) => body)
    );
    batch.forEach(({ position }, offset) => {
      outcomes[position] = batchOutcomes[offset] ?? { kind: 'rejected', reason: 'es: no response' };
    });
  }
  return outcomes;
}

/**
 * One msearch for the batch. A body Elasticsearch cannot even parse (e.g. a `term` with a null
 * value) fails the whole msearch, so the batch is then searched one query at a time.
 */
async function searchBatch(
  client: Client,
  index: string,
  bodies: readonly MsearchRequestItem[]
): Promise<Outcome[]> {
  try {
    const response = await client.msearch({
      index,
      searches: bodies.flatMap((body) => [{}, body]),
    });
    return response.responses.map(outcomeOfResponse);
  } catch {
    const outcomes: Outcome[] = [];
    for (const body of bodies) outcomes.push(await searchOne(client, index, body));
    return outcomes;
  }
}

async function searchOne(
  client: Client,
  index: string,
  body: MsearchRequestItem
): Promise<Outcome> {
  try {
    const response = await client.msearch({ index, searches: [{}, body] });
    return outcomeOfResponse(response.responses[0]);
  } catch (error) {
    return { kind: 'rejected', reason: `es: ${errorText(error)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Matcher side

export function matcherOutcome(
  query: CorpusQuery,
  fieldTypes: FieldTypeMap,
  documents: readonly TestDocument[]
): Outcome {
  try {
    const matches = createMatcher(
      fromKueryExpression(query.kql),
      fieldTypes,
      timeZoneOptions(query)
    );
    return {
      kind: 'hits',
      ids: new Set(documents.filter((doc) => matches(doc.source)).map((doc) => doc.id)),
    };
  } catch (error) {
    const kind =
      error instanceof KqlCompileError || error instanceof KqlSyntaxError ? 'rejected' : 'crashed';
    return { kind, reason: `matcher: ${errorText(error)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing

/** Why the two outcomes differ, readably; undefined when they agree. */
export function describeDisagreement(comparison: Comparison): string | undefined {
  const { query, es, matcher } = comparison;
  const header = `KQL: ${query.kql}${query.dateFormatTZ === undefined ? '' : `  (dateFormatTZ ${query.dateFormatTZ})`}`;
  if (matcher.kind === 'crashed')
    return `${header}\nThe matcher crashed instead of rejecting the query: ${matcher.reason}`;
  if (es.kind === 'crashed') return `${header}\nElasticsearch side crashed: ${es.reason}`;
  if (es.kind === 'rejected' && matcher.kind === 'rejected') return undefined;
  if (es.kind === 'rejected')
    return `${header}\nElasticsearch rejected it (${es.reason}), the matcher did not`;
  if (matcher.kind === 'rejected')
    return `${header}\nThe matcher rejected it (${matcher.reason}), Elasticsearch did not`;
  const onlyInEs = [...es.ids].filter((id) => !matcher.ids.has(id)).sort();
  const onlyInMatcher = [...matcher.ids].filter((id) => !es.ids.has(id)).sort();
  if (onlyInEs.length === 0 && onlyInMatcher.length === 0) return undefined;
  return [
    header,
    `only in Elasticsearch: ${onlyInEs.join(', ') || '-'}`,
    `only in the matcher:   ${onlyInMatcher.join(', ') || '-'}`,
  ].join('\n');
}

function timeZoneOptions(query: CorpusQuery): { dateFormatTZ?: string } {
  return query.dateFormatTZ === undefined ? {} : { dateFormatTZ: query.dateFormatTZ };
}

function errorText(error: unknown): string {
  return truncate(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

function truncate(text: string): string {
  return text.length > MAX_REASON_LENGTH ? `${text.slice(0, MAX_REASON_LENGTH)}…` : text;
}
