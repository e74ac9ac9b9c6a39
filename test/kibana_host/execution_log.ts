/**
 * The event log of rule executions as the test host plays it: the `execute` event the alerting
 * framework writes at the end of each run, and `rulesClient.getExecutionLogForRule` over those
 * events with Kibana's checks, messages and result shape. Kibana (9.x), under
 * x-pack/platform/plugins/shared/:
 * - alerting/server/lib/alerting_event_logger/alerting_event_logger.ts: the event
 *   (`setExecutionSucceeded` / `setExecutionFailed`, `done`: outcome, message, error, metrics);
 * - alerting/server/lib/rule_execution_status.ts `executionStatusFromState`: a framework warning
 *   (alert limit) wins over the rule's; the rule's warnings and errors are joined with `,`;
 * - alerting/server/rules_client/methods/get_execution_log.ts: the method (rule read, dates);
 * - alerting/server/rules_client/rules_client.ts `parseDate`, lib/iso_or_relative_date.ts:
 *   "Invalid date for parameter dateStart: "x"" (ISO, or a duration back from now);
 * - alerting/server/lib/get_execution_log_aggregation.ts: sort fields, page and perPage checks,
 *   the KQL filter, at most 10,000 executions, paging, `formatExecutionLogAggBucket`;
 * - event_log/generated/mappings.json: the types of the fields a filter can name.
 */
import { createFieldTypeMap } from '../../common/ecs/ecs_field_types';
import type { FieldSpec } from '../../common/ecs/field_types';
import { createMatcher, type DocumentMatcher } from '../../common/kql/matcher';
import { fromKueryExpression } from '../../common/kql/parse';
import { KibanaBadRequestError } from './kibana_bad_request_error';

/** Kibana's DEFAULT_MAX_BUCKETS_LIMIT: executions beyond the 10,000 most recent are not listed. */
export const MAX_EXECUTION_BUCKETS = 10_000;
const NANOS_PER_MS = 1_000_000;

/** `executionLogSortableColumns`, alerting/common/execution_log_types.ts, with what each sorts on. */
const SORT_VALUES: Readonly<Record<string, (event: ExecuteEvent) => number>> = {
  timestamp: (event) => Date.parse(event.event.start),
  execution_duration: (event) => event.event.duration,
  total_search_duration: (event) => metricsOf(event).total_search_duration_ms,
  es_search_duration: (event) => metricsOf(event).es_search_duration_ms,
  schedule_delay: () => 0,
  num_triggered_actions: (event) => metricsOf(event).number_of_triggered_actions,
  num_generated_actions: (event) => metricsOf(event).number_of_generated_actions,
  num_active_alerts: (event) => metricsOf(event).alert_counts.active,
  num_recovered_alerts: (event) => metricsOf(event).alert_counts.recovered,
  num_new_alerts: (event) => metricsOf(event).alert_counts.new,
};

/** The event log's mapping of the fields the execute event carries (mappings.json). */
const EVENT_LOG_FIELD_SPECS: readonly FieldSpec[] = [
  { name: '@timestamp', type: 'date' },
  { name: 'message', type: 'text' },
  { name: 'error.message', type: 'text' },
  { name: 'event.action', type: 'keyword' },
  { name: 'event.provider', type: 'keyword' },
  { name: 'event.outcome', type: 'keyword' },
  { name: 'event.start', type: 'date' },
  { name: 'event.end', type: 'date' },
  { name: 'event.duration', type: 'long' },
  { name: 'kibana.alerting.outcome', type: 'keyword' },
  { name: 'kibana.alerting.status', type: 'keyword' },
  { name: 'kibana.alert.rule.execution.uuid', type: 'keyword' },
  { name: 'kibana.alert.rule.execution.metrics.alert_counts.new', type: 'long' },
  { name: 'kibana.alert.rule.execution.metrics.alert_counts.active', type: 'long' },
  { name: 'kibana.alert.rule.execution.metrics.alert_counts.recovered', type: 'long' },
  { name: 'kibana.alert.rule.execution.metrics.total_search_duration_ms', type: 'long' },
  { name: 'kibana.alert.rule.execution.metrics.es_search_duration_ms', type: 'long' },
  { name: 'kibana.space_ids', type: 'keyword' },
  { name: 'rule.id', type: 'keyword' },
  { name: 'rule.name', type: 'keyword' },
  { name: 'rule.category', type: 'keyword' },
];
const EVENT_LOG_FIELDS = createFieldTypeMap(EVENT_LOG_FIELD_SPECS);

interface ExecutionMetrics {
  readonly number_of_triggered_actions: number;
  readonly number_of_generated_actions: number;
  readonly alert_counts: {
    readonly active: number;
    readonly new: number;
    readonly recovered: number;
  };
  readonly number_of_searches: number;
  readonly es_search_duration_ms: number;
  readonly total_search_duration_ms: number;
}

/** The `execute` event of one run, with the fields the execution log reads. */
export interface ExecuteEvent {
  readonly '@timestamp': string;
  readonly message: string;
  readonly error?: { readonly message: string };
  readonly event: {
    readonly provider: 'alerting';
    readonly action: 'execute';
    readonly kind: 'alert';
    readonly start: string;
    readonly end: string;
    /** Nanoseconds. */
    readonly duration: number;
    readonly outcome: 'success' | 'failure';
  };
  readonly kibana: {
    readonly alerting: {
      readonly outcome: 'success' | 'warning' | 'failure';
      readonly status: string;
    };
    readonly alert: {
      readonly rule: {
        readonly consumer: string;
        readonly rule_type_id: string;
        readonly execution: { readonly uuid: string; readonly metrics: ExecutionMetrics };
      };
    };
    readonly saved_objects: ReadonlyArray<{
      rel: 'primary';
      type: 'alert';
      id: string;
      type_id: string;
    }>;
    readonly space_ids: readonly string[];
    readonly version: string;
  };
  readonly rule: { readonly id: string; readonly name: string; readonly category: string };
}

const metricsOf = (event: ExecuteEvent): ExecutionMetrics =>
  event.kibana.alert.rule.execution.metrics;

/** What one run of the task runner ended with. */
export interface RunRecord {
  readonly rule: { readonly id: string; readonly name: string; readonly consumer: string };
  readonly ruleTypeId: string;
  readonly spaceId: string;
  readonly kibanaVersion: string;
  readonly executionId: string;
  readonly startedAt: Date;
  readonly durationMs: number;
  /** The executor threw (or the limit check did): `setExecutionFailed`. */
  readonly thrown: string | null;
  /** `addLastRunError` messages of a run that returned. */
  readonly reportedErrors: readonly string[];
  readonly ruleWarnings: readonly string[];
  /** The framework's own warning (the alert limit), which wins over the rule's. */
  readonly frameworkWarning: string | null;
  readonly newAlerts: number;
  readonly activeAlerts: number;
}

interface RunOutcome {
  readonly outcome: 'success' | 'warning' | 'failure';
  readonly message: string;
  readonly error: string | null;
}

const outcomeOf = (run: RunRecord): RunOutcome => {
  const label = `${run.ruleTypeId}:${run.rule.id}: '${run.rule.name}'`;
  if (run.thrown !== null)
    return { outcome: 'failure', message: `rule execution failure: ${label}`, error: run.thrown };
  if (run.reportedErrors.length > 0)
    return {
      outcome: 'failure',
      message: `${run.ruleTypeId}:${run.rule.id}: execution failed`,
      error: run.reportedErrors.join(','),
    };
  const warning =
    run.frameworkWarning ?? (run.ruleWarnings.length > 0 ? run.ruleWarnings.join(',') : null);
  return warning === null
    ? { outcome: 'success', message: `rule executed: ${label}`, error: null }
    : { outcome: 'warning', message: warning, error: null };
};

const statusOf = (outcome: RunOutcome['outcome'], activeAlerts: number): string => {
  if (outcome === 'failure') return 'error';
  if (outcome === 'warning') return 'warning';
  return activeAlerts > 0 ? 'active' : 'ok';
};

/** The execute event `AlertingEventLogger.done` writes for a run. */
export const executeEventOf = (run: RunRecord): ExecuteEvent => {
  const end = new Date(run.startedAt.getTime() + run.durationMs).toISOString();
  const result = outcomeOf(run);
  return {
    '@timestamp': end,
    message: result.message,
    ...(result.error === null ? {} : { error: { message: result.error } }),
    event: {
      provider: 'alerting',
      action: 'execute',
      kind: 'alert',
      start: run.startedAt.toISOString(),
      end,
      duration: run.durationMs * NANOS_PER_MS,
      outcome: result.outcome === 'failure' ? 'failure' : 'success',
    },
    kibana: {
      alerting: {
        outcome: result.outcome,
        status: statusOf(result.outcome, run.activeAlerts),
      },
      alert: {
        rule: {
          consumer: run.rule.consumer,
          rule_type_id: run.ruleTypeId,
          execution: {
            uuid: run.executionId,
            metrics: {
              number_of_triggered_actions: 0,
              number_of_generated_actions: 0,
              alert_counts: { active: run.activeAlerts, new: run.newAlerts, recovered: 0 },
              number_of_searches: 0,
              es_search_duration_ms: 0,
              total_search_duration_ms: 0,
            },
          },
        },
      },
      saved_objects: [{ rel: 'primary', type: 'alert', id: run.rule.id, type_id: run.ruleTypeId }],
      space_ids: [run.spaceId],
      version: run.kibanaVersion,
    },
    rule: { id: run.rule.id, name: run.rule.name, category: run.ruleTypeId },
  };
};

export interface ExecutionLogRequest {
  readonly dateStart: string;
  readonly dateEnd?: string;
  readonly filter?: string;
  readonly page: number;
  readonly perPage: number;
  readonly sort: ReadonlyArray<Readonly<Record<string, { order: 'asc' | 'desc' } | undefined>>>;
}

/** alerting/common/parse_duration.ts: a whole number of seconds, minutes, hours or days. */
const DURATION = /^([1-9][0-9]*)([smhd])$/;
const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `parseDate` with `parseIsoOrRelativeDate`: ISO (what `Date.parse` reads), or now minus a duration. */
const parseDate = (value: string | undefined, name: string, now: Date): number => {
  if (value === undefined) return now.getTime();
  const epoch = Date.parse(value);
  if (!Number.isNaN(epoch)) return epoch;
  const duration = DURATION.exec(value);
  if (duration !== null)
    return now.getTime() - Number(duration[1]) * (UNIT_MS[duration[2] ?? ''] ?? 0);
  throw new KibanaBadRequestError(`Invalid date for parameter ${name}: "${value}"`);
};

/** `getExecutionLogAggregation`'s checks, in Kibana's order. */
const checkAggregation = (request: ExecutionLogRequest): DocumentMatcher | undefined => {
  const columns = Object.keys(SORT_VALUES);
  for (const field of request.sort.flatMap((sort) => Object.keys(sort)))
    if (!columns.includes(field))
      throw new KibanaBadRequestError(
        `Invalid sort field "${field}" - must be one of [${columns.join(',')}]`
      );
  if (request.page <= 0)
    throw new KibanaBadRequestError(
      `Invalid page field "${request.page}" - must be greater than 0`
    );
  if (request.perPage <= 0)
    throw new KibanaBadRequestError(
      `Invalid perPage field "${request.perPage}" - must be greater than 0`
    );
  if (request.filter === undefined) return undefined;
  try {
    return createMatcher(fromKueryExpression(request.filter), EVENT_LOG_FIELDS);
  } catch {
    throw new KibanaBadRequestError(`Invalid kuery syntax for filter ${request.filter}`);
  }
};

const compareBy =
  (sort: ExecutionLogRequest['sort']) =>
  (a: ExecuteEvent, b: ExecuteEvent): number => {
    for (const entry of sort)
      for (const [field, order] of Object.entries(entry)) {
        const value = SORT_VALUES[field];
        if (value === undefined || order === undefined) continue;
        const difference = value(a) - value(b);
        if (difference !== 0) return order.order === 'asc' ? difference : -difference;
      }
    return 0;
  };

const byNewest = compareBy([{ timestamp: { order: 'desc' } }]);

/** `formatExecutionLogAggBucket`: one execution as the log lists it. */
const formatExecution = (event: ExecuteEvent) => {
  const status = event.kibana.alerting.outcome || event.event.outcome;
  const metrics = metricsOf(event);
  return {
    id: event.kibana.alert.rule.execution.uuid,
    timestamp: event.event.start,
    duration_ms: event.event.duration / NANOS_PER_MS,
    status,
    message:
      status === 'failure' ? `${event.message} - ${event.error?.message ?? ''}` : event.message,
    version: event.kibana.version,
    num_active_alerts: metrics.alert_counts.active,
    num_new_alerts: metrics.alert_counts.new,
    num_recovered_alerts: metrics.alert_counts.recovered,
    num_triggered_actions: metrics.number_of_triggered_actions,
    num_generated_actions: metrics.number_of_generated_actions,
    num_succeeded_actions: 0,
    num_errored_actions: 0,
    total_search_duration_ms: metrics.total_search_duration_ms,
    es_search_duration_ms: metrics.es_search_duration_ms,
    schedule_delay_ms: 0,
    timed_out: false,
    rule_id: event.rule.id,
    space_ids: [...event.kibana.space_ids],
    rule_name: event.rule.name,
    maintenance_window_ids: [],
  };
};

/**
 * The execution log of one rule (its read and authorisation are the caller's): the executions
 * whose event lies in [dateStart, dateEnd], of the 10,000 most recent, that the filter selects,
 * sorted and paged.
 */
export const executionLogOf = (
  events: readonly ExecuteEvent[],
  ruleId: string,
  request: ExecutionLogRequest,
  now: Date
) => {
  const start = parseDate(request.dateStart, 'dateStart', now);
  const end = parseDate(request.dateEnd, 'dateEnd', now);
  const matcher = checkAggregation(request);
  const inRange = events
    .filter((event) => event.rule.id === ruleId)
    .filter((event) => {
      const time = Date.parse(event['@timestamp']);
      return time >= start && time <= end;
    });
  const recent = [...inRange].sort(byNewest).slice(0, MAX_EXECUTION_BUCKETS);
  const selected =
    matcher === undefined
      ? recent
      : recent.filter((event) => matcher(event as unknown as Record<string, unknown>));
  const from = (request.page - 1) * request.perPage;
  return {
    total: selected.length,
    data: [...selected]
      .sort(compareBy(request.sort))
      .slice(from, from + request.perPage)
      .map(formatExecution),
  };
};
