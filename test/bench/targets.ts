/**
 * The engine's performance targets, checked against the figures (always the median). A target
 * stated for a size ("at 1M") is only judged at exactly that size; at other sizes its row says so
 * (n/a) and still shows the figure.
 */
import type { ApiFigures, SizeResult } from './results';

export const TARGETS = {
  ingestEventsPerSecond: 150_000,
  ingestPeakRssMb: 600,
  executionMsAt10M: 1_000,
  embeddedSpeedupAt1M: 5,
  termsPerSecond: 1_000_000,
  replaySecondsAt1M: 10,
  replaySecondsAt10M: 60,
  alertsFirstPageMs: 100,
  alertsStored: 100_000,
} as const;

const ONE_MILLION = 1_000_000;
const TEN_MILLION = 10_000_000;

export type TargetStatus = 'met' | 'missed' | 'n/a';

export interface TargetRow {
  readonly target: string;
  readonly subject: string;
  readonly figure: string;
  readonly status: TargetStatus;
  /** Why a row is n/a, or what a missed figure lacks. */
  readonly note?: string;
}

const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const ms = (value: number): string =>
  `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms`;
const seconds = (value: number): string => `${value.toFixed(1)} s`;

const judged = (met: boolean): TargetStatus => (met ? 'met' : 'missed');

/** A row for a target stated at `atEvents`: judged there, n/a elsewhere. */
const atSize = (
  events: number,
  atEvents: number,
  met: boolean
): { status: TargetStatus; note?: string } =>
  events === atEvents
    ? { status: judged(met) }
    : { status: 'n/a', note: `target is at ${count(atEvents)} events` };

const sizeTargets = (size: SizeResult): TargetRow[] => {
  const rows: TargetRow[] = [];
  const subjectOf = (what: string): string => `${count(size.events)} events: ${what}`;
  for (const ingest of size.ingest.filter((figures) => figures.store === 'embedded')) {
    rows.push({
      target: `ingest ≥ ${count(TARGETS.ingestEventsPerSecond)} events/s`,
      subject: subjectOf('embedded ingest'),
      figure: `${count(ingest.eventsPerSecond.median)} events/s`,
      status: judged(ingest.eventsPerSecond.median >= TARGETS.ingestEventsPerSecond),
    });
    rows.push({
      target: `ingest peak RSS < ${count(TARGETS.ingestPeakRssMb)} MB`,
      subject: subjectOf('embedded ingest'),
      figure: `${count(ingest.peakRssMb.median)} MB`,
      status: judged(ingest.peakRssMb.median < TARGETS.ingestPeakRssMb),
    });
  }
  for (const execution of size.executions) {
    const { embedded, elasticsearch } = execution;
    const what = `${execution.rule} (${execution.window})`;
    if (embedded !== undefined && execution.window === 'scheduled') {
      rows.push({
        target: `one execution ≤ ${seconds(TARGETS.executionMsAt10M / 1000)} at ${count(TEN_MILLION)} events`,
        subject: subjectOf(`${what}, embedded`),
        figure: ms(embedded.ms.median),
        ...atSize(size.events, TEN_MILLION, embedded.ms.median <= TARGETS.executionMsAt10M),
      });
    }
    if (embedded !== undefined && elasticsearch !== undefined) {
      const speedup = elasticsearch.ms.median / Math.max(embedded.ms.median, 0.001);
      rows.push({
        target: `embedded ≥ ${TARGETS.embeddedSpeedupAt1M}× faster than Elasticsearch at ${count(ONE_MILLION)} events`,
        subject: subjectOf(what),
        figure: `${speedup.toFixed(1)}× (${ms(embedded.ms.median)} vs ${ms(elasticsearch.ms.median)})`,
        ...atSize(size.events, ONE_MILLION, speedup >= TARGETS.embeddedSpeedupAt1M),
      });
    }
    if (embedded !== undefined && execution.window === 'wide') {
      rows.push({
        target: `≥ ${count(TARGETS.termsPerSecond)} terms/s (embedded)`,
        subject: subjectOf(`${what}, ${count(embedded.termsEvaluated)} terms`),
        figure: `${count(embedded.termsPerSecond.median)} terms/s`,
        status: judged(embedded.termsPerSecond.median >= TARGETS.termsPerSecond),
        ...(embedded.truncated ? { note: 'alert cap reached: not every term was evaluated' } : {}),
      });
    }
  }
  for (const replay of size.replays) {
    const median = replay.seconds.median;
    const [limit, atEvents] =
      size.events === TEN_MILLION
        ? [TARGETS.replaySecondsAt10M, TEN_MILLION]
        : [TARGETS.replaySecondsAt1M, ONE_MILLION];
    rows.push({
      target: `replay ≤ ${limit} s at ${count(atEvents)} events`,
      subject: subjectOf(`replay of ${replay.rule}`),
      figure: seconds(median),
      ...(size.events === ONE_MILLION || size.events === TEN_MILLION
        ? { status: judged(median <= limit) }
        : {
            status: 'n/a' as const,
            note: `targets are at ${count(ONE_MILLION)} and ${count(TEN_MILLION)} events`,
          }),
    });
  }
  return rows;
};

const apiTargets = (api: ApiFigures): TargetRow[] =>
  api.requests.map((request) => ({
    target: `alerts page ≤ ${TARGETS.alertsFirstPageMs} ms with ${count(TARGETS.alertsStored)} alerts`,
    subject: `${count(api.alerts)} alerts: ${request.label}`,
    figure: ms(request.ms.median),
    ...(api.alerts === TARGETS.alertsStored
      ? { status: judged(request.ms.median <= TARGETS.alertsFirstPageMs) }
      : {
          status: 'n/a' as const,
          note: `target is with ${count(TARGETS.alertsStored)} alerts stored`,
        }),
  }));

/** Rows of the same target together, targets in the order they first appear (TARGETS' order). */
export const groupByTarget = (rows: readonly TargetRow[]): TargetRow[] => {
  const groups = new Map<string, TargetRow[]>();
  for (const row of rows) groups.set(row.target, [...(groups.get(row.target) ?? []), row]);
  return [...groups.values()].flat();
};

export const evaluateTargets = (
  sizes: readonly SizeResult[],
  api: ApiFigures | undefined
): TargetRow[] =>
  groupByTarget([...sizes.flatMap(sizeTargets), ...(api === undefined ? [] : apiTargets(api))]);
