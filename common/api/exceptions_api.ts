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
