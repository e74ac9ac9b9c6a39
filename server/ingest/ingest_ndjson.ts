/**
 * Streams NDJSON files into a store: lines are read and validated one at a time, good events are
 * written in batches, and each bad line is recorded with its line number and reason while every
 * good line around it is kept. Memory is bounded by one batch whatever the file size.
 */
import fs from 'fs';
import type { FieldTypeMap } from '../../common/ecs/field_types';
import type { BatchWriteResult, EventBatchWriter, LineEvent } from '../stores/store_contract';
import { InternalErrorLog } from './internal_error_log';
import { GuardedPreparer, type InternalErrorHandler } from './line_guard';
import type { FieldSpec } from '../../common/ecs/field_types';
import { parallelPreparedLines, REGION_BYTES } from './parallel/parallel_prepared_lines';
import { PreparePool } from './parallel/prepare_pool';
import { EventPreparer, type KnownFields } from './prepare_event';
import {
  ingestProgress,
  ingestSummary,
  newTally,
  preparedLines,
  type IngestTally,
  type PreparedLine,
} from './prepared_lines';
import { RejectedLines } from './rejected_lines';

/**
 * Events written per batch: large enough to amortise a write, small enough to keep memory flat. A
 * prepared event is short-lived garbage; 2,048 of them held the V8 heap at ~320 MB for no speed
 * gain over 512 (~100 MB).
 */
export const DEFAULT_BATCH_SIZE = 512;
/** Rejections kept in full; beyond this only the count grows (a broken file must not exhaust memory). */
export const MAX_REPORTED_REJECTIONS = 1_000;

/**
 * Events written between two commits when the writer defers them: a killed ingest loses at most
 * these (a re-run stores them, as the events already stored count as duplicates).
 */
export const COMMIT_EVERY_EVENTS = 8_192;
/** Bytes read from a file at a time (1 MiB). */
const READ_CHUNK_BYTES = 1024 * 1024;

export interface RejectedLine {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface IngestSummary {
  readonly files: readonly string[];
  readonly linesRead: number;
  readonly blankLines: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly rejectedCount: number;
  /** The first MAX_REPORTED_REJECTIONS rejections, in file order. */
  readonly rejected: readonly RejectedLine[];
  readonly bytesRead: number;
  readonly durationMs: number;
}

export interface IngestProgress {
  readonly file: string;
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly linesRead: number;
  readonly stored: number;
}

export interface IngestOptions {
  readonly fieldTypes: FieldTypeMap;
  readonly known: KnownFields;
  readonly writer: EventBatchWriter;
  readonly defaultIndex?: string;
  readonly batchSize?: number;
  /** Events written between commits when the writer defers them (COMMIT_EVERY_EVENTS). */
  readonly commitEvery?: number;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Logs a line's internal error (once per distinct error, with its stack); the line is rejected either way. */
  readonly onInternalError?: InternalErrorHandler;
  /** Lines prepared on worker threads (when `known` can be given to them): see parallel/. */
  readonly parallel?: ParallelPreparation;
}

export interface ParallelPreparation {
  readonly workers: number;
  /** The only fields whose values the writer reads: the others cross threads without them. */
  readonly valueFields: ReadonlySet<string>;
  /** Bytes of input per region a worker prepares (REGION_BYTES). */
  readonly regionBytes?: number;
}

export interface IngestInput {
  readonly name: string;
  readonly chunks: AsyncIterable<Uint8Array>;
  readonly totalBytes: number;
}

export const fileInput = (file: string): IngestInput => ({
  name: file,
  chunks: fs.createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }),
  totalBytes: fs.statSync(file).size,
});

const sameProgress = (a: IngestProgress, b: IngestProgress | undefined): boolean =>
  b !== undefined &&
  a.file === b.file &&
  a.bytesRead === b.bytesRead &&
  a.linesRead === b.linesRead &&
  a.stored === b.stored;

class IngestRun {
  private readonly preparer: GuardedPreparer;
  private readonly tally: IngestTally = newTally();
  private readonly rejections = new RejectedLines(MAX_REPORTED_REJECTIONS);
  private readonly maxBatchEvents: number;
  private batch: LineEvent[] = [];
  private batchBytes = 0;
  private pendingEvents = 0;
  private writerFailed = false;
  /** The commit in flight: lines are prepared meanwhile; the writer is used again only once it ends. */
  private committing: Promise<void> = Promise.resolve();
  private commitFailure: { readonly error: unknown } | undefined;
  private lastProgress: IngestProgress | undefined;
  /** The input being read: the file of the events in the batch. */
  private currentFile = '';
  private pool: PreparePool | undefined;
  private readonly internalErrors: InternalErrorLog;

  constructor(private readonly options: IngestOptions) {
    this.preparer = new GuardedPreparer(
      new EventPreparer(options.fieldTypes, options.known, options.defaultIndex),
      options.onInternalError
    );
    this.maxBatchEvents =
      options.batchSize ?? options.writer.bounds?.maxEvents ?? DEFAULT_BATCH_SIZE;
    this.internalErrors = new InternalErrorLog(options.onInternalError);
  }

  async ingest(inputs: readonly IngestInput[]): Promise<IngestSummary> {
    const began = Date.now();
    this.pool = this.startPool();
    try {
      for (const input of inputs) await this.ingestOne(input);
    } catch (error) {
      // Events read before the input failed (an unreadable file, a broken upload) are stored; a
      // writer that failed has abandoned its own pending events and is not asked again.
      await this.committing;
      if (!this.writerFailed) await this.storeWhatWasRead(this.currentFile).catch(() => undefined);
      throw error;
    } finally {
      await this.pool?.close();
    }
    await this.options.writer.finish?.();
    return ingestSummary(inputs, this.tally, this.rejections.list, began);
  }

  /** Workers that prepare lines, given the store's knowledge of fields as of now. */
  private startPool(): PreparePool | undefined {
    const { parallel, known, fieldTypes, defaultIndex } = this.options;
    if (parallel === undefined || parallel.workers < 1 || known.snapshot === undefined)
      return undefined;
    const fieldSpecs: FieldSpec[] = [];
    for (const name of fieldTypes.names()) {
      const spec = fieldTypes.get(name);
      if (spec !== undefined) fieldSpecs.push(spec);
    }
    return new PreparePool(
      {
        fieldSpecs,
        defaultIndex,
        known: known.snapshot(),
        valueFields: [...parallel.valueFields],
      },
      parallel.workers
    );
  }

  private lines(
    input: IngestInput,
    reject: (line: number, reason: string) => void
  ): AsyncGenerator<PreparedLine> {
    if (this.pool === undefined) return preparedLines(input, this.preparer, this.tally, reject);
    return parallelPreparedLines(input, this.pool, {
      tally: this.tally,
      reject,
      errors: this.internalErrors,
      known: this.options.known,
      regionBytes: this.options.parallel?.regionBytes ?? REGION_BYTES,
    });
  }

  private async ingestOne(input: IngestInput): Promise<void> {
    const fileStart = this.tally.bytesRead;
    this.currentFile = input.name;
    const reject = (line: number, reason: string): void => {
      this.tally.rejectedCount++;
      this.rejections.add({ file: input.name, line, reason });
    };
    const { bounds } = this.options.writer;
    for await (const { lineNumber, event } of this.lines(input, reject)) {
      const bytes = bounds?.bytesOf(event) ?? 0;
      // Written before it would overflow: only a single event larger than the bound exceeds it.
      if (bounds && this.batch.length > 0 && this.batchBytes + bytes > bounds.maxBytes)
        await this.writeAndCommitWhenDue(input, fileStart);
      this.batch.push({ line: lineNumber, event });
      this.batchBytes += bytes;
      if (this.batch.length >= this.maxBatchEvents)
        await this.writeAndCommitWhenDue(input, fileStart);
    }
    // A batch never spans inputs, so the store's rejections merge with the preparer's of one file.
    await this.storeWhatWasRead(input.name);
    this.reportProgress(input, fileStart);
  }

  private async writeAndCommitWhenDue(input: IngestInput, fileStart: number): Promise<void> {
    await this.writeBatch(input.name);
    if (
      this.options.writer.commit === undefined ||
      this.pendingEvents >= (this.options.commitEvery ?? COMMIT_EVERY_EVENTS)
    ) {
      this.startCommit(input, fileStart);
    }
  }

  private async storeWhatWasRead(file: string): Promise<void> {
    await this.writeBatch(file);
    await this.commitEnded();
    await this.options.writer.commit?.();
    this.pendingEvents = 0;
  }

  /** The end of an input is reported unless the last commit's report already said the same. */
  private reportProgress(input: IngestInput, fileStart: number): void {
    const progress = this.progressIn(input, fileStart);
    if (!sameProgress(progress, this.lastProgress)) this.notifyProgress(progress);
  }

  /** Where the ingest stands in `input`, which began at byte `fileStart` of all inputs read. */
  private progressIn(input: IngestInput, fileStart: number): IngestProgress {
    return ingestProgress(input, this.tally.bytesRead - fileStart, this.tally);
  }

  private notifyProgress(progress: IngestProgress): void {
    this.lastProgress = progress;
    this.options.onProgress?.(progress);
  }

  /**
   * Commits in the background: DuckDB writes its log on its own thread while this one prepares
   * the next lines. Progress is reported once the commit ends, so `stored` never counts an event
   * a crash could still lose.
   */
  private startCommit(input: IngestInput, fileStart: number): void {
    const progress = this.progressIn(input, fileStart);
    this.pendingEvents = 0;
    const commit = this.options.writer.commit?.() ?? Promise.resolve();
    this.committing = commit.then(
      () => this.notifyProgress(progress),
      (error: unknown) => {
        this.writerFailed = true;
        this.commitFailure = { error };
      }
    );
  }

  private async commitEnded(): Promise<void> {
    await this.committing;
    if (this.commitFailure !== undefined) throw this.commitFailure.error;
  }

  /** Writes the current batch once the commit in flight has ended (the writer's connection is then free). */
  private async writeBatch(file: string): Promise<void> {
    if (this.batch.length === 0) {
      this.rejections.settle([]);
      return;
    }
    await this.commitEnded();
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    let result: BatchWriteResult;
    try {
      result = await this.options.writer.writePending(file, batch);
    } catch (error) {
      this.writerFailed = true;
      throw error;
    }
    this.pendingEvents += batch.length;
    this.tally.stored += result.stored;
    this.tally.duplicates += result.duplicates;
    const refused = result.rejected ?? [];
    this.tally.rejectedCount += refused.length;
    this.rejections.settle(refused.map((rejection) => ({ file, ...rejection })));
  }
}

export const ingestNdjson = (
  inputs: readonly IngestInput[],
  options: IngestOptions
): Promise<IngestSummary> => new IngestRun(options).ingest(inputs);
