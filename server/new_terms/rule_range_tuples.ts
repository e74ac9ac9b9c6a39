/**
 * The time windows one scheduled execution searches. Kibana runs a rule over `[from, to]` resolved
 * against the execution's start; when the previous execution started so long ago that the windows
 * no longer overlap, it adds up to four catch-up windows, each shifted back by one interval, and
 * reports whatever gap is still left as "signals may have been missed".
 */
import type { TimeRange } from './types';

/** Kibana's MAX_RULE_GAP_RATIO: at most this many missed executions are caught up. */
export const MAX_CATCHUP_INTERVALS = 4;

export interface RuleScheduleWindow {
  /** `from` resolved against the execution start, epoch ms. */
  readonly from: number;
  /** `to` resolved against the execution start, epoch ms. */
  readonly to: number;
  readonly intervalMs: number;
}

export interface RuleRangeTuples {
  /** Windows to search, oldest first (Kibana reverses its list the same way). */
  readonly tuples: readonly TimeRange[];
  /** Milliseconds not covered by any window since the previous execution; 0 when none. */
  readonly remainingGapMs: number;
  /** The uncovered range after the previous execution, when there is one. */
  readonly gapRange?: TimeRange;
}

/** Time between the two starts beyond what one window covers; negative or 0 means no gap. */
export const gapBetweenRuns = (
  window: RuleScheduleWindow,
  startedAt: number,
  previousStartedAt: number | null
): number => {
  if (previousStartedAt === null) return 0;
  return startedAt - previousStartedAt - (window.to - window.from);
};

export const catchupIntervals = (gapMs: number, intervalMs: number): number => {
  if (gapMs <= 0 || intervalMs <= 0) return 0;
  return Math.min(Math.ceil(gapMs / intervalMs), MAX_CATCHUP_INTERVALS);
};

export const getRuleRangeTuples = (
  window: RuleScheduleWindow,
  startedAt: number,
  previousStartedAt: number | null
): RuleRangeTuples => {
  const gapMs = gapBetweenRuns(window, startedAt, previousStartedAt);
  const catchup = catchupIntervals(gapMs, window.intervalMs);
  const tuples: TimeRange[] = [];
  for (let shift = catchup; shift >= 0; shift--) {
    const offset = shift * window.intervalMs;
    tuples.push({ from: window.from - offset, to: window.to - offset });
  }
  const remainingGapMs = Math.max(gapMs - catchup * window.intervalMs, 0);
  if (remainingGapMs > 0 && previousStartedAt !== null) {
    return {
      tuples,
      remainingGapMs,
      gapRange: { from: previousStartedAt, to: previousStartedAt + remainingGapMs },
    };
  }
  return { tuples, remainingGapMs };
};
