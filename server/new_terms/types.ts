/**
 * Contracts of the new_terms algorithm. The executor (`execute_new_terms.ts`) is written once
 * against `NewTermsEventSource`; the embedded DuckDB store and the Elasticsearch store implement
 * it with the same three phases Kibana's new_terms rule type runs
 * (docs/new_terms.md#the-three-phases).
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import type { KqlNode } from '../../common/kql/ast';

/** One value of a new-terms field, as a composite aggregation key returns it. */
export type TermValue = string | number | boolean;

/** The values of the rule's new-terms fields for one combination, in field order. */
export type TermTuple = readonly TermValue[];

/** An inclusive time range in epoch milliseconds (Kibana's range filter is gte/lte). */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Which field orders events in time. With a fallback, an event without the primary field is
 * placed by the fallback (Kibana's `kibana.combined_timestamp` runtime field).
 */
export interface TimestampSpec {
  readonly primary: string;
  readonly fallback: string | null;
}

/** What every phase filters on: the rule's indices, query and new-terms fields. */
export interface NewTermsSearch {
  readonly index: readonly string[];
  readonly query: KqlNode;
  readonly fields: readonly string[];
  readonly timestamp: TimestampSpec;
}

/** Phase 1 page: distinct term tuples in key order, and where the next page starts. */
export interface RecentTermsPage {
  readonly terms: readonly TermTuple[];
  /** Undefined when there is no further page. */
  readonly afterKey?: TermTuple;
}

export interface FirstSeenTerm {
  readonly term: TermTuple;
  /** Earliest (combined) timestamp of the term in the history range, epoch ms. */
  readonly firstSeen: number;
}

/** An event as stored: where it came from and its original document. */
export interface SourceEvent {
  readonly index: string;
  readonly id: string;
  readonly source: Readonly<Record<string, unknown>>;
  /** The event's (combined) timestamp used for ordering, epoch ms. */
  readonly timestamp: number;
}

export interface TermDocument {
  readonly term: TermTuple;
  /** The earliest event holding the term in the searched range. */
  readonly event: SourceEvent;
  /** Events holding the term in the searched range; orders alerts as Kibana's terms buckets do. */
  readonly docCount: number;
}

export interface NewTermsEventSource {
  /**
   * How many candidate terms one phase-2/phase-3 search of a multi-field rule may carry. Absent:
   * Kibana's batches of 500 (Elasticsearch's clause limits). A store without such limits searches a
   * whole page at once; alerts are still created batch by batch, so order and truncation agree.
   */
  readonly termsPerSearch?: number;

  /**
   * How many of Kibana's phase-1 pages one `recentTerms` search returns and phases 2 and 3 then
   * search at once. Absent: one, as Kibana's composite aggregation. The executor still forms the
   * pages and their alert batches from them, so alerts, their order and truncation are unchanged.
   */
  readonly pagesPerSearch?: number;

  /** Phase 1: distinct term tuples among events matching the query in `range`, `pageSize` at a time. */
  recentTerms(
    search: NewTermsSearch,
    range: TimeRange,
    page: { readonly size: number; readonly afterKey?: TermTuple }
  ): Promise<RecentTermsPage>;

  /**
   * Phase 2: of `candidates`, those whose earliest timestamp in `history` is strictly after
   * `newAfter` (the rule window's start): terms never seen before the window.
   */
  newTerms(
    search: NewTermsSearch,
    history: TimeRange,
    newAfter: number,
    candidates: readonly TermTuple[]
  ): Promise<readonly FirstSeenTerm[]>;

  /** Phase 3: the earliest event holding each term within `range`. */
  firstDocuments(
    search: NewTermsSearch,
    range: TimeRange,
    terms: readonly TermTuple[]
  ): Promise<readonly TermDocument[]>;
}

/**
 * Thrown by a source when a batch of term filters is too large for it (Elasticsearch: "too many
 * clauses" / "failed to create query"); the executor halves the batch and retries, as Kibana does.
 */
export class TermBatchTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TermBatchTooLargeError';
  }
}

/** Where alerts go. Writes are idempotent by alert id: an existing id is never written twice. */
export interface AlertSink {
  /** Which of `ids` are already stored (Kibana's `filterDuplicateAlerts`). */
  existingIds(ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** Stores the alerts whose ids are not stored yet; returns the ids actually created. */
  create(alerts: readonly AlertDocument[]): Promise<readonly string[]>;
}
