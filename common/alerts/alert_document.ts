/**
 * An alert as stored: the source event's fields merged with the `kibana.*` alert fields (dotted
 * keys, as alerts-as-data writes them). Kept as a plain JSON object so both stores hold it
 * byte-for-byte the same.
 */
export type AlertDocument = Readonly<Record<string, unknown>>;

/** The columns every store indexes for searching and triage. */
export interface AlertSummary {
  readonly id: string;
  readonly ruleUuid: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly severity: string;
  readonly riskScore: number;
  /** Execution start that created the alert (the alert's `@timestamp`), ISO 8601. */
  readonly timestamp: string;
  /** The source event's time, ISO 8601. */
  readonly originalTime: string;
  readonly newTerms: readonly unknown[];
  readonly hostName: string | null;
  readonly containerId: string | null;
  readonly workflowStatus: string;
}
