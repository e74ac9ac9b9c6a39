/**
 * The soak's HTTP side: one keep-alive agent shared by every client (as a browser or an API
 * client reuses connections), each request timed and filed under its route class, and every
 * failure counted: a status other than 2xx, a socket error, a timeout or a body that is not JSON.
 */
import http from 'http';
import type { LoadRecorder } from './load_recorder';
import { errorMessage } from '../../common/error_message';

export const ROUTE_CLASSES = [
  'search',
  'histogram',
  'detail',
  'rules',
  'triage',
  'upload',
] as const;
export type RouteClass = (typeof ROUTE_CLASSES)[number];

/** Generous: a request waits behind every queued one (the embedded store serves one at a time) on a loaded machine. */
const REQUEST_TIMEOUT_MS = 120_000;
const ERROR_BODY_CHARS = 300;

export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** A JSON body (sent as application/json) or NDJSON text (sent as application/x-ndjson). */
  readonly json?: unknown;
  readonly ndjson?: string;
}

interface RawAnswer {
  readonly status: number;
  readonly text: string;
}

const bodyOf = (
  request: LoadRequest
): { readonly payload?: string; readonly headers: Record<string, string> } => {
  // Kibana's CSRF guard: every POST carries kbn-xsrf, as the UI does.
  if (request.ndjson !== undefined)
    return {
      payload: request.ndjson,
      headers: { 'content-type': 'application/x-ndjson', 'kbn-xsrf': 'true' },
    };
  if (request.json !== undefined)
    return {
      payload: JSON.stringify(request.json),
      headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true' },
    };
  return { headers: request.method === 'POST' ? { 'kbn-xsrf': 'true' } : {} };
};

export class LoadHttpClient {
  private readonly base: URL;

  constructor(
    baseUrl: string,
    private readonly agent: http.Agent,
    private readonly recorder: LoadRecorder
  ) {
    this.base = new URL(baseUrl);
  }

  /** The parsed JSON answer, or undefined after recording why the request failed. */
  async request<T>(routeClass: RouteClass, request: LoadRequest): Promise<T | undefined> {
    const started = performance.now();
    try {
      const answer = await this.send(request);
      this.recorder.record(routeClass, performance.now() - started);
      if (answer.status < 200 || answer.status >= 300) {
        this.recorder.fail(
          routeClass,
          `${request.method} ${request.path} → ${answer.status}: ${answer.text.slice(0, ERROR_BODY_CHARS)}`
        );
        return undefined;
      }
      return JSON.parse(answer.text) as T;
    } catch (error) {
      this.recorder.fail(routeClass, `${request.method} ${request.path} → ${errorMessage(error)}`);
      return undefined;
    }
  }

  private send(request: LoadRequest): Promise<RawAnswer> {
    const { payload, headers } = bodyOf(request);
    return new Promise<RawAnswer>((resolve, reject) => {
      const outgoing = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path: request.path,
          method: request.method,
          agent: this.agent,
          headers:
            payload === undefined
              ? headers
              : { ...headers, 'content-length': Buffer.byteLength(payload) },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (response) => {
          const parts: Buffer[] = [];
          response.on('data', (chunk: Buffer) => parts.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(parts).toString('utf8'),
            })
          );
          response.on('error', reject);
        }
      );
      outgoing.on('timeout', () =>
        outgoing.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`))
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }
}
