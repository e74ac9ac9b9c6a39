/**
 * Event lookups for the investigation page over Elasticsearch, answering as the embedded store
 * does (`DuckDbEventLookups`): the KQL query compiled with the cluster's `_field_caps` types as for
 * the new_terms phases, the same time range filter (with Kibana's timestamp fallback), and the
 * same order — (combined) timestamp, index name, index order (`_seq_no`), all in `sortOrder`.
 *
 * With a fallback there is no field to sort on: Kibana sorts a `kibana.combined_timestamp` runtime
 * field, which needs a script. Instead two searches run — events with the primary timestamp sorted
 * by it, events without it sorted by the fallback — each for the first `size` hits, and the two
 * sorted lists are merged. Exact: the first `size` of the union are among the first `size` of each.
 * A page further in (`offset`) takes the first `offset + size` of each and keeps its slice.
 *
 * Field prevalence counts distinct values exactly, with a composite aggregation per field paged
 * to its end, not with `cardinality`: that one is HyperLogLog++, approximate even below its
 * `precision_threshold`, and the embedded store counts exactly.
 */
import type {
  AggregationsAggregationContainer,
  QueryDslQueryContainer,
  SearchHit,
  SearchRequest,
  Sort,
} from '@elastic/elasticsearch/lib/api/types';
import type { KqlNode } from '../../../common/kql/ast';
import { referencedFields } from '../../../common/kql/referenced_fields';
import { buildEsQuery } from '../../../common/kql/to_dsl';
import {
  type EventLookupRequest,
  type EventLookups,
  type FieldPrevalence,
  type FieldPrevalenceRequest,
} from '../store_contract';
import type { SourceEvent, TimeRange } from '../../new_terms/types';
import {
  bucketsOf,
  minValue,
  subAggregation,
  UnexpectedResponseError,
  type BucketsAggregation,
} from './aggregation_reader';
import { MAX_RESULT_WINDOW, searchWindow } from './alert_queries';
import type { EsClient } from './es_client';
import { fetchFieldTypes } from './field_caps';
import {
  FALLBACK_ONLY,
  timeRangeFilter,
  timeSpanRequest,
  withoutPrimary,
} from './new_terms_queries';
import { assertSize } from '../../alerts/alert_request_checks';
import type { SortOrder } from '../../../common/api/alerts_api';

/** `getEvent` has no timestamp spec: it places the event by `@timestamp`, as the embedded store. */
export const GET_EVENT_TIMESTAMP_FIELD = '@timestamp';
/** The embedded store's "no time": ingest requires `@timestamp`, so it is not expected. */
export const NO_TIMESTAMP = Number.NaN;
/** Characters no concrete index name holds: such a name is a pattern or a list, never one index. */
const NOT_ONE_INDEX = /[*,]|^-|^$/;
/** Distinct values read per composite page; three fields' pages stay far below `search.max_buckets`. */
export const DISTINCT_PAGE_SIZE = 10_000;
const DISTINCT_VALUE = 'value';

export interface EsEventLookupsOptions {
  /** The indices' `max_result_window`; lower only in tests, to reach the `search_after` path. */
  readonly resultWindow?: number;
  /** Distinct values per composite page; lower only in tests, to reach further pages. */
  readonly distinctPageSize?: number;
}

interface SortedEvent {
  readonly event: SourceEvent;
  readonly seqNo: number;
}

type Source = Record<string, unknown>;

const sortOf = (timestampField: string, order: SortOrder): Sort => [
  // Indices that do not map the field hold no event in range; `unmapped_type` keeps them from failing the sort.
  { [timestampField]: { order, unmapped_type: 'date' } },
  { _index: { order } },
  { _seq_no: { order } },
];

const toSortedEvent = (hit: SearchHit<Source>): SortedEvent => {
  const sort: readonly unknown[] = hit.sort ?? [];
  const [timestamp, , seqNo] = sort;
  if (typeof timestamp !== 'number' || typeof seqNo !== 'number' || hit._id === undefined) {
    throw new UnexpectedResponseError('event hit sort values');
  }
  return { event: { index: hit._index, id: hit._id, source: hit._source ?? {}, timestamp }, seqNo };
};

/** Compares two events by (timestamp, index, index order), ascending. */
const compareEvents = (a: SortedEvent, b: SortedEvent): number => {
  if (a.event.timestamp !== b.event.timestamp) return a.event.timestamp - b.event.timestamp;
  if (a.event.index !== b.event.index)
    return Buffer.compare(Buffer.from(a.event.index), Buffer.from(b.event.index));
  return a.seqNo - b.seqNo;
};

/** Merges two lists sorted in `order` and keeps the first `size`. */
const mergeSorted = (
  a: readonly SortedEvent[],
  b: readonly SortedEvent[],
  order: SortOrder,
  size: number
): SortedEvent[] => {
  const direction = order === 'asc' ? 1 : -1;
  const merged: SortedEvent[] = [];
  let i = 0;
  let j = 0;
  while (merged.length < size && (i < a.length || j < b.length)) {
    const left = a[i];
    const right = b[j];
    const takeLeft =
      left !== undefined && (right === undefined || direction * compareEvents(left, right) <= 0);
    if (takeLeft) {
      merged.push(left);
      i++;
    } else if (right !== undefined) {
      merged.push(right);
      j++;
    }
  }
  return merged;
};

/** The single `@timestamp` doc value, epoch ms; NaN when missing or multi-valued (as the embedded store). */
const docValueTimestamp = (hit: SearchHit<Source>): number => {
  const values: unknown = hit.fields?.[GET_EVENT_TIMESTAMP_FIELD];
  if (!Array.isArray(values) || values.length !== 1) return NO_TIMESTAMP;
  return Math.trunc(Number(values[0]));
};

const distinctName = (i: number): string => `distinct_${i}`;

const distinctAggregation = (
  field: string,
  size: number,
  after?: Readonly<Record<string, unknown>>
): AggregationsAggregationContainer => ({
  composite: {
    size,
    sources: [{ [DISTINCT_VALUE]: { terms: { field } } }],
    ...(after === undefined ? {} : { after }),
  },
});

/** The next page's `after`, or undefined when this page was the last. */
const nextPage = (
  page: BucketsAggregation,
  size: number
): Readonly<Record<string, unknown>> | undefined =>
  page.buckets.length < size ? undefined : page.after_key;

const earlier = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);
const later = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);

const totalHits = (total: number | { readonly value: number } | undefined): number =>
  typeof total === 'number' ? total : (total?.value ?? 0);

export class EsEventLookups implements EventLookups {
  private readonly resultWindow: number;
  private readonly distinctPageSize: number;

  constructor(
    private readonly client: EsClient,
    options: EsEventLookupsOptions = {}
  ) {
    this.resultWindow = options.resultWindow ?? MAX_RESULT_WINDOW;
    this.distinctPageSize = options.distinctPageSize ?? DISTINCT_PAGE_SIZE;
  }

  /**
   * The event stored in exactly `index` (a concrete index, as the embedded store keeps it: not a
   * pattern, and not an alias, whose hits name their own index).
   */
  async getEvent(index: string, id: string): Promise<SourceEvent | undefined> {
    if (NOT_ONE_INDEX.test(index)) return undefined;
    const response = await this.client.search<Source>({
      index,
      allow_no_indices: true,
      ignore_unavailable: true,
      size: 1,
      query: { ids: { values: [id] } },
      docvalue_fields: [{ field: GET_EVENT_TIMESTAMP_FIELD, format: 'epoch_millis' }],
    });
    const hit = response.hits.hits[0];
    if (hit === undefined || hit._index !== index || hit._id === undefined) return undefined;
    return {
      index: hit._index,
      id: hit._id,
      source: hit._source ?? {},
      timestamp: docValueTimestamp(hit),
    };
  }

  async searchEvents(
    request: EventLookupRequest
  ): Promise<{ readonly total: number; readonly events: readonly SourceEvent[] }> {
    assertSize(request.size);
    const offset = request.offset ?? 0;
    assertSize(offset);
    if (request.index.length === 0) return { total: 0, events: [] };
    const query = await this.compile(request.index, request.query);
    const { primary, fallback } = request.timestamp;
    if (fallback === null) {
      const byPrimary = await this.sortedEvents(request, primary, offset, request.size, [
        query,
        this.rangeOn(primary, request.range),
      ]);
      return { total: byPrimary.total, events: byPrimary.events.map(({ event }) => event) };
    }
    const reach = offset + request.size;
    const byPrimary = await this.sortedEvents(request, primary, 0, reach, [
      query,
      this.rangeOn(primary, request.range),
    ]);
    const byFallback = await this.sortedEvents(request, fallback, 0, reach, [
      query,
      withoutPrimary(request.timestamp),
      this.rangeOn(fallback, request.range),
    ]);
    const events = mergeSorted(byPrimary.events, byFallback.events, request.sortOrder, reach);
    return {
      total: byPrimary.total + byFallback.total,
      events: events.slice(offset).map(({ event }) => event),
    };
  }

  /**
   * The matching events' count and time span (as `timeSpan` places events: the primary timestamp,
   * the fallback for events without it) in one search with the first page of each field's
   * composite; a field with more values than a page reads its further pages alone.
   */
  async fieldPrevalence(request: FieldPrevalenceRequest): Promise<FieldPrevalence> {
    const distinct: Record<string, number> = Object.fromEntries(
      request.countFields.map((field) => [field, 0])
    );
    if (request.index.length === 0) return { events: 0, distinct, firstSeen: null, lastSeen: null };
    const query = await this.compile(request.index, request.query);
    const span = timeSpanRequest(request.index, request.timestamp);
    const response = await this.client.search({
      ...span,
      query,
      track_total_hits: true,
      aggs: {
        ...span.aggs,
        ...Object.fromEntries(
          request.countFields.map((field, i) => [
            distinctName(i),
            distinctAggregation(field, this.distinctPageSize),
          ])
        ),
      },
    });
    const events = totalHits(response.hits.total);
    const root = (response.aggregations ?? {}) as Record<string, unknown>;
    if (events === 0 || response.aggregations === undefined)
      return { events, distinct, firstSeen: null, lastSeen: null };
    for (const [i, field] of request.countFields.entries())
      distinct[field] = await this.countDistinct(request.index, query, field, root, i);
    const fallback = subAggregation(root, FALLBACK_ONLY) ?? {};
    const firstSeen = earlier(
      minValue(subAggregation(root, 'lo')),
      minValue(subAggregation(fallback, 'lo'))
    );
    const lastSeen = later(
      minValue(subAggregation(root, 'hi')),
      minValue(subAggregation(fallback, 'hi'))
    );
    return { events, distinct, firstSeen: firstSeen ?? null, lastSeen: lastSeen ?? null };
  }

  /** Buckets of the first page (in `aggregations`), then of each further page, to the end. */
  private async countDistinct(
    index: readonly string[],
    query: QueryDslQueryContainer,
    field: string,
    aggregations: unknown,
    i: number
  ): Promise<number> {
    let page = bucketsOf(aggregations, distinctName(i));
    let count = page.buckets.length;
    const size = this.distinctPageSize;
    for (let after = nextPage(page, size); after !== undefined; after = nextPage(page, size)) {
      const response = await this.client.search({
        index: [...index],
        allow_no_indices: true,
        ignore_unavailable: true,
        size: 0,
        track_total_hits: false,
        query,
        aggs: { [distinctName(i)]: distinctAggregation(field, size, after) },
      });
      page = bucketsOf(response.aggregations, distinctName(i));
      count += page.buckets.length;
    }
    return count;
  }

  private rangeOn(field: string, range: TimeRange): QueryDslQueryContainer {
    return timeRangeFilter({ primary: field, fallback: null }, range);
  }

  /** Events `[offset, offset + size)` placed by `timestampField` among those `filters` select, and their total. */
  private async sortedEvents(
    request: EventLookupRequest,
    timestampField: string,
    offset: number,
    size: number,
    filters: readonly QueryDslQueryContainer[]
  ): Promise<{ readonly total: number; readonly events: readonly SortedEvent[] }> {
    const search: SearchRequest = {
      index: [...request.index],
      query: { bool: { filter: [...filters] } },
      sort: sortOf(timestampField, request.sortOrder),
    };
    const { total, hits } = await searchWindow<Source>(
      this.client,
      search,
      offset,
      size,
      this.resultWindow
    );
    return { total, events: hits.map(toSortedEvent) };
  }

  /** The KQL as DSL with the cluster's field types, as `EsEventSource` compiles a rule's query. */
  private async compile(index: readonly string[], query: KqlNode): Promise<QueryDslQueryContainer> {
    const fields = [...referencedFields(query)].map((field) => field ?? '*');
    const fieldTypes = await fetchFieldTypes(this.client, index, fields);
    return buildEsQuery(query, fieldTypes, { dateFormatTZ: 'Zulu' }) as QueryDslQueryContainer;
  }
}
