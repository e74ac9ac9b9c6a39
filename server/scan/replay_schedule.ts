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
 * Executions whose window holds no event matching the rule cannot raise an alert (phase 1 finds no
 * term), so they are counted but not run.
 */
import { parseDateMath, parseDuration } from '../../common/rules/date_math';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { fromKueryExpression } from '../../common/kql/parse';
import { runNewTermsRule, timestampSpecFor, type RuleExecutionResult } from '../new_terms/run_new_terms_rule';
import type { NewTermsRuleInstance } from '../new_terms/rule_instance';
import type { AlertSink, NewTermsEventSource, NewTermsSearch, TimeRange, TimestampSpec } from '../new_terms/types';

/** What a replay needs beyond the three phases: the data's time span and where matching events are. */
export interface ReplayEventSource extends NewTermsEventSource {
  /** Earliest and latest (combined) timestamp of the events in `index`; undefined when none. */
  timeSpan(timestamp: TimestampSpec, index: readonly string[]): Promise<TimeRange | undefined>;
  /**
   * Ascending times at which events matching `search` (and holding every new-terms field) occur in
   * `range`; each time stands for events in `[time, time + timestampGranularityMs)`.
   */
  matchingTimestamps(search: NewTermsSearch, range: TimeRange): Promise<number[]>;
  readonly timestampGranularityMs: number;
}

export interface ReplayStore {
  readonly events: ReplayEventSource;
  readonly alerts: AlertSink;
}

export type Warmup = number | 'auto';

export interface ReplayOptions {
  readonly warmup?: Warmup;
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
  if (!parsed.ok) throw new Error(`Rule ${what} "${expression}" is not valid date math: ${parsed.error}`);
  return REFERENCE_NOW.getTime() - parsed.value.getTime();
};

/** Lookback (`to - from`), history length and interval of a rule, in ms. */
export const scheduleShape = (definition: NewTermsRuleDefinition) => {
  const interval = parseDuration(definition.interval);
  if (!interval.ok) throw new Error(`Rule interval "${definition.interval}" is invalid: ${interval.error}`);
  return {
    intervalMs: interval.value,
    lookbackMs: offsetOf(definition.from, 'from') - offsetOf(definition.to, 'to'),
    historyMs: offsetOf(definition.history_window_start, 'history_window_start'),
  };
};

const firstAtOrAfter = (sorted: readonly number[], value: number): number => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Infinity) < value) low = middle + 1;
    else high = middle;
  }
  return low;
};

/** Whether some time bucket `[t, t + granularity)` of `sorted` overlaps `[from, to]`. */
const windowHasEvents = (sorted: readonly number[], granularityMs: number, from: number, to: number): boolean => {
  const index = firstAtOrAfter(sorted, from - granularityMs + 1);
  return index < sorted.length && (sorted[index] ?? Infinity) <= to;
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
  const matchTimes = await store.events.matchingTimestamps(search, { from: span.from, to: span.to });
  const alertIds: string[] = [];
  const warnings = new Set<string>();
  const errors = new Set<string>();
  let executedWindows = 0;
  let previous: number | null = null;
  for (let k = 0; k < total; k++) {
    const startedAt = scheduleStart + k * shape.intervalMs;
    if (windowHasEvents(matchTimes, store.events.timestampGranularityMs, startedAt - shape.lookbackMs, startedAt)) {
      const result: RuleExecutionResult = await runNewTermsRule({
        rule,
        source: store.events,
        sink: store.alerts,
        startedAt: new Date(startedAt),
        previousStartedAt: previous === null ? null : new Date(previous),
        executionId: `replay-${definition.rule_id}-${startedAt}`,
      });
      executedWindows++;
      alertIds.push(...result.createdAlertIds);
      result.warnings.forEach((warning) => warnings.add(warning));
      result.errors.forEach((error) => errors.add(error));
    }
    previous = startedAt;
    if (k % 200 === 0 || k === total - 1) options.onProgress?.({ rule: definition.rule_id, done: k + 1, total });
  }
  return {
    ...empty,
    scheduleStart,
    scheduleEnd: scheduleStart + (total - 1) * shape.intervalMs,
    warmupMs,
    scheduledExecutions: total,
    executedWindows,
    alertIds,
    warnings: [...warnings],
    errors: [...errors],
    durationMs: Date.now() - began,
  };
};
