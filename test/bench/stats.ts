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
  const at = (index: number): number => sorted[index] ?? Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
  return { median, min: at(0), max: at(sorted.length - 1), runs: sorted.length };
};

export const formatSpread = (spread: Spread, format: (value: number) => string): string =>
  `${format(spread.median)} (${format(spread.min)}–${format(spread.max)})`;

/** `count` per second for each duration in ms (a zero duration counts as 1 µs, never Infinity). */
export const ratesPerSecond = (count: number, durationsMs: readonly number[]): number[] =>
  durationsMs.map((ms) => count / (Math.max(ms, 0.001) / 1000));

export interface OperationSampling {
  /** Calls before timing starts (JIT, caches). */
  readonly warmup: number;
  /** Timed batches: each gives one sample. */
  readonly batches: number;
  /** Calls per batch: enough that the clock's resolution does not matter. */
  readonly perBatch: number;
}

/** Slots in `sink`: a fixed few, so keeping the results reachable does not grow memory. */
const SINK_SLOTS = 8;

/**
 * Microseconds per call of `operation`, one sample per batch, after a warm-up. The results of the
 * calls are kept reachable (in `sink`) so the JIT cannot drop a call whose result is unused.
 */
export const sampleOperation = (
  operation: () => unknown,
  sampling: OperationSampling,
  clock: () => number = () => performance.now()
): number[] => {
  const sink: unknown[] = [];
  for (let i = 0; i < sampling.warmup; i++) sink[i % SINK_SLOTS] = operation();
  const samples: number[] = [];
  for (let batch = 0; batch < sampling.batches; batch++) {
    const began = clock();
    for (let i = 0; i < sampling.perBatch; i++) sink[i % SINK_SLOTS] = operation();
    samples.push(((clock() - began) * 1000) / sampling.perBatch);
  }
  return sink.length >= 0 ? samples : [];
};
