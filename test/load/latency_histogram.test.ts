/** The soak's latency histogram: percentiles within 1% of the exact ones, max exact. */
import { LatencyHistogram } from './latency_histogram';

const RELATIVE_ERROR = 0.01;

const exactPercentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? 0;

describe('LatencyHistogram', () => {
  it('is empty at first', () => {
    expect(new LatencyHistogram().summary()).toEqual({
      count: 0,
      p50: 0,
      p95: 0,
      p99: 0,
      max: 0,
      mean: 0,
    });
  });

  it('gives percentiles within 1% above the exact value, and the exact max and mean', () => {
    const histogram = new LatencyHistogram();
    // A spread from sub-millisecond to seconds, like a queue under load.
    const samples = Array.from({ length: 10_000 }, (_, i) => 0.2 + (i % 997) ** 2 / 250);
    samples.forEach((ms) => histogram.record(ms));
    const sorted = [...samples].sort((a, b) => a - b);
    const summary = histogram.summary();
    for (const [p, value] of [
      [0.5, summary.p50],
      [0.95, summary.p95],
      [0.99, summary.p99],
    ] as const) {
      const exact = exactPercentile(sorted, p);
      expect(value).toBeGreaterThanOrEqual(exact);
      expect(value).toBeLessThanOrEqual(exact * (1 + RELATIVE_ERROR));
    }
    expect(summary.max).toBe(sorted[sorted.length - 1]);
    expect(summary.mean).toBeCloseTo(samples.reduce((sum, ms) => sum + ms, 0) / samples.length, 6);
    expect(summary.count).toBe(samples.length);
  });

  it('never reports a percentile above the largest sample', () => {
    const histogram = new LatencyHistogram();
    histogram.record(12.345);
    expect(histogram.percentile(0.99)).toBe(12.345);
  });
});
