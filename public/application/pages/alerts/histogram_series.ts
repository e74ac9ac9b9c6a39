/**
 * The histogram's data for the chart: a stacked answer as one row per bucket and value, the
 * series' names and colours, and the range a brush on the chart selected.
 */
import type { BrushEvent } from '@elastic/charts';
import type { AlertHistogramBucket, AlertHistogramStack } from '../../../../common/api/alerts_api';
import type { ResolvedRange } from './alerts_view_state';
import { humanize } from './shared/format';
import { severityColor, type SeverityColors } from './shared/severity_badge';

/** One bar segment: the alerts of bucket `start` in series `series` (its name). */
export interface StackedRow {
  readonly start: number;
  readonly series: string;
  readonly count: number;
}

/** What the alerts without a value are called in each stack. */
const MISSING_NAMES: Readonly<Record<AlertHistogramStack, string>> = {
  rule: '(no rule name)',
  severity: '(no severity)',
};

export const seriesName = (stack: AlertHistogramStack, value: string | null): string => {
  if (value === null) return MISSING_NAMES[stack];
  return stack === 'severity' ? humanize(value) : value;
};

export const stackedRows = (
  buckets: readonly AlertHistogramBucket[],
  stack: AlertHistogramStack
): StackedRow[] =>
  buckets.flatMap((bucket) =>
    (bucket.series ?? []).map((entry) => ({
      start: bucket.start,
      series: seriesName(stack, entry.value),
      count: entry.count,
    }))
  );

/** Each series' name, in the order the buckets first hold it. */
export const seriesNames = (rows: readonly StackedRow[]): string[] => [
  ...new Set(rows.map((row) => row.series)),
];

/**
 * Colours by series name: severities in the theme's severity palette; rules get none (the
 * chart's palette).
 */
export const seriesColors = (
  buckets: readonly AlertHistogramBucket[],
  stack: AlertHistogramStack,
  colors: SeverityColors
): ReadonlyMap<string, string> => {
  if (stack !== 'severity') return new Map();
  const values = new Set(buckets.flatMap((bucket) => (bucket.series ?? []).map((e) => e.value)));
  return new Map(
    [...values].map((value) => [
      seriesName(stack, value),
      severityColor(value ?? 'unknown', colors),
    ])
  );
};

const isTimePair = (value: unknown): value is [number, number] =>
  Array.isArray(value) &&
  value.length === 2 &&
  value.every((end) => typeof end === 'number' && Number.isFinite(end));

/**
 * The time range a brush selected, in whole ms around it (the chart gives fractions); undefined
 * when the brush selected no time span.
 */
export const brushedRange = (event: BrushEvent): ResolvedRange | undefined => {
  const x: unknown = 'x' in event ? event.x : undefined;
  if (!isTimePair(x)) return undefined;
  const from = Math.floor(Math.min(x[0], x[1]));
  const to = Math.ceil(Math.max(x[0], x[1]));
  return to > from ? { from, to } : undefined;
};
