/**
 * Contracts of the new_terms algorithm. The executor (`execute_new_terms.ts`) is written once
 * against `NewTermsEventSource`; the embedded DuckDB store and the Elasticsearch store implement
 * it with the same three phases Kibana's new_terms rule type runs
 * (docs/new_terms.md#the-three-phases).
 */
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
  /**
   * Phase 2's answer for every term of the page, when the search was asked it (`HistoryQuestion`)
   * and the source answers it in the same search; absent, the executor asks phase 2 itself.
   */
  readonly newTerms?: readonly FirstSeenTerm[];
}

/** Phase 2's question, asked alongside phase 1 of a source that can answer both at once. */
export interface HistoryQuestion {
  readonly history: TimeRange;
  readonly newAfter: number;
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
