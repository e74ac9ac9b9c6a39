/** The histogram's bucket size: the smallest round interval that keeps a range within ~100 buckets. */
export const MAX_BUCKETS = 100;

export interface HistogramInterval {
  readonly ms: number;
  /** As the API takes it (`5m`, `3h`, `1d`). */
  readonly expression: string;
  /** For people: `5 minutes`. */
  readonly description: string;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS = [
  { unit: 'd', ms: DAY, name: 'day' },
  { unit: 'h', ms: HOUR, name: 'hour' },
  { unit: 'm', ms: MINUTE, name: 'minute' },
  { unit: 's', ms: SECOND, name: 'second' },
] as const;
const SMALLEST_UNIT = UNITS[UNITS.length - 1] as (typeof UNITS)[number];

const intervalOf = (ms: number): HistogramInterval => {
  const unit = UNITS.find((candidate) => ms % candidate.ms === 0) ?? SMALLEST_UNIT;
  const count = Math.max(1, Math.round(ms / unit.ms));
  return {
    ms: count * unit.ms,
    expression: `${count}${unit.unit}`,
    description: `${count} ${unit.name}${count === 1 ? '' : 's'}`,
  };
};

const NICE_STEPS = [
  SECOND,
  5 * SECOND,
  10 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
  30 * DAY,
];

export const histogramInterval = (
  rangeMs: number,
  maxBuckets: number = MAX_BUCKETS
): HistogramInterval => {
  const span = Math.max(rangeMs, 1);
  const nice = NICE_STEPS.find((step) => Math.ceil(span / step) <= maxBuckets);
  if (nice !== undefined) return intervalOf(nice);
  return intervalOf(Math.ceil(span / maxBuckets / DAY) * DAY);
};
