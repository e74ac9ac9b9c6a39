/**
 * Streams NDJSON files into Elasticsearch with the bulk API, with the embedded ingest's contract:
 * the same line reader and EventPreparer (so the same lines are rejected for the same reasons and
 * every event gets the same `_index` and `_id` in both stores), the same summary and progress.
 *
 * Good events are sent as bulk `create` ops under their derived `_id`, so ingesting a file twice
 * stores nothing new (ES answers 409, counted as a duplicate) and a retried request cannot
 * duplicate an event. Each document is the event's source text as read, never re-serialised.
 * Batches are bounded by count and bytes and sent one at a time, so memory stays flat and the
 * documents of an index get `_seq_no`s in file order (the new_terms executor breaks timestamp ties
 * by index order; `_seq_no` is per shard, and the events template keeps ES's default of one).
 * Items ES refuses (a mapping conflict with earlier data, an invalid index name) are rejected
 * lines with ES's reason; a request that fails as a whole aborts the ingest with an error that
 * says what was committed, never dropping events silently.
 */
import { errors, type Client } from '@elastic/elasticsearch';
import type { ErrorCause } from '@elastic/elasticsearch/lib/api/types';
import { ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import type { FieldTypeMap } from '../../../common/ecs/field_types';
import {
  ingestNdjson,
  type IngestInput,
  type IngestProgress,
  type IngestSummary,
} from '../../ingest/ingest_ndjson';
import type { InternalErrorHandler } from '../../ingest/line_guard';
import type { KnownFields, PreparedEvent } from '../../ingest/prepare_event';
import { boundedReason } from '../../ingest/reasons';
import type { BatchBounds, BatchWriteResult, EventBatchWriter, LineEvent } from '../store_contract';
import type { FieldTypeSubstitutes } from './ecs_mappings';
import { EsIngestError } from './es_ingest_error';
import { EventsTemplate } from './events_template';
import { errorMessage } from '../../../common/error_message';

export const EVENTS_TEMPLATE_NAME = 'container-threat-detection-events';
/** Where Elastic Defend writes its events; the prebuilt rules search `logs-endpoint.events.*`. */
export const EVENTS_INDEX_PATTERNS: readonly string[] = ['logs-endpoint.events.*'];
/** Bulk batch bounds: whichever is reached first ends the batch (ES suggests 5–15 MB per request). */
export const DEFAULT_BULK_MAX_EVENTS = 2_000;
export const DEFAULT_BULK_MAX_BYTES = 8 * 1024 * 1024;
/** Tries for a request (or its items) that ES refuses as overloaded before the ingest aborts. */
export const MAX_BULK_ATTEMPTS = 5;
/** First wait after a 429; doubled on each further try (0.5 + 1 + 2 + 4 s in all). */
export const DEFAULT_RETRY_DELAY_MS = 500;

const HTTP_CREATED = 201;
const HTTP_CONFLICT = 409;
const HTTP_TOO_MANY_REQUESTS = 429;
/** Only what is read of each item, so the response to 2,000 creates stays a few tens of KB. */
const BULK_FILTER_PATH = 'items.*.status,items.*.error';
/** Index names per refresh request, keeping the URL short however many indices were written. */
const REFRESH_CHUNK_SIZE = 50;
/**
 * ES validates `_id` length for the whole request: one over-long id fails the entire bulk request
 * (400 action_request_validation_exception) instead of its item. Checked here so it rejects only
 * its own line, with ES's wording.
 */

/**
 * The store's knowledge of fields from earlier ingests. Nothing is tracked beyond this run (the
 * preparer itself remembers the types this run gives to unmapped fields): the index mapping is
 * the authority for fields stored by earlier runs, and ES rejects a conflicting event with its
 * own reason, which is reported for that line like any other rejection.
 */
const NO_PRIOR_FIELDS: KnownFields = {
  esTypeOf: () => undefined,
  isObjectPath: () => false,
  snapshot: () => ({ types: [], objectPaths: [] }),
};
/** The bulk request carries `_source` as it came: no field's values are read. */
const NO_VALUE_FIELDS: ReadonlySet<string> = new Set();

export interface EsIngestOptions {
  readonly defaultIndex?: string;
  /** Field types the preparer validates against; default ECS, as the embedded store. */
  readonly fieldTypes?: FieldTypeMap;
  /** Put the events index template before the first batch; default true. */
  readonly template?: boolean;
  readonly templateName?: string;
  /** Patterns the template always covers; indices the data targets beyond them are added. */
  readonly templatePatterns?: readonly string[];
  readonly templatePriority?: number;
  /** Field types the cluster lacks and their replacements (see ecs_mappings.ts). */
  readonly substitutes?: FieldTypeSubstitutes;
  /** Refresh the written indices at the end so a search right after sees every event; default true. */
  readonly refresh?: boolean;
  readonly maxBatchEvents?: number;
  readonly maxBatchBytes?: number;
  readonly retryDelayMs?: number;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Logs a line's internal error (once per distinct error, with its stack); the line is rejected either way. */
  readonly onInternalError?: InternalErrorHandler;
  /** Worker threads preparing lines; absent or 0: on this thread. */
  readonly workers?: number;
}

/** One good event waiting in a batch: where it came from and its bulk lines. */
interface PendingEvent {
  readonly line: number;
  readonly index: string;
  /** `{"create":…}\n<source>\n`, ready to concatenate into the request body. */
  readonly operation: string;
}

type ItemOutcome =
  | { readonly kind: 'created' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'overloaded'; readonly reason: string }
  | { readonly kind: 'rejected'; readonly reason: string };

interface BulkItemResult {
  readonly status?: number;
  readonly error?: ErrorCause;
}

interface FilteredBulkResponse {
  readonly items?: ReadonlyArray<Readonly<Record<string, BulkItemResult | undefined>>>;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const bulkOperation = (index: string, id: string, sourceText: string): string =>
  `${JSON.stringify({ create: { _index: index, _id: id } })}\n${sourceText}\n`;

const describeCause = (cause: ErrorCause): string => {
  const own = cause.reason ? `${cause.type}: ${cause.reason}` : cause.type;
  return cause.caused_by ? `${own} (caused by ${describeCause(cause.caused_by)})` : own;
};

const isErrorCause = (value: unknown): value is ErrorCause =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { type?: unknown }).type === 'string';

/** A failed request in one line: ES's error type and reason when it answered, else the client's message. */
export const describeEsError = (error: unknown): string => {
  if (error instanceof errors.ResponseError) {
    const body: unknown = error.body;
    const cause =
      typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    return `HTTP ${error.statusCode ?? '?'}: ${isErrorCause(cause) ? describeCause(cause) : error.message}`;
  }
  return errorMessage(error);
};

const outcomeOf = (item: BulkItemResult | undefined): ItemOutcome => {
  const status = item?.status;
  if (status === HTTP_CREATED) return { kind: 'created' };
  if (status === HTTP_CONFLICT) return { kind: 'duplicate' };
  const reason = item?.error ? describeCause(item.error) : `status ${status ?? 'missing'}`;
  return status === HTTP_TOO_MANY_REQUESTS
    ? { kind: 'overloaded', reason }
    : { kind: 'rejected', reason };
};

/** Writes batches with the bulk API: `create` ops under each event's `_id`, retried while ES is overloaded. */
class EsBulkWriter implements EventBatchWriter {
  readonly bounds: BatchBounds;
  private readonly template: EventsTemplate | undefined;
  /** Each event's bulk lines, built once for the batch's size and reused for the request. */
  private readonly operations = new WeakMap<PreparedEvent, string>();
  private readonly touched = new Set<string>();
  /** What ES confirmed in this ingest, for the messages of a failure. */
  private stored = 0;
  private duplicates = 0;

  constructor(
    private readonly client: Client,
    private readonly options: EsIngestOptions,
    fieldTypes: FieldTypeMap
  ) {
    this.bounds = {
      maxEvents: options.maxBatchEvents ?? DEFAULT_BULK_MAX_EVENTS,
      maxBytes: options.maxBatchBytes ?? DEFAULT_BULK_MAX_BYTES,
      bytesOf: (event) => Buffer.byteLength(this.operationOf(event)),
    };
    this.template =
      options.template === false
        ? undefined
        : new EventsTemplate(
            client,
            options.templateName ?? EVENTS_TEMPLATE_NAME,
            options.templatePatterns ?? EVENTS_INDEX_PATTERNS,
            fieldTypes,
            options
          );
  }

  /** Sends one batch, retrying what ES refused as overloaded; the items it rejected are rejected lines. */
  async writePending(file: string, batch: readonly LineEvent[]): Promise<BatchWriteResult> {
    const events = batch.map(({ line, event }) => ({
      line,
      index: event.index,
      operation: this.operationOf(event),
    }));
    await this.coverWithTemplate(file, events);
    const before = { stored: this.stored, duplicates: this.duplicates };
    const rejected: Array<{ line: number; reason: string }> = [];
    let outstanding: readonly PendingEvent[] = events;
    let overloadReason = '';
    for (let attempt = 1; attempt <= MAX_BULK_ATTEMPTS && outstanding.length > 0; attempt++) {
      if (attempt > 1)
        await delay((this.options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS) * 2 ** (attempt - 2));
      const outcomes = await this.send(file, outstanding);
      if ('overloaded' in outcomes) {
        overloadReason = outcomes.overloaded;
        continue;
      }
      const retry: PendingEvent[] = [];
      outcomes.forEach((outcome, i) => {
        const event = outstanding[i];
        if (!event) return;
        if (outcome.kind === 'overloaded') {
          overloadReason = outcome.reason;
          retry.push(event);
        } else if (outcome.kind === 'rejected') {
          rejected.push({ line: event.line, reason: boundedReason(outcome.reason) });
        } else {
          this.record(event, outcome.kind);
        }
      });
      // Retried items land after the batch's later items: only an overload can reorder events.
      outstanding = retry;
    }
    if (outstanding.length > 0) {
      const cause = `Elasticsearch still overloaded after ${MAX_BULK_ATTEMPTS} attempts (${overloadReason})`;
      throw this.abort(file, outstanding, cause, { sent: false });
    }
    rejected.sort((a, b) => a.line - b.line);
    return {
      stored: this.stored - before.stored,
      duplicates: this.duplicates - before.duplicates,
      rejected,
    };
  }

  /** Refreshes the written indices so a search right after the ingest sees every event. */
  async finish(): Promise<void> {
    if (this.options.refresh !== false) await this.refreshTouched();
  }

  private operationOf(event: PreparedEvent): string {
    let operation = this.operations.get(event);
    if (operation === undefined) {
      operation = bulkOperation(event.index, event.id, event.sourceText);
      this.operations.set(event, operation);
    }
    return operation;
  }

  private record(event: PendingEvent, kind: 'created' | 'duplicate'): void {
    if (kind === 'created') this.stored++;
    else this.duplicates++;
    this.touched.add(event.index);
  }

  private async coverWithTemplate(file: string, events: readonly PendingEvent[]): Promise<void> {
    if (!this.template) return;
    try {
      await this.template.cover(new Set(events.map((event) => event.index)));
    } catch (error) {
      const cause = `could not put index template ${this.template.name}: ${describeEsError(error)}`;
      throw this.abort(file, events, cause, { sent: false, error });
    }
  }

  /** One bulk request; `{ overloaded }` when ES refused all of it with 429 (nothing was written). */
  private async send(
    file: string,
    events: readonly PendingEvent[]
  ): Promise<ItemOutcome[] | { overloaded: string }> {
    let response: FilteredBulkResponse;
    try {
      // A string body goes out byte for byte: the transport only serialises arrays and objects.
      response = await this.client.transport.request<FilteredBulkResponse>({
        method: 'POST',
        path: '/_bulk',
        querystring: { filter_path: BULK_FILTER_PATH },
        bulkBody: events.map((event) => event.operation).join(''),
        meta: { name: 'bulk' },
      });
    } catch (error) {
      if (error instanceof errors.ResponseError && error.statusCode === HTTP_TOO_MANY_REQUESTS) {
        return { overloaded: describeEsError(error) };
      }
      throw this.abort(file, events, `bulk request failed: ${describeEsError(error)}`, {
        sent: true,
        error,
      });
    }
    const items = response.items ?? [];
    if (items.length !== events.length) {
      throw this.abort(
        file,
        events,
        `bulk response has ${items.length} results for ${events.length} events`,
        { sent: true }
      );
    }
    return items.map((item) => outcomeOf(Object.values(item)[0]));
  }

  /**
   * The error that ends the ingest at `events` (not confirmed stored). `sent`: the request may have
   * reached ES, so some of them may be stored after all.
   */
  private abort(
    file: string,
    events: readonly PendingEvent[],
    cause: string,
    { sent, error }: { readonly sent: boolean; readonly error?: unknown }
  ): EsIngestError {
    const first = events[0]?.line ?? 0;
    const last = events[events.length - 1]?.line ?? first;
    const { stored, duplicates } = this;
    const committed = stored + duplicates;
    const where = first === last ? `line ${first}` : `lines ${first}-${last}`;
    const committedText =
      committed === 0
        ? 'Nothing was committed before the failure'
        : `${committed} event(s) were committed before the failure (${stored} stored, ${duplicates} already present), ` +
          `every good line before ${file}:${first} among them`;
    const unconfirmed = sent ? 'may be partly stored' : 'were not stored';
    return new EsIngestError(
      `Elasticsearch ingest aborted at ${file} ${where}: ${cause}. ` +
        `${committedText}; the ${events.length} unconfirmed event(s) ${unconfirmed}. ` +
        'Ingesting the same files again is safe: events already stored count as duplicates.',
      stored,
      duplicates,
      error === undefined ? undefined : { cause: error }
    );
  }

  private async refreshTouched(): Promise<void> {
    const indices = [...this.touched];
    try {
      for (let start = 0; start < indices.length; start += REFRESH_CHUNK_SIZE) {
        await this.client.indices.refresh({
          index: indices.slice(start, start + REFRESH_CHUNK_SIZE),
          ignore_unavailable: true,
          allow_no_indices: true,
        });
      }
    } catch (error) {
      // Everything is stored by now: say so, rather than let a failed refresh look like lost data.
      throw new EsIngestError(
        `All events were committed (${this.stored} stored, ${this.duplicates} already present), but refreshing ` +
          `the indices failed: ${describeEsError(error)}. They become searchable at the next periodic refresh.`,
        this.stored,
        this.duplicates,
        { cause: error }
      );
    }
  }
}

/** The shared ingest (ingest_ndjson.ts) into Elasticsearch. */
export const ingestNdjsonToElasticsearch = (
  client: Client,
  inputs: readonly IngestInput[],
  options: EsIngestOptions = {}
): Promise<IngestSummary> => {
  const fieldTypes = options.fieldTypes ?? ecsFieldTypes();
  return ingestNdjson(inputs, {
    fieldTypes,
    known: NO_PRIOR_FIELDS,
    writer: new EsBulkWriter(client, options, fieldTypes),
    defaultIndex: options.defaultIndex,
    onProgress: options.onProgress,
    onInternalError: options.onInternalError,
    ...(options.workers === undefined
      ? {}
      : { parallel: { workers: options.workers, valueFields: NO_VALUE_FIELDS } }),
  });
};
