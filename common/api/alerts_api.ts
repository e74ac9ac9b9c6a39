/**
 * The alerts API's shapes, written once for the routes that answer and the browser that asks:
 * the sort fields a search takes, a page of alerts, and the histogram.
 */
import type { AlertDocument } from '../alerts/alert_document';

export const ALERT_SORT_FIELDS = [
  '@timestamp',
  'original_time',
  'severity',
  'risk_score',
  'rule_name',
  'host_name',
  'workflow_status',
] as const;
export type AlertSortField = (typeof ALERT_SORT_FIELDS)[number];
export type SortOrder = 'asc' | 'desc';

/** `GET …/alerts`: one page of alerts (`page` 0-based) and how many match in all. */
export interface AlertsPage {
  readonly total: number;
  readonly page: number;
  readonly per_page: number;
  readonly alerts: readonly AlertDocument[];
}

export interface AlertHistogramBucket {
  /** Bucket start, epoch ms (buckets are aligned to multiples of the interval since the epoch). */
  readonly start: number;
  readonly count: number;
}

/** `GET …/alerts/_histogram`. */
export interface AlertHistogram {
  readonly interval_ms: number;
  readonly buckets: readonly AlertHistogramBucket[];
}
