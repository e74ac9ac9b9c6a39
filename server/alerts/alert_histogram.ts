/**
 * Stacked histograms (`stack_by`), the parts both stores share so that they answer alike:
 *
 * - `rule` stacks by `kibana.alert.rule.name`, `severity` by `kibana.alert.severity`, each as
 *   Elasticsearch indexes it in the alerts index (a keyword; a rule name longer than its
 *   `ignore_above` is no value, as in grouping, alert_groups.ts);
 * - a bucket's series are its alerts per value, ordered by value in byte order (the order of a
 *   keyword in a composite aggregation), then the alerts without a value;
 * - a bucket's `count` is its number of alerts, as unstacked.
 */
import type {
  AlertGroupField,
  AlertHistogramBucket,
  AlertHistogramSeriesCount,
  AlertHistogramStack,
} from '../../common/api/alerts_api';
import * as F from '../../common/alerts/field_names';

/** The alerts-index field each stack reads. */
export const STACK_FIELDS: Readonly<Record<AlertHistogramStack, string>> = {
  rule: F.ALERT_RULE_NAME,
  severity: F.ALERT_SEVERITY,
};

/** The rule name is also a group field: the embedded store reads its indexed values from there. */
export const RULE_STACK_GROUP_FIELD: AlertGroupField = 'kibana.alert.rule.name';

/** One stored count: the alerts of bucket `start` holding `value`. */
export interface StackedCount {
  readonly start: number;
  readonly value: string | null;
  readonly count: number;
}

const byValueThenMissing = (counts: readonly StackedCount[]): AlertHistogramSeriesCount[] => [
  ...counts.filter((entry) => entry.value !== null).map(({ value, count }) => ({ value, count })),
  ...counts.filter((entry) => entry.value === null).map(({ value, count }) => ({ value, count })),
];

/**
 * The buckets with their series. `counts` come ordered by start, then by value in byte order
 * (either store sorts them so); the alerts without a value go last whatever their position.
 */
export const withSeries = (
  buckets: readonly AlertHistogramBucket[],
  counts: readonly StackedCount[]
): AlertHistogramBucket[] => {
  const byStart = new Map<number, StackedCount[]>();
  for (const entry of counts) {
    const list = byStart.get(entry.start);
    if (list === undefined) byStart.set(entry.start, [entry]);
    else list.push(entry);
  }
  return buckets.map((bucket) => ({
    ...bucket,
    series: byValueThenMissing(byStart.get(bucket.start) ?? []),
  }));
};
