/**
 * The HttpTransport inside Kibana: core's `http.fetch`, which prepends the base path (and space),
 * adds the `kbn-xsrf` and version headers and parses JSON. Its failures (an `HttpFetchError` with
 * the response and the parsed error body `{ statusCode, error, message }`) become ApiErrors.
 */
import type { HttpStart } from '@kbn/core/public';
import type { HttpTransport } from './api_client';
import { ApiError, errorDetailsOf } from './api_error';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Status and message of whatever `http.fetch` rejected with. */
export const toApiError = (error: unknown): ApiError => {
  if (error instanceof ApiError) return error;
  if (!isRecord(error)) return new ApiError(0, String(error));
  const body = isRecord(error.body) ? error.body : undefined;
  const response = isRecord(error.response) ? error.response : undefined;
  const status =
    typeof response?.status === 'number'
      ? response.status
      : typeof body?.statusCode === 'number'
        ? body.statusCode
        : 0;
  const message =
    typeof body?.message === 'string'
      ? body.message
      : typeof error.message === 'string'
        ? error.message
        : 'Request failed';
  // Our routes' `{ message, errors }` travels in Kibana's error body as `attributes.details`.
  const details = isRecord(body?.attributes) ? body.attributes.details : undefined;
  return new ApiError(status, message, errorDetailsOf(details));
};

export const kibanaTransport =
  (http: Pick<HttpStart, 'fetch'>): HttpTransport =>
  async (request) => {
    try {
      return await http.fetch<unknown>(request.path, {
        method: request.method,
        ...(request.query ? { query: { ...request.query } } : {}),
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
    } catch (error) {
      throw toApiError(error);
    }
  };
