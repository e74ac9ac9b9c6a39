/**
 * Kibana's response factory and how Kibana turns a handler's response into HTTP: an error
 * status becomes the Boom payload `{ statusCode, error, message[, attributes] }`, a response not
 * made by the factory or a handler that throws becomes Kibana's generic 500.
 * Kibana (9.x): src/core/packages/http/router-server-internal/src/response.ts (factory, defaults),
 * response_adapter.ts (HapiResponseAdapter.toError / toInternalError), router.ts (handle).
 */
import { STATUS_CODES } from 'http';
import type {
  CustomHttpResponseOptions,
  ErrorHttpResponseOptions,
  HttpResponseOptions,
  HttpResponsePayload,
  IKibanaResponse,
  KibanaResponseFactory,
  ResponseError,
} from '@kbn/core/server';

export interface HttpResult {
  readonly status: number;
  readonly body: unknown;
}

/** Kibana: HapiResponseAdapter.toInternalError. */
export const INTERNAL_ERROR_MESSAGE =
  'An internal server error occurred. Check Kibana server logs for details.';

const MIN_ERROR_STATUS = 400;
const MAX_STATUS = 600;

/** Kibana's response class: the adapter refuses anything else a handler returns. */
export class KibanaResponse implements IKibanaResponse {
  constructor(
    readonly status: number,
    readonly payload?: HttpResponsePayload | ResponseError,
    readonly options: HttpResponseOptions = {}
  ) {}
}

const errorResponse =
  (status: number, fallback: string) =>
  (options: ErrorHttpResponseOptions = {}) =>
    new KibanaResponse(status, options.body || fallback, options);

export const kibanaResponseFactory: KibanaResponseFactory = {
  ok: (options: HttpResponseOptions = {}) => new KibanaResponse(200, options.body, options),
  badRequest: errorResponse(400, 'Bad Request'),
  forbidden: errorResponse(403, 'Forbidden'),
  notFound: errorResponse(404, 'Not Found'),
  conflict: errorResponse(409, 'Conflict'),
  customError: (options: CustomHttpResponseOptions<ResponseError>) => {
    if (!options || !options.statusCode) {
      throw new Error(
        `options.statusCode is expected to be set. given options: ${options && options.statusCode}`
      );
    }
    if (options.statusCode < MIN_ERROR_STATUS || options.statusCode >= MAX_STATUS) {
      throw new Error(
        `Unexpected Http status code. Expected from 400 to 599, but given: ${options.statusCode}`
      );
    }
    return new KibanaResponse(options.statusCode, options.body, options);
  },
} as KibanaResponseFactory;

/** Boom's payload for an error status (reason phrase from Node, as Boom takes it). */
export const boomPayload = (statusCode: number, message: string, attributes?: unknown) => ({
  statusCode,
  error: STATUS_CODES[statusCode] ?? 'Unknown',
  message,
  ...(attributes === undefined ? {} : { attributes }),
});

export const internalError = (): HttpResult => ({
  status: 500,
  body: boomPayload(500, INTERNAL_ERROR_MESSAGE),
});

/** Kibana: getErrorMessage — a string, an Error's message, or `{ message }` (recursively). */
const errorMessageOf = (payload: unknown): string => {
  if (payload === undefined || payload === null || payload === '')
    throw new Error('expected error message to be provided');
  if (typeof payload === 'string') return payload;
  if (payload instanceof Error) return payload.message;
  return errorMessageOf((payload as { message?: unknown }).message);
};

const attributesOf = (payload: unknown): unknown =>
  typeof payload === 'object' && payload !== null && 'attributes' in payload
    ? payload.attributes
    : undefined;

/** The HTTP response Kibana sends for a handler's result (a 500 where Kibana's adapter would throw). */
export const toHttpResult = (response: unknown): HttpResult => {
  if (!(response instanceof KibanaResponse)) return internalError();
  if (response.status >= MIN_ERROR_STATUS && response.status < MAX_STATUS) {
    try {
      return {
        status: response.status,
        body: boomPayload(
          response.status,
          errorMessageOf(response.payload),
          attributesOf(response.payload)
        ),
      };
    } catch {
      return internalError();
    }
  }
  return { status: response.status, body: response.payload };
};
