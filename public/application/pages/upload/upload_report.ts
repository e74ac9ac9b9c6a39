/**
 * The report of one upload run over several files: the counts added up, the rejected lines of
 * every file in order, and the same lines as a CSV or NDJSON download.
 */
import type { EventUploadSummary, RejectedEventLine } from '../../../../common/api/event_upload';
import { toCsv } from '../../components/csv';

export interface UploadReport {
  readonly files: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly rejectedCount: number;
  /** The rejected lines the server listed (it lists at most 1,000 per file). */
  readonly rejected: readonly RejectedEventLine[];
}

export const uploadReport = (summaries: readonly EventUploadSummary[]): UploadReport => ({
  files: summaries.length,
  stored: summaries.reduce((sum, summary) => sum + summary.stored, 0),
  duplicates: summaries.reduce((sum, summary) => sum + summary.duplicates, 0),
  rejectedCount: summaries.reduce((sum, summary) => sum + summary.rejectedCount, 0),
  rejected: summaries.flatMap((summary) => summary.rejected),
});

export const REPORT_CSV_HEADER = ['file', 'line', 'reason'] as const;

export const rejectedLinesCsv = (report: UploadReport): string =>
  toCsv(
    REPORT_CSV_HEADER,
    report.rejected.map((rejected) => [rejected.file, rejected.line, rejected.reason])
  );

export const rejectedLinesNdjson = (report: UploadReport): string =>
  report.rejected
    .map(({ file, line, reason }) => `${JSON.stringify({ file, line, reason })}\n`)
    .join('');
