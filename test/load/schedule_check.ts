/**
 * Did the scheduler keep every window under load? Each run searches [start − window, start], so
 * consecutive starts more than one window apart leave time unsearched (Kibana would catch up with
 * extra windows and warn about any remainder; here the plain schedule must never need it), and
 * starts closer than one interval mean a rule ran early.
 */
import { gapWarning } from '../../server/new_terms/run_new_terms_rule';
import type { RecordedRun } from './soak_data_dir';

/** The fixed tail of the executor's gap warning, whatever the gap's size. */
const GAP_WARNING_TAIL = gapWarning(0).replace(/^.*?were not queried/, 'were not queried');

export interface ScheduleBounds {
  readonly intervalMs: number;
  readonly windowMs: number;
  /** When the rule was enabled and when the server stopped: the schedule must cover both ends too. */
  readonly from: number;
  readonly to: number;
}

export interface ScheduleCheck {
  readonly runs: number;
  readonly succeeded: number;
  readonly alertsCreated: number;
  /** Largest start-to-start distance, including from enabling to the first run and the last run to the stop. */
  readonly longestGapMs: number;
  readonly shortestStartToStartMs: number;
  readonly longestRunMs: number;
  /** Mean run duration in each quarter of the runs: a run getting dearer as events accumulate. */
  readonly meanRunMsByQuarter: readonly number[];
  readonly problems: readonly string[];
}

const QUARTERS = 4;

const meanRunMsByQuarter = (runs: readonly RecordedRun[]): number[] => {
  const size = Math.max(1, Math.ceil(runs.length / QUARTERS));
  return Array.from({ length: QUARTERS }, (_, i) => runs.slice(i * size, (i + 1) * size)).map(
    (quarter) =>
      quarter.length === 0
        ? 0
        : Math.round(quarter.reduce((sum, run) => sum + run.durationMs, 0) / quarter.length)
  );
};

const runProblems = (run: RecordedRun): string[] => {
  const at = new Date(run.startedAt).toISOString();
  const problems: string[] = [];
  if (run.status !== 'succeeded') problems.push(`run at ${at} ${run.status}: ${run.message ?? ''}`);
  if (run.message?.includes(GAP_WARNING_TAIL))
    problems.push(`run at ${at} reported a gap: ${run.message}`);
  return problems;
};

export const checkSchedule = (
  runs: readonly RecordedRun[],
  bounds: ScheduleBounds
): ScheduleCheck => {
  const sorted = [...runs].sort((a, b) => a.startedAt - b.startedAt);
  const starts = sorted.map((run) => run.startedAt);
  const startToStart = starts.slice(1).map((start, i) => start - (starts[i] ?? start));
  const edges =
    starts.length === 0
      ? [bounds.to - bounds.from]
      : [(starts[0] ?? 0) - bounds.from, bounds.to - (starts[starts.length - 1] ?? 0)];
  const longestGapMs = Math.max(...startToStart, ...edges);
  const shortestStartToStartMs =
    startToStart.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...startToStart);
  const problems = sorted.flatMap(runProblems);
  if (longestGapMs > bounds.windowMs)
    problems.push(
      `${longestGapMs} ms between scheduled starts (or an end of the soak): more than the ${bounds.windowMs} ms a run searches`
    );
  if (shortestStartToStartMs < bounds.intervalMs)
    problems.push(
      `two starts only ${shortestStartToStartMs} ms apart (interval ${bounds.intervalMs} ms)`
    );
  return {
    runs: sorted.length,
    succeeded: sorted.filter((run) => run.status === 'succeeded').length,
    alertsCreated: sorted.reduce((sum, run) => sum + run.alertsCreated, 0),
    longestGapMs,
    shortestStartToStartMs,
    longestRunMs: sorted.reduce((longest, run) => Math.max(longest, run.durationMs), 0),
    meanRunMsByQuarter: meanRunMsByQuarter(sorted),
    problems,
  };
};
