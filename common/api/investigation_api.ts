/**
 * The investigation page's pivots, written once for the routes that answer and the browser that
 * asks: the activity around an alert (`GET …/alerts/{id}/_activity`), the prevalence of its new
 * term (`…/_prevalence`) and the other alerts on its host, container and user
 * (`…/_related_alerts`). Browser-safe: types and constants only.
 */
import type { AlertDocument } from '../alerts/alert_document';
import type { SortOrder } from './alerts_api';
import type { ApiSourceEvent } from './api_types';

/**
 * Fields that scope an alert's activity, in order of preference: its container, else its session
 * (the entry leader is how Kibana's session view keys a session; the session leader when only it
 * is present), else its host.
 */
export const ACTIVITY_SCOPE_FIELDS = [
  'container.id',
  'process.entry_leader.entity_id',
  'process.session_leader.entity_id',
  'host.name',
] as const;
export type ActivityScopeField = (typeof ACTIVITY_SCOPE_FIELDS)[number];

/** The windows the page offers (either side of the alert's original time); the API takes any from 1m to 7d. */
export const ACTIVITY_WINDOWS = ['5m', '30m', '1h', '24h'] as const;
export const DEFAULT_ACTIVITY_WINDOW = '30m';
export const DEFAULT_ACTIVITY_PER_PAGE = 25;
export const MAX_ACTIVITY_PER_PAGE = 100;
/** Deepest event a page may reach: Elasticsearch's default `index.max_result_window`. */
export const MAX_ACTIVITY_DEPTH = 10_000;

/** Events of the alert's container (or session, or host) from `from` to `to`, one page of them. */
export interface AlertActivity {
  /** The scope's field and value; both null when the alert has none of the scope fields. */
  readonly field: ActivityScopeField | null;
  readonly value: string | null;
  /** The window either side of the alert's original time, as asked (`30m`) and in ms. */
  readonly window: string;
  readonly window_ms: number;
  /** ISO 8601; empty when the alert has no time a `Date` can widen by the window. */
  readonly from: string;
  readonly to: string;
  readonly total: number;
  /** 0-based. */
  readonly page: number;
  readonly per_page: number;
  readonly sort_order: SortOrder;
  readonly events: readonly ApiSourceEvent[];
}

/** Fields whose distinct values the prevalence counts. */
export const PREVALENCE_FIELDS = ['host.name', 'container.id', 'container.image.name'] as const;
export type PrevalenceField = (typeof PREVALENCE_FIELDS)[number];

/** How widespread the alert's new term is over every stored event of the rule's indices. */
export interface TermPrevalence {
  /** The term: one value per new-terms field; empty when the alert has none (then all counts are 0). */
  readonly term: ReadonlyArray<{ readonly field: string; readonly value: string }>;
  /** Events holding the term. */
  readonly events: number;
  /** Exact distinct values of each of PREVALENCE_FIELDS among those events. */
  readonly distinct: Readonly<Record<PrevalenceField, number>>;
  /** ISO 8601, by the rule's timestamp (and fallback); null when no event holds the term. */
  readonly first_seen: string | null;
  readonly last_seen: string | null;
}

/** The fields other alerts are looked up by. */
export const ALERT_PIVOT_FIELDS = ['host.name', 'container.id', 'user.name'] as const;
export type AlertPivotField = (typeof ALERT_PIVOT_FIELDS)[number];
export const DEFAULT_RELATED_ALERTS_SIZE = 5;
export const MAX_RELATED_ALERTS_SIZE = 50;

/** Other alerts sharing one of the alert's values; a field the alert lacks is left out. */
export interface RelatedAlerts {
  readonly pivots: ReadonlyArray<{
    readonly field: AlertPivotField;
    readonly value: string;
    /** Every other alert with the value. */
    readonly total: number;
    /** The newest of them (by `@timestamp`, ties by id), at most the size asked. */
    readonly alerts: readonly AlertDocument[];
  }>;
}
