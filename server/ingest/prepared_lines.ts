/**
 * The part of an ingest every store shares: read an input's lines, count them, prepare each one
 * under the line guard, hand bad lines (undecodable, invalid, refused by the preparer, or a step
 * that threw) to the caller with their line number and a bounded reason, and yield the good
 * events in file order. Stores differ only in how they write.
 */
import type { GuardedPreparer } from './line_guard';
import { readNdjsonLines, type NdjsonLine } from './ndjson_lines';
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

/** What became of one line read: its event, the reason it was refused, or nothing (a blank line). */
export type LineOutcome =
  | { readonly event: PreparedEvent }
  | { readonly reason: string }
  | undefined;

/**
 * One line read, counted into `tally` and prepared under the line guard: the step every ingest
 * takes for each line, on this thread or in a preparation worker.
 */
export const prepareReadLine = (
  line: NdjsonLine,
  preparer: GuardedPreparer,
  file: string,
  tally: IngestTally
): LineOutcome => {
  tally.bytesRead += line.bytes;
  if ('error' in line) {
    tally.linesRead++;
    return { reason: boundedReason(line.error) };
  }
  if (line.text.trim().length === 0) {
    tally.blankLines++;
    return undefined;
  }
  tally.linesRead++;
  const result = preparer.prepare(line.text, file, line.lineNumber);
  return result.ok ? { event: result.event } : { reason: boundedReason(result.reason) };
};

export async function* preparedLines(
  input: IngestInput,
  preparer: GuardedPreparer,
  tally: IngestTally,
  reject: (lineNumber: number, reason: string) => void
): AsyncGenerator<PreparedLine> {
  for await (const line of readNdjsonLines(input.chunks)) {
    const outcome = prepareReadLine(line, preparer, input.name, tally);
    if (outcome === undefined) continue;
    if ('event' in outcome) yield { lineNumber: line.lineNumber, event: outcome.event };
    else reject(line.lineNumber, outcome.reason);
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
