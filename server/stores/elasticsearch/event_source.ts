/**
 * The new_terms phases over an Elasticsearch cluster (see new_terms_queries.ts for the request
 * shapes and how they relate to Kibana's). The rule's KQL is compiled with the cluster's field
 * types from `_field_caps`, cached per (indices, query).
 */
import { errors } from '@elastic/elasticsearch';
import type { QueryDslQueryContainer, SearchRequest } from '@elastic/elasticsearch/lib/api/types';
import type { EsClient } from './es_client';
import type { KqlNode } from '../../../common/kql/ast';
import { referencedFields } from '../../../common/kql/referenced_fields';
import { buildEsQuery } from '../../../common/kql/to_dsl';
import {
  TermBatchTooLargeError,
  type FirstSeenTerm,
  type NewTermsSearch,
  type RecentTermsPage,
  type SourceEvent,
  type TermDocument,
  type TermTuple,
  type TimeRange,
  type TimestampSpec,
} from '../../new_terms/types';
import {
  bucketsOf,
  compositeTuple,
  minValue,
  subAggregation,
  topHit,
  tupleKey,
  UnexpectedResponseError,
  type Bucket,
  type Hit,
} from './aggregation_reader';
import { fetchFieldTypes } from './field_caps';
import { resilientClient } from './resilient_client';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry_policy';
import {
  AGG_NAME,
  DOCS,
  DOCS_FALLBACK,
  FALLBACK_ONLY,
  FIRST_SEEN,
  FIRST_SEEN_FALLBACK,
  HAS_PRIMARY,
  MATCHING_TIMES_INTERVAL_MS,
  TIMES,
  firstDocumentsRequest,
  matchingTimesRequest,
  hasDocumentsRequest,
  timeSpanRequest,
  withPrimary,
  withoutPrimary,
  firstSeenRequest,
  recentTermsRequest,
  type PhaseSearch,
} from './new_terms_queries';
import type { ReplayEventSource } from '../store_contract';
import { errorMessage } from '../../../common/error_message';

/**
 * Kibana retries a multi-field batch with half its size on these
 * (docs/new_terms.md#several-new-terms-fields).
 */
const BATCH_TOO_LARGE =
  /too_many_(nested_)?clauses|too many (nested )?clauses|failed to create query/i;

const errorText = (error: unknown): string => {
  if (error instanceof errors.ResponseError)
    return `${error.message} ${JSON.stringify(error.body ?? '')}`;
  return errorMessage(error);
};

interface EarliestEvent {
  readonly event: SourceEvent;
  readonly seqNo: number;
}

const toEarliest = (hit: Hit | undefined): EarliestEvent | undefined => {
  if (hit === undefined) return undefined;
  const [timestamp, seqNo] = hit.sort ?? [];
  if (typeof timestamp !== 'number' || typeof seqNo !== 'number')
    throw new UnexpectedResponseError('top_hits sort values');
  return { event: { index: hit._index, id: hit._id, source: hit._source ?? {}, timestamp }, seqNo };
};

const earlier = (
  a: EarliestEvent | undefined,
  b: EarliestEvent | undefined
): EarliestEvent | undefined => {
  if (a === undefined || b === undefined) return a ?? b;
  if (a.event.timestamp !== b.event.timestamp) return a.event.timestamp < b.event.timestamp ? a : b;
  return a.seqNo <= b.seqNo ? a : b;
};

const minOf = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined ? (a ?? b) : Math.min(a, b);

const maxOf = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined ? (a ?? b) : Math.max(a, b);

export class EsEventSource implements ReplayEventSource {
  private readonly queries = new Map<string, Promise<QueryDslQueryContainer>>();
  readonly timestampGranularityMs = MATCHING_TIMES_INTERVAL_MS;

  private readonly client: EsClient;

  /** Searches retry per `retry` and fail on shard failures (resilient_client.ts). */
  constructor(client: EsClient, retry: RetryPolicy = DEFAULT_RETRY_POLICY) {
    this.client = resilientClient(client, retry);
  }

  async timeSpan(
    timestamp: TimestampSpec,
    index: readonly string[]
  ): Promise<TimeRange | undefined> {
    const aggregations = await this.aggregations(timeSpanRequest(index, timestamp));
    const fallback = subAggregation((aggregations ?? {}) as Record<string, unknown>, FALLBACK_ONLY);
    const root = (aggregations ?? {}) as Record<string, unknown>;
    const lo = minOf(
      minValue(subAggregation(root, 'lo')),
      minValue(subAggregation(fallback ?? {}, 'lo'))
    );
    const hi = maxOf(
      minValue(subAggregation(root, 'hi')),
      minValue(subAggregation(fallback ?? {}, 'hi'))
    );
    return lo === undefined || hi === undefined ? undefined : { from: lo, to: hi };
  }

  async hasEvents(index: readonly string[]): Promise<boolean> {
    if (index.length === 0) return false;
    const response = await this.client.search(hasDocumentsRequest(index));
    const total = response.hits.total;
    return (typeof total === 'number' ? total : (total?.value ?? 0)) > 0;
  }

  async matchingTimestamps(search: NewTermsSearch, range: TimeRange): Promise<number[]> {
    const phase = await this.phaseSearch(search);
    const { timestamp } = search;
    const times =
      timestamp.fallback === null
        ? await this.minutes(phase, range, timestamp.primary, undefined)
        : [
            ...(await this.minutes(phase, range, timestamp.primary, withPrimary(timestamp))),
            ...(await this.minutes(phase, range, timestamp.fallback, withoutPrimary(timestamp))),
          ];
    return [...new Set(times)].sort((a, b) => a - b);
  }

  private async minutes(
    phase: PhaseSearch,
    range: TimeRange,
    field: string,
    onlyWhere: QueryDslQueryContainer | undefined
  ): Promise<number[]> {
    const times: number[] = [];
    let after: number | undefined;
    for (;;) {
      const aggregation = bucketsOf(
        await this.aggregations(matchingTimesRequest(phase, range, field, onlyWhere, after)),
        TIMES
      );
      for (const bucket of aggregation.buckets)
        times.push(Number((bucket.key as Record<string, unknown>).t));
      const next = aggregation.after_key?.t;
      if (aggregation.buckets.length === 0 || typeof next !== 'number') return times;
      after = next;
    }
  }

  async recentTerms(
    search: NewTermsSearch,
    range: TimeRange,
    page: { readonly size: number; readonly afterKey?: TermTuple }
  ): Promise<RecentTermsPage> {
    const phase = await this.phaseSearch(search);
    const aggregation = bucketsOf(
      await this.aggregations(recentTermsRequest(phase, range, page.size, page.afterKey)),
      AGG_NAME
    );
    const terms = aggregation.buckets.map((bucket) => compositeTuple(bucket.key, search.fields));
    const last = terms[terms.length - 1];
    return terms.length === page.size && last !== undefined ? { terms, afterKey: last } : { terms };
  }

  async newTerms(
    search: NewTermsSearch,
    history: TimeRange,
    newAfter: number,
    candidates: readonly TermTuple[]
  ): Promise<readonly FirstSeenTerm[]> {
    if (candidates.length === 0) return [];
    const phase = await this.phaseSearch(search);
    const buckets = await this.candidateBuckets(phase, candidates, (after) =>
      firstSeenRequest(phase, history, candidates, after)
    );
    const fresh: FirstSeenTerm[] = [];
    for (const { term, bucket } of buckets) {
      const fallback = subAggregation(
        subAggregation(bucket, FALLBACK_ONLY) ?? {},
        FIRST_SEEN_FALLBACK
      );
      const firstSeen = minOf(minValue(subAggregation(bucket, FIRST_SEEN)), minValue(fallback));
      // Kibana's bucket_selector: `first_seen > start_time`.
      if (firstSeen !== undefined && firstSeen > newAfter) fresh.push({ term, firstSeen });
    }
    return fresh;
  }

  async firstDocuments(
    search: NewTermsSearch,
    range: TimeRange,
    terms: readonly TermTuple[]
  ): Promise<readonly TermDocument[]> {
    if (terms.length === 0) return [];
    const phase = await this.phaseSearch(search);
    const buckets = await this.candidateBuckets(phase, terms, (after) =>
      firstDocumentsRequest(phase, range, terms, after)
    );
    const documents: TermDocument[] = [];
    for (const { term, bucket } of buckets) {
      const earliest = this.earliestIn(bucket, search.timestamp);
      if (earliest !== undefined)
        documents.push({ term, event: earliest.event, docCount: bucket.doc_count });
    }
    return documents;
  }

  private earliestIn(bucket: Bucket, timestamp: TimestampSpec): EarliestEvent | undefined {
    if (timestamp.fallback === null) return toEarliest(topHit(subAggregation(bucket, DOCS)));
    const earliestWithPrimary = toEarliest(
      topHit(subAggregation(subAggregation(bucket, HAS_PRIMARY) ?? {}, DOCS))
    );
    const fallbackOnly = toEarliest(
      topHit(subAggregation(subAggregation(bucket, FALLBACK_ONLY) ?? {}, DOCS_FALLBACK))
    );
    return earlier(earliestWithPrimary, fallbackOnly);
  }

  /**
   * Buckets of the candidate terms, each matched back to its candidate. Several fields: array
   * values can form combinations that are not candidates, so the composite is paged to the end and
   * only candidates are kept (a single composite page could be filled by non-candidates).
   */
  private async candidateBuckets(
    phase: PhaseSearch,
    candidates: readonly TermTuple[],
    request: (after?: TermTuple) => SearchRequest
  ): Promise<Array<{ term: TermTuple; bucket: Bucket }>> {
    if (phase.fields.length === 1) {
      const byValue = new Map(candidates.map((tuple) => [String(tuple[0]), tuple]));
      const { buckets } = bucketsOf(await this.aggregations(request()), AGG_NAME);
      return buckets.flatMap((bucket) => {
        const term = byValue.get(String(bucket.key)) ?? byValue.get(bucket.key_as_string ?? '');
        return term === undefined ? [] : [{ term, bucket }];
      });
    }
    const wanted = new Set(candidates.map(tupleKey));
    const matched: Array<{ term: TermTuple; bucket: Bucket }> = [];
    let after: TermTuple | undefined;
    for (;;) {
      const { buckets } = bucketsOf(await this.aggregations(request(after)), AGG_NAME);
      for (const bucket of buckets) {
        const term = compositeTuple(bucket.key, phase.fields);
        if (wanted.has(tupleKey(term))) matched.push({ term, bucket });
      }
      if (buckets.length < candidates.length) return matched;
      const last = buckets[buckets.length - 1];
      after = last === undefined ? undefined : compositeTuple(last.key, phase.fields);
    }
  }

  private async aggregations(request: SearchRequest): Promise<unknown> {
    try {
      const response = await this.client.search(request);
      return response.aggregations;
    } catch (error) {
      const text = errorText(error);
      if (BATCH_TOO_LARGE.test(text)) throw new TermBatchTooLargeError(text);
      throw error;
    }
  }

  private async phaseSearch(search: NewTermsSearch): Promise<PhaseSearch> {
    return {
      index: search.index,
      query: await this.compiledQuery(search),
      fields: search.fields,
      timestamp: search.timestamp,
    };
  }

  /** The rule's KQL as DSL, with field types from the cluster; cached per indices and query tree. */
  private compiledQuery(search: NewTermsSearch): Promise<QueryDslQueryContainer> {
    const key = `${search.index.join(',')}\u0000${JSON.stringify(search.query)}`;
    let compiled = this.queries.get(key);
    if (compiled === undefined) {
      compiled = this.compile(search.index, search.query);
      this.queries.set(key, compiled);
      compiled.catch(() => this.queries.delete(key));
    }
    return compiled;
  }

  private async compile(index: readonly string[], query: KqlNode): Promise<QueryDslQueryContainer> {
    const fields = [...referencedFields(query)].map((field) => field ?? '*');
    const fieldTypes = await fetchFieldTypes(this.client, index, fields);
    return buildEsQuery(query, fieldTypes, { dateFormatTZ: 'Zulu' }) as QueryDslQueryContainer;
  }
}
