/**
 * The standalone server's NDJSON upload (`POST …/events/_upload`), shared by the server and the
 * browser's upload page so the two cannot drift. Browser-safe: constants and types only.
 */
import { API_BASE_PATH } from './api_types';

export const EVENT_UPLOAD_PATH = `${API_BASE_PATH}/events/_upload`;
/** The query parameter naming the uploaded file; rejected lines are reported under it. */
export const UPLOAD_NAME_PARAM = 'name';

export interface RejectedEventLine {
  readonly file: string;
  /** 1-based line number in the uploaded file. */
  readonly line: number;
  readonly reason: string;
}

/** What an upload answers with status 200, whatever was rejected. */
export interface EventUploadSummary {
  readonly files: readonly string[];
  readonly linesRead: number;
  readonly blankLines: number;
  readonly stored: number;
  /** Events already in the store (same event id), skipped. */
  readonly duplicates: number;
  readonly rejectedCount: number;
  /** The first rejections (the server keeps at most 1,000 per upload), in file order. */
  readonly rejected: readonly RejectedEventLine[];
  readonly bytesRead: number;
  readonly durationMs: number;
}
