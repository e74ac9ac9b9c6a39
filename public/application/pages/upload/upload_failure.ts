/**
 * What the page says when a file's upload fails, by cause: over the server's size limit (and how
 * to raise it), the store refusing the write (the server's message says what was kept), the
 * network, or a cancel. Text only: the page renders it as text, never as HTML.
 */
import { ApiError } from '../../api_error';
import { errorMessage } from '../../components/page_state';
import { UploadCancelledError } from '../../event_uploader';

const PAYLOAD_TOO_LARGE = 413;
const SERVICE_UNAVAILABLE = 503;
const NO_ANSWER = 0;

export interface UploadFailure {
  readonly title: string;
  readonly body: string;
}

const RESEND_HINT = 'Uploading the file again skips the events already stored as duplicates.';

export const RAISE_LIMIT_HINT =
  'The limit is set when the server starts: `npm start -- --max-upload-mb <MiB>` or the CTD_MAX_UPLOAD_MB environment variable (512 MiB by default). Or split the file, or load it with `ctd ingest` while the server is stopped.';

export const describeUploadFailure = (fileName: string, error: Error): UploadFailure => {
  if (error instanceof UploadCancelledError)
    return {
      title: `Cancelled the upload of "${fileName}"`,
      body: `Events the server read before the cancel may be stored. ${RESEND_HINT}`,
    };
  if (!(error instanceof ApiError))
    return { title: `Could not upload "${fileName}"`, body: error.message };
  switch (error.status) {
    case PAYLOAD_TOO_LARGE:
      return {
        title: `"${fileName}" is over the server's upload limit`,
        body: `${error.message} ${RAISE_LIMIT_HINT}`,
      };
    case SERVICE_UNAVAILABLE:
      return {
        title: `The store could not take the events of "${fileName}"`,
        body: `${error.message} ${RESEND_HINT}`,
      };
    case NO_ANSWER:
      return {
        title: `"${fileName}" did not reach the server`,
        body: `${error.message} Check that the server is running and reachable, then upload again. ${RESEND_HINT}`,
      };
    default:
      return { title: `Could not upload "${fileName}"`, body: errorMessage(error) };
  }
};

/** A file over the size limit does not stop the others; anything else (store, network, cancel) does. */
export const stopsTheRest = (error: Error): boolean =>
  !(error instanceof ApiError && error.status === PAYLOAD_TOO_LARGE);
