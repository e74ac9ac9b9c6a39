/**
 * Request bodies with a size limit, so one request cannot exhaust the server's memory or disk: a
 * declared `Content-Length` over the limit is refused before a byte is read, and a chunked body is
 * counted as it streams and cut off at the limit.
 */
import type http from 'http';
import { errorMessage } from '../../common/error_message';

/** JSON API bodies are small (ids, filters); 1 MiB leaves room for thousands of alert ids. */
export const DEFAULT_MAX_JSON_BODY_BYTES = 1024 * 1024;
/**
 * NDJSON uploads: ~170,000 Defend events, about a minute of ingest at the 8–16 MB/s measured
 * (BENCHMARKS.md); `ctd ingest` takes bigger files.
 */
export const DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const MEBIBYTE = 1024 * 1024;
const PAYLOAD_TOO_LARGE = 413;
const BAD_REQUEST = 400;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

export const describeBytes = (bytes: number): string =>
  bytes >= MEBIBYTE && bytes % MEBIBYTE === 0 ? `${bytes / MEBIBYTE} MiB` : `${bytes} bytes`;

const declaredLength = (request: http.IncomingMessage): number | undefined => {
  const header = request.headers['content-length'];
  if (header === undefined) return undefined;
  const length = Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
};

/** Throws 413 when the request announces a body over `limit`. */
export const refuseDeclaredOversize = (
  request: http.IncomingMessage,
  limit: number,
  what: string
): void => {
  const length = declaredLength(request);
  if (length !== undefined && length > limit) {
    throw new HttpError(
      PAYLOAD_TOO_LARGE,
      `${what} is ${length} bytes, over the ${describeBytes(limit)} limit.`
    );
  }
};

/** The body's chunks, throwing 413 (`message`) once more than `limit` bytes have arrived. */
export async function* limitedChunks(
  source: AsyncIterable<Buffer>,
  limit: number,
  message: () => string
): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > limit) throw new HttpError(PAYLOAD_TOO_LARGE, message());
    yield chunk;
  }
}

/** The parsed JSON body, undefined when empty; 413 over `limit`, 400 when not JSON. */
export const readJsonBody = async (
  request: http.IncomingMessage,
  limit: number
): Promise<unknown> => {
  const tooLarge = (): string =>
    `Request body is over the ${describeBytes(limit)} limit for API requests.`;
  refuseDeclaredOversize(request, limit, 'Request body');
  const chunks: Buffer[] = [];
  for await (const chunk of limitedChunks(request, limit, tooLarge)) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim().length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(BAD_REQUEST, `request body is not JSON: ${errorMessage(error)}`);
  }
};
