/**
 * The new_terms algorithm for one window (Kibana's per-tuple executor, described in
 * docs/new_terms.md#the-three-phases), written once over `NewTermsEventSource` so both stores run
 * exactly the same steps:
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
import { alertTermOf } from './alert_terms';
import { buildNewTermsAlert, type AlertBuildContext } from './build_alert';
import { compareTermTuples } from './term_order';
import {
  TermBatchTooLargeError,
  type FirstSeenTerm,
  type NewTermsSearch,
  type TermDocument,
  type TermTuple,
  type TimeRange,
} from './types';
import type {
  AlertSink,
  NewTermsEventSource,
  SuppressingAlertSink,
} from '../stores/store_contract';
import type { AlertSuppression } from '../../common/rules/rule_schema';
import {
  MAX_SIGNALS_SUPPRESSION_MULTIPLIER,
  planSuppression,
  suppressionCandidate,
  suppressionWindowStart,
  type SuppressionCandidate,
} from './alert_suppression';

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
  /** The rule's alert suppression, with a sink that can fold alerts into stored ones. */
  readonly suppression?: {
    readonly settings: AlertSuppression;
    readonly sink: SuppressingAlertSink;
  };
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

interface FoundTerms {
  /** How many new terms phase 2 found among those `counted` accepts. */
  readonly newTermCount: (counted: (term: TermTuple) => boolean) => number;
  readonly documents: readonly NewTermDocument[];
}

/** Where a term sits in Kibana's loop: its page, and its batch within that page. */
interface TermPlace {
  readonly page: number;
  readonly batch: number;
}

interface AlertBatch {
  readonly page: number;
  readonly documents: NewTermDocument[];
}

const pagesOf = (terms: readonly TermTuple[], pageSize: number): TermTuple[][] =>
  Array.from({ length: Math.ceil(terms.length / pageSize) }, (_, page) =>
    terms.slice(page * pageSize, (page + 1) * pageSize)
  );

const termPlaces = (
  pages: ReadonlyArray<readonly TermTuple[]>,
  batchSize: number
): Map<string, TermPlace> =>
  new Map(
    pages.flatMap((page, pageIndex) =>
      page.map(
        (term, i) => [termKey(term), { page: pageIndex, batch: Math.floor(i / batchSize) }] as const
      )
    )
  );

class WindowRun {
  private readonly created: string[] = [];
  /** Phase 2's answer for the current phase-1 chunk, when its search gave one (by term key). */
  private chunkNewTerms: ReadonlyMap<string, FirstSeenTerm> | undefined;
  private termsEvaluated = 0;
  private newTermsFound = 0;
  private searches = 0;
  private truncated = false;
  private suppressed = 0;

  constructor(private readonly input: WindowExecutionInput) {}

  async run(): Promise<WindowExecutionResult> {
    const pageSize = this.input.pageSize ?? RECENT_TERMS_PAGE_SIZE;
    const pagesPerSearch = Math.max(1, Math.floor(this.input.source.pagesPerSearch ?? 1));
    let afterKey: TermTuple | undefined;
    while (!this.truncated) {
      const chunk = await this.input.source.recentTerms(
        this.search,
        this.window,
        { size: pageSize * pagesPerSearch, afterKey },
        { history: this.history, newAfter: this.window.from }
      );
      this.searches++;
      this.chunkNewTerms =
        chunk.newTerms === undefined
          ? undefined
          : new Map(chunk.newTerms.map((found) => [termKey(found.term), found]));
      if (chunk.terms.length === 0) break;
      await this.processPages(pagesOf(chunk.terms, pageSize));
      if (chunk.afterKey === undefined) break;
      afterKey = chunk.afterKey;
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

  private get singleField(): boolean {
    return this.search.fields.length === 1;
  }

  /**
   * Consecutive phase-1 pages, in order. Searched at once when the source allows it, with their
   * alerts formed page by page and batch by batch, so the result is that of Kibana's page loop:
   * a page after the one where `max_signals` cut is neither counted nor alerted on.
   */
  private async processPages(pages: ReadonlyArray<readonly TermTuple[]>): Promise<void> {
    const terms = pages.flat();
    if (!this.singleField && !this.searchesAtOnce(terms.length)) {
      for (const page of pages) {
        if (this.truncated) break;
        this.termsEvaluated += page.length;
        await this.processMultiFieldPageInBatches(page);
      }
      return;
    }
    const { newTermCount, documents } = await this.findNewTermDocuments(
      terms,
      this.singleField ? this.window : this.multiFieldDocumentRange
    );
    const places = termPlaces(
      pages,
      this.singleField ? Number.POSITIVE_INFINITY : MULTI_FIELD_BATCH_SIZE
    );
    const batches = this.alertBatches(pages, places, documents);
    const cut = await this.createAlertBatches(batches.map((batch) => batch.documents));
    const lastPage =
      cut === undefined ? pages.length - 1 : (batches[cut]?.page ?? pages.length - 1);
    this.termsEvaluated += pages.slice(0, lastPage + 1).reduce((sum, page) => sum + page.length, 0);
    this.newTermsFound += newTermCount(
      (term) => (places.get(termKey(term))?.page ?? 0) <= lastPage
    );
  }

  /** Whether one phase-2/3 search may carry all `count` terms of a multi-field rule. */
  private searchesAtOnce(count: number): boolean {
    return (
      (this.input.source.termsPerSearch ?? MULTI_FIELD_BATCH_SIZE) >= count &&
      count > MULTI_FIELD_BATCH_SIZE
    );
  }

  /**
   * The alert batches Kibana's loop would write, in order: one per page for a single field
   * (events holding the term, descending, then term), Kibana's 500-term batches of each page for
   * several fields (composite key order).
   */
  private alertBatches(
    pages: ReadonlyArray<readonly TermTuple[]>,
    places: ReadonlyMap<string, TermPlace>,
    documents: readonly NewTermDocument[]
  ): AlertBatch[] {
    const batchesPerPage = pages.map((page) =>
      this.singleField ? 1 : Math.max(1, Math.ceil(page.length / MULTI_FIELD_BATCH_SIZE))
    );
    const batches: AlertBatch[] = batchesPerPage.flatMap((count, page) =>
      Array.from({ length: count }, () => ({ page, documents: [] }))
    );
    const firstBatchOfPage = batchesPerPage.map((_, page) =>
      batchesPerPage.slice(0, page).reduce((sum, count) => sum + count, 0)
    );
    for (const document of documents) {
      const place = places.get(termKey(document.term));
      if (place === undefined) continue;
      batches[(firstBatchOfPage[place.page] ?? 0) + place.batch]?.documents.push(document);
    }
    const order = this.singleField
      ? (a: NewTermDocument, b: NewTermDocument) =>
          b.docCount - a.docCount || compareTermTuples(a.term, b.term)
      : (a: NewTermDocument, b: NewTermDocument) => compareTermTuples(a.term, b.term);
    for (const batch of batches) batch.documents.sort(order);
    return batches;
  }

  /** Kibana's batch loop over one page: 500 terms a search, halved when the source says it is too large. */
  private async processMultiFieldPageInBatches(terms: readonly TermTuple[]): Promise<void> {
    let offset = 0;
    let batchSize = MULTI_FIELD_BATCH_SIZE;
    let halvings = 0;
    while (offset < terms.length && !this.truncated) {
      const batch = terms.slice(offset, offset + batchSize);
      try {
        const { newTermCount, documents } = await this.findNewTermDocuments(
          batch,
          this.multiFieldDocumentRange
        );
        this.newTermsFound += newTermCount(() => true);
        await this.createAlertBatches([
          [...documents].sort((a, b) => compareTermTuples(a.term, b.term)),
        ]);
        offset += batch.length;
      } catch (error) {
        if (!(error instanceof TermBatchTooLargeError) || halvings >= MAX_BATCH_HALVINGS)
          throw error;
        halvings++;
        batchSize = Math.max(1, Math.floor(batchSize / 2));
      }
    }
  }

  /**
   * Where phase 3 of a multi-field rule looks: the window (see the file comment), unless a history
   * start after the window start (which rule validation refuses) makes the history the smaller.
   */
  private get multiFieldDocumentRange(): TimeRange {
    return this.input.context.historyStart <= this.window.from ? this.window : this.history;
  }

  /**
   * Phases 2 and 3 for a set of candidate terms; phase 3 searches `documentRange`. The new terms
   * are counted by the caller, which knows which of them Kibana's loop would have reached.
   */
  private async findNewTermDocuments(
    candidates: readonly TermTuple[],
    documentRange: TimeRange
  ): Promise<FoundTerms> {
    const newTerms = await this.newTermsOf(candidates);
    const newTermCount = (counted: (term: TermTuple) => boolean): number =>
      newTerms.filter(({ term }) => counted(term)).length;
    if (newTerms.length === 0) return { newTermCount, documents: [] };
    const documents = await this.input.source.firstDocuments(
      this.search,
      documentRange,
      newTerms.map(({ term }) => term)
    );
    this.searches++;
    const firstSeenByTerm = new Map(
      newTerms.map(({ term, firstSeen }) => [termKey(term), firstSeen])
    );
    return {
      newTermCount,
      documents: documents.map((document) => ({
        ...document,
        firstSeen: firstSeenByTerm.get(termKey(document.term)) ?? document.event.timestamp,
      })),
    };
  }

  /** Phase 2 for terms of the current chunk: from the chunk's own search when it answered it. */
  private async newTermsOf(candidates: readonly TermTuple[]): Promise<readonly FirstSeenTerm[]> {
    const known = this.chunkNewTerms;
    if (known !== undefined) return candidates.flatMap((term) => known.get(termKey(term)) ?? []);
    const found = await this.input.source.newTerms(
      this.search,
      this.history,
      this.window.from,
      candidates
    );
    this.searches++;
    return found;
  }

  /** The alert for a new term's first document. */
  private alertOf(document: NewTermDocument): AlertDocument {
    return buildNewTermsAlert(this.input.context, {
      ...document,
      term: alertTermOf(document.term, this.singleField),
    });
  }

  /**
   * Alerts for consecutive batches, as if each were written in turn: alerts already stored (or
   * repeated) are skipped before `max_signals` is applied, and the first batch that does not fit
   * is cut there and ends the run. Stored ids are looked up, and alerts written, once for all.
   * Returns the index of the batch that was cut, if any.
   */
  private async createAlertBatches(
    batches: ReadonlyArray<readonly NewTermDocument[]>
  ): Promise<number | undefined> {
    if (this.input.suppression !== undefined)
      return this.createSuppressedAlerts(batches.flat(), batches.length, this.input.suppression);
    const alertBatches = batches.map((documents) =>
      documents.map((document) => this.alertOf(document))
    );
    const everyAlert = alertBatches.flat();
    if (everyAlert.length === 0) return undefined;
    const existing = await this.input.sink.existingIds(everyAlert.map(alertId));
    const seen = new Set<string>();
    const toWrite: AlertDocument[] = [];
    let cut: number | undefined;
    for (const [index, alerts] of alertBatches.entries()) {
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
        cut = index;
        break;
      }
    }
    if (toWrite.length > 0) this.created.push(...(await this.input.sink.create(toWrite)));
    return cut;
  }

  /**
   * Kibana's suppressed bulk create (executeBulkCreateAlerts): alerts already stored are skipped,
   * candidates missing a group_by field under `doNotSuppress` are written first as plain alerts,
   * the others fold into each other or into stored alerts. New alerts are capped at max_signals,
   * and the run stops once it created max_signals alerts or created and suppressed five times
   * that. Returns the last batch index when the run was cut there.
   */
  private async createSuppressedAlerts(
    documents: readonly NewTermDocument[],
    batchCount: number,
    suppression: NonNullable<WindowExecutionInput['suppression']>
  ): Promise<number | undefined> {
    // Kibana hands the new terms to the suppressed bulk create in chunks of 5 × max_signals.
    const chunkSize = MAX_SIGNALS_SUPPRESSION_MULTIPLIER * this.input.maxSignals;
    for (let offset = 0; offset < documents.length; offset += chunkSize) {
      await this.createSuppressedChunk(documents.slice(offset, offset + chunkSize), suppression);
      if (this.truncated) return batchCount - 1;
    }
    return undefined;
  }

  private async createSuppressedChunk(
    documents: readonly NewTermDocument[],
    suppression: NonNullable<WindowExecutionInput['suppression']>
  ): Promise<void> {
    const { context, maxSignals } = this.input;
    const built = documents.map((document) => ({ document, alert: this.alertOf(document) }));
    if (built.length === 0) return;
    const stored = await suppression.sink.existingIds(built.map(({ alert }) => alertId(alert)));
    const fresh = unstored(built, ({ alert }) => alertId(alert), stored);
    const plain: AlertDocument[] = [];
    const candidates: SuppressionCandidate[] = [];
    for (const { document, alert } of fresh) {
      const candidate = suppressionCandidate(
        alert,
        document.event,
        suppression.settings,
        context.rule
      );
      if (candidate === undefined) plain.push(alert);
      else candidates.push(candidate);
    }
    const room = () => Math.max(maxSignals - this.created.length, 0);
    if (plain.length > 0)
      this.created.push(...(await suppression.sink.create(plain.slice(0, room()))));
    const targets = await suppression.sink.suppressionTargets(
      [...new Set(candidates.map((candidate) => candidate.instanceId))],
      suppressionWindowStart(suppression.settings, context.startedAt, this.window.from)
    );
    const plan = planSuppression({
      candidates,
      targets,
      suppression: suppression.settings,
      executionId: context.executionId,
      startedAt: context.startedAt,
    });
    await suppression.sink.extendSuppression(plan.updates);
    const toCreate = plan.created.slice(0, room());
    if (toCreate.length > 0) this.created.push(...(await suppression.sink.create(toCreate)));
    this.suppressed += plan.suppressed;
    this.truncated ||=
      this.created.length >= maxSignals ||
      this.created.length + this.suppressed >= MAX_SIGNALS_SUPPRESSION_MULTIPLIER * maxSignals;
  }
}

const alertId = (alert: AlertDocument): string => String(alert['kibana.alert.uuid']);

/** Keeps the first of each id that is not stored yet. */
const unstored = <T>(
  items: readonly T[],
  idOf: (item: T) => string,
  stored: ReadonlySet<string>
) => {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = idOf(item);
    if (stored.has(id) || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
};

/** A collision-free map key for a term tuple (types kept: "1" and 1 differ). */
export const termKey = (term: TermTuple): string => JSON.stringify(term);

export const executeNewTermsWindow = (
  input: WindowExecutionInput
): Promise<WindowExecutionResult> => new WindowRun(input).run();
