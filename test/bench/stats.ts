/** Summaries of repeated measurements: the median is the figure, min and max show the spread. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export const spreadOf = (samples: readonly number[]): Spread => {
  if (samples.length === 0) throw new RangeError('no samples to summarise');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
};

export const formatSpread = (spread: Spread, format: (value: number) => string): string =>
  `${format(spread.median)} (${format(spread.min)}–${format(spread.max)})`;
