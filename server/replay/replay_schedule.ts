/**
 * `ctd scan`: replays each rule's schedule across the time span of the stored events, as if the
 * rule had been running all along — an execution every `interval`, each searching its window
 * `[from, to]` and its history window — and stores the alerts those executions would have raised
 * (deduplicated by alert id, like the scheduled runs).
 *
 * Warm-up: on a fresh data set every term is "new" until a full history window has been seen, so
 * the first executions would flag everything. The replay therefore starts after a warm-up period
 * during which events only build history: by default the shorter of the rule's history window and
 * half the data span; `warmupMs: 0` replays from the first event.
 *
 * Pruning: an execution flags term T in window [from, to] only if T's first occurrence e there
 * is after `from` and T has no occurrence in [historyStart, from]; so e's previous occurrence p is
 * before historyStart and e - p > from - historyStart (H - L for fixed offsets). Only occurrences
 * with no predecessor, or one older than the smallest such gap of the schedule ("candidates"),
 * can start an alert, and only executions with a window holding a candidate are run — with the
 * real executor and the previous scheduled time, so they raise exactly what the window-by-window
 * schedule raises (skipped executions raise nothing, so dedup and `max_signals` see the same
 * state). A source without candidate times falls back to the times of all matching events.
 */
import { parseDateMath, parseDuration } from '../../common/rules/date_math';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { fromKueryExpression } from '../../common/kql/parse';
import { getRuleRangeTuples } from '../new_terms/rule_range_tuples';
import {
  runNewTermsRule,
  timestampSpecFor,
  type RuleExecutionResult,
} from '../new_terms/run_new_terms_rule';
import { resolveRuleExceptions, type ExceptionSet } from '../new_terms/rule_exceptions';
import type { NewTermsRuleInstance } from '../new_terms/rule_instance';
import type { NewTermsSearch, TimeRange } from '../new_terms/types';
import type { AlertSink, ReplayEventSource } from '../stores/store_contract';

export interface ReplayStore {
  readonly events: ReplayEventSource;
  readonly alerts: AlertSink;
}

export type Warmup = number | 'auto';

export interface ReplayOptions {
  readonly warmup?: Warmup;
  /** The exception lists and items the rule's `exceptions_list` may name; resolved per execution. */
  readonly exceptions?: ExceptionSet;
  readonly onProgress?: (progress: { rule: string; done: number; total: number }) => void;
}

export interface RuleReplaySummary {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly scheduleStart: number | null;
  readonly scheduleEnd: number | null;
  readonly warmupMs: number;
  readonly scheduledExecutions: number;
  readonly executedWindows: number;
  readonly alertIds: readonly string[];
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
  readonly durationMs: number;
}

const REFERENCE_NOW = new Date(0);

const offsetOf = (expression: string, what: string): number => {
  const parsed = parseDateMath(expression, REFERENCE_NOW);
  if (!parsed.ok)
    throw new Error(`Rule ${what} "${expression}" is not valid date math: ${parsed.error}`);
  return REFERENCE_NOW.getTime() - parsed.value.getTime();
};

/** Lookback (`to - from`), history length and interval of a rule, in ms. */
export const scheduleShape = (definition: NewTermsRuleDefinition) => {
  const interval = parseDuration(definition.interval);
  if (!interval.ok)
    throw new Error(`Rule interval "${definition.interval}" is invalid: ${interval.error}`);
  return {
    intervalMs: interval.value,
    lookbackMs: offsetOf(definition.from, 'from') - offsetOf(definition.to, 'to'),
    historyMs: offsetOf(definition.history_window_start, 'history_window_start'),
  };
};

/**
 * Subtracted from the schedule's smallest `from - historyStart` before asking for candidates: a
 * safety margin against any rounding; extra candidates only cost time, never change results.
 */
const CANDIDATE_GAP_MARGIN_MS = 60_000;

/** How often (in scheduled executions) progress is reported. */
const PROGRESS_EVERY = 200;

interface ScheduledWindow extends TimeRange {
  readonly historyStart: number;
}

interface ScheduledExecution {
  readonly startedAt: number;
  readonly previousStartedAt: number | null;
  /** Undefined when the rule's date math does not resolve: always run, the executor reports it. */
  readonly windows: readonly ScheduledWindow[] | undefined;
}

const resolveAt = (expression: string, now: number): number | undefined => {
  const parsed = parseDateMath(expression, new Date(now));
  return parsed.ok ? parsed.value.getTime() : undefined;
};

/** The windows (with history starts) one execution searches, resolved as `runNewTermsRule` does. */
const executionWindows = (
  definition: NewTermsRuleDefinition,
  intervalMs: number,
  startedAt: number,
  previousStartedAt: number | null
): ScheduledWindow[] | undefined => {
  const from = resolveAt(definition.from, startedAt);
  const to = resolveAt(definition.to, startedAt);
  if (from === undefined || to === undefined) return undefined;
  const windows: ScheduledWindow[] = [];
  for (const window of getRuleRangeTuples({ from, to, intervalMs }, startedAt, previousStartedAt)
    .tuples) {
    const historyStart = resolveAt(definition.history_window_start, window.to);
    if (historyStart === undefined) return undefined;
    windows.push({ ...window, historyStart });
  }
  return windows;
};

const scheduledExecutions = (
  definition: NewTermsRuleDefinition,
  intervalMs: number,
  scheduleStart: number,
  total: number
): ScheduledExecution[] =>
  Array.from({ length: total }, (_, k) => {
    const startedAt = scheduleStart + k * intervalMs;
    const previousStartedAt = k === 0 ? null : startedAt - intervalMs;
    return {
      startedAt,
      previousStartedAt,
      windows: executionWindows(definition, intervalMs, startedAt, previousStartedAt),
    };
  });

/** The smallest `from - historyStart` of any scheduled window: a flagged term's minimum gap. */
const smallestHistoryGap = (executions: readonly ScheduledExecution[]): number => {
  let smallest = Infinity;
  for (const { windows } of executions) {
    for (const window of windows ?? [])
      smallest = Math.min(smallest, window.from - window.historyStart);
  }
  return Number.isFinite(smallest) ? smallest : 0;
};

/**
 * Times at which an alert can start: new-term candidates when the source can find them, else
 * every matching event's time.
 */
const alertableTimes = async (
  events: ReplayEventSource,
  search: NewTermsSearch,
  range: TimeRange,
  executions: readonly ScheduledExecution[]
): Promise<number[]> => {
  if (events.newTermCandidateTimes === undefined) return events.matchingTimestamps(search, range);
  const minGapMs =
    smallestHistoryGap(executions) - CANDIDATE_GAP_MARGIN_MS - events.timestampGranularityMs;
  return events.newTermCandidateTimes(search, range, minGapMs);
};

const firstAtOrAfter = (sorted: readonly number[], value: number): number => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if ((sorted[middle] ?? Infinity) < value) low = middle + 1;
    else high = middle;
  }
  return low;
};

/** Whether some time bucket `[t, t + granularity)` of `sorted` overlaps `[from, to]`. */
const windowHasEvents = (
  sorted: readonly number[],
  granularityMs: number,
  from: number,
  to: number
): boolean => {
  const index = firstAtOrAfter(sorted, from - granularityMs + 1);
  return index < sorted.length && (sorted[index] ?? Infinity) <= to;
};

/** Whether one of the execution's windows holds an alertable time. */
const mayAlert = (
  execution: ScheduledExecution,
  times: readonly number[],
  granularityMs: number
): boolean =>
  execution.windows === undefined ||
  execution.windows.some((window) => windowHasEvents(times, granularityMs, window.from, window.to));

interface ExecutionsOutcome {
  readonly executedWindows: number;
  readonly alertIds: readonly string[];
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
}

/** Runs the real executor for the executions `shouldRun` keeps, in schedule order. */
const runExecutions = async (
  store: ReplayStore,
  rule: NewTermsRuleInstance,
  executions: readonly ScheduledExecution[],
  shouldRun: (execution: ScheduledExecution) => boolean,
  options: ReplayOptions
): Promise<ExecutionsOutcome> => {
  const { onProgress, exceptions } = options;
  const ruleId = rule.definition.rule_id;
  const alertIds: string[] = [];
  const warnings = new Set<string>();
  const errors = new Set<string>();
  let executedWindows = 0;
  for (const [k, execution] of executions.entries()) {
    if (shouldRun(execution)) {
      const result: RuleExecutionResult = await runNewTermsRule({
        rule,
        source: store.events,
        sink: store.alerts,
        startedAt: new Date(execution.startedAt),
        // The previous *scheduled* time, run or not: a skipped execution is not a gap.
        previousStartedAt:
          execution.previousStartedAt === null ? null : new Date(execution.previousStartedAt),
        executionId: `replay-${ruleId}-${execution.startedAt}`,
        // Resolved at each execution's start: an item that expires stops applying there.
        ...(exceptions === undefined
          ? {}
          : {
              exceptions: resolveRuleExceptions(
                rule.definition,
                exceptions,
                new Date(execution.startedAt)
              ),
            }),
      });
      executedWindows++;
      alertIds.push(...result.createdAlertIds);
      result.warnings.forEach((warning) => warnings.add(warning));
      result.errors.forEach((error) => errors.add(error));
    }
    const done = k + 1;
    if (k % PROGRESS_EVERY === 0 || done === executions.length)
      onProgress?.({ rule: ruleId, done, total: executions.length });
  }
  return { executedWindows, alertIds, warnings: [...warnings], errors: [...errors] };
};

export const replayRule = async (
  store: ReplayStore,
  rule: NewTermsRuleInstance,
  options: ReplayOptions = {}
): Promise<RuleReplaySummary> => {
  const began = Date.now();
  const { definition } = rule;
  const shape = scheduleShape(definition);
  const timestamp = timestampSpecFor(definition);
  const span = await store.events.timeSpan(timestamp, definition.index);
  const empty = {
    ruleId: definition.rule_id,
    ruleName: definition.name,
    scheduleStart: null,
    scheduleEnd: null,
    warmupMs: 0,
    scheduledExecutions: 0,
    executedWindows: 0,
    alertIds: [],
    warnings: [],
    errors: [],
  };
  if (span === undefined) return { ...empty, durationMs: Date.now() - began };
  const warmupMs =
    options.warmup === undefined || options.warmup === 'auto'
      ? Math.min(shape.historyMs, Math.floor((span.to - span.from) / 2))
      : options.warmup;
  const scheduleStart = span.from + warmupMs;
  const total = Math.max(1, Math.ceil((span.to - scheduleStart) / shape.intervalMs) + 1);
  const search = {
    index: definition.index,
    query: fromKueryExpression(definition.query),
    fields: definition.new_terms_fields,
    timestamp,
  };
  const executions = scheduledExecutions(definition, shape.intervalMs, scheduleStart, total);
  const times = await alertableTimes(store.events, search, span, executions);
  const granularityMs = store.events.timestampGranularityMs;
  const shouldRun = (execution: ScheduledExecution): boolean =>
    mayAlert(execution, times, granularityMs);
  const outcome = await runExecutions(store, rule, executions, shouldRun, options);
  return {
    ...empty,
    scheduleStart,
    scheduleEnd: scheduleStart + (total - 1) * shape.intervalMs,
    warmupMs,
    scheduledExecutions: total,
    ...outcome,
    durationMs: Date.now() - began,
  };
};
