/** The embedded store's run history as the API answers it (common/api/executions_api.ts). */
import {
  EXECUTION_STATUSES,
  MAX_LISTED_GAPS,
  type ExecutionStatus,
  type ReportedGap,
  type RuleExecution,
  type RuleExecutionsPage,
} from '../../common/api/executions_api';
import type { ExecutionHistoryRequest } from '../routes/api_types';
import type { TimeRange } from '../new_terms/types';
import type { RuleExecutionEntry, RuleStore } from '../stores/store_contract';

const iso = (ms: number): string => new Date(ms).toISOString();

const isExecutionStatus = (status: string): status is ExecutionStatus =>
  (EXECUTION_STATUSES as readonly string[]).includes(status);

const gapOf = (gap: TimeRange) => ({
  from: iso(gap.from),
  to: iso(gap.to),
  duration_ms: gap.to - gap.from,
});

export const toRuleExecution = (entry: RuleExecutionEntry): RuleExecution => ({
  execution_id: entry.executionId,
  started_at: iso(entry.startedAt),
  duration_ms: entry.durationMs,
  status: isExecutionStatus(entry.status) ? entry.status : 'unknown',
  // Windows run oldest first: all but the last are catch-up windows.
  windows: entry.windows.map((window, index) => ({
    from: iso(window.from),
    to: iso(window.to),
    catch_up: index < entry.windows.length - 1,
  })),
  terms_evaluated: entry.termsEvaluated,
  alerts_created: entry.alertsCreated,
  warnings: entry.warnings,
  errors: entry.errors,
  gap: entry.gap === null ? null : gapOf(entry.gap),
});

const reportedGaps = (entries: readonly RuleExecutionEntry[]): ReportedGap[] =>
  entries.flatMap((entry) =>
    entry.gap === null
      ? []
      : [
          {
            execution_id: entry.executionId,
            reported_at: iso(entry.startedAt),
            ...gapOf(entry.gap),
          },
        ]
  );

export const runHistoryPage = async (
  rules: RuleStore,
  ruleUuid: string,
  request: ExecutionHistoryRequest
): Promise<RuleExecutionsPage> => {
  const [history, gaps] = await Promise.all([
    rules.executionHistory(ruleUuid, {
      page: request.page,
      perPage: request.perPage,
      ...(request.statuses === undefined ? {} : { statuses: request.statuses }),
    }),
    rules.executionGaps(ruleUuid, MAX_LISTED_GAPS),
  ]);
  return {
    page: request.page,
    per_page: request.perPage,
    total: history.total,
    executions: history.executions.map(toRuleExecution),
    gaps: reportedGaps(gaps),
  };
};
