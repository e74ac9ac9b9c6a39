/**
 * A real HTTP proxy in front of the test Elasticsearch that misbehaves on request: the stores talk
 * to it through the ordinary client, so retries, timeouts and error handling are exercised exactly
 * as against a failing cluster (no mocks). Each fault names the requests it hits (method, path and
 * body patterns, skipping the first `skip` matches, then `times` of them) and what happens to them:
 * an Elasticsearch-style 429/503, a delay past the client's timeout, a reset connection (before
 * forwarding, or after Elasticsearch has applied the request), a search answer rewritten to report
 * failed shards, bulk items rejected with 429 as a full write queue does (those items are not
 * forwarded), or the proxy stopping altogether (the port then refuses connections).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FaultMatcher {
  readonly method?: RegExp;
  /** Tested against the path with its query string. */
  readonly path?: RegExp;
  readonly body?: RegExp;
  /** Matching requests let through before the fault starts. */
  readonly skip?: number;
  /** Matching requests the fault hits after the skipped ones; unlimited when absent. */
  readonly times?: number;
}

export type FaultAction =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly retryAfterSeconds?: number;
      readonly errorType?: string;
      readonly reason?: string;
    }
  | { readonly kind: 'delay'; readonly ms: number }
  /** Destroys the connection before Elasticsearch sees the request. */
  | { readonly kind: 'reset' }
  /** Forwards the request, waits for Elasticsearch's answer, then destroys the connection instead. */
  | { readonly kind: 'reset-after-forward' }
  /** Forwards, then reports `failed` more shards (failed) in `_shards`, keeping hits and aggregations. */
  | { readonly kind: 'shard-failure'; readonly failed?: number; readonly reason?: string }
  /** Withholds the last `count` operations of a bulk and answers them as rejected with 429. */
  | { readonly kind: 'reject-bulk-items'; readonly count: number }
  /** Destroys the connection and stops the proxy: Elasticsearch has become unreachable. */
  | { readonly kind: 'stop' };

export interface Fault {
  readonly match: FaultMatcher;
  readonly action: FaultAction;
}

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly at: number;
  /** The fault applied, if any. */
  readonly fault?: FaultAction['kind'];
}

const LOCALHOST = '127.0.0.1';
const DEFAULT_SHARD_FAILURE_REASON = 'node_not_connected_exception';

const STATUS_ERRORS: Readonly<Record<number, { readonly type: string; readonly reason: string }>> =
  {
    429: {
      type: 'es_rejected_execution_exception',
      reason: 'rejected execution of coordinating operation [search] (queue capacity 1000)',
    },
    503: { type: 'no_shard_available_action_exception', reason: 'No shard available for [search]' },
  };

/** Elasticsearch's error body for `status`. */
export const esErrorBody = (status: number, type?: string, reason?: string): string => {
  const known = STATUS_ERRORS[status] ?? { type: 'exception', reason: `injected ${status}` };
  const error = { type: type ?? known.type, reason: reason ?? known.reason };
  return JSON.stringify({ error: { root_cause: [error], ...error }, status });
};

const matches = (matcher: FaultMatcher, method: string, path: string, body: string): boolean =>
  (matcher.method?.test(method) ?? true) &&
  (matcher.path?.test(path) ?? true) &&
  (matcher.body?.test(body) ?? true);

const readBody = (request: http.IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

interface Upstream {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first index named in a search path (`/a,b/_search`), for the injected failure. */
const indexOfPath = (path: string): string =>
  decodeURIComponent(path.split('?')[0]?.split('/')[1] ?? '').split(',')[0] ?? '';

/** `body` with `failed` extra shards reported failed; hits and aggregations untouched. */
export const withShardFailures = (
  body: Buffer,
  path: string,
  failed: number,
  reason: string
): Buffer => {
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  if (!isObject(parsed) || !isObject(parsed._shards)) return body;
  const total = typeof parsed._shards.total === 'number' ? parsed._shards.total : 0;
  const failures = Array.from({ length: failed }, (_, i) => ({
    shard: total + i,
    index: indexOfPath(path),
    node: 'fault-proxy-node',
    reason: { type: reason, reason: `[fault-proxy-node] injected shard failure` },
  }));
  parsed._shards = { ...parsed._shards, total: total + failed, failed, failures };
  return Buffer.from(JSON.stringify(parsed));
};

/** A bulk body as (action, source) pairs: every operation our stores send carries a source line. */
const bulkOperations = (body: Buffer): Array<readonly [string, string]> => {
  const lines = body
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '');
  return Array.from(
    { length: Math.floor(lines.length / 2) },
    (_, i) => [lines[2 * i] ?? '', lines[2 * i + 1] ?? ''] as const
  );
};

const rejectedItem = (action: string): Record<string, unknown> => {
  const parsed: unknown = JSON.parse(action);
  const [op = 'create', target = {}] = isObject(parsed) ? (Object.entries(parsed)[0] ?? []) : [];
  const meta = isObject(target) ? target : {};
  const error = JSON.parse(
    esErrorBody(
      429,
      'es_rejected_execution_exception',
      'rejected execution of primary operation (queue capacity 200)'
    )
  ) as { error: unknown };
  return { [op]: { _index: meta._index, _id: meta._id, status: 429, error: error.error } };
};

/** Elasticsearch's answer to the forwarded part, with the withheld operations answered 429. */
const withRejectedItems = (
  upstream: Buffer,
  withheld: ReadonlyArray<readonly [string, string]>
): Buffer => {
  const parsed: unknown = JSON.parse(upstream.toString('utf8'));
  if (!isObject(parsed) || !Array.isArray(parsed.items)) return upstream;
  const items: readonly unknown[] = parsed.items;
  return Buffer.from(
    JSON.stringify({
      ...parsed,
      errors: true,
      items: [...items, ...withheld.map(([action]) => rejectedItem(action))],
    })
  );
};

export class FaultProxy {
  private readonly faults: Array<{ readonly fault: Fault; seen: number }> = [];
  private readonly log: ProxiedRequest[] = [];
  private readonly sockets = new Set<Socket>();
  private server: http.Server | undefined;
  private listeningPort = 0;

  private constructor(private readonly target: URL) {}

  /** A proxy to `targetUrl` on an ephemeral port of 127.0.0.1. */
  static async start(targetUrl: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(new URL(targetUrl));
    await proxy.listen(0);
    return proxy;
  }

  get port(): number {
    return this.listeningPort;
  }

  get url(): string {
    return `http://${LOCALHOST}:${this.listeningPort}`;
  }

  get requests(): readonly ProxiedRequest[] {
    return this.log;
  }

  /** Logged requests that `matcher`'s method/path/body patterns select (skip/times ignored). */
  requestsMatching(matcher: FaultMatcher): ProxiedRequest[] {
    return this.log.filter((request) =>
      matches(matcher, request.method, request.path, request.body)
    );
  }

  inject(...faults: Fault[]): void {
    for (const fault of faults) this.faults.push({ fault, seen: 0 });
  }

  /** Removes every fault and forgets the request log. */
  reset(): void {
    this.faults.length = 0;
    this.log.length = 0;
  }

  /** Stops listening and drops every open connection; the port then refuses connections. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port (Elasticsearch is back). */
  async restart(): Promise<void> {
    if (this.server === undefined) await this.listen(this.listeningPort);
  }

  private listen(port: number): Promise<void> {
    const server = http.createServer((request, response) => void this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, LOCALHOST, () => {
        this.listeningPort = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** The fault for this request, counting it against every fault it matches. */
  private faultFor(method: string, path: string, body: string): FaultAction | undefined {
    let chosen: FaultAction | undefined;
    for (const entry of this.faults) {
      if (!matches(entry.fault.match, method, path, body)) continue;
      entry.seen++;
      const skip = entry.fault.match.skip ?? 0;
      const times = entry.fault.match.times ?? Number.POSITIVE_INFINITY;
      if (chosen === undefined && entry.seen > skip && entry.seen <= skip + times)
        chosen = entry.fault.action;
    }
    return chosen;
  }

  private async handle(
    request: http.IncomingMessage,
    response: http.ServerResponse
  ): Promise<void> {
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const body = await readBody(request);
    const fault = this.faultFor(method, path, body.toString('utf8'));
    this.log.push({
      method,
      path,
      body: body.toString('utf8'),
      at: Date.now(),
      ...(fault ? { fault: fault.kind } : {}),
    });
    try {
      await this.apply(fault, request, response, body);
    } catch {
      // Elasticsearch unreachable from the proxy, or the client gone: drop the connection.
      request.socket.destroy();
    }
  }

  private async apply(
    fault: FaultAction | undefined,
    request: http.IncomingMessage,
    response: http.ServerResponse,
    body: Buffer
  ): Promise<void> {
    const path = request.url ?? '/';
    switch (fault?.kind) {
      case 'status':
        return this.respond(response, {
          status: fault.status,
          headers: this.errorHeaders(fault.retryAfterSeconds),
          body: Buffer.from(esErrorBody(fault.status, fault.errorType, fault.reason)),
        });
      case 'reset':
        request.socket.destroy();
        return;
      case 'stop':
        request.socket.destroy();
        await this.stop();
        return;
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        // The client gave up meanwhile: nothing to answer.
        if (request.socket.destroyed) return;
        return this.respond(response, await this.forward(request, body));
      case 'reset-after-forward':
        await this.forward(request, body);
        request.socket.destroy();
        return;
      case 'reject-bulk-items': {
        const operations = bulkOperations(body);
        const kept = operations.slice(0, Math.max(operations.length - fault.count, 0));
        const withheld = operations.slice(kept.length);
        const upstream =
          kept.length === 0
            ? emptyBulkAnswer()
            : await this.forward(
                request,
                Buffer.from(kept.map((pair) => `${pair.join('\n')}\n`).join(''))
              );
        return this.respond(response, {
          ...upstream,
          body: withRejectedItems(upstream.body, withheld),
        });
      }
      case 'shard-failure': {
        const upstream = await this.forward(request, body);
        const rewritten = withShardFailures(
          upstream.body,
          path,
          fault.failed ?? 1,
          fault.reason ?? DEFAULT_SHARD_FAILURE_REASON
        );
        return this.respond(response, { ...upstream, body: rewritten });
      }
      default:
        return this.respond(response, await this.forward(request, body));
    }
  }

  private errorHeaders(retryAfterSeconds: number | undefined): http.IncomingHttpHeaders {
    return {
      'content-type': 'application/json; charset=UTF-8',
      'x-elastic-product': 'Elasticsearch',
      ...(retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) }),
    };
  }

  private respond(response: http.ServerResponse, upstream: Upstream): void {
    if (response.socket === null || response.socket.destroyed) return;
    const headers = { ...upstream.headers, 'content-length': String(upstream.body.length) };
    delete headers['transfer-encoding'];
    response.writeHead(upstream.status, headers);
    response.end(upstream.body);
  }

  private forward(request: http.IncomingMessage, body: Buffer): Promise<Upstream> {
    // Uncompressed answers, so a search answer can be rewritten.
    const {
      'accept-encoding': _encoding,
      host: _host,
      'transfer-encoding': _chunked,
      ...headers
    } = request.headers;
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        {
          protocol: this.target.protocol,
          hostname: this.target.hostname,
          port: this.target.port,
          method: request.method,
          path: request.url,
          headers: { ...headers, host: this.target.host, 'content-length': String(body.length) },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () =>
            resolve({
              status: answer.statusCode ?? 502,
              headers: answer.headers,
              body: Buffer.concat(chunks),
            })
          );
          answer.on('error', reject);
        }
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}

const emptyBulkAnswer = (): Upstream => ({
  status: 200,
  headers: { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' },
  body: Buffer.from(JSON.stringify({ errors: false, took: 0, items: [] })),
});

/** A URL nothing listens on: a port just bound and released. */
export const closedPortUrl = async (): Promise<string> => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, LOCALHOST, () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://${LOCALHOST}:${port}`;
};
