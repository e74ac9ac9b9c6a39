/**
 * One scheduled execution of a new_terms rule, as Kibana's security rule wrapper drives it:
 * resolve `from`/`to` against the execution start, add catch-up windows for a late run, run the
 * algorithm once per window (each with its own history range and its own `max_signals` budget),
 * and report warnings (alert cap reached, a gap left uncovered) and errors without throwing.
 *
 * A run that cannot finish a window (the store unreachable, overloaded, or answering from only some
 * shards) ends 'failed' with a message naming the window, the step and the cause, and how many
 * alerts it wrote first. It is never 'partial failure': that status means every window was searched
 * (with warnings), while a failed run left a window unsearched, which the next run's catch-up must
 * cover again; alert ids are deterministic, so the alerts written before the failure are not
 * written twice.
 */
import { KqlSyntaxError } from '../../common/kql/kql_syntax_error';
import { fromKueryExpression } from '../../common/kql/parse';
import { parseDateMath, parseDuration } from '../../common/rules/date_math';
import { HISTORY_WINDOW_ERROR, type NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { invalidQueryMessage } from '../../common/rules/rule_type_params';
import { executeNewTermsWindow, MAX_SIGNALS_WARNING } from './execute_new_terms';
import { SUPPRESSION_MAX_SIGNALS_WARNING } from './alert_suppression';
import type { NewTermsRuleInstance } from './rule_instance';
import { getRuleRangeTuples } from './rule_range_tuples';
import { NO_EXCEPTIONS, queryWithExceptions, type RuleExceptions } from './rule_exceptions';
import { RunStepError } from './run_step_error';
import { labelSourceSteps, RecordingSink } from './run_steps';
import type { NewTermsSearch, TimeRange, TimestampSpec } from './types';
import type { AlertSink, NewTermsEventSource } from '../stores/store_contract';
import { errorMessage } from '../../common/error_message';

export type RuleExecutionStatus = 'succeeded' | 'partial failure' | 'failed';

export interface RuleExecutionInput {
  readonly rule: NewTermsRuleInstance;
  readonly source: NewTermsEventSource;
  readonly sink: AlertSink;
  readonly startedAt: Date;
  readonly previousStartedAt: Date | null;
  readonly executionId: string;
  /** Phase 1 page size override (tests exercise paging with small pages). */
  readonly pageSize?: number;
  /** The rule's exceptions, resolved for this run (rule_exceptions.ts); none when absent. */
  readonly exceptions?: RuleExceptions;
}

export interface WindowReport {
  readonly range: TimeRange;
  readonly historyStart: number;
  readonly createdAlerts: number;
  readonly termsEvaluated: number;
  readonly newTerms: number;
  readonly truncated: boolean;
}

export interface RuleExecutionResult {
  readonly status: RuleExecutionStatus;
  readonly createdAlertIds: readonly string[];
  readonly windows: readonly WindowReport[];
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
  readonly gap?: { readonly remainingGapMs: number; readonly range?: TimeRange };
  readonly termsEvaluated: number;
  readonly searches: number;
  readonly durationMs: number;
}

/** Kibana's primary/secondary timestamp choice (docs/new_terms.md#timestamps). */
export const timestampSpecFor = (definition: NewTermsRuleDefinition): TimestampSpec => {
  const primary = definition.timestamp_override ?? '@timestamp';
  const useFallback =
    primary !== '@timestamp' && definition.timestamp_override_fallback_disabled !== true;
  return { primary, fallback: useFallback ? '@timestamp' : null };
};

class RuleExecutionError extends Error {}

export const SUPPRESSION_UNSUPPORTED_WARNING =
  'Alert suppression is not applied where this rule runs (inside Kibana, this rule type does not suppress alerts yet); its alerts were created without it.';

const resolve = (expression: string, now: Date, what: string): number => {
  const parsed = parseDateMath(expression, now);
  if (!parsed.ok)
    throw new RuleExecutionError(`Failed to parse '${what}' ("${expression}"): ${parsed.error}`);
  return parsed.value.getTime();
};

const historyStartFor = (definition: NewTermsRuleDefinition, window: TimeRange): number => {
  const start = resolve(definition.history_window_start, new Date(window.to), 'historyWindowStart');
  if (start >= window.from) throw new RuleExecutionError(HISTORY_WINDOW_ERROR);
  return start;
};

const buildSearch = (
  definition: NewTermsRuleDefinition,
  exceptions: RuleExceptions
): NewTermsSearch => {
  try {
    return {
      index: definition.index,
      query: queryWithExceptions(fromKueryExpression(definition.query), exceptions.exclude),
      fields: definition.new_terms_fields,
      timestamp: timestampSpecFor(definition),
    };
  } catch (error) {
    if (error instanceof KqlSyntaxError) {
      throw new RuleExecutionError(invalidQueryMessage(error));
    }
    throw error;
  }
};

const formatGap = (gapMs: number): string => {
  const minutes = Math.round(gapMs / 60_000);
  return minutes >= 1
    ? `${minutes} minute${minutes === 1 ? '' : 's'}`
    : `${Math.round(gapMs / 1000)} seconds`;
};

export const gapWarning = (gapMs: number): string =>
  `${formatGap(gapMs)} (${gapMs}ms) were not queried between this rule execution and the last execution, ` +
  'so signals may have been missed. Consider increasing the look-back time or running the rule more reliably.';

const isoRange = (window: TimeRange): string =>
  `${new Date(window.from).toISOString()} – ${new Date(window.to).toISOString()}`;

/** Why a window could not be completed, and what had been written by then. */
export const windowFailureMessage = (
  window: TimeRange,
  error: RunStepError,
  alertsWritten: number
): string => {
  const written =
    alertsWritten === 0
      ? 'No alerts were written by this run.'
      : `${alertsWritten} alert(s) were written before the failure; a run covering this window again does not duplicate them.`;
  return `Window ${isoRange(window)}: ${error.message}. ${written}`;
};

export const runNewTermsRule = async (input: RuleExecutionInput): Promise<RuleExecutionResult> => {
  const began = Date.now();
  const { definition } = input.rule;
  const windows: WindowReport[] = [];
  const created: string[] = [];
  const exceptions = input.exceptions ?? NO_EXCEPTIONS;
  const warnings: string[] = [...exceptions.warnings];
  let termsEvaluated = 0;
  let searches = 0;
  let gap: RuleExecutionResult['gap'];
  let current: TimeRange | undefined;
  const source = labelSourceSteps(input.source);
  const sink = new RecordingSink(input.sink);
  const finish = (status: RuleExecutionStatus, errors: string[]): RuleExecutionResult => ({
    status,
    createdAlertIds: created,
    windows,
    warnings,
    errors,
    ...(gap ? { gap } : {}),
    termsEvaluated,
    searches,
    durationMs: Date.now() - began,
  });

  try {
    const interval = parseDuration(definition.interval);
    if (!interval.ok)
      throw new RuleExecutionError(`Invalid interval "${definition.interval}": ${interval.error}`);
    const search = buildSearch(definition, exceptions);
    const suppression = sink.suppresses ? definition.alert_suppression : undefined;
    if (definition.alert_suppression !== undefined && suppression === undefined)
      warnings.push(SUPPRESSION_UNSUPPORTED_WARNING);
    const startedAt = input.startedAt.getTime();
    const { tuples, remainingGapMs, gapRange } = getRuleRangeTuples(
      {
        from: resolve(definition.from, input.startedAt, 'from'),
        to: resolve(definition.to, input.startedAt, 'to'),
        intervalMs: interval.value,
      },
      startedAt,
      input.previousStartedAt?.getTime() ?? null
    );
    if (remainingGapMs > 0) {
      gap = { remainingGapMs, ...(gapRange ? { range: gapRange } : {}) };
      warnings.push(gapWarning(remainingGapMs));
    }
    for (const window of tuples) {
      current = window;
      const historyStart = historyStartFor(definition, window);
      const result = await executeNewTermsWindow({
        source,
        sink,
        search,
        maxSignals: definition.max_signals,
        pageSize: input.pageSize,
        ...(suppression === undefined ? {} : { suppression: { settings: suppression, sink } }),
        context: {
          rule: input.rule,
          executionId: input.executionId,
          startedAt,
          window,
          historyStart,
        },
      });
      created.push(...result.createdAlertIds);
      termsEvaluated += result.termsEvaluated;
      searches += result.searches;
      windows.push({
        range: window,
        historyStart,
        createdAlerts: result.createdAlertIds.length,
        termsEvaluated: result.termsEvaluated,
        newTerms: result.newTermsFound,
        truncated: result.truncated,
      });
      const limitWarning =
        suppression === undefined ? MAX_SIGNALS_WARNING : SUPPRESSION_MAX_SIGNALS_WARNING;
      if (result.truncated && !warnings.includes(limitWarning)) warnings.push(limitWarning);
    }
    return finish(warnings.length > 0 ? 'partial failure' : 'succeeded', []);
  } catch (error) {
    if (error instanceof RunStepError && current !== undefined) {
      // Include the alerts of the window that failed, which its result never reported.
      created.splice(0, created.length, ...sink.writtenIds);
      return finish('failed', [windowFailureMessage(current, error, created.length)]);
    }
    const message = errorMessage(error);
    return finish('failed', [message]);
  }
};
