/**
 * Core's browser `http` service as plugins see it (`core.http.fetch/get/post/…`), doing what
 * Kibana's does (Kibana: src/core/packages/http/browser-internal/src/fetch.ts, `Fetch`):
 * - refuses `kbn-*` and `x-elastic-internal-*` headers from callers (core owns them);
 * - prepends the base path, serialises `query` as Node's `url.format` does (arrays repeat the key);
 * - sends `Content-Type: application/json` unless the caller overrides it, and always `kbn-version`,
 *   `kbn-build-number`, `x-elastic-internal-origin: Kibana` (and `elastic-api-version` when a
 *   `version` is given), `credentials: 'same-origin'`;
 * - parses the body by content type (JSON, else text that is JSON if it parses);
 * - rejects a non-2xx answer with an HttpFetchError carrying the request, the response and the
 *   parsed body (Kibana: src/core/packages/http/browser-internal/src/http_fetch_error.ts).
 * Interceptors, execution-context headers and `asResponse` are not played.
 */
import type { HttpFetchOptions, HttpFetchQuery, HttpHandler, HttpSetup } from '@kbn/core/public';
import type { BasePath } from './base_path';

/** Kibana: src/core/packages/http/common (KIBANA_BUILD_NR_HEADER, ELASTIC_HTTP_VERSION_HEADER, X_ELASTIC_INTERNAL_ORIGIN_REQUEST). */
export const KIBANA_BUILD_NR_HEADER = 'kbn-build-number';
export const ELASTIC_HTTP_VERSION_HEADER = 'elastic-api-version';
export const X_ELASTIC_INTERNAL_ORIGIN_REQUEST = 'x-elastic-internal-origin';

/** fetch.ts JSON_CONTENT. */
const JSON_CONTENT = /^(application\/(json|x-javascript)|text\/(x-)?javascript|x-json)(;.*)?$/;

export class HttpFetchError extends Error {
  constructor(
    message: string,
    override readonly name: string,
    readonly request: Request,
    readonly response?: Response,
    readonly body?: unknown
  ) {
    super(message);
  }
}

export interface HttpFetchDeps {
  readonly basePath: BasePath;
  readonly kibanaVersion: string;
  readonly buildNumber: number;
  /** The page's `window.fetch`. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** Resolves the relative URL outside a page (tests); in the page, `Request` resolves it against the document. */
  readonly baseUrl?: string;
}

export interface HarnessHttp extends HttpSetup {
  readonly basePath: BasePath;
  head: HttpHandler;
  options: HttpHandler;
}

/** fetch.ts validateFetchArguments: core alone sets these headers. */
const checkCallerHeaders = (headers: Readonly<Record<string, string>>): void => {
  const names = Object.keys(headers);
  const kbnHeaders = names.filter((name) => name.startsWith('kbn-'));
  if (kbnHeaders.length > 0)
    throw new Error(
      `Invalid fetch headers, headers beginning with "kbn-" are not allowed: [${kbnHeaders.join(',')}]`
    );
  const internalOrigin = names.filter((name) => name.includes(X_ELASTIC_INTERNAL_ORIGIN_REQUEST));
  if (internalOrigin.length > 0) {
    throw new Error(
      `Invalid fetch headers, headers beginning with "x-elastic-internal-" are not allowed: [${internalOrigin.join(',')}]`
    );
  }
};

/** Node's querystring.stringify value rules: strings, finite numbers and booleans; anything else is empty. */
const queryValue = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  return '';
};

/** `url.format({ pathname, query })` with undefined query values removed (fetch.ts `removedUndefined`). */
export const formatUrl = (pathname: string, query: HttpFetchQuery | undefined): string => {
  const pairs = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined)
    .flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map(
        (item) => `${encodeURIComponent(key)}=${encodeURIComponent(queryValue(item))}`
      )
    );
  const path = pathname.replace(/[?#]/g, encodeURIComponent);
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
};

const withoutUndefined = (headers: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined)
  );

const parseBody = async (response: Response): Promise<unknown> => {
  const contentType = response.headers.get('Content-Type') ?? '';
  if (JSON_CONTENT.test(contentType)) return response.json();
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export const createHttp = (deps: HttpFetchDeps): HarnessHttp => {
  const createRequest = (path: string, options: HttpFetchOptions): Request => {
    const callerHeaders = options.headers ?? {};
    checkCallerHeaders(callerHeaders);
    const headers = withoutUndefined({
      'Content-Type': 'application/json',
      ...callerHeaders,
      'kbn-version': deps.kibanaVersion,
      [KIBANA_BUILD_NR_HEADER]: String(deps.buildNumber),
      [ELASTIC_HTTP_VERSION_HEADER]: options.version,
      [X_ELASTIC_INTERNAL_ORIGIN_REQUEST]: 'Kibana',
      ...(options.asSystemRequest ? { 'kbn-system-request': 'true' } : {}),
    });
    const pathname = options.prependBasePath === false ? path : deps.basePath.prepend(path);
    const relative = formatUrl(pathname, options.query);
    const url = deps.baseUrl === undefined ? relative : new URL(relative, deps.baseUrl).toString();
    return new Request(url, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: options.body ?? null,
      signal: options.signal ?? null,
    });
  };

  const fetch = async <TResponseBody>(
    path: string,
    options: HttpFetchOptions = {}
  ): Promise<TResponseBody> => {
    const request = createRequest(path, options);
    let response: Response;
    try {
      response = await deps.fetch(request);
    } catch (error) {
      const cause = error instanceof Error ? error : new Error(String(error));
      throw new HttpFetchError(
        cause.message || 'Network request failed',
        cause.name || 'Error',
        request
      );
    }
    const body = await parseBody(response);
    if (!response.ok)
      throw new HttpFetchError(response.statusText, 'Error', request, response, body);
    return body as TResponseBody;
  };

  const shorthand =
    (method: string): HttpHandler =>
    <T>(path: string, options?: HttpFetchOptions) =>
      fetch<T>(path, { ...options, method });

  return {
    basePath: deps.basePath,
    fetch,
    get: shorthand('GET'),
    post: shorthand('POST'),
    put: shorthand('PUT'),
    patch: shorthand('PATCH'),
    delete: shorthand('DELETE'),
    head: shorthand('HEAD'),
    options: shorthand('options'),
  };
};
