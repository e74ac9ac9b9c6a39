/**
 * How the app sends NDJSON events to its host, when the host takes them: the standalone server's
 * upload endpoint. Inside Kibana there is none (events arrive from Elastic Defend through Fleet),
 * so the host passes no uploader and the app offers no upload.
 */
import type { EventUploadSummary } from '../../common/api/event_upload';

export interface UploadProgress {
  /** Bytes of the file sent so far. */
  readonly sent: number;
  readonly total: number;
}

export interface UploadRequest {
  readonly file: Blob;
  /** The file's name: the server reports rejected lines under it. */
  readonly name: string;
  readonly onProgress: (progress: UploadProgress) => void;
  readonly signal: AbortSignal;
}

/**
 * Sends one file; resolves to the server's summary, rejects with an ApiError (status 0 when the
 * server could not be reached) or an UploadCancelledError once `signal` aborts.
 */
export type EventUploader = (request: UploadRequest) => Promise<EventUploadSummary>;

export class UploadCancelledError extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'UploadCancelledError';
  }
}
