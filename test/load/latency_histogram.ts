/**
 * Request latencies in constant memory. The soak measures the server's RSS in the same process
 * as its clients, so keeping every sample would itself look like a leak on a long soak; buckets
 * that grow by 1% keep percentiles within 1% of the truth whatever the request count.
 */

/** Each bucket is this much wider than the one before: the relative error of a percentile. */
const BUCKET_GROWTH = 1.01;
const LOG_GROWTH = Math.log(BUCKET_GROWTH);
/** Latencies at or below this share bucket 0. */
const SMALLEST_MS = 0.01;

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

const bucketOf = (ms: number): number =>
  ms <= SMALLEST_MS ? 0 : Math.ceil(Math.log(ms / SMALLEST_MS) / LOG_GROWTH);

const upperBoundOf = (bucket: number): number => SMALLEST_MS * BUCKET_GROWTH ** bucket;

export class LatencyHistogram {
  private readonly counts = new Map<number, number>();
  private total = 0;
  private sum = 0;
  private largest = 0;

  record(ms: number): void {
    const bucket = bucketOf(ms);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.total++;
    this.sum += ms;
    this.largest = Math.max(this.largest, ms);
  }

  get count(): number {
    return this.total;
  }

  /** The smallest bucket bound at or above fraction `p` of the samples (never above the true max); 0 when empty. */
  percentile(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(p * this.total));
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket) ?? 0;
      if (seen >= rank) return Math.min(upperBoundOf(bucket), this.largest);
    }
    return this.largest;
  }

  summary(): LatencySummary {
    return {
      count: this.total,
      p50: this.percentile(0.5),
      p95: this.percentile(0.95),
      p99: this.percentile(0.99),
      max: this.largest,
      mean: this.total === 0 ? 0 : this.sum / this.total,
    };
  }
}
