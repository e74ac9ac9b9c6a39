/**
 * The alerts API's shapes, written once for the routes that answer and the browser that asks:
 * the sort fields a search takes, a page of alerts, the histogram, and the groups.
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

/**
 * What a histogram's bars can be stacked by (`stack_by`): the rule's name or the alert's severity.
 * A closed list: each maps to a stored field, so no user text reaches a query as a field name.
 */
export const ALERT_HISTOGRAM_STACKS = ['rule', 'severity'] as const;
export type AlertHistogramStack = (typeof ALERT_HISTOGRAM_STACKS)[number];

export const isAlertHistogramStack = (value: string): value is AlertHistogramStack =>
  (ALERT_HISTOGRAM_STACKS as readonly string[]).includes(value);

/** A stacked bucket's alerts holding one value (`null`: the alerts without a value). */
export interface AlertHistogramSeriesCount {
  readonly value: string | null;
  readonly count: number;
}

export interface AlertHistogramBucket {
  /** Bucket start, epoch ms (buckets are aligned to multiples of the interval since the epoch). */
  readonly start: number;
  readonly count: number;
  /**
   * With `stack_by` only: the bucket's alerts per value, by value in byte order, the alerts
   * without a value last; values with no alert in the bucket left out.
   */
  readonly series?: readonly AlertHistogramSeriesCount[];
}

/** `GET …/alerts/_histogram`. */
export interface AlertHistogram {
  readonly interval_ms: number;
  /** Present when the bars are stacked. */
  readonly stack_by?: AlertHistogramStack;
  readonly buckets: readonly AlertHistogramBucket[];
}

/**
 * Fields alerts can be grouped by (the alerts page's "Group alerts by"). A closed list: a route
 * maps the requested name to a store field, so no user text reaches a query as a field name.
 */
export const ALERT_GROUP_FIELDS = [
  'kibana.alert.rule.name',
  'host.name',
  'container.id',
  'user.name',
  'kibana.alert.new_terms',
] as const;
export type AlertGroupField = (typeof ALERT_GROUP_FIELDS)[number];

export const isAlertGroupField = (value: string): value is AlertGroupField =>
  (ALERT_GROUP_FIELDS as readonly string[]).includes(value);

export interface AlertGroupSeverityCount {
  readonly severity: string;
  readonly count: number;
}

/** One group: the alerts holding `value` in the field, or (`value: null`) those without one. */
export interface AlertGroup {
  readonly value: string | null;
  readonly count: number;
  /** How many rules raised the group's alerts. */
  readonly rule_count: number;
  /** Alerts per severity, most severe first; severities without alerts left out. */
  readonly severities: readonly AlertGroupSeverityCount[];
}

/** `GET …/alerts/_groups`: one page of groups (`page` 0-based), largest first. */
export interface AlertGroupsPage {
  readonly group_by: AlertGroupField;
  readonly total_groups: number;
  readonly page: number;
  readonly per_page: number;
  readonly groups: readonly AlertGroup[];
}
