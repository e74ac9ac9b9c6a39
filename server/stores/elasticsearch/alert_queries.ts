/**
 * The alerts page, triage and the investigation page over a space's alerts index
 * (`ctd-alerts-<space>`), with the embedded store's answers exactly (a differential test holds the
 * two to it). No scripts anywhere, so it runs on clusters without Painless:
 *
 * - Severity sorts by rank, not alphabetically. A keyword sort cannot do that and a sort script is
 *   not available, so the filter is wrapped in a `function_score` whose `filter` functions give
 *   each known severity a constant weight (its rank + 1; `score_mode: first`,
 *   `boost_mode: replace`). An alert matching no function scores 1, below every known severity,
 *   which is where the embedded store ranks unknown values. Scores are small integers, exact in
 *   a float, and the sort is `_score` then the alert id: one request per page, exact, and usable
 *   with `search_after`.
 * - Ties go to `kibana.alert.uuid` ascending (`_id` has no doc values to sort on).
 * - Pages are `from`/`size` while they end inside `index.max_result_window` (10,000). Deeper pages
 *   walk there with `search_after` (ids only) and read the page after it; without a point in time
 *   a write between those requests can shift a deep page, as paging through any changing index.
 * - The histogram is a `date_histogram` with `fixed_interval` in ms and `min_doc_count: 1`:
 *   Elasticsearch rounds fixed intervals as floor((t - offset) / interval) * interval with offset 0
 *   in UTC, so buckets start at multiples of the interval since the epoch, before 1970 too. A
 *   stacked one adds a composite aggregation of the same rounding and the stacked field.
 * - A status change reads the ids to change, then writes partial documents by id (as
 *   `EsAlertStore.setWorkflowStatus`) to each alert's own index, so `index` may be an alias over
 *   several indices; it is not atomic against a concurrent change.
 */
import type {
  BulkOperationContainer,
  QueryDslQueryContainer,
  SearchHit,
  SearchRequest,
  SearchResponse,
  Sort,
  SortResults,
} from '@elastic/elasticsearch/lib/api/types';
import type { AlertDocument } from '../../../common/alerts/alert_document';
import * as F from '../../../common/alerts/field_names';
import { RULE_SEVERITIES } from '../../../common/rules/rule_schema';
import {
  type AlertFilter,
  type AlertGroupFilter,
  type AlertGroupsRequest,
  type AlertGroupsResult,
  type AlertPivotRequest,
  type AlertSelection,
  type AlertQueries,
  type AlertSearchRequest,
  type AlertSearchResult,
  type WorkflowChange,
} from '../store_contract';
import type { TimeRange } from '../../new_terms/types';
import {
  bucketsOf,
  subAggregation,
  UnexpectedResponseError,
  type Bucket,
} from './aggregation_reader';
import type { NotesEdit } from '../store_contract';
import type {
  AlertNote,
  WorkflowListChange,
  WorkflowListField,
} from '../../../common/alerts/alert_annotations';
import { EsAlertAnnotations } from './alert_annotations';
import { AlertWriteError } from './alert_write_error';
import type { EsClient } from './es_client';
import {
  assertFilter,
  assertGroupField,
  assertHistogramStack,
  assertInterval,
  assertPaging,
} from '../../alerts/alert_request_checks';
import { alertQueryDsl, compileAlertQuery, isAlertQuery } from '../../alerts/alert_query';
import {
  GROUP_SEVERITY_ORDER,
  MAX_GROUP_VALUES,
  pageOfGroups,
  severityCounts,
} from '../../alerts/alert_groups';
import { STACK_FIELDS, withSeries, type StackedCount } from '../../alerts/alert_histogram';
import type {
  AlertGroup,
  AlertHistogramBucket,
  AlertHistogramStack,
  AlertSortField,
  SortOrder,
} from '../../../common/api/alerts_api';
import { indexedAlertFieldNames } from './alert_field_names';

/** Elasticsearch's default `index.max_result_window`: the deepest `from + size` a search may ask. */
export const MAX_RESULT_WINDOW = 10_000;
/** Ids read per request, and partial updates per bulk request, when changing statuses. */
const STATUS_PAGE_SIZE = 1_000;
const HISTOGRAM = 'histogram';
const STACKED = 'stacked';
const STACK_START = 'start';
const STACK_VALUE = 'value';
/** Composite buckets per request of a stacked histogram, well below `search.max_buckets`. */
const STACKED_PAGE_SIZE = 1_000;
const GROUPS = 'groups';
const GROUP_MISSING = 'missing';
const GROUP_RULES = 'rules';
const GROUP_SEVERITIES = 'severities';
const EARLIEST = 'earliest';
const LATEST = 'latest';
/** `function_score` gives an alert no function matches this score (the lowest rank). */
const UNMATCHED_SCORE = 1;

interface AlertLocation {
  readonly index: string;
  readonly id: string;
}

export interface EsAlertQueriesOptions {
  /** The index's `max_result_window`; lower only in tests, to reach the deep-paging path. */
  readonly resultWindow?: number;
  /** Composite buckets per request of a stacked histogram; lower only in tests, to page. */
  readonly stackedPageSize?: number;
}

/** The sort field of each `AlertSortField` but severity (sorted by score, see above). */
const SORT_FIELDS: Readonly<Record<Exclude<AlertSortField, 'severity'>, string>> = {
  '@timestamp': '@timestamp',
  original_time: F.ALERT_ORIGINAL_TIME,
  risk_score: F.ALERT_RISK_SCORE,
  rule_name: F.ALERT_RULE_NAME,
  host_name: 'host.name',
  workflow_status: F.ALERT_WORKFLOW_STATUS,
};

const LIST_FILTERS: ReadonlyArray<{
  readonly key: 'ruleIds' | 'ruleUuids' | 'statuses' | 'severities';
  readonly field: string;
}> = [
  { key: 'ruleIds', field: F.ALERT_RULE_RULE_ID },
  { key: 'ruleUuids', field: F.ALERT_RULE_UUID },
  { key: 'statuses', field: F.ALERT_WORKFLOW_STATUS },
  { key: 'severities', field: F.ALERT_SEVERITY },
];

/** Workflow fields a status change may set to null; returned documents omit them instead. */
const NULLABLE_WORKFLOW_FIELDS = [
  F.ALERT_WORKFLOW_REASON,
  F.ALERT_WORKFLOW_USER,
  F.ALERT_WORKFLOW_STATUS_UPDATED_AT,
];

const TIE_BREAK: Sort = [{ [F.ALERT_UUID]: { order: 'asc' } }];

/** A composite bucket of a stacked histogram as a count. */
const stackedCountOf = (bucket: Bucket): StackedCount => {
  const key = bucket.key;
  const fields = typeof key === 'object' && key !== null ? (key as Record<string, unknown>) : {};
  const start = fields[STACK_START];
  const value = fields[STACK_VALUE];
  if (typeof start !== 'number' || (value !== null && typeof value !== 'string'))
    throw new UnexpectedResponseError(`stacked histogram key ${JSON.stringify(key)}`);
  return { start, value, count: bucket.doc_count };
};

/** One group: its value as a term, or no indexed value at all (alert_groups.ts). */
const groupFilterQuery = (group: AlertGroupFilter): QueryDslQueryContainer =>
  group.value === null
    ? { bool: { must_not: [{ exists: { field: group.field } }] } }
    : { term: { [group.field]: group.value } };

/**
 * What each group reports: its rules, counted exactly below `precision_threshold` (distinct values
 * are kept as a set of hashes up to there), and its alerts per known severity.
 */
const GROUP_SUMMARY = {
  [GROUP_RULES]: { cardinality: { field: F.ALERT_RULE_UUID, precision_threshold: 3_000 } },
  [GROUP_SEVERITIES]: {
    filters: {
      filters: GROUP_SEVERITY_ORDER.map((severity) => ({
        term: { [F.ALERT_SEVERITY]: severity },
      })),
    },
  },
};

const groupOf = (value: string | null, bucket: Readonly<Record<string, unknown>>): AlertGroup => {
  const severities = bucketsOf(bucket, GROUP_SEVERITIES).buckets;
  return {
    value,
    count: Number(bucket.doc_count),
    rule_count: metricValue(bucket, GROUP_RULES) ?? 0,
    severities: severityCounts(
      (severity) => severities[GROUP_SEVERITY_ORDER.indexOf(severity)]?.doc_count ?? 0
    ),
  };
};

/** The filter as a `bool` of filter clauses (matching everything when nothing is filtered). */
export const alertFilterQuery = (filter: AlertFilter): QueryDslQueryContainer => {
  const clauses: QueryDslQueryContainer[] = [];
  for (const { key, field } of LIST_FILTERS) {
    const values = filter[key];
    if (values !== undefined && values.length > 0)
      clauses.push({ terms: { [field]: [...values] } });
  }
  if (filter.ids !== undefined && filter.ids.length > 0)
    clauses.push({ ids: { values: [...filter.ids] } });
  if (filter.group !== undefined) clauses.push(groupFilterQuery(filter.group));
  if (isAlertQuery(filter.query))
    clauses.push(alertQueryDsl(compileAlertQuery(filter.query)) as QueryDslQueryContainer);
  const { from, to } = filter.range ?? {};
  if (from !== undefined || to !== undefined) {
    clauses.push({
      range: {
        '@timestamp': {
          ...(from === undefined ? {} : { gte: from }),
          ...(to === undefined ? {} : { lte: to }),
          format: 'epoch_millis',
        },
      },
    });
  }
  return { bool: { filter: clauses } };
};

/** Scores each alert by its severity's rank (+1), for the severity sort. */
export const severityScoredQuery = (query: QueryDslQueryContainer): QueryDslQueryContainer => ({
  function_score: {
    query,
    functions: RULE_SEVERITIES.map((severity, index) => ({
      filter: { term: { [F.ALERT_SEVERITY]: severity } },
      weight: UNMATCHED_SCORE + index + 1,
    })),
    score_mode: 'first',
    boost_mode: 'replace',
  },
});

/** Query and sort of a search request: see the module comment for the severity sort. */
export const alertSearchBody = (
  filter: AlertFilter,
  sortField: AlertSortField,
  sortOrder: SortOrder
): { readonly query: QueryDslQueryContainer; readonly sort: Sort } => {
  const query = alertFilterQuery(filter);
  if (sortField === 'severity')
    return {
      query: severityScoredQuery(query),
      sort: [{ _score: { order: sortOrder } }, ...TIE_BREAK],
    };
  const field = SORT_FIELDS[sortField];
  if (field === undefined) throw new RangeError(`unknown sort field ${String(sortField)}`);
  // Missing values last in both orders, as the embedded store's NULLS LAST.
  return { query, sort: [{ [field]: { order: sortOrder, missing: '_last' } }, ...TIE_BREAK] };
};

const totalOf = (response: SearchResponse<unknown>): number => {
  const total = response.hits.total;
  return typeof total === 'number' ? total : (total?.value ?? 0);
};

const lastSort = (hits: ReadonlyArray<SearchHit<unknown>>): SortResults | undefined =>
  hits[hits.length - 1]?.sort;

/**
 * Hits `[offset, offset + limit)` of a sorted search and the total: one `from`/`size` request
 * inside the result window, `search_after` pages beyond it. `request` must sort on a unique key.
 */
export const searchWindow = async <T>(
  client: EsClient,
  request: SearchRequest,
  offset: number,
  limit: number,
  resultWindow = MAX_RESULT_WINDOW
): Promise<{ readonly total: number; readonly hits: ReadonlyArray<SearchHit<T>> }> => {
  const base: SearchRequest = { ...request, allow_no_indices: true, ignore_unavailable: true };
  if (offset + limit <= resultWindow) {
    const response = await client.search<T>({
      ...base,
      from: offset,
      size: limit,
      track_total_hits: true,
    });
    return { total: totalOf(response), hits: response.hits.hits };
  }
  const total = totalOf(await client.search({ ...base, size: 0, track_total_hits: true }));
  let after: SortResults | undefined;
  for (let skipped = 0; skipped < offset; ) {
    const size = Math.min(resultWindow, offset - skipped);
    const response = await client.search({
      ...base,
      size,
      _source: false,
      track_total_hits: false,
      ...(after ? { search_after: after } : {}),
    });
    if (response.hits.hits.length < size) return { total, hits: [] };
    skipped += size;
    after = lastSort(response.hits.hits);
  }
  const hits: Array<SearchHit<T>> = [];
  while (hits.length < limit) {
    const size = Math.min(resultWindow, limit - hits.length);
    const response = await client.search<T>({
      ...base,
      size,
      track_total_hits: false,
      ...(after ? { search_after: after } : {}),
    });
    hits.push(...response.hits.hits);
    if (response.hits.hits.length < size) break;
    after = lastSort(response.hits.hits);
  }
  return { total, hits };
};

/** A single-value metric aggregation's value (`min`/`max` of a date: epoch ms); undefined without documents or an index. */
const metricValue = (aggregations: unknown, name: string): number | undefined => {
  const aggregation =
    typeof aggregations === 'object' && aggregations !== null
      ? (aggregations as Record<string, unknown>)[name]
      : undefined;
  const value =
    typeof aggregation === 'object' && aggregation !== null
      ? (aggregation as { value?: unknown }).value
      : undefined;
  return typeof value === 'number' ? value : undefined;
};

/** `_source` with the current workflow fields: a status change writes null for an unset reason. */
export const currentDocument = (source: Readonly<Record<string, unknown>>): AlertDocument => {
  const document: Record<string, unknown> = {
    ...source,
    [F.ALERT_WORKFLOW_STATUS]: source[F.ALERT_WORKFLOW_STATUS] ?? 'open',
  };
  for (const field of NULLABLE_WORKFLOW_FIELDS)
    if (document[field] === null) delete document[field];
  return document;
};

const documentsOf = (hits: ReadonlyArray<SearchHit<AlertDocument>>): AlertDocument[] =>
  hits.flatMap((hit) => (hit._source === undefined ? [] : [currentDocument(hit._source)]));

export class EsAlertQueries implements AlertQueries {
  private readonly resultWindow: number;
  private readonly stackedPageSize: number;

  constructor(
    private readonly client: EsClient,
    readonly index: string,
    options: EsAlertQueriesOptions = {}
  ) {
    this.resultWindow = options.resultWindow ?? MAX_RESULT_WINDOW;
    this.stackedPageSize = options.stackedPageSize ?? STACKED_PAGE_SIZE;
  }

  /** A search for aggregations only: no hits, no total, and nothing to count before the index exists. */
  private countsOnly(filter: AlertFilter) {
    return {
      index: this.index,
      allow_no_indices: true,
      ignore_unavailable: true,
      size: 0,
      track_total_hits: false,
      query: alertFilterQuery(filter),
    };
  }

  async search(request: AlertSearchRequest): Promise<AlertSearchResult> {
    assertPaging(request.page, request.perPage);
    assertFilter(request.filter);
    const body = alertSearchBody(request.filter, request.sortField, request.sortOrder);
    const { total, hits } = await searchWindow<AlertDocument>(
      this.client,
      { index: this.index, ...body },
      request.page * request.perPage,
      request.perPage,
      this.resultWindow
    );
    return { total, alerts: documentsOf(hits) };
  }

  /** A `term` on the (keyword) field, the alert itself left out; newest `@timestamp` first, ties by id. */
  async pivot(request: AlertPivotRequest): Promise<AlertSearchResult> {
    assertPaging(0, request.size);
    const { total, hits } = await searchWindow<AlertDocument>(
      this.client,
      {
        index: this.index,
        query: {
          bool: {
            filter: [{ term: { [request.field]: request.value } }],
            must_not: [{ ids: { values: [request.excludeId] } }],
          },
        },
        sort: [{ '@timestamp': { order: 'desc' } }, { [F.ALERT_UUID]: { order: 'asc' } }],
      },
      0,
      request.size,
      this.resultWindow
    );
    return { total, alerts: documentsOf(hits) };
  }

  async histogram(
    filter: AlertFilter,
    intervalMs: number,
    stackBy?: AlertHistogramStack
  ): Promise<readonly AlertHistogramBucket[]> {
    assertInterval(intervalMs);
    assertFilter(filter);
    assertHistogramStack(stackBy);
    const response = await this.client.search({
      ...this.countsOnly(filter),
      aggs: {
        [HISTOGRAM]: {
          date_histogram: {
            field: '@timestamp',
            fixed_interval: `${intervalMs}ms`,
            min_doc_count: 1,
          },
        },
      },
    });
    // No alerts index yet: nothing to count.
    if (response.aggregations === undefined) return [];
    const buckets = bucketsOf(response.aggregations, HISTOGRAM).buckets.map((bucket) => ({
      start: Number(bucket.key),
      count: bucket.doc_count,
    }));
    return stackBy === undefined || buckets.length === 0
      ? buckets
      : withSeries(buckets, await this.stackedCounts(filter, intervalMs, STACK_FIELDS[stackBy]));
  }

  /**
   * Per bucket and value, how many alerts: a composite aggregation of the bucket and the value
   * (the alerts without one as a `null` key), paged to the end, so no value is ever cut off and
   * no response nears `search.max_buckets`. Ordered by start, then value in byte order.
   */
  private async stackedCounts(
    filter: AlertFilter,
    intervalMs: number,
    field: string
  ): Promise<StackedCount[]> {
    const counts: StackedCount[] = [];
    let after: Readonly<Record<string, unknown>> | undefined;
    for (;;) {
      const response = await this.client.search({
        ...this.countsOnly(filter),
        aggs: {
          [STACKED]: {
            composite: {
              size: this.stackedPageSize,
              sources: [
                {
                  [STACK_START]: {
                    date_histogram: { field: '@timestamp', fixed_interval: `${intervalMs}ms` },
                  },
                },
                { [STACK_VALUE]: { terms: { field, missing_bucket: true } } },
              ],
              ...(after === undefined ? {} : { after }),
            },
          },
        },
      });
      if (response.aggregations === undefined) return counts;
      const page = bucketsOf(response.aggregations, STACKED);
      for (const bucket of page.buckets) counts.push(stackedCountOf(bucket));
      if (page.after_key === undefined || page.buckets.length < this.stackedPageSize) return counts;
      after = page.after_key;
    }
  }

  /** A `terms` aggregation and a `missing` one, paged here as the embedded store pages. */
  async groups(request: AlertGroupsRequest): Promise<AlertGroupsResult> {
    assertPaging(request.page, request.perPage);
    assertFilter(request.filter);
    assertGroupField(request.field);
    const response = await this.client.search({
      ...this.countsOnly(request.filter),
      aggs: {
        [GROUPS]: {
          terms: {
            field: request.field,
            size: MAX_GROUP_VALUES,
            order: [{ _count: 'desc' }, { _key: 'asc' }],
          },
          aggs: GROUP_SUMMARY,
        },
        [GROUP_MISSING]: { missing: { field: request.field }, aggs: GROUP_SUMMARY },
      },
    });
    // No alerts index yet: no groups.
    if (response.aggregations === undefined) return { totalGroups: 0, groups: [] };
    const missing = subAggregation(response.aggregations, GROUP_MISSING);
    return pageOfGroups(
      bucketsOf(response.aggregations, GROUPS).buckets.map((bucket) =>
        groupOf(String(bucket.key), bucket)
      ),
      missing === undefined ? undefined : groupOf(null, missing),
      request.page,
      request.perPage
    );
  }

  async timeSpan(filter: AlertFilter): Promise<TimeRange | undefined> {
    assertFilter(filter);
    const response = await this.client.search({
      ...this.countsOnly(filter),
      aggs: {
        [EARLIEST]: { min: { field: '@timestamp' } },
        [LATEST]: { max: { field: '@timestamp' } },
      },
    });
    const from = metricValue(response.aggregations, EARLIEST);
    const to = metricValue(response.aggregations, LATEST);
    return from === undefined || to === undefined ? undefined : { from, to };
  }

  storedFieldNames(): Promise<ReadonlySet<string>> {
    return indexedAlertFieldNames(this.client, this.index);
  }

  async get(id: string): Promise<AlertDocument | undefined> {
    const response = await this.client.search<AlertDocument>({
      index: this.index,
      allow_no_indices: true,
      ignore_unavailable: true,
      size: 1,
      query: { ids: { values: [id] } },
    });
    return documentsOf(response.hits.hits)[0];
  }

  async setWorkflowStatus(selection: AlertSelection, change: WorkflowChange): Promise<number> {
    if ('ids' in selection && selection.ids.length === 0) return 0;
    if ('filter' in selection) assertFilter(selection.filter);
    const selected =
      'ids' in selection
        ? { ids: { values: [...selection.ids] } }
        : alertFilterQuery(selection.filter);
    const changing = await this.locate({
      bool: {
        filter: [selected],
        must_not: [{ term: { [F.ALERT_WORKFLOW_STATUS]: change.status } }],
      },
    });
    for (let start = 0; start < changing.length; start += STATUS_PAGE_SIZE) {
      await this.applyStatus(changing.slice(start, start + STATUS_PAGE_SIZE), change);
    }
    return changing.length;
  }

  updateWorkflowList(
    ids: readonly string[],
    field: WorkflowListField,
    change: WorkflowListChange
  ): Promise<number> {
    return new EsAlertAnnotations(this.client, this.index).updateWorkflowList(ids, field, change);
  }

  editNotes<T>(
    alertId: string,
    edit: (notes: readonly AlertNote[]) => NotesEdit<T>
  ): Promise<{ readonly result: T } | undefined> {
    return new EsAlertAnnotations(this.client, this.index).editNotes(alertId, edit);
  }

  /**
   * Where each selected alert lives. `index` may be an alias over several indices (Kibana's alerts
   * alias after a rollover): an update must name the alert's own index, not the alias.
   */
  private async locate(query: QueryDslQueryContainer): Promise<AlertLocation[]> {
    const found: AlertLocation[] = [];
    let after: SortResults | undefined;
    for (;;) {
      const response = await this.client.search({
        index: this.index,
        allow_no_indices: true,
        ignore_unavailable: true,
        size: STATUS_PAGE_SIZE,
        _source: false,
        track_total_hits: false,
        query,
        sort: TIE_BREAK,
        ...(after ? { search_after: after } : {}),
      });
      const hits = response.hits.hits;
      for (const hit of hits)
        if (typeof hit._id === 'string') found.push({ index: hit._index, id: hit._id });
      if (hits.length < STATUS_PAGE_SIZE) return found;
      after = lastSort(hits);
    }
  }

  private async applyStatus(
    alerts: readonly AlertLocation[],
    change: WorkflowChange
  ): Promise<void> {
    const doc = {
      [F.ALERT_WORKFLOW_STATUS]: change.status,
      [F.ALERT_WORKFLOW_REASON]: change.status === 'closed' ? (change.reason ?? null) : null,
      [F.ALERT_WORKFLOW_USER]: change.user,
      [F.ALERT_WORKFLOW_STATUS_UPDATED_AT]: change.at.toISOString(),
    };
    const operations: Array<BulkOperationContainer | { doc: typeof doc }> = alerts.flatMap(
      ({ index, id }) => [{ update: { _index: index, _id: id } }, { doc }]
    );
    const response = await this.client.bulk({ operations, refresh: 'wait_for' });
    const failures = response.items
      .filter((item) => item.update?.error)
      .map((item) => JSON.stringify(item.update?.error));
    if (failures.length > 0) throw new AlertWriteError(failures);
  }
}
