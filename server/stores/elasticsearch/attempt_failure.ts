/** What went wrong with one attempt, as far as retrying is concerned. */
export interface AttemptFailure {
  readonly retryable: boolean;
  /** E.g. "Elasticsearch returned 429 Too Many Requests", "Elasticsearch is unreachable (…)". */
  readonly cause: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
}
