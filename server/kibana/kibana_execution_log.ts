/**
 * Kibana's execution log of a rule (`rulesClient.getExecutionLogForRule`, read from the event log)
 * as the run history the API answers. What the event log does not hold — the windows searched and
 * the terms evaluated — is null; a gap's duration comes from the rule's own gap warning, its range
 * is not known. Kibana: x-pack/platform/plugins/shared/alerting/server/lib/
 * get_execution_log_aggregation.ts (the fields and their `formatExecutionLogAggBucket`), and
 * lib/alerting_event_logger/alerting_event_logger.ts (the outcomes it writes).
 */
import type { RulesClient } from '@kbn/alerting-plugin/server';
import type {
  ExecutionGap,
  ExecutionStatus,
  ReportedGap,
  RuleExecution,
} from '../../common/api/executions_api';

type ExecutionLogPage = Awaited<ReturnType<RulesClient['getExecutionLogForRule']>>;
type ExecutionLogEntry = ExecutionLogPage['data'][number];

/** The event log's `kibana.alerting.outcome` values, as our statuses. */
const STATUS_OF_OUTCOME: Readonly<Record<string, ExecutionStatus>> = {
  success: 'succeeded',
  warning: 'warning',
  failure: 'failed',
};

/** Our statuses as the outcome Kibana records; `partial failure` is Kibana's `warning`. */
const OUTCOME_OF_STATUS: Readonly<Record<ExecutionStatus, string>> = {
  succeeded: 'success',
  warning: 'warning',
  'partial failure': 'warning',
  failed: 'failure',
};

/** The filter (KQL over event log fields) selecting executions of the given statuses. */
export const outcomeFilter = (statuses: readonly ExecutionStatus[]): string => {
  const outcomes = [...new Set(statuses.map((status) => OUTCOME_OF_STATUS[status]))];
  return `kibana.alerting.outcome: (${outcomes.join(' OR ')})`;
};

/** Selects the executions that ended with a warning: those that can report a gap. */
export const WARNING_FILTER = outcomeFilter(['warning']);

/** run_new_terms_rule.ts `gapWarning`: "<n> minutes (<ms>ms) were not queried between this rule execution…". */
const GAP_WARNING =
  /\((\d+)ms\) were not queried between this rule execution and the last execution/;

/** The gap a rule's warning reports, by duration only. */
export const gapInMessage = (message: string): ExecutionGap | null => {
  const found = GAP_WARNING.exec(message);
  return found === null ? null : { from: null, to: null, duration_ms: Number(found[1]) };
};

export const toRuleExecution = (entry: ExecutionLogEntry): RuleExecution => {
  const status = STATUS_OF_OUTCOME[entry.status] ?? 'unknown';
  const message = entry.message === '' ? [] : [entry.message];
  return {
    execution_id: entry.id,
    started_at: entry.timestamp,
    duration_ms: entry.duration_ms,
    status,
    windows: null,
    terms_evaluated: null,
    alerts_created: entry.num_new_alerts,
    // Kibana joins a run's warnings (or errors) into one message: they cannot be told apart again.
    warnings: status === 'warning' ? message : [],
    errors: status === 'failed' ? message : [],
    gap: status === 'warning' ? gapInMessage(entry.message) : null,
  };
};

export const reportedGaps = (entries: readonly ExecutionLogEntry[]): ReportedGap[] =>
  entries.flatMap((entry) => {
    const gap = gapInMessage(entry.message);
    return gap === null ? [] : [{ execution_id: entry.id, reported_at: entry.timestamp, ...gap }];
  });
