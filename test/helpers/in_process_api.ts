/**
 * Test helper: the real HTTP API in process. An ApiClient whose transport runs the route
 * dispatcher (`dispatch(STANDALONE_API_ROUTES, …)`, the code the standalone server mounts) over a real
 * in-memory embedded DuckDB store. Requests and responses go through JSON, as over HTTP, and an
 * error status rejects with an ApiError carrying the server's message. No mocks.
 */
import './jsdom_node_globals'; // first: the server modules below need TextEncoder at load
import {
  ApiClient,
  type HttpRequest,
  type HttpTransport,
} from '../../public/application/api_client';
import { ApiError, errorDetailsOf } from '../../public/application/api_error';
import type { ApiResponse, ApiServices } from '../../server/routes/api_types';
import { dispatch } from '../../server/routes/dispatch';
import { STANDALONE_API_ROUTES } from '../../server/routes';
import { EmbeddedExceptionService } from '../../server/standalone/embedded_exception_service';
import { EmbeddedRuleService } from '../../server/standalone/embedded_rule_service';
import { DuckDbAlertQueries } from '../../server/stores/duckdb/alert_queries';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { DuckDbEventLookups } from '../../server/stores/duckdb/event_lookups';

export const IN_PROCESS_USER = 'test-analyst';
export const INTERNAL_ERROR_MESSAGE = 'Internal server error; see the server log';

export interface InProcessApi {
  readonly api: ApiClient;
  readonly transport: HttpTransport;
  readonly store: EmbeddedStore;
  readonly services: ApiServices;
  /** Every request the UI made, in order (for asserting what was called, e.g. rule ids). */
  readonly requests: readonly HttpRequest[];
  /**
   * Refuses new requests, waits for those in flight, then closes the store. (Closing DuckDB under
   * a running query crashes the process, and a page may still be loading when a test ends.)
   */
  close(): Promise<void>;
  /** Resolves once no request is in flight (wrap in `act` to flush the page's updates). */
  idle(): Promise<void>;
}

const viaJson = <T>(value: T): T =>
  value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);

const messageOf = (body: unknown, status: number): string =>
  typeof body === 'object' && body !== null && 'message' in body
    ? String(body.message)
    : `HTTP ${status}`;

export const transportFor =
  (services: ApiServices, requests: HttpRequest[] = []): HttpTransport =>
  async (request) => {
    requests.push(request);
    let response: ApiResponse;
    try {
      response = await dispatch(STANDALONE_API_ROUTES, services, {
        method: request.method,
        path: request.path,
        query: request.query ?? {},
        body: viaJson(request.body),
      });
    } catch {
      // A handler failure: the standalone server answers 500 without the internals.
      throw new ApiError(500, INTERNAL_ERROR_MESSAGE);
    }
    const body = viaJson(response.body);
    if (response.status >= 400)
      throw new ApiError(response.status, messageOf(body, response.status), errorDetailsOf(body));
    return body;
  };

export interface InProcessApiOptions {
  /** The rule service's clock (defaults to the real time). */
  readonly now?: () => Date;
}

export const inProcessApi = async (options: InProcessApiOptions = {}): Promise<InProcessApi> => {
  const store = await EmbeddedStore.open();
  const rules = new EmbeddedRuleService(store, options.now);
  const services: ApiServices = {
    rules,
    ruleEditing: rules,
    exceptions: new EmbeddedExceptionService(store),
    alerts: new DuckDbAlertQueries(store.database.connection),
    events: new DuckDbEventLookups(store.database.connection, store.catalog, store.fieldTypes),
    user: IN_PROCESS_USER,
  };
  const requests: HttpRequest[] = [];
  const dispatchTo = transportFor(services, requests);
  const inFlight = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;
  const transport: HttpTransport = async (request) => {
    if (closing) throw new ApiError(503, 'The in-process API is closed');
    const answer = dispatchTo(request);
    inFlight.add(answer);
    try {
      return await answer;
    } finally {
      inFlight.delete(answer);
    }
  };
  const idle = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  const close = (): Promise<void> => {
    closing ??= idle().then(() => store.close());
    return closing;
  };
  return { api: new ApiClient(transport), transport, store, services, requests, close, idle };
};

/** The real API for reads, and a server failing every write (POST) with `status` and `message`. */
export const failingWrites =
  (transport: HttpTransport, status: number, message: string): HttpTransport =>
  async (request) => {
    if (request.method === 'POST') throw new ApiError(status, message);
    return transport(request);
  };

/** A server that fails every request with the given status and message (no store involved). */
export const failingTransport =
  (status: number, message: string): HttpTransport =>
  async () => {
    throw new ApiError(status, message);
  };
