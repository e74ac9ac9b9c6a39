/**
 * Request bodies of the three new_terms phases, shaped as Kibana's new_terms rule type sends them
 * (docs/new_terms.md#elasticsearch-requests): `size: 0`, `allow_no_indices`,
 * `ignore_unavailable`, the rule's query and the time range as filters, a composite aggregation
 * for recent terms, `terms` + `include` for a single field, and for several fields the batch of
 * candidate tuples as `bool.should` of `match`es.
 *
 * Two deliberate differences, both without scripts, so the same requests run on clusters that
 * disallow inline scripts (and on our test cluster, which has no Painless):
 * - "first seen strictly after `from`" is selected on our side from the `min` we request, instead
 *   of a `bucket_selector` script. The buckets are bounded by the candidates, so this returns the
 *   same terms.
 * - With a timestamp fallback, Kibana sorts and takes minimums on a `kibana.combined_timestamp`
 *   runtime field (a script). We split each bucket into events that have the primary timestamp and
 *   events that only have the fallback, and combine the two minimums / earliest hits ourselves.
 *
 * Ties on the timestamp go to the event indexed first (`_seq_no`), like the embedded store's
 * ingest order. That order is exact within one shard, which is how `ctd ingest --es` creates indices.
 */
import type {
  AggregationsAggregationContainer,
  QueryDslQueryContainer,
  SearchRequest,
  Sort,
} from '@elastic/elasticsearch/lib/api/types';
import type { TermTuple, TimeRange, TimestampSpec } from '../../new_terms/types';

export const DATE_FORMAT = 'strict_date_optional_time';
export const AGG_NAME = 'new_terms';
export const FIRST_SEEN = 'first_seen';
export const FIRST_SEEN_FALLBACK = 'first_seen_fallback';
export const FALLBACK_ONLY = 'fallback_only';
export const DOCS = 'docs';
export const DOCS_FALLBACK = 'docs_fallback';
export const HAS_PRIMARY = 'has_primary';

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

const rangeOn = (field: string, range: TimeRange): QueryDslQueryContainer => ({
  range: { [field]: { gte: iso(range.from), lte: iso(range.to), format: DATE_FORMAT } },
});

const missing = (field: string): QueryDslQueryContainer => ({
  bool: { must_not: [{ exists: { field } }] },
});

/** Kibana's time range filter: with a fallback, the primary in range, or no primary and the fallback in range. */
export const timeRangeFilter = (
  timestamp: TimestampSpec,
  range: TimeRange
): QueryDslQueryContainer => {
  if (timestamp.fallback === null) return rangeOn(timestamp.primary, range);
  return {
    bool: {
      minimum_should_match: 1,
      should: [
        rangeOn(timestamp.primary, range),
        { bool: { filter: [rangeOn(timestamp.fallback, range), missing(timestamp.primary)] } },
      ],
    },
  };
};

export interface PhaseSearch {
  readonly index: readonly string[];
  /** The rule's compiled KQL (`buildEsQuery` output). */
  readonly query: QueryDslQueryContainer;
  readonly fields: readonly string[];
  readonly timestamp: TimestampSpec;
}

const baseRequest = (
  search: PhaseSearch,
  range: TimeRange,
  aggs: Record<string, AggregationsAggregationContainer>,
  extraFilters: readonly QueryDslQueryContainer[] = []
): SearchRequest => ({
  index: [...search.index],
  size: 0,
  allow_no_indices: true,
  ignore_unavailable: true,
  track_total_hits: false,
  query: {
    bool: { filter: [search.query, timeRangeFilter(search.timestamp, range), ...extraFilters] },
  },
  aggs,
});

const afterObject = (
  fields: readonly string[],
  key: TermTuple | undefined
): Record<string, string | number | boolean> | undefined =>
  key === undefined
    ? undefined
    : Object.fromEntries(fields.map((field, i) => [field, key[i] as string | number | boolean]));

const compositeOf = (
  fields: readonly string[],
  size: number,
  after?: TermTuple
): AggregationsAggregationContainer['composite'] => {
  const afterKey = afterObject(fields, after);
  return {
    sources: fields.map((field) => ({ [field]: { terms: { field } } })),
    size,
    ...(afterKey ? { after: afterKey } : {}),
  };
};

/** Phase 1: distinct term tuples in the rule window, a page at a time. */
export const recentTermsRequest = (
  search: PhaseSearch,
  range: TimeRange,
  size: number,
  after?: TermTuple
): SearchRequest =>
  baseRequest(search, range, {
    [AGG_NAME]: { composite: compositeOf(search.fields, size, after) },
  });

/** The candidates of a multi-field batch: each tuple as a `bool.must` of one `match` per field. */
export const candidateFilter = (
  fields: readonly string[],
  candidates: readonly TermTuple[]
): QueryDslQueryContainer => ({
  bool: {
    minimum_should_match: 1,
    should: candidates.map((tuple) => ({
      bool: {
        must: fields.map((field, i) => ({
          match: { [field]: tuple[i] as string | number | boolean },
        })),
      },
    })),
  },
});

/** `min` of the (combined) timestamp: one aggregation, or two when there is a fallback. */
const firstSeenAggs = (
  timestamp: TimestampSpec
): Record<string, AggregationsAggregationContainer> => {
  const primary = { [FIRST_SEEN]: { min: { field: timestamp.primary } } };
  if (timestamp.fallback === null) return primary;
  return {
    ...primary,
    [FALLBACK_ONLY]: {
      filter: missing(timestamp.primary),
      aggs: { [FIRST_SEEN_FALLBACK]: { min: { field: timestamp.fallback } } },
    },
  };
};

const earliestHit = (field: string): AggregationsAggregationContainer => ({
  top_hits: {
    size: 1,
    sort: [{ [field]: { order: 'asc' } }, { _seq_no: { order: 'asc' } }] as Sort,
    seq_no_primary_term: true,
  },
});

/**
 * The earliest event per bucket: one `top_hits`; with a fallback, one among events that have the
 * primary timestamp and one among those that do not (an event missing the sort field would
 * otherwise sort last with a sentinel value).
 */
const earliestDocAggs = (
  timestamp: TimestampSpec
): Record<string, AggregationsAggregationContainer> => {
  if (timestamp.fallback === null) return { [DOCS]: earliestHit(timestamp.primary) };
  return {
    [HAS_PRIMARY]: {
      filter: { exists: { field: timestamp.primary } },
      aggs: { [DOCS]: earliestHit(timestamp.primary) },
    },
    [FALLBACK_ONLY]: {
      filter: missing(timestamp.primary),
      aggs: { [DOCS_FALLBACK]: earliestHit(timestamp.fallback) },
    },
  };
};

/** Terms (single field) or composite (several fields) buckets over the candidates, with `subAggs`. */
const candidateBuckets = (
  search: PhaseSearch,
  range: TimeRange,
  candidates: readonly TermTuple[],
  subAggs: Record<string, AggregationsAggregationContainer>,
  after?: TermTuple
): SearchRequest => {
  if (search.fields.length === 1) {
    const [field] = search.fields as [string];
    return baseRequest(search, range, {
      [AGG_NAME]: {
        terms: {
          field,
          size: candidates.length,
          include: candidates.map((tuple) => String(tuple[0])),
        },
        aggs: subAggs,
      },
    });
  }
  return baseRequest(
    search,
    range,
    {
      [AGG_NAME]: {
        composite: compositeOf(search.fields, candidates.length, after),
        aggs: subAggs,
      },
    },
    [candidateFilter(search.fields, candidates)]
  );
};

/** Phase 2: the first-seen time of each candidate over the history window. */
export const firstSeenRequest = (
  search: PhaseSearch,
  history: TimeRange,
  candidates: readonly TermTuple[],
  after?: TermTuple
): SearchRequest =>
  candidateBuckets(search, history, candidates, firstSeenAggs(search.timestamp), after);

/** Phase 3: the earliest event holding each new term in the window. */
export const firstDocumentsRequest = (
  search: PhaseSearch,
  range: TimeRange,
  terms: readonly TermTuple[],
  after?: TermTuple
): SearchRequest =>
  candidateBuckets(search, range, terms, earliestDocAggs(search.timestamp), after);

/** Resolution of `matchingTimesRequest`: a replay only needs to know which 9-minute windows hold events. */
export const MATCHING_TIMES_INTERVAL_MS = 60_000;
export const TIMES = 'times';
const TIMES_PAGE_SIZE = 10_000;

/**
 * Minutes (bucket starts) holding events that match the search and have every new-terms field,
 * placed by `timestampField`; `onlyWhere` restricts to events with or without the primary timestamp.
 */
export const matchingTimesRequest = (
  search: PhaseSearch,
  range: TimeRange,
  timestampField: string,
  onlyWhere: QueryDslQueryContainer | undefined,
  after?: number
): SearchRequest =>
  baseRequest(
    search,
    range,
    {
      [TIMES]: {
        composite: {
          sources: [
            {
              t: {
                date_histogram: {
                  field: timestampField,
                  fixed_interval: `${MATCHING_TIMES_INTERVAL_MS}ms`,
                },
              },
            },
          ],
          size: TIMES_PAGE_SIZE,
          ...(after === undefined ? {} : { after: { t: after } }),
        },
      },
    },
    [...search.fields.map((field) => ({ exists: { field } })), ...(onlyWhere ? [onlyWhere] : [])]
  );

export const withPrimary = (timestamp: TimestampSpec): QueryDslQueryContainer => ({
  exists: { field: timestamp.primary },
});
export const withoutPrimary = (timestamp: TimestampSpec): QueryDslQueryContainer =>
  missing(timestamp.primary);

/** Earliest and latest time in `index`, by the primary timestamp and (for events without it) the fallback. */
/** Whether `index` holds any document: counting stops at the first hit on each shard. */
export const hasDocumentsRequest = (index: readonly string[]): SearchRequest => ({
  index: [...index],
  size: 0,
  allow_no_indices: true,
  ignore_unavailable: true,
  terminate_after: 1,
  track_total_hits: 1,
});

export const timeSpanRequest = (
  index: readonly string[],
  timestamp: TimestampSpec
): SearchRequest => ({
  index: [...index],
  size: 0,
  allow_no_indices: true,
  ignore_unavailable: true,
  track_total_hits: false,
  aggs: {
    lo: { min: { field: timestamp.primary } },
    hi: { max: { field: timestamp.primary } },
    ...(timestamp.fallback === null
      ? {}
      : {
          [FALLBACK_ONLY]: {
            filter: missing(timestamp.primary),
            aggs: {
              lo: { min: { field: timestamp.fallback } },
              hi: { max: { field: timestamp.fallback } },
            },
          },
        }),
  },
});
