/**
 * Shapes of the HTTP API's responses, shared by the route handlers (server/routes) and the UI's
 * client (public/application/api_client.ts) so the two cannot drift. Browser-safe: types only,
 * plus the base path.
 */
import type { AlertDocument } from '../alerts/alert_document';
import type { AncestryLink } from '../alerts/process_ancestry';
import type { NewTermsRuleDefinition } from '../rules/rule_schema';
import type { AlertActivity } from './investigation_api';

export const API_BASE_PATH = '/api/container_threat_detection';

export interface RuleRunSummary {
  readonly started_at: string;
  readonly status: string;
  readonly alerts_created: number;
  readonly duration_ms: number;
  readonly message: string | null;
}

/** A catalog rule with the state of its installed copy in this space. */
export interface RuleSummary {
  readonly rule_id: string;
  /** `prebuilt`: from the plugin's catalog; `user`: imported or written by a user. */
  readonly source: 'prebuilt' | 'user';
  readonly name: string;
  readonly severity: string;
  readonly risk_score: number;
  readonly interval: string;
  readonly tactics: readonly string[];
  readonly installed: boolean;
  readonly enabled: boolean;
  /** The installed rule's id (Kibana: the rule saved object id); null when not installed. */
  readonly rule_uuid: string | null;
  readonly last_run: RuleRunSummary | null;
  /** Every alert the rule raised, whatever its workflow status or age. */
  readonly alert_count: number;
  /**
   * Open and acknowledged alerts the rule raised in the last 30 days: the alerts page's default
   * view of the rule, which the rules list links this count to.
   */
  readonly open_alert_count: number;
}

/** What importing one rule object did (POST /rules/_import), in the order given. */
export interface RuleImportResult {
  /** 1-based: the line of the imported file, or the position in the request's `rules`. */
  readonly line: number;
  /** A rule, or an exception list or item the file carries for its rules. */
  readonly kind: 'rule' | 'exception_list' | 'exception_item';
  /** The rule's rule_id (null for an exception line or when the line has none). */
  readonly rule_id: string | null;
  /** The exception list's list_id or the item's item_id (exception lines only). */
  readonly exception_id?: string | null;
  readonly status: 'created' | 'updated' | 'conflict' | 'invalid' | 'skipped';
  /** Kibana's messages for an invalid or conflicting rule, the note for a skipped one. */
  readonly messages: readonly string[];
}

/** One rule with its whole definition (GET /rules/{rule_id}). */
export interface RuleDetails {
  readonly rule: RuleSummary;
  readonly definition: NewTermsRuleDefinition;
  /** The rule as Kibana's export writes it: what an edit starts from and sends back whole. */
  readonly kibana: Readonly<Record<string, unknown>>;
}

/** A stored event as the API returns it. */
export interface ApiSourceEvent {
  readonly index: string;
  readonly id: string;
  readonly source: Readonly<Record<string, unknown>>;
  /** The event's (combined) timestamp, epoch ms. */
  readonly timestamp: number;
}

/** One alert with what the investigation page shows (GET /alerts/{id}). */
export interface Investigation {
  readonly alert: AlertDocument;
  readonly why: {
    readonly new_terms_fields: readonly string[];
    readonly new_terms: readonly unknown[];
    readonly first_seen: string | null;
    readonly window_start: string | null;
    readonly window_end: string | null;
    readonly history_window_start: string | null;
    readonly reason: string | null;
    /** The exception lists the rule named when it raised the alert: evaluated, none matched. */
    readonly exception_lists: ReadonlyArray<{
      readonly list_id: string;
      readonly type: string;
      readonly namespace_type: string;
    }>;
    /**
     * Items of the rule's lists that match the alert now (added since it fired): later runs leave
     * such events out. Null where the host cannot tell (Kibana keeps exceptions in Security).
     */
    readonly excepted_now: ReadonlyArray<{
      readonly item_id: string;
      readonly name: string;
      readonly list_id: string;
    }> | null;
  };
  readonly source_event: ApiSourceEvent | null;
  readonly ancestry: readonly AncestryLink[];
  /** The first page of the alert's activity with the default window and order (see `_activity`). */
  readonly related_events: AlertActivity;
  readonly rule: NewTermsRuleDefinition | null;
}
