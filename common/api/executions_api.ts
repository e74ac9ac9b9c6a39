/**
 * A rule's execution history (GET /rules/{rule_id}/_executions): one entry per execution, newest
 * first, as the standalone engine records it and as Kibana's event log reports it. Browser-safe:
 * types and constants only.
 */

/**
 * Execution statuses. The standalone engine ends a run `succeeded`, `partial failure` (every
 * window searched, with warnings) or `failed`; Kibana's event log says `succeeded`, `warning` or
 * `failed` (its `success` / `warning` / `failure` outcomes).
 */
export const EXECUTION_STATUSES = ['succeeded', 'warning', 'partial failure', 'failed'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export const DEFAULT_EXECUTIONS_PER_PAGE = 20;
export const MAX_EXECUTIONS_PER_PAGE = 100;
/**
 * Deepest page (0-based): Kibana's execution log lists at most the 10,000 most recent executions,
 * so no page beyond can hold one.
 */
export const MAX_EXECUTIONS_PAGE = 9_999;
/** Gaps listed beside a page: the most recent ones the history holds. */
export const MAX_LISTED_GAPS = 100;

/** One window an execution searched, ISO 8601; `catch_up` for the extra windows of a late run. */
export interface ExecutionWindow {
  readonly from: string;
  readonly to: string;
  readonly catch_up: boolean;
}

/**
 * Time no window covered before an execution: what was left after its catch-up windows (the
 * server was down longer than catch-up reaches). `from` / `to` are null where the host reports only
 * the duration (Kibana).
 */
export interface ExecutionGap {
  readonly from: string | null;
  readonly to: string | null;
  readonly duration_ms: number;
}

export interface RuleExecution {
  readonly execution_id: string;
  readonly started_at: string;
  readonly duration_ms: number;
  /** One of EXECUTION_STATUSES, or `unknown` when Kibana's event log has no outcome. */
  readonly status: ExecutionStatus | 'unknown';
  /** The windows searched completely, oldest first; null where the host does not report them (Kibana). */
  readonly windows: readonly ExecutionWindow[] | null;
  /** Distinct term combinations of the rule windows evaluated; null where not reported (Kibana). */
  readonly terms_evaluated: number | null;
  readonly alerts_created: number;
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
  readonly gap: ExecutionGap | null;
}

/** A gap with the execution that reported it. */
export interface ReportedGap extends ExecutionGap {
  readonly execution_id: string;
  /** When the execution that found it started. */
  readonly reported_at: string;
}

export interface RuleExecutionsPage {
  /** 0-based. */
  readonly page: number;
  readonly per_page: number;
  /** Executions the status filter selects in the whole history the host keeps. */
  readonly total: number;
  readonly executions: readonly RuleExecution[];
  /** The most recent gaps in the history (at most MAX_LISTED_GAPS), whatever the status filter; newest first. */
  readonly gaps: readonly ReportedGap[];
}
