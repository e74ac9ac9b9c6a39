/**
 * Shapes of the exception routes' answers (server/routes/exception_routes.ts), shared with the UI's
 * client. Lists and items are Kibana's (common/exceptions/exception_schema.ts).
 */
import type {
  ExceptionList,
  ExceptionListItem,
  RuleExceptionListReference,
} from '../exceptions/exception_schema';

/** An item as a rule sees it: how many of the rule's stored alerts it describes. */
export interface RuleExceptionItemView {
  readonly item: ExceptionListItem;
  /** Alerts of this rule (any status) the item matches: those it would have left out. */
  readonly matching_alerts: number;
  /** Why the item cannot be applied here (value lists, `?` wildcards); absent when it can. */
  readonly unsupported?: string;
}

/** One list a rule names; `list` is null when no such list is stored (a warning on every run). */
export interface RuleExceptionListView {
  readonly reference: RuleExceptionListReference;
  readonly list: ExceptionList | null;
  readonly items: readonly RuleExceptionItemView[];
}

/** GET /rules/{rule_id}/exceptions */
export interface RuleExceptionsResponse {
  readonly rule_id: string;
  readonly lists: readonly RuleExceptionListView[];
}

/** POST /rules/{rule_id}/exceptions */
export interface AddRuleExceptionsResponse {
  readonly list: ExceptionList;
  readonly items: readonly ExceptionListItem[];
  /** Alerts closed with the request (the one named, and/or those the items match). */
  readonly closed_alerts: number;
}

/** GET /exception_lists: every stored list with its items and the installed rules naming it. */
export interface ExceptionListsResponse {
  readonly lists: ReadonlyArray<{
    readonly list: ExceptionList;
    readonly items: readonly ExceptionListItem[];
    readonly rule_ids: readonly string[];
  }>;
}

export interface PreviewTerm {
  /** The new term's values, one per new_terms field. */
  readonly terms: readonly string[];
  readonly alerts: number;
}

/** POST /rules/{rule_id}/exceptions/_preview: the whole stored history replayed both ways. */
export interface ExceptionPreview {
  readonly before: number;
  readonly after: number;
  /** By day (UTC) of the source event, days with an alert on either side. */
  readonly per_day: ReadonlyArray<{
    readonly day: string;
    readonly before: number;
    readonly after: number;
  }>;
  /** Terms raised today and no longer with the change. */
  readonly removed_terms: readonly PreviewTerm[];
  /** Terms raised only with the change (an exception can make a later occurrence the first). */
  readonly added_terms: readonly PreviewTerm[];
  readonly warnings: readonly string[];
}
