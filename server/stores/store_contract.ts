/**
 * What a store is. The embedded DuckDB store and the Elasticsearch store implement these
 * contracts, and the engine (executor, replay), the API, the CLI, the standalone server and the
 * bench ask nothing else of a store; `openStore` (open_store.ts) opens either. Differential tests
 * hold both stores to the same answers.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import type {
  AlertNote,
  WorkflowListChange,
  WorkflowListField,
} from '../../common/alerts/alert_annotations';
import type { ClosingReason, WorkflowStatus } from '../../common/alerts/workflow_status';
import type {
  AlertGroup,
  AlertGroupField,
  AlertHistogramBucket,
  AlertHistogramStack,
  AlertSortField,
  SortOrder,
} from '../../common/api/alerts_api';
import type { AlertPivotField } from '../../common/api/investigation_api';
import type { KqlNode } from '../../common/kql/ast';
import type {
  ExceptionList,
  ExceptionListItem,
  NamespaceType,
  RuleExceptionListReference,
} from '../../common/exceptions/exception_schema';
import type { ImportedRule } from '../../common/rules/kibana_rule_import';
import type { KibanaNewTermsRule } from '../../common/rules/kibana_rule_schema';
import type { ExceptionSet } from '../new_terms/rule_exceptions';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import type {
  IngestInput,
  IngestProgress,
  IngestSummary,
  RejectedLine,
} from '../ingest/ingest_ndjson';
import type { InternalErrorHandler } from '../ingest/line_guard';
import type { PreparedEvent } from '../ingest/prepare_event';
import type { NewTermsRuleInstance } from '../new_terms/rule_instance';
import type {
  FirstSeenTerm,
  HistoryQuestion,
  NewTermsSearch,
  RecentTermsPage,
  SourceEvent,
  TermDocument,
  TermTuple,
  TimeRange,
  TimestampSpec,
} from '../new_terms/types';

// ---------------------------------------------------------------------------------------------
// Events: the new_terms algorithm's three phases, the replay, the investigation page's lookups.

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

  /**
   * Phase 1: distinct term tuples among events matching the query in `range`, `pageSize` at a time.
   * A source may also answer phase 2 (`alsoNew`) for the page's terms in the same search, saving
   * one search per page; the answer must be what `newTerms` gives for those terms.
   */
  recentTerms(
    search: NewTermsSearch,
    range: TimeRange,
    page: { readonly size: number; readonly afterKey?: TermTuple },
    alsoNew?: HistoryQuestion
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

/** What a replay needs beyond the three phases: the data's time span and where matching events are. */
export interface ReplayEventSource extends NewTermsEventSource {
  /** Earliest and latest (combined) timestamp of the events in `index`; undefined when none. */
  timeSpan(timestamp: TimestampSpec, index: readonly string[]): Promise<TimeRange | undefined>;
  /** Whether any event is stored in an index `index` matches (stops at the first one found). */
  hasEvents(index: readonly string[]): Promise<boolean>;
  /**
   * Ascending times at which events matching `search` (and holding every new-terms field) occur in
   * `range`; each time stands for events in `[time, time + timestampGranularityMs)`.
   */
  matchingTimestamps(search: NewTermsSearch, range: TimeRange): Promise<number[]>;
  /**
   * Optional, and must be exact (a superset is fine, a missing time is not): ascending times, in
   * `range`, of occurrences of a term (as the phases form terms) with no earlier occurrence or
   * whose previous occurrence is more than `minGapMs` earlier; same granularity as
   * `matchingTimestamps`.
   */
  newTermCandidateTimes?(
    search: NewTermsSearch,
    range: TimeRange,
    minGapMs: number
  ): Promise<number[]>;
  readonly timestampGranularityMs: number;
}

/** An event search for the investigation page: the event itself and events around it. */
export interface EventLookupRequest {
  readonly index: readonly string[];
  readonly query: KqlNode;
  readonly range: TimeRange;
  readonly timestamp: TimestampSpec;
  readonly size: number;
  /** Events skipped before the first returned, in the same order (paging); default 0. */
  readonly offset?: number;
  readonly sortOrder: SortOrder;
}

/** Events matching a query over all time, and how many distinct values some of their fields hold. */
export interface FieldPrevalenceRequest {
  readonly index: readonly string[];
  readonly query: KqlNode;
  /** Places the events in time for the first and last seen (the rule's timestamp and fallback). */
  readonly timestamp: TimestampSpec;
  /** Keyword fields whose distinct values are counted among the matching events. */
  readonly countFields: readonly string[];
}

export interface FieldPrevalence {
  /** Matching events. */
  readonly events: number;
  /** Exact distinct values of each of `countFields` among them (every value of a multi-valued field). */
  readonly distinct: Readonly<Record<string, number>>;
  /** Earliest and latest (combined) timestamp of the matching events, epoch ms; null for none. */
  readonly firstSeen: number | null;
  readonly lastSeen: number | null;
}

export interface EventLookups {
  /** One stored event by its index and id. */
  getEvent(index: string, id: string): Promise<SourceEvent | undefined>;
  /** Matching events in the range, by (combined) timestamp then index order; at most `size`. */
  searchEvents(
    request: EventLookupRequest
  ): Promise<{ readonly total: number; readonly events: readonly SourceEvent[] }>;
  /** How widespread the events matching a query are: their count, distinct values, time span. */
  fieldPrevalence(request: FieldPrevalenceRequest): Promise<FieldPrevalence>;
}

// ---------------------------------------------------------------------------------------------
// Ingest: one driver (ingest_ndjson.ts) reads, checks and batches the lines; a store writes batches.

/** A prepared event and the line it was read from. */
export interface LineEvent {
  readonly line: number;
  readonly event: PreparedEvent;
}

export interface BatchWriteResult {
  readonly stored: number;
  readonly duplicates: number;
  /** Events the store itself refused, in line order, with its reason: rejected lines. */
  readonly rejected?: ReadonlyArray<Omit<RejectedLine, 'file'>>;
}

/** How large a batch may grow: it is written before one more event would pass either bound. */
export interface BatchBounds {
  readonly maxEvents: number;
  readonly maxBytes: number;
  /** What an event adds to a batch's size. */
  bytesOf(event: PreparedEvent): number;
}

export interface EventBatchWriter {
  /** Absent: batches of the driver's `DEFAULT_BATCH_SIZE` events. */
  readonly bounds?: BatchBounds;
  /** Stores a batch of one input's events; a writer with `commit` may keep it pending until then. */
  writePending(file: string, events: readonly LineEvent[]): Promise<BatchWriteResult>;
  /** Makes every pending batch durable; absent when each write is durable by itself. */
  commit?(): Promise<void>;
  /** After the last input was written and committed, e.g. to make the events searchable. */
  finish?(): Promise<void>;
}

export interface StoreIngestOptions {
  /** The index of events that name none (no `_index`, no `data_stream.*`). */
  readonly defaultIndex?: string;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Logs a line's internal error (once per distinct error, with its stack); the line is rejected either way. */
  readonly onInternalError?: InternalErrorHandler;
  /**
   * Worker threads preparing lines, where the store gains from them (Elasticsearch, a store that
   * indexes a few fields); absent or 0: on this thread. Results are the same either way.
   */
  readonly workers?: number;
}

export interface EventIngest {
  /**
   * Stores the inputs' events: each bad line is rejected with its line number and reason, every
   * good one kept; an event already stored counts as a duplicate.
   */
  ingest(inputs: readonly IngestInput[], options?: StoreIngestOptions): Promise<IngestSummary>;
}

// ---------------------------------------------------------------------------------------------
// Alerts: the executor's sink, the alerts page and triage.

/** Where alerts go. Writes are idempotent by alert id: an existing id is never written twice. */
export interface AlertSink {
  /** Which of `ids` are already stored (Kibana's `filterDuplicateAlerts`). */
  existingIds(ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** Stores the alerts whose ids are not stored yet; returns the ids actually created. */
  create(alerts: readonly AlertDocument[]): Promise<readonly string[]>;
}

/**
 * An open or acknowledged alert that suppressed alerts may fold into: for one suppression instance
 * (`kibana.alert.instance.id`), the most recently created one (Kibana's `alertWithSuppression`
 * lookup in the rule registry's persistence wrapper).
 */
export interface SuppressionTarget {
  readonly id: string;
  readonly instanceId: string;
  /** `kibana.alert.rule.execution.uuid`: the execution that created the alert. */
  readonly executionUuid: string;
  /** `kibana.alert.suppression.start`, epoch ms. */
  readonly suppressionStart: number;
  /** `kibana.alert.suppression.end`, epoch ms. */
  readonly suppressionEnd: number;
  /** `kibana.alert.suppression.docs_count`. */
  readonly docsCount: number;
}

/** What folding suppressed alerts into a stored one changes on it. */
export interface SuppressionUpdate {
  readonly id: string;
  readonly docsCount: number;
  /** ISO 8601; given only when it moves earlier (an alert of the same execution). */
  readonly suppressionStart?: string;
  /** ISO 8601. */
  readonly suppressionEnd: string;
  /** `kibana.alert.last_detected`, ISO 8601. */
  readonly lastDetected: string;
}

/** A sink that can fold alerts into stored ones (both stores; not the Kibana alerting client). */
export interface SuppressingAlertSink extends AlertSink {
  /**
   * For each instance id, the stored alert not closed whose `kibana.alert.start` is at or after
   * `since` (epoch ms), the most recently started when several are.
   */
  suppressionTargets(
    instanceIds: readonly string[],
    since: number
  ): Promise<ReadonlyMap<string, SuppressionTarget>>;
  /** Applies the updates; each names a stored alert. */
  extendSuppression(updates: readonly SuppressionUpdate[]): Promise<void>;
}

export const canSuppress = (sink: AlertSink): sink is SuppressingAlertSink =>
  'suppressionTargets' in sink && 'extendSuppression' in sink;

export interface AlertStore extends SuppressingAlertSink {
  /** How many alerts each rule (by its uuid) has raised that match `filter` (default: every alert). */
  countsByRule(filter?: AlertFilter): Promise<ReadonlyMap<string, number>>;
  /** Every alert of the rules with these `rule_id`s, oldest source event first. */
  alertsOfRules(ruleIds: readonly string[]): Promise<AlertDocument[]>;
}

/** Alerts page filters; every given filter must hold (empty lists filter nothing). */
export interface AlertFilter {
  readonly ruleIds?: readonly string[];
  readonly ruleUuids?: readonly string[];
  readonly statuses?: readonly WorkflowStatus[];
  readonly severities?: readonly string[];
  /** On the alert's `@timestamp` (when the rule raised it), inclusive, epoch ms. */
  readonly range?: Partial<TimeRange>;
  readonly ids?: readonly string[];
  /** One group of the alerts grouped by `field`: those holding `value`, or (`null`) none. */
  readonly group?: AlertGroupFilter;
  /** KQL over the alert documents (server/alerts/alert_query.ts); blank selects every alert. */
  readonly query?: string;
}

export interface AlertGroupFilter {
  readonly field: AlertGroupField;
  readonly value: string | null;
}

export interface AlertGroupsRequest {
  readonly filter: AlertFilter;
  readonly field: AlertGroupField;
  /** 0-based page of `perPage` groups. */
  readonly page: number;
  readonly perPage: number;
}

export interface AlertGroupsResult {
  readonly totalGroups: number;
  /** Largest first; see server/alerts/alert_groups.ts for ties and the group without a value. */
  readonly groups: readonly AlertGroup[];
}

export interface AlertSearchRequest {
  readonly filter: AlertFilter;
  /** 0-based page of `perPage` alerts. */
  readonly page: number;
  readonly perPage: number;
  readonly sortField: AlertSortField;
  readonly sortOrder: SortOrder;
}

export interface AlertSearchResult {
  readonly total: number;
  /** Documents with the current workflow fields; ties in the sort broken by alert id ascending. */
  readonly alerts: readonly AlertDocument[];
}

export interface WorkflowChange {
  readonly status: WorkflowStatus;
  /** Only kept when closing. */
  readonly reason?: ClosingReason;
  readonly user: string;
  readonly at: Date;
}

/** Which alerts a status change applies to: named ids, or every alert a filter selects. */
export type AlertSelection = { readonly ids: readonly string[] } | { readonly filter: AlertFilter };

/** Alerts sharing one field value with another alert (the investigation page's pivots). */
export interface AlertPivotRequest {
  /** `host.name`, `container.id` or `user.name`: the fields both stores can compare. */
  readonly field: AlertPivotField;
  readonly value: string;
  /** The alert pivoted from, left out. */
  readonly excludeId: string;
  /** How many of the newest (by `@timestamp`, ties by id) to return. */
  readonly size: number;
}

export interface AlertQueries extends AlertAnnotations {
  search(request: AlertSearchRequest): Promise<AlertSearchResult>;
  /** Other alerts whose field holds the value: how many, and the newest `size` of them. */
  pivot(request: AlertPivotRequest): Promise<AlertSearchResult>;
  /**
   * Alert counts per `intervalMs` bucket of `@timestamp`, empty buckets omitted, ascending; with
   * `stackBy`, each bucket's counts per value too (server/alerts/alert_histogram.ts).
   */
  histogram(
    filter: AlertFilter,
    intervalMs: number,
    stackBy?: AlertHistogramStack
  ): Promise<readonly AlertHistogramBucket[]>;
  /** The filter's alerts grouped by one field's values, a page of groups. */
  groups(request: AlertGroupsRequest): Promise<AlertGroupsResult>;
  /** The earliest and latest `@timestamp` of the alerts the filter selects (epoch ms); undefined for none. */
  timeSpan(filter: AlertFilter): Promise<TimeRange | undefined>;
  get(id: string): Promise<AlertDocument | undefined>;
  /** Changes the status of the selected alerts not already in it; returns how many changed. */
  setWorkflowStatus(selection: AlertSelection, change: WorkflowChange): Promise<number>;
  /** Leaf field names the stored alerts hold, for the search bar's suggestions (unsorted). */
  storedFieldNames(): Promise<ReadonlySet<string>>;
}

/** What a notes edit writes (`notes`, or nothing when undefined) and answers (`result`). */
export interface NotesEdit<T> {
  readonly notes: readonly AlertNote[] | undefined;
  readonly result: T;
}

/**
 * Tags, assignees and notes: each alert's current value is read, changed by a pure function
 * (common/alerts/alert_annotations.ts, server/alerts/alert_note_edits.ts) and written back, so both
 * stores compute the same documents.
 */
export interface AlertAnnotations {
  /**
   * Changes a keyword list field of the named alerts (`changedList`); returns how many of the ids
   * name an alert. Ids of no alert are skipped, as Kibana's update by query skips them.
   */
  updateWorkflowList(
    ids: readonly string[],
    field: WorkflowListField,
    change: WorkflowListChange
  ): Promise<number>;
  /** Applies `edit` to one alert's notes; undefined when no alert has that id. */
  editNotes<T>(
    alertId: string,
    edit: (notes: readonly AlertNote[]) => NotesEdit<T>
  ): Promise<{ readonly result: T } | undefined>;
}

// ---------------------------------------------------------------------------------------------
// Rules: installed rules, their state and their run history.

/** Where an installed rule's definition comes from: the prebuilt catalog, or the user (an import). */
export type RuleSource = 'prebuilt' | 'user';

export interface InstalledRule extends NewTermsRuleInstance {
  readonly source: RuleSource;
  /** A rule imported from Kibana's format: every Kibana field it came with, for export. */
  readonly kibana?: KibanaNewTermsRule;
  readonly enabled: boolean;
  /** Start of the last execution, whatever its outcome: when the rule is next due. */
  readonly previousStartedAt: number | null;
  /**
   * Start of the last execution that searched all its windows (not `failed`): the next execution
   * catches up from here, so the windows of failed runs are searched again.
   */
  readonly lastCoveredStartedAt: number | null;
}

export interface RuleExecutionRecord {
  readonly rule: InstalledRule;
  readonly executionId: string;
  readonly startedAt: Date;
  readonly status: string;
  readonly alertsCreated: number;
  readonly durationMs: number;
  /** Errors then warnings in one text: what the last run shows. */
  readonly message: string | null;
  /** The windows searched completely, oldest first (catch-up windows before the regular one). */
  readonly windows: readonly TimeRange[];
  /** Null when the execution does not count them (a replay). */
  readonly termsEvaluated: number | null;
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
  /** Time no window covered since the previous execution, after catch-up. */
  readonly gap: TimeRange | null;
}

/** One recorded execution, as the history lists it. */
export interface RuleExecutionEntry {
  readonly executionId: string;
  readonly startedAt: number;
  readonly status: string;
  readonly alertsCreated: number;
  readonly durationMs: number;
  readonly windows: readonly TimeRange[];
  readonly termsEvaluated: number | null;
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
  readonly gap: TimeRange | null;
}

export interface RuleExecutionQuery {
  /** 0-based. */
  readonly page: number;
  readonly perPage: number;
  /** Only executions with one of these statuses; all when absent. */
  readonly statuses?: readonly string[];
}

export interface RuleExecutionHistory {
  readonly total: number;
  readonly executions: readonly RuleExecutionEntry[];
}

export interface LastRuleRun {
  readonly startedAt: number;
  readonly status: string;
  readonly alertsCreated: number;
  readonly durationMs: number;
  readonly message: string | null;
}

/** What importing one rule did (Kibana's import: a rule_id already there is a conflict unless overwriting). */
export type RuleImportOutcome = 'created' | 'updated' | 'conflict';

export interface RuleStore {
  /** Installed rules by `rule_id`. */
  list(): Promise<InstalledRule[]>;
  findByRuleId(ruleId: string): Promise<InstalledRule | undefined>;
  /** Installs a catalog rule once; an installed rule keeps its uuid (alert ids depend on it). */
  install(definition: NewTermsRuleDefinition, enabled: boolean, now: Date): Promise<InstalledRule>;
  /**
   * Stores a user rule; a rule_id already installed is a conflict unless `overwrite`, which keeps
   * the installed rule's uuid (alert ids depend on it) and enabled state.
   */
  importRule(
    rule: ImportedRule,
    options: { readonly enabled: boolean; readonly overwrite: boolean; readonly now: Date }
  ): Promise<RuleImportOutcome>;
  /** False when the rule is not installed. */
  setEnabled(ruleId: string, enabled: boolean): Promise<boolean>;
  /**
   * Replaces the exception lists an installed rule names; false when not installed. The rule keeps
   * its source: in Kibana, exceptions do not count as customising a prebuilt rule.
   */
  setExceptionsList(
    ruleId: string,
    references: readonly RuleExceptionListReference[]
  ): Promise<boolean>;
  /** Uninstalls a rule (a user rule is gone; a prebuilt one can be installed again) and its run history; false when not installed. */
  remove(ruleId: string): Promise<boolean>;
  /** Records an execution; the history keeps each rule's most recent ones only (the store says how many). */
  recordExecution(run: RuleExecutionRecord): Promise<void>;
  /** The most recent execution of each installed rule, by rule uuid. */
  lastRuns(): Promise<ReadonlyMap<string, LastRuleRun>>;
  /** A page of one rule's recorded executions, newest first. */
  executionHistory(ruleUuid: string, query: RuleExecutionQuery): Promise<RuleExecutionHistory>;
  /** The executions of one rule that reported a gap, newest first, at most `limit`. */
  executionGaps(ruleUuid: string, limit: number): Promise<readonly RuleExecutionEntry[]>;
}

// ---------------------------------------------------------------------------------------------
// Exceptions: the lists and items rules name in their `exceptions_list`.

/** What storing one list or item did (Kibana's exception import: an existing id is a conflict unless overwriting). */
export type ExceptionImportOutcome = 'created' | 'updated' | 'conflict';

export interface ExceptionStore {
  /** Every stored list and item. */
  all(): Promise<ExceptionSet>;
  /** Stores a list; with `overwrite` an existing list (same list_id and namespace) is replaced and its items dropped. */
  putList(list: ExceptionList, overwrite: boolean): Promise<ExceptionImportOutcome>;
  /** Stores an item; with `overwrite` an existing item (same item_id and namespace) is replaced. */
  putItem(item: ExceptionListItem, overwrite: boolean): Promise<ExceptionImportOutcome>;
  /** Deletes an item; false when there is none with that item_id and namespace. */
  removeItem(itemId: string, namespace: NamespaceType): Promise<boolean>;
  /** Deletes a list and its items; false when there is none with that list_id and namespace. */
  removeList(listId: string, namespace: NamespaceType): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// A store: all of the above over one data set.

export interface Store extends EventIngest {
  /** Where the data lives, for messages: the store file, `:memory:`, or the cluster. */
  readonly location: string;
  readonly events: ReplayEventSource;
  readonly lookups: EventLookups;
  readonly alerts: AlertStore;
  readonly alertQueries: AlertQueries;
  /**
   * Installed rules and their runs; undefined for a store that keeps none (Elasticsearch: the
   * CLI keeps them in the embedded store, Kibana in its own rule saved objects).
   */
  readonly rules: RuleStore | undefined;
  /** Exception lists and items; undefined where rules are kept elsewhere too. */
  readonly exceptions: ExceptionStore | undefined;
  close(): void | Promise<void>;
}

/** A store that keeps installed rules and their exception lists (the embedded store). */
export type StoreWithRules = Store & {
  readonly rules: RuleStore;
  readonly exceptions: ExceptionStore;
};
