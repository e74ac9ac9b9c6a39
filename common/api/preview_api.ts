/** The answer of the preview routes, shared with the UI's client. */
export interface PreviewTerm {
  /** The new term's values, one per new_terms field. */
  readonly terms: readonly string[];
  readonly alerts: number;
}

/**
 * The whole stored history replayed for a rule as it is and as it would be (with proposed
 * exception items: POST /rules/{rule_id}/exceptions/_preview; a changed rule: POST /rules/_preview).
 */
export interface HistoryPreview {
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
