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
  MAX_REPORTED_REJECTIONS,
  type IngestInput,
  type IngestProgress,
  type IngestSummary,
  type RejectedLine,
} from '../../ingest/ingest_ndjson';
import { GuardedPreparer, type InternalErrorHandler } from '../../ingest/line_guard';
import {
  ingestProgress,
  ingestSummary,
  newTally,
  preparedLines,
  type IngestTally,
} from '../../ingest/prepared_lines';
import { EventPreparer, type KnownFields } from '../../ingest/prepare_event';
import { boundedReason } from '../../ingest/reasons';
import type { FieldTypeSubstitutes } from './ecs_mappings';
import { EsIngestError } from './es_ingest_error';
import { EventsTemplate } from './events_template';

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
const NO_PRIOR_FIELDS: KnownFields = { esTypeOf: () => undefined, isObjectPath: () => false };

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
  return error instanceof Error ? error.message : String(error);
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

/** Two line-ordered rejection lists of one file as one ordered list, at most `limit` long. */
const mergeByLine = (
  a: readonly RejectedLine[],
  b: readonly RejectedLine[],
  limit: number
): RejectedLine[] => {
  const merged: RejectedLine[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const nextA = a[i];
    const nextB = b[j];
    if (merged.length >= limit || (nextA === undefined && nextB === undefined)) break;
    if (nextA !== undefined && (nextB === undefined || nextA.line <= nextB.line)) {
      merged.push(nextA);
      i++;
    } else if (nextB !== undefined) {
      merged.push(nextB);
      j++;
    }
  }
  return merged;
};

class EsIngestRun {
  private readonly preparer: GuardedPreparer;
  private readonly template: EventsTemplate | undefined;
  private readonly maxBatchEvents: number;
  private readonly maxBatchBytes: number;
  private batch: PendingEvent[] = [];
  private batchBytes = 0;
  /** Preparer rejections since the last flush, merged in line order with the batch's ES rejections. */
  private pendingRejections: RejectedLine[] = [];
  private readonly rejected: RejectedLine[] = [];
  private readonly touched = new Set<string>();
  private readonly tally: IngestTally = newTally();

  constructor(
    private readonly client: Client,
    private readonly options: EsIngestOptions
  ) {
    const fieldTypes = options.fieldTypes ?? ecsFieldTypes();
    this.preparer = new GuardedPreparer(
      new EventPreparer(fieldTypes, NO_PRIOR_FIELDS, options.defaultIndex),
      options.onInternalError
    );
    this.maxBatchEvents = options.maxBatchEvents ?? DEFAULT_BULK_MAX_EVENTS;
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_BULK_MAX_BYTES;
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

  async ingest(inputs: readonly IngestInput[]): Promise<IngestSummary> {
    const began = Date.now();
    for (const input of inputs) await this.ingestOne(input);
    if (this.options.refresh !== false) await this.refreshTouched();
    return ingestSummary(inputs, this.tally, this.rejected, began);
  }

  private async ingestOne(input: IngestInput): Promise<void> {
    const fileStart = this.tally.bytesRead;
    const reject = (line: number, reason: string): void => this.reject(input.name, line, reason);
    for await (const { lineNumber, event } of preparedLines(
      input,
      this.preparer,
      this.tally,
      reject
    )) {
      const { index, id, sourceText } = event;
      const operation = bulkOperation(index, id, sourceText);
      const bytes = Buffer.byteLength(operation);
      // Flushed before it would overflow: only a single event larger than the bound exceeds it.
      if (this.batch.length > 0 && this.batchBytes + bytes > this.maxBatchBytes)
        await this.flush(input, fileStart);
      this.batch.push({ line: lineNumber, index, operation });
      this.batchBytes += bytes;
      if (this.batch.length >= this.maxBatchEvents) await this.flush(input, fileStart);
    }
    // A batch never spans files, so its rejections merge with the preparer's of the same file.
    await this.flush(input, fileStart);
  }

  private reject(file: string, line: number, reason: string): void {
    this.tally.rejectedCount++;
    // Capped like the final list: whatever lies beyond the cap in line order is never reported.
    if (this.rejected.length + this.pendingRejections.length < MAX_REPORTED_REJECTIONS) {
      this.pendingRejections.push({ file, line, reason });
    }
  }

  private async flush(input: IngestInput, fileStart: number): Promise<void> {
    const events = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    const esRejections = events.length === 0 ? [] : await this.write(input.name, events);
    const room = MAX_REPORTED_REJECTIONS - this.rejected.length;
    this.rejected.push(...mergeByLine(this.pendingRejections, esRejections, room));
    this.pendingRejections = [];
    this.reportProgress(input, this.tally.bytesRead - fileStart);
  }

  /** Sends one batch, retrying what ES refused as overloaded; returns the items it rejected. */
  private async write(file: string, events: readonly PendingEvent[]): Promise<RejectedLine[]> {
    await this.coverWithTemplate(file, events);
    const rejections: RejectedLine[] = [];
    let outstanding = events;
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
          this.tally.rejectedCount++;
          rejections.push({ file, line: event.line, reason: boundedReason(outcome.reason) });
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
    return rejections;
  }

  private record(event: PendingEvent, kind: 'created' | 'duplicate'): void {
    if (kind === 'created') this.tally.stored++;
    else this.tally.duplicates++;
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
    const { stored, duplicates } = this.tally;
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
        `All events were committed (${this.tally.stored} stored, ${this.tally.duplicates} already present), but refreshing ` +
          `the indices failed: ${describeEsError(error)}. They become searchable at the next periodic refresh.`,
        this.tally.stored,
        this.tally.duplicates,
        { cause: error }
      );
    }
  }

  private reportProgress(input: IngestInput, fileBytes: number): void {
    this.options.onProgress?.(ingestProgress(input, fileBytes, this.tally));
  }
}

export const ingestNdjsonToElasticsearch = (
  client: Client,
  inputs: readonly IngestInput[],
  options: EsIngestOptions = {}
): Promise<IngestSummary> => new EsIngestRun(client, options).ingest(inputs);
