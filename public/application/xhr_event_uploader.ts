/**
 * The standalone UI's uploader: XMLHttpRequest, because `fetch` reports no upload progress. The
 * file goes as the request body (the browser streams it and sends its Content-Length, so the server
 * refuses an oversized file before reading it); the session cookie goes along, same origin.
 */
import {
  EVENT_UPLOAD_PATH,
  UPLOAD_NAME_PARAM,
  type EventUploadSummary,
} from '../../common/api/event_upload';
import { ApiError, errorDetailsOf } from './api_error';
import { UploadCancelledError, type EventUploader } from './event_uploader';

const HTTP_OK = 200;
/** Status 0: the request never got an answer (refused, reset, offline). */
export const NETWORK_FAILURE_STATUS = 0;
export const NETWORK_FAILURE_MESSAGE = 'The connection to the server failed before it answered.';

const parseBody = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // not our server's JSON (a proxy's error page): the status speaks for it
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The summary of a 200 answer; throws an ApiError with the server's message for any other. */
export const uploadAnswer = (
  status: number,
  statusText: string,
  text: string
): EventUploadSummary => {
  const body = parseBody(text);
  if (status === HTTP_OK && isRecord(body) && typeof body.stored === 'number')
    return body as unknown as EventUploadSummary;
  const message =
    isRecord(body) && typeof body.message === 'string'
      ? body.message
      : `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`;
  throw new ApiError(status, message, errorDetailsOf(body));
};

export const uploadUrl = (name: string): string =>
  `${EVENT_UPLOAD_PATH}?${new URLSearchParams({ [UPLOAD_NAME_PARAM]: name }).toString()}`;

export const xhrEventUploader =
  (createRequest: () => XMLHttpRequest = () => new XMLHttpRequest()): EventUploader =>
  ({ file, name, onProgress, signal }) =>
    new Promise<EventUploadSummary>((resolve, reject) => {
      if (signal.aborted) {
        reject(new UploadCancelledError());
        return;
      }
      const request = createRequest();
      const abort = () => request.abort();
      const settle = () => signal.removeEventListener('abort', abort);
      request.open('POST', uploadUrl(name));
      request.setRequestHeader('kbn-xsrf', 'true');
      request.setRequestHeader('content-type', 'application/x-ndjson');
      request.upload.addEventListener('progress', (event) =>
        onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : file.size })
      );
      request.addEventListener('load', () => {
        settle();
        try {
          resolve(uploadAnswer(request.status, request.statusText, request.responseText));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      request.addEventListener('error', () => {
        settle();
        reject(new ApiError(NETWORK_FAILURE_STATUS, NETWORK_FAILURE_MESSAGE));
      });
      request.addEventListener('abort', () => {
        settle();
        reject(new UploadCancelledError());
      });
      signal.addEventListener('abort', abort);
      request.send(file);
    });
