/**
 * What the alerts page, triage and the investigation page ask of a store, independent of which
 * store answers: the embedded DuckDB store and Elasticsearch implement the same contract, and a
 * differential test holds them to the same answers.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import type { ClosingReason, WorkflowStatus } from '../../common/alerts/workflow_status';
import {
  ALERT_SORT_FIELDS,
  type AlertHistogramBucket,
  type AlertSortField,
  type SortOrder,
} from '../../common/api/alerts_api';
import {
  MAX_HISTOGRAM_INTERVAL_MS,
  MAX_INSTANT_MS,
  MIN_HISTOGRAM_INTERVAL_MS,
  MIN_INSTANT_MS,
} from '../../common/api/request_bounds';
import type { KqlNode } from '../../common/kql/ast';
import type { SourceEvent, TimeRange, TimestampSpec } from '../new_terms/types';

// The API's sort fields and histogram buckets are part of this contract: both stores answer in them.
export { ALERT_SORT_FIELDS };
export type { AlertHistogramBucket, AlertSortField, SortOrder };

/** Alerts page filters; every given filter must hold (empty lists filter nothing). */
export interface AlertFilter {
  readonly ruleIds?: readonly string[];
  readonly ruleUuids?: readonly string[];
  readonly statuses?: readonly WorkflowStatus[];
  readonly severities?: readonly string[];
  /** On the alert's `@timestamp` (when the rule raised it), inclusive, epoch ms. */
  readonly range?: Partial<TimeRange>;
  readonly ids?: readonly string[];
}

export interface AlertSearchRequest {
  readonly filter: AlertFilter;
  /** 0-based page of `perPage` alerts. */
  readonly page: number;
  readonly perPage: number;
  readonly sortField: AlertSortField;
  readonly sortOrder: SortOrder;
}

export interface AlertSearchResult {
  readonly total: number;
  /** Documents with the current workflow fields; ties in the sort broken by alert id ascending. */
  readonly alerts: readonly AlertDocument[];
}

export interface WorkflowChange {
  readonly status: WorkflowStatus;
  /** Only kept when closing. */
  readonly reason?: ClosingReason;
  readonly user: string;
  readonly at: Date;
}

/** Which alerts a status change applies to: named ids, or every alert a filter selects. */
export type AlertSelection = { readonly ids: readonly string[] } | { readonly filter: AlertFilter };

// The request checks every implementation applies before touching its store.

export const assertPaging = (page: number, perPage: number): void => {
  if (!Number.isSafeInteger(page) || page < 0)
    throw new RangeError(`page must be a non-negative integer (got ${page})`);
  if (!Number.isSafeInteger(perPage) || perPage < 0)
    throw new RangeError(`perPage must be a non-negative integer (got ${perPage})`);
};

export const assertInterval = (intervalMs: number): void => {
  if (
    !Number.isSafeInteger(intervalMs) ||
    intervalMs < MIN_HISTOGRAM_INTERVAL_MS ||
    intervalMs > MAX_HISTOGRAM_INTERVAL_MS
  ) {
    throw new RangeError(
      `intervalMs must be an integer from ${MIN_HISTOGRAM_INTERVAL_MS} to ${MAX_HISTOGRAM_INTERVAL_MS} (got ${intervalMs})`
    );
  }
};

const assertInstant = (name: string, ms: number | undefined): void => {
  if (ms === undefined) return;
  if (!Number.isSafeInteger(ms) || ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) {
    throw new RangeError(
      `${name} must be whole epoch ms from ${MIN_INSTANT_MS} to ${MAX_INSTANT_MS} (got ${ms})`
    );
  }
};

/** The filter's range ends are instants both stores bind exactly (DuckDB refuses a number past BIGINT, Elasticsearch one past a long). */
export const assertFilter = (filter: AlertFilter): void => {
  assertInstant('range.from', filter.range?.from);
  assertInstant('range.to', filter.range?.to);
};

export const assertSize = (size: number): void => {
  if (!Number.isSafeInteger(size) || size < 0)
    throw new RangeError(`size must be a non-negative integer (got ${size})`);
};

export interface AlertQueries {
  search(request: AlertSearchRequest): Promise<AlertSearchResult>;
  /** Alert counts per `intervalMs` bucket of `@timestamp`, empty buckets omitted, ascending. */
  histogram(filter: AlertFilter, intervalMs: number): Promise<readonly AlertHistogramBucket[]>;
  /** The earliest and latest `@timestamp` of the alerts the filter selects (epoch ms); undefined for none. */
  timeSpan(filter: AlertFilter): Promise<TimeRange | undefined>;
  get(id: string): Promise<AlertDocument | undefined>;
  /** Changes the status of the selected alerts not already in it; returns how many changed. */
  setWorkflowStatus(selection: AlertSelection, change: WorkflowChange): Promise<number>;
}

/** An event search for the investigation page: the event itself and events around it. */
export interface EventLookupRequest {
  readonly index: readonly string[];
  readonly query: KqlNode;
  readonly range: TimeRange;
  readonly timestamp: TimestampSpec;
  readonly size: number;
  readonly sortOrder: SortOrder;
}

export interface EventLookups {
  /** One stored event by its index and id. */
  getEvent(index: string, id: string): Promise<SourceEvent | undefined>;
  /** Matching events in the range, by (combined) timestamp then index order; at most `size`. */
  searchEvents(
    request: EventLookupRequest
  ): Promise<{ readonly total: number; readonly events: readonly SourceEvent[] }>;
}
