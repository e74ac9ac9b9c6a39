/**
 * Streams NDJSON files into a store: lines are read and validated one at a time, good events are
 * written in batches, and each bad line is recorded with its line number and reason while every
 * good line around it is kept. Memory is bounded by one batch whatever the file size.
 */
import fs from 'fs';
import type { FieldTypeMap } from '../../common/ecs/field_types';
import { readNdjsonLines } from './ndjson_lines';
import { EventPreparer, type KnownFields, type PreparedEvent } from './prepare_event';

/** About one DuckDB data chunk's worth: large enough to amortise a write, small enough to keep memory flat. */
export const DEFAULT_BATCH_SIZE = 2_048;
/** Rejections kept in full; beyond this only the count grows (a broken file must not exhaust memory). */
export const MAX_REPORTED_REJECTIONS = 1_000;

export interface EventBatchWriter {
  write(events: readonly PreparedEvent[]): Promise<{ readonly stored: number; readonly duplicates: number }>;
}

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
  readonly onProgress?: (progress: IngestProgress) => void;
}

export interface IngestInput {
  readonly name: string;
  readonly chunks: AsyncIterable<Uint8Array>;
  readonly totalBytes: number;
}

export const fileInput = (file: string): IngestInput => ({
  name: file,
  chunks: fs.createReadStream(file, { highWaterMark: 1 << 20 }),
  totalBytes: fs.statSync(file).size,
});

class IngestRun {
  private readonly preparer: EventPreparer;
  private batch: PreparedEvent[] = [];
  private linesRead = 0;
  private blankLines = 0;
  private stored = 0;
  private duplicates = 0;
  private rejectedCount = 0;
  private readonly rejected: RejectedLine[] = [];
  private bytesRead = 0;

  constructor(private readonly options: IngestOptions) {
    this.preparer = new EventPreparer(options.fieldTypes, options.known, options.defaultIndex);
  }

  async ingest(inputs: readonly IngestInput[]): Promise<IngestSummary> {
    const began = Date.now();
    for (const input of inputs) await this.ingestOne(input);
    await this.flush();
    return {
      files: inputs.map((input) => input.name),
      linesRead: this.linesRead,
      blankLines: this.blankLines,
      stored: this.stored,
      duplicates: this.duplicates,
      rejectedCount: this.rejectedCount,
      rejected: this.rejected,
      bytesRead: this.bytesRead,
      durationMs: Date.now() - began,
    };
  }

  private async ingestOne(input: IngestInput): Promise<void> {
    const fileStart = this.bytesRead;
    for await (const line of readNdjsonLines(input.chunks)) {
      this.bytesRead += line.bytes;
      if ('error' in line) {
        this.linesRead++;
        this.reject(input.name, line.lineNumber, line.error);
        continue;
      }
      if (line.text.trim().length === 0) {
        this.blankLines++;
        continue;
      }
      this.linesRead++;
      const result = this.preparer.prepare(line.text);
      if (result.ok) this.batch.push(result.event);
      else this.reject(input.name, line.lineNumber, result.reason);
      if (this.batch.length >= (this.options.batchSize ?? DEFAULT_BATCH_SIZE)) {
        await this.flush();
        this.reportProgress(input, this.bytesRead - fileStart);
      }
    }
    await this.flush();
    this.reportProgress(input, this.bytesRead - fileStart);
  }

  private reject(file: string, line: number, reason: string): void {
    this.rejectedCount++;
    if (this.rejected.length < MAX_REPORTED_REJECTIONS) this.rejected.push({ file, line, reason });
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const result = await this.options.writer.write(this.batch);
    this.stored += result.stored;
    this.duplicates += result.duplicates;
    this.batch = [];
  }

  private reportProgress(input: IngestInput, fileBytes: number): void {
    this.options.onProgress?.({
      file: input.name,
      bytesRead: Math.min(fileBytes, input.totalBytes),
      totalBytes: input.totalBytes,
      linesRead: this.linesRead,
      stored: this.stored,
    });
  }
}

export const ingestNdjson = (inputs: readonly IngestInput[], options: IngestOptions): Promise<IngestSummary> =>
  new IngestRun(options).ingest(inputs);
