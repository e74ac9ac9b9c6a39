/**
 * The engine's performance targets, checked against the figures (always the median). A target
 * stated for a size ("at 1M") is only judged at exactly that size; at other sizes its row says so
 * (n/a) and still shows the figure.
 */
import type { ApiFigures, FloorRatios, SizeResult } from './results';

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
  /** Share of DuckDB's reader floor 2 (needed columns + zstd raw line) the ingest keeps. */
  ingestShareOfStoreFloor: 0.5,
  /** `ctd scan` at most this many times the one-SQL scan floor. */
  scanTimesFloor: 3,
  /** The embedded store at most this share of the NDJSON file it was ingested from. */
  storeShareOfFile: 0.25,
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
const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

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

interface FloorSides {
  readonly size: SizeResult;
  readonly ratios: FloorRatios;
  readonly subject: string;
}

const ingestFloorRow = ({ size, ratios, subject }: FloorSides): TargetRow | undefined => {
  const ingest = size.ingest.find((figures) => figures.store === 'embedded');
  const share = ratios.ingestOfStoreFloor;
  if (share === undefined || ingest === undefined || size.floors === undefined) return undefined;
  return {
    target: `ingest ≥ ${TARGETS.ingestShareOfStoreFloor * 100}% of DuckDB's reader floor (needed columns + zstd raw line)`,
    subject: `${subject}: embedded ingest vs floor 2`,
    figure: `${percent(share)} (${count(ingest.eventsPerSecond.median)} vs ${count(size.floors.store.eventsPerSecond.median)} events/s)`,
    status: judged(share >= TARGETS.ingestShareOfStoreFloor),
    ...(ratios.prepareOfStoreFloor === undefined
      ? {}
      : {
          note: `the line preparation alone reaches ${percent(ratios.prepareOfStoreFloor)} of floor 2`,
        }),
  };
};

const scanFloorRow = ({ size, ratios, subject }: FloorSides): TargetRow | undefined => {
  const times = ratios.scanOverFloor;
  if (times === undefined || size.scan === undefined || size.floors === undefined) return undefined;
  return {
    target: `\`ctd scan\` ≤ ${TARGETS.scanTimesFloor}× the one-SQL scan floor`,
    subject: `${subject}: \`ctd scan --json\` vs scan floor`,
    figure: `${times.toFixed(1)}× (${ms(size.scan.seconds.median * 1000)} vs ${ms(size.floors.scan.seconds.median * 1000)})`,
    status: judged(times <= TARGETS.scanTimesFloor),
    ...(ratios.alertsAgree === false ? { note: 'alert counts differ from the floor' } : {}),
  };
};

const storeSizeRow = ({ size, ratios, subject }: FloorSides): TargetRow | undefined => {
  const storeMb = size.ingest.find((figures) => figures.store === 'embedded')?.storeMb;
  const share = ratios.storeShare;
  if (share === undefined || storeMb === undefined) return undefined;
  const floor =
    ratios.floorStoreShare === undefined ? '' : `; floor 2: ${percent(ratios.floorStoreShare)}`;
  return {
    target: `store ≤ ${TARGETS.storeShareOfFile * 100}% of the NDJSON file`,
    subject: `${subject}: embedded store`,
    figure: `${percent(share)} (${count(storeMb.median)} of ${count(size.fileMb)} MB${floor})`,
    status: judged(share <= TARGETS.storeShareOfFile),
  };
};

/** The project against DuckDB's floors on the same file (floor_ratios.ts), judged at any size. */
const floorTargets = (size: SizeResult): TargetRow[] => {
  if (size.ratios === undefined) return [];
  const sides = { size, ratios: size.ratios, subject: `${count(size.events)} events` };
  return [ingestFloorRow(sides), scanFloorRow(sides), storeSizeRow(sides)].filter(
    (row): row is TargetRow => row !== undefined
  );
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
  groupByTarget([
    ...sizes.flatMap(sizeTargets),
    ...(api === undefined ? [] : apiTargets(api)),
    ...sizes.flatMap(floorTargets),
  ]);
