/**
 * The new_terms algorithm for one window (Kibana's per-tuple executor, kibana.md §1.4–1.7),
 * written once over `NewTermsEventSource` so both stores run exactly the same steps:
 *
 *   1. page through the distinct terms of the window (composite order, 10,000 a page);
 *   2. keep the terms whose first appearance in `[history start, to]` is after the window start;
 *   3. fetch the earliest event holding each new term and turn it into an alert.
 *
 * One field: phase 3 searches the window only and alerts follow Kibana's terms-bucket order
 * (events holding the term, descending, then term). Two or three fields: the page is processed
 * in batches of 500 (halved when the source says a batch is too large) and alerts follow
 * composite key order. Kibana's phase 3 searches the history range there; a new term has no
 * event in the history before the window start, so its events in that range are exactly those in
 * the window, which is what we search. A source that takes more terms per search
 * (`termsPerSearch`) gets the whole page in one search, and its alerts are then created batch by
 * batch as above. Alerts already stored are skipped before the `max_signals` cap is applied, as
 * Kibana's persistence layer does.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import { buildNewTermsAlert, type AlertBuildContext } from './build_alert';
import { compareTermTuples } from './term_order';
import {
  TermBatchTooLargeError,
  type AlertSink,
  type NewTermsEventSource,
  type NewTermsSearch,
  type TermDocument,
  type TermTuple,
  type TimeRange,
} from './types';

/** Composite aggregation page size Kibana uses for phase 1. */
export const RECENT_TERMS_PAGE_SIZE = 10_000;
/** Kibana's BATCH_SIZE for multi-field new terms. */
export const MULTI_FIELD_BATCH_SIZE = 500;
/** Kibana retries a batch twice, halving it each time (500 → 250 → 125). */
export const MAX_BATCH_HALVINGS = 2;

export const MAX_SIGNALS_WARNING =
  'This rule reached the maximum alert limit for the rule execution. Some alerts were not created.';

export interface WindowExecutionInput {
  readonly source: NewTermsEventSource;
  readonly sink: AlertSink;
  readonly search: NewTermsSearch;
  readonly maxSignals: number;
  readonly context: AlertBuildContext;
  /** Page size override, for tests that exercise paging on small data. */
  readonly pageSize?: number;
}

export interface WindowExecutionResult {
  readonly createdAlertIds: readonly string[];
  /** Term tuples looked at in phase 1: the work measure the benchmarks report. */
  readonly termsEvaluated: number;
  readonly newTermsFound: number;
  readonly truncated: boolean;
  readonly searches: number;
}

interface NewTermDocument extends TermDocument {
  readonly firstSeen: number;
}

class WindowRun {
  private readonly created: string[] = [];
  private termsEvaluated = 0;
  private newTermsFound = 0;
  private searches = 0;
  private truncated = false;

  constructor(private readonly input: WindowExecutionInput) {}

  async run(): Promise<WindowExecutionResult> {
    const pageSize = this.input.pageSize ?? RECENT_TERMS_PAGE_SIZE;
    let afterKey: TermTuple | undefined;
    while (this.created.length <= this.input.maxSignals && !this.truncated) {
      const page = await this.input.source.recentTerms(this.search, this.window, { size: pageSize, afterKey });
      this.searches++;
      if (page.terms.length === 0) break;
      this.termsEvaluated += page.terms.length;
      if (this.search.fields.length === 1) {
        await this.processSingleFieldPage(page.terms);
      } else {
        await this.processMultiFieldPage(page.terms);
      }
      if (page.afterKey === undefined) break;
      afterKey = page.afterKey;
    }
    return {
      createdAlertIds: this.created,
      termsEvaluated: this.termsEvaluated,
      newTermsFound: this.newTermsFound,
      truncated: this.truncated,
      searches: this.searches,
    };
  }

  private get search(): NewTermsSearch {
    return this.input.search;
  }

  private get window(): TimeRange {
    return this.input.context.window;
  }

  private get history(): TimeRange {
    return { from: this.input.context.historyStart, to: this.window.to };
  }

  private async processSingleFieldPage(terms: readonly TermTuple[]): Promise<void> {
    const documents = await this.findNewTermDocuments(terms, this.window);
    const ordered = [...documents].sort(
      (a, b) => b.docCount - a.docCount || compareTermTuples(a.term, b.term)
    );
    await this.createAlerts(ordered);
  }

  private async processMultiFieldPage(terms: readonly TermTuple[]): Promise<void> {
    if ((this.input.source.termsPerSearch ?? MULTI_FIELD_BATCH_SIZE) >= terms.length && terms.length > MULTI_FIELD_BATCH_SIZE) {
      await this.processMultiFieldPageAtOnce(terms);
      return;
    }
    let offset = 0;
    let batchSize = MULTI_FIELD_BATCH_SIZE;
    let halvings = 0;
    while (offset < terms.length && !this.truncated) {
      const batch = terms.slice(offset, offset + batchSize);
      try {
        const documents = await this.findNewTermDocuments(batch, this.multiFieldDocumentRange);
        await this.createAlerts([...documents].sort((a, b) => compareTermTuples(a.term, b.term)));
        offset += batch.length;
      } catch (error) {
        if (!(error instanceof TermBatchTooLargeError) || halvings >= MAX_BATCH_HALVINGS) throw error;
        halvings++;
        batchSize = Math.max(1, Math.floor(batchSize / 2));
      }
    }
  }

  /** One search for the page's terms, then their alerts in the batches of 500 the loop above would form. */
  private async processMultiFieldPageAtOnce(terms: readonly TermTuple[]): Promise<void> {
    const documents = await this.findNewTermDocuments(terms, this.multiFieldDocumentRange);
    const batchOf = new Map(terms.map((term, index) => [termKey(term), Math.floor(index / MULTI_FIELD_BATCH_SIZE)]));
    const batches: NewTermDocument[][] = Array.from({ length: Math.ceil(terms.length / MULTI_FIELD_BATCH_SIZE) }, () => []);
    for (const document of documents) batches[batchOf.get(termKey(document.term)) ?? 0]?.push(document);
    await this.createAlertBatches(batches.map((batch) => batch.sort((a, b) => compareTermTuples(a.term, b.term))));
  }

  /**
   * Where phase 3 of a multi-field rule looks: the window (see the file comment), unless a history
   * start after the window start (which rule validation refuses) makes the history the smaller.
   */
  private get multiFieldDocumentRange(): TimeRange {
    return this.input.context.historyStart <= this.window.from ? this.window : this.history;
  }

  /** Phases 2 and 3 for a set of candidate terms; phase 3 searches `documentRange`. */
  private async findNewTermDocuments(
    candidates: readonly TermTuple[],
    documentRange: TimeRange
  ): Promise<NewTermDocument[]> {
    const newTerms = await this.input.source.newTerms(this.search, this.history, this.window.from, candidates);
    this.searches++;
    if (newTerms.length === 0) return [];
    this.newTermsFound += newTerms.length;
    const documents = await this.input.source.firstDocuments(
      this.search,
      documentRange,
      newTerms.map(({ term }) => term)
    );
    this.searches++;
    const firstSeenByTerm = new Map(newTerms.map(({ term, firstSeen }) => [termKey(term), firstSeen]));
    return documents.map((document) => ({
      ...document,
      firstSeen: firstSeenByTerm.get(termKey(document.term)) ?? document.event.timestamp,
    }));
  }

  private createAlerts(documents: readonly NewTermDocument[]): Promise<void> {
    return this.createAlertBatches([documents]);
  }

  /**
   * Alerts for consecutive batches, as if each were written in turn: alerts already stored (or
   * repeated) are skipped before `max_signals` is applied, and the first batch that does not fit
   * is cut there and ends the run. Stored ids are looked up, and alerts written, once for all.
   */
  private async createAlertBatches(batches: ReadonlyArray<readonly NewTermDocument[]>): Promise<void> {
    const alertBatches = batches.map((documents) => documents.map((document) => buildNewTermsAlert(this.input.context, document)));
    const everyAlert = alertBatches.flat();
    if (everyAlert.length === 0) return;
    const existing = await this.input.sink.existingIds(everyAlert.map(alertId));
    const seen = new Set<string>();
    const toWrite: AlertDocument[] = [];
    for (const alerts of alertBatches) {
      const fresh = alerts.filter((alert) => {
        const id = alertId(alert);
        if (existing.has(id) || seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      const room = Math.max(this.input.maxSignals - this.created.length - toWrite.length, 0);
      toWrite.push(...fresh.slice(0, room));
      if (fresh.length > room) {
        this.truncated = true;
        break;
      }
    }
    if (toWrite.length > 0) this.created.push(...(await this.input.sink.create(toWrite)));
  }
}

const alertId = (alert: AlertDocument): string => String(alert['kibana.alert.uuid']);

/** A collision-free map key for a term tuple (types kept: "1" and 1 differ). */
export const termKey = (term: TermTuple): string => JSON.stringify(term);

export const executeNewTermsWindow = (input: WindowExecutionInput): Promise<WindowExecutionResult> =>
  new WindowRun(input).run();
