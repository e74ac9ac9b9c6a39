/**
 * The server's memory and CPU over the soak. The server runs in the test's own process, so
 * process.memoryUsage().rss is its RSS (plus the clients', which stay small: latencies are kept in
 * fixed-size histograms). DuckDB's buffers are native memory and show only in RSS, not the heap;
 * the heap is sampled too, so a rise can be told apart. CPU time (all threads, DuckDB's included)
 * per request tells a server slowing down from a machine getting busier. DuckDB's own account of
 * its memory (buffer pool, hash tables, indexes) is sampled when a probe is given.
 */

import v8 from 'v8';
import vm from 'vm';

/**
 * A full garbage collection, without starting node with --expose-gc (jest starts the workers):
 * the flag set at run time makes `gc` available to a new context. Run before sampling starts so
 * setup's garbage (generated history, warm-up answers) does not inflate the baseline quarter.
 */
export const collectGarbage = (): void => {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc === 'function') (gc as () => void)();
};

interface ProcessSample {
  readonly atMs: number;
  readonly rss: number;
  readonly heapUsed: number;
  /** Memory of Buffers and other objects V8 tracks outside its heap (HTTP bodies, native results that report it). */
  readonly external: number;
  readonly cpuMs: number;
}

export interface MemoryTrend {
  readonly samples: number;
  readonly peakBytes: number;
  readonly firstQuarterPeakBytes: number;
  readonly lastQuarterPeakBytes: number;
  /** lastQuarterPeak − firstQuarterPeak: how much the plateau rose while the load stayed the same. */
  readonly growthBytes: number;
  /** The peak of each quarter, to tell a plateau from a climb. */
  readonly quarterPeaksBytes: readonly number[];
}

export interface ProcessTrend {
  readonly rss: MemoryTrend;
  readonly heap: MemoryTrend;
  readonly external: MemoryTrend;
  /** What DuckDB says it holds (sum of duckdb_memory()); no samples without a probe. */
  readonly duckDb: MemoryTrend;
  /** RSS minus DuckDB's share, at the moment of each DuckDB sample: where a leak outside the capped buffer pool shows. */
  readonly outsideDuckDb: MemoryTrend;
  /** CPU milliseconds the process used in each equal phase of [startMs, endMs]. */
  readonly cpuMsByPhase: readonly number[];
}

const QUARTERS = 4;

const peakOf = (values: readonly number[]): number =>
  values.reduce((peak, value) => Math.max(peak, value), 0);

/** Peaks of the first and last quarter of the samples: a leak raises the plateau, a spike in one quarter does not decide it. */
export const memoryTrend = (samples: readonly number[]): MemoryTrend => {
  const quarter = Math.max(1, Math.floor(samples.length / QUARTERS));
  const firstQuarterPeakBytes = peakOf(samples.slice(0, quarter));
  const lastQuarterPeakBytes = peakOf(samples.slice(samples.length - quarter));
  const quarterPeaksBytes = Array.from({ length: QUARTERS }, (_, i) =>
    peakOf(samples.slice(i * quarter, i === QUARTERS - 1 ? samples.length : (i + 1) * quarter))
  );
  return {
    quarterPeaksBytes,
    samples: samples.length,
    peakBytes: peakOf(samples),
    firstQuarterPeakBytes,
    lastQuarterPeakBytes,
    growthBytes: lastQuarterPeakBytes - firstQuarterPeakBytes,
  };
};

/** CPU used in each of `phases` equal slices of [startMs, endMs], from the samples nearest each boundary. */
const cpuByPhase = (
  samples: readonly ProcessSample[],
  startMs: number,
  endMs: number,
  phases: number
): number[] => {
  const cpuAt = (ms: number): number => {
    const before = samples.filter((sample) => sample.atMs <= ms);
    return (before[before.length - 1] ?? samples[0])?.cpuMs ?? 0;
  };
  const boundaries = Array.from(
    { length: phases + 1 },
    (_, i) => startMs + ((endMs - startMs) * i) / phases
  );
  return boundaries
    .slice(1)
    .map((boundary, i) => cpuAt(boundary) - cpuAt(boundaries[i] ?? startMs));
};

export class ProcessSampler {
  private readonly samples: ProcessSample[] = [];
  private readonly duckDbSamples: number[] = [];
  private readonly outsideDuckDbSamples: number[] = [];
  private duckDbPending: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly everyMs: number,
    private readonly duckDbBytes?: () => Promise<number>
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  /** Stops sampling, after the DuckDB probe in flight (its connection may close next); CPU is split into `phases` slices of [startMs, endMs]. */
  async stop(startMs: number, endMs: number, phases: number): Promise<ProcessTrend> {
    if (this.timer) clearInterval(this.timer);
    this.sampleProcess();
    await this.duckDbPending;
    return {
      rss: memoryTrend(this.samples.map((sample) => sample.rss)),
      heap: memoryTrend(this.samples.map((sample) => sample.heapUsed)),
      external: memoryTrend(this.samples.map((sample) => sample.external)),
      duckDb: memoryTrend(this.duckDbSamples),
      outsideDuckDb: memoryTrend(this.outsideDuckDbSamples),
      cpuMsByPhase: cpuByPhase(this.samples, startMs, endMs, phases),
    };
  }

  private sample(): void {
    this.sampleProcess();
    this.sampleDuckDb();
  }

  private sampleProcess(): void {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    this.samples.push({
      atMs: Date.now(),
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      external: memory.external,
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
  }

  /** One probe at a time: a slow answer under load skips samples rather than piling queries up. */
  private sampleDuckDb(): void {
    if (this.duckDbBytes === undefined || this.duckDbPending !== undefined) return;
    this.duckDbPending = this.duckDbBytes()
      .then((bytes) => {
        this.duckDbSamples.push(bytes);
        this.outsideDuckDbSamples.push(process.memoryUsage().rss - bytes);
      })
      // A failed probe only leaves a sample out; the figures say how many there were.
      .catch(() => undefined)
      .finally(() => {
        this.duckDbPending = undefined;
      });
  }
}
