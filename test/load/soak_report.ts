/**
 * The soak's figures: one line for the test log, and the same as JSON in the file named by
 * CTD_SOAK_REPORT (RELIABILITY.md quotes it).
 */
import fs from 'fs';
import os from 'os';
import type { LatencySummary } from './latency_histogram';
import { ROUTE_CLASSES, type RouteClass } from './load_http';
import type { MemoryTrend } from './process_sampler';
import type { ScheduleCheck } from './schedule_check';
import type { ServiceTimes } from './service_probe';

export const REPORT_ENV = 'CTD_SOAK_REPORT';
const MB = 1024 * 1024;

export interface MemoryFigures {
  readonly peak: number;
  readonly first_quarter_peak: number;
  readonly last_quarter_peak: number;
  readonly growth: number;
  readonly samples: number;
  readonly quarter_peaks: readonly number[];
}

export interface SettledFigures {
  readonly rss: number;
  readonly duckdb: number;
  readonly outside_duckdb: number;
}

export interface SoakReport {
  readonly started_at: string;
  readonly duration_s: number;
  readonly clients: number;
  readonly machine: {
    readonly cpus: number;
    readonly load_average_1m: number;
    readonly node: string;
  };
  readonly requests: number;
  readonly requests_per_s: number;
  readonly errors: number;
  readonly mismatches: number;
  readonly latency_ms: Record<RouteClass, LatencySummary>;
  /** The same load cut into equal phases (all route classes): throughput or latency drifting as data accumulates. */
  readonly phases: ReadonlyArray<{
    readonly requests_per_s: number;
    readonly cpu_ms_per_request: number;
    readonly latency_ms: LatencySummary;
  }>;
  readonly rss_mb: MemoryFigures;
  /** The V8 heap beside RSS: RSS rising with a flat heap is native memory (DuckDB, the allocator). */
  readonly heap_mb: MemoryFigures;
  /** DuckDB's own account of its memory (duckdb_memory()), capped by its memory_limit. */
  readonly duckdb_mb: MemoryFigures & { readonly limit: number };
  /** RSS minus DuckDB's share: the part a leak would raise. */
  readonly outside_duckdb_mb: MemoryFigures;
  /** Buffers and other memory V8 tracks outside its heap. */
  readonly external_mb: MemoryFigures;
  /** Just before and just after the load, each once a full GC has run. */
  readonly settled_mb: {
    readonly before: SettledFigures;
    readonly after: SettledFigures;
    readonly rss_allowed_after: number;
  };
  /** One request alone, before and after the load: the cost of a request as data accumulates, without the queueing. */
  readonly service_ms: { readonly before: ServiceTimes; readonly after: ServiceTimes };
  readonly uploads: {
    readonly batches: number;
    readonly events_sent: number;
    readonly events_stored: number;
    readonly events_in_store: number;
  };
  readonly triage: { readonly changes: number; readonly alerts_checked_after_restart: number };
  readonly alerts_in_store: number;
  readonly rule_runs: Record<
    string,
    Omit<ScheduleCheck, 'problems'> & { readonly problems: number }
  >;
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

export const toMb = (bytes: number): number => round(bytes / MB);

export const machineFacts = (): SoakReport['machine'] => ({
  cpus: os.cpus().length,
  load_average_1m: round(os.loadavg()[0] ?? 0, 2),
  node: process.version,
});

export const roundedLatency = (summary: LatencySummary): LatencySummary => ({
  count: summary.count,
  p50: round(summary.p50),
  p95: round(summary.p95),
  p99: round(summary.p99),
  max: round(summary.max),
  mean: round(summary.mean),
});

export const memoryFigures = (trend: MemoryTrend): MemoryFigures => ({
  peak: toMb(trend.peakBytes),
  first_quarter_peak: toMb(trend.firstQuarterPeakBytes),
  last_quarter_peak: toMb(trend.lastQuarterPeakBytes),
  growth: toMb(trend.growthBytes),
  samples: trend.samples,
  quarter_peaks: trend.quarterPeaksBytes.map(toMb),
});

const latencyText = (report: SoakReport): string =>
  ROUTE_CLASSES.map((name) => {
    const latency = report.latency_ms[name];
    return `${name} ${latency.count}× ${latency.p50}/${latency.p95}/${latency.p99}`;
  }).join(', ');

const serviceText = (report: SoakReport): string =>
  (Object.keys(report.service_ms.before) as Array<keyof ServiceTimes>)
    .map((name) => `${name} ${report.service_ms.before[name]} → ${report.service_ms.after[name]}`)
    .join(', ');

const runsText = (report: SoakReport): string =>
  Object.entries(report.rule_runs)
    .map(
      ([name, check]) =>
        `${name}: ${check.runs} runs, longest gap ${round(check.longestGapMs / 1000)} s, mean run ms by quarter ${check.meanRunMsByQuarter.join('/')}`
    )
    .join('; ');

export const summaryLine = (report: SoakReport): string =>
  `soak ${report.duration_s} s, ${report.clients} clients (${report.machine.cpus} cpus, load ${report.machine.load_average_1m}): ` +
  `${report.requests} requests, ${report.requests_per_s} req/s, ${report.errors} errors, ${report.mismatches} mismatches; ` +
  `p50/p95/p99 ms: ${latencyText(report)}; ` +
  `by quarter req/s ${report.phases.map((phase) => phase.requests_per_s).join('/')}, ` +
  `CPU ms/request ${report.phases.map((phase) => phase.cpu_ms_per_request).join('/')}, ` +
  `p99 ms ${report.phases.map((phase) => phase.latency_ms.p99).join('/')}; ` +
  `RSS peak ${report.rss_mb.peak} MB (by quarter ${report.rss_mb.quarter_peaks.join('/')}; ` +
  `heap ${report.heap_mb.quarter_peaks.join('/')}; DuckDB ${report.duckdb_mb.quarter_peaks.join('/')} of ${report.duckdb_mb.limit}; ` +
  `outside DuckDB ${report.outside_duckdb_mb.quarter_peaks.join('/')}; ` +
  `after a full GC before → after the load ${report.settled_mb.before.rss} → ${report.settled_mb.after.rss} (allowed ${report.settled_mb.rss_allowed_after})); ` +
  `service ms before → after: ${serviceText(report)}; ` +
  `uploaded ${report.uploads.events_stored}/${report.uploads.events_sent} events in ${report.uploads.batches} batches; ` +
  `${report.triage.changes} triage changes; ${report.alerts_in_store} alerts; ${runsText(report)}`;

/** Prints the line and, when CTD_SOAK_REPORT names a file, writes the JSON there. */
export const publishReport = (report: SoakReport): void => {
  process.stdout.write(`${summaryLine(report)}\n`);
  const file = process.env[REPORT_ENV];
  if (file !== undefined && file.length > 0)
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
};
