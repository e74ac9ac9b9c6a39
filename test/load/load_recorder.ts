/**
 * What the soak's requests gave: each request's latency filed under its route class and under the
 * phase of the soak it finished in, and every failure counted (the first few kept verbatim).
 */
import { LatencyHistogram, type LatencySummary } from './latency_histogram';
import { ROUTE_CLASSES, type RouteClass } from './load_http';

/** Failures kept verbatim for the report; all of them are counted. */
const MAX_ERROR_SAMPLES = 20;

export interface LoadError {
  readonly routeClass: RouteClass;
  readonly what: string;
}

/** The soak is cut into this many equal phases, so a slowdown as data accumulates shows as a trend. */
export const PHASES = 4;

export interface PhaseFigures {
  readonly requests_per_s: number;
  readonly latency: LatencySummary;
}

export class LoadRecorder {
  private readonly histograms = new Map<RouteClass, LatencyHistogram>(
    ROUTE_CLASSES.map((name) => [name, new LatencyHistogram()])
  );
  private readonly phaseHistograms = Array.from({ length: PHASES }, () => new LatencyHistogram());
  private errorCount = 0;
  readonly errorSamples: LoadError[] = [];

  /** Requests finishing between `startMs` and `endMs` (Date.now() values) are filed into phases; others only into the totals. */
  constructor(
    private readonly window: { readonly startMs: number; readonly endMs: number } = {
      startMs: 0,
      endMs: 0,
    }
  ) {}

  record(routeClass: RouteClass, ms: number): void {
    this.histograms.get(routeClass)?.record(ms);
    this.phaseHistograms[this.phaseOf(Date.now())]?.record(ms);
  }

  /** Throughput and latency (all classes) of each phase. */
  phases(): PhaseFigures[] {
    const phaseSeconds = (this.window.endMs - this.window.startMs) / PHASES / 1000;
    return this.phaseHistograms.map((histogram) => ({
      requests_per_s: phaseSeconds > 0 ? histogram.count / phaseSeconds : 0,
      latency: histogram.summary(),
    }));
  }

  private phaseOf(nowMs: number): number {
    const { startMs, endMs } = this.window;
    if (endMs <= startMs || nowMs < startMs || nowMs >= endMs) return -1;
    return Math.floor(((nowMs - startMs) / (endMs - startMs)) * PHASES);
  }

  fail(routeClass: RouteClass, what: string): void {
    this.errorCount++;
    if (this.errorSamples.length < MAX_ERROR_SAMPLES) this.errorSamples.push({ routeClass, what });
  }

  get errors(): number {
    return this.errorCount;
  }

  get requests(): number {
    return [...this.histograms.values()].reduce((sum, histogram) => sum + histogram.count, 0);
  }

  summaries(): Record<RouteClass, LatencySummary> {
    const entries = ROUTE_CLASSES.map(
      (name) =>
        [name, this.histograms.get(name)?.summary() ?? new LatencyHistogram().summary()] as const
    );
    return Object.fromEntries(entries) as Record<RouteClass, LatencySummary>;
  }
}
