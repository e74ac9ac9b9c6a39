/**
 * The part of an ingest every store shares: read an input's lines, count them, prepare each one
 * under the line guard, hand bad lines (undecodable, invalid, refused by the preparer, or a step
 * that threw) to the caller with their line number and a bounded reason, and yield the good
 * events in file order. Stores differ only in how they write.
 */
import type { GuardedPreparer } from './line_guard';
import { readNdjsonLines } from './ndjson_lines';
import type { PreparedEvent } from './prepare_event';
import { boundedReason } from './reasons';
import type { IngestInput, IngestProgress, IngestSummary, RejectedLine } from './ingest_ndjson';

/** Running counts of one ingest, across its inputs. */
export interface IngestTally {
  linesRead: number;
  blankLines: number;
  stored: number;
  duplicates: number;
  rejectedCount: number;
  bytesRead: number;
}

export const newTally = (): IngestTally => ({
  linesRead: 0,
  blankLines: 0,
  stored: 0,
  duplicates: 0,
  rejectedCount: 0,
  bytesRead: 0,
});

export interface PreparedLine {
  readonly lineNumber: number;
  readonly event: PreparedEvent;
}

export async function* preparedLines(
  input: IngestInput,
  preparer: GuardedPreparer,
  tally: IngestTally,
  reject: (lineNumber: number, reason: string) => void
): AsyncGenerator<PreparedLine> {
  for await (const line of readNdjsonLines(input.chunks)) {
    tally.bytesRead += line.bytes;
    if ('error' in line) {
      tally.linesRead++;
      reject(line.lineNumber, boundedReason(line.error));
      continue;
    }
    if (line.text.trim().length === 0) {
      tally.blankLines++;
      continue;
    }
    tally.linesRead++;
    const result = preparer.prepare(line.text, input.name, line.lineNumber);
    if (result.ok) yield { lineNumber: line.lineNumber, event: result.event };
    else reject(line.lineNumber, boundedReason(result.reason));
  }
}

export const ingestSummary = (
  inputs: readonly IngestInput[],
  tally: IngestTally,
  rejected: readonly RejectedLine[],
  began: number
): IngestSummary => ({
  files: inputs.map((input) => input.name),
  linesRead: tally.linesRead,
  blankLines: tally.blankLines,
  stored: tally.stored,
  duplicates: tally.duplicates,
  rejectedCount: tally.rejectedCount,
  rejected,
  bytesRead: tally.bytesRead,
  durationMs: Date.now() - began,
});

/** Where an ingest stands in one input (`fileBytes` read of it so far). */
export const ingestProgress = (
  input: IngestInput,
  fileBytes: number,
  tally: IngestTally
): IngestProgress => ({
  file: input.name,
  bytesRead: Math.min(fileBytes, input.totalBytes),
  totalBytes: input.totalBytes,
  linesRead: tally.linesRead,
  stored: tally.stored,
});
