/**
 * The standalone server's HTTP side: the plugin's API routes (the same handlers Kibana mounts)
 * over the embedded store, an NDJSON upload endpoint, and the built UI. Every request passes, in
 * order: the loopback Host check (when bound to loopback), the API key or session (when one is
 * required; see access_control.ts), the `kbn-xsrf` header on state-changing methods (as in Kibana,
 * so another site open in the browser cannot drive the API), and a body size limit.
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import {
  EVENT_UPLOAD_PATH,
  UPLOAD_NAME_PARAM,
  type EventUploadSummary,
} from '../../common/api/event_upload';
import { STANDALONE_API_ROUTES } from '../routes';
import { API_BASE_PATH, type ApiServices } from '../routes/api_types';
import { dispatch } from '../routes/dispatch';
import { StoreWriteError } from '../stores/duckdb/store_write_error';
import type { EventIngest } from '../stores/store_contract';
import { WWW_AUTHENTICATE, type AccessControl } from './access_control';
import {
  LOGIN_PAGE,
  LOGIN_PATH,
  LOGIN_SCRIPT,
  LOGIN_SCRIPT_PATH,
  SESSION_PATH,
} from './login_page';
import {
  describeBytes,
  HttpError,
  limitedChunks,
  readJsonBody,
  refuseDeclaredOversize,
} from './request_body';
import { NO_STORE_HEADERS, SECURITY_HEADERS } from './security_headers';
import type { SerialQueue } from './serial_queue';
import { StaticAssets } from './static_assets';
import type { ServerLog } from './server_log';

export const UPLOAD_PATH = EVENT_UPLOAD_PATH;
export const XSRF_HEADER = 'kbn-xsrf';
const APP_PREFIX = '/app';
const MUTATING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface BodyLimits {
  readonly maxJsonBodyBytes: number;
  readonly maxUploadBytes: number;
}

export interface HttpServerOptions {
  readonly store: EventIngest;
  readonly services: ApiServices;
  readonly queue: SerialQueue;
  readonly uiDir: string;
  readonly log: ServerLog;
  readonly access: AccessControl;
  readonly limits: BodyLimits;
}

type Headers = Readonly<Record<string, string>>;

const sendJson = (
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Headers = {}
): void => {
  response.writeHead(status, {
    ...NO_STORE_HEADERS,
    ...headers,
    'content-type': 'application/json; charset=utf-8',
  });
  response.end(JSON.stringify(body));
};

const sendText = (
  response: http.ServerResponse,
  status: number,
  contentType: string,
  text: string
): void => {
  response.writeHead(status, { ...NO_STORE_HEADERS, 'content-type': contentType });
  response.end(text);
};

const redirect = (response: http.ServerResponse, location: string): void => {
  response.writeHead(302, { ...SECURITY_HEADERS, location });
  response.end();
};

const requireXsrfHeader = (request: http.IncomingMessage): void => {
  if (MUTATING_METHODS.has(request.method ?? '') && request.headers[XSRF_HEADER] === undefined) {
    throw new HttpError(400, `Request must contain a ${XSRF_HEADER} header.`);
  }
};

/**
 * One string per key, a list for a repeated key (as hapi parses a query for Kibana's routes). Built
 * with `fromEntries` so a `__proto__` key is a key like any other (validation names it), not a prototype.
 */
const queryOf = (url: URL): Record<string, string | string[]> =>
  Object.fromEntries(
    [...new Set(url.searchParams.keys())].map((key) => {
      const values = url.searchParams.getAll(key);
      return [key, values.length === 1 ? (values[0] ?? '') : values];
    })
  );

const BASE_URL = 'http://localhost';
/** Stands for an unparsable request target in the log and the error path (the target is not repeated). */
const UNPARSABLE_PATH = '/(unparsable)';

/** The request's URL; undefined when its target does not parse (`//`, `//[`, an absolute URL with a bad port). */
const requestUrl = (request: http.IncomingMessage): URL | undefined => {
  try {
    return new URL(request.url ?? '/', BASE_URL);
  } catch {
    return undefined;
  }
};

const isApiPath = (pathname: string): boolean => pathname.startsWith(`${API_BASE_PATH}/`);

const decodedPath = (urlPath: string): string | undefined => {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return undefined; // malformed percent-encoding names no file
  }
};

/** A file under `root` for a URL path, never outside it; undefined for none (a malformed path included). */
const staticFile = (root: string, urlPath: string): string | undefined => {
  const decoded = decodedPath(urlPath);
  if (decoded === undefined) return undefined;
  const resolved = path.resolve(root, `.${decoded}`);
  if (!resolved.startsWith(path.resolve(root) + path.sep)) return undefined;
  return fs.existsSync(resolved) && fs.statSync(resolved).isFile() ? resolved : undefined;
};

const UI_MISSING_PAGE =
  '<!doctype html><title>Container Threat Detection</title><p>The UI has not been built. Run <code>npm run build</code>, then reload.</p>';

/** What the log gets of an unexpected error: its stack when it has one. */
const errorDetail = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

export const createHttpServer = (options: HttpServerOptions): http.Server => {
  const { store, services, queue, uiDir, log, access, limits } = options;
  const assets = new StaticAssets(CONTENT_TYPES);

  const upload = async (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    url: URL
  ): Promise<void> => {
    const limit = limits.maxUploadBytes;
    refuseDeclaredOversize(request, limit, 'Upload');
    const name = url.searchParams.get(UPLOAD_NAME_PARAM) ?? 'upload.ndjson';
    // Without Content-Length the limit is only met mid-stream; batches before it stay stored (re-uploading skips them as duplicates).
    const cutOff = (): string =>
      `Upload stopped at the ${describeBytes(limit)} limit; events before it may have been stored. Split the file, or use \`ctd ingest\`.`;
    const chunks = limitedChunks(request, limit, cutOff);
    const totalBytes = Number(request.headers['content-length'] ?? 0);
    const summary = await queue.run(() =>
      store.ingest([{ name, chunks, totalBytes }], {
        onProgress: (p) => log.progress(`upload ${name}: ${p.stored} stored`),
        onInternalError: ({ line, error }) =>
          log.error(`upload ${name}: internal error preparing line ${line}: ${errorDetail(error)}`),
      })
    );
    log.info(
      `upload ${name}: ${summary.stored} stored, ${summary.duplicates} duplicates, ${summary.rejectedCount} rejected`
    );
    const answer: EventUploadSummary = summary;
    sendJson(response, 200, answer);
  };

  const serveApi = async (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    url: URL
  ): Promise<void> => {
    const method = request.method ?? 'GET';
    if (method === 'POST' && url.pathname === UPLOAD_PATH) {
      await upload(request, response, url);
      return;
    }
    const body = READ_METHODS.has(method)
      ? undefined
      : await readJsonBody(request, limits.maxJsonBodyBytes);
    const result = await queue.run(() =>
      dispatch(STANDALONE_API_ROUTES, services, {
        method,
        path: url.pathname,
        query: queryOf(url),
        body,
      })
    );
    sendJson(response, result.status, result.body);
  };

  const serveUi = async (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    url: URL
  ): Promise<void> => {
    if (!READ_METHODS.has(request.method ?? ''))
      throw new HttpError(405, `${request.method} is not allowed on ${url.pathname}`);
    const file = staticFile(
      uiDir,
      url.pathname.startsWith(APP_PREFIX)
        ? url.pathname.slice(APP_PREFIX.length) || '/'
        : url.pathname
    );
    const page =
      file ??
      (url.pathname === APP_PREFIX || url.pathname.startsWith(`${APP_PREFIX}/`)
        ? path.join(uiDir, 'index.html')
        : undefined);
    if (page === undefined) {
      sendJson(response, 404, { message: `Not found: ${url.pathname}` });
      return;
    }
    if (!fs.existsSync(page)) {
      sendText(response, 503, CONTENT_TYPES['.html'] ?? 'text/html', UI_MISSING_PAGE);
      return;
    }
    const asset = await assets.respond(page, {
      'accept-encoding': request.headers['accept-encoding'],
      'if-none-match': request.headers['if-none-match'],
    });
    response.writeHead(asset.status, { ...SECURITY_HEADERS, ...asset.headers });
    response.end(request.method === 'HEAD' ? undefined : asset.body);
  };

  /** The login page, its script and the key-for-cookie exchange; false when `url` is none of them. */
  const serveLogin = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    url: URL
  ): boolean => {
    const route = `${request.method ?? ''} ${url.pathname}`;
    if (route === `GET ${LOGIN_PATH}`) {
      if (access.keyRequired) sendText(response, 200, 'text/html; charset=utf-8', LOGIN_PAGE);
      else redirect(response, `${APP_PREFIX}/`);
    } else if (route === `GET ${LOGIN_SCRIPT_PATH}` && access.keyRequired) {
      sendText(response, 200, 'text/javascript; charset=utf-8', LOGIN_SCRIPT);
    } else if (route === `POST ${SESSION_PATH}` && access.keyRequired) {
      requireXsrfHeader(request);
      const decision = access.checkApiKey(request);
      if (!decision.ok) throw new HttpError(401, decision.message);
      sendJson(
        response,
        200,
        { message: 'Signed in.' },
        { 'set-cookie': access.startSession(request) }
      );
    } else {
      return false;
    }
    return true;
  };

  const handle = async (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    url: URL
  ): Promise<void> => {
    if (!access.hostAllowed(request)) {
      throw new HttpError(
        403,
        `Host "${request.headers.host ?? ''}" is not this machine: the server is bound to loopback and answers to localhost or 127.0.0.1 only.`
      );
    }
    if (url.pathname === '/') {
      redirect(response, `${APP_PREFIX}/`);
      return;
    }
    if (serveLogin(request, response, url)) return;
    const decision = access.authenticate(request);
    if (!decision.ok) {
      // A browser opening a page goes to the login page; API clients get the reason.
      if (!isApiPath(url.pathname) && READ_METHODS.has(request.method ?? ''))
        redirect(response, LOGIN_PATH);
      else throw new HttpError(401, decision.message);
      return;
    }
    requireXsrfHeader(request);
    if (isApiPath(url.pathname)) await serveApi(request, response, url);
    else await serveUi(request, response, url);
  };

  const fail = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    url: URL,
    error: unknown
  ): void => {
    // An unread body would otherwise be drained after the answer; closing is cheaper than reading a refused upload.
    const close: Headers = request.complete ? {} : { connection: 'close' };
    if (error instanceof HttpError) {
      const challenge: Headers =
        error.status === 401 ? { 'www-authenticate': WWW_AUTHENTICATE } : {};
      sendJson(
        response,
        error.status,
        {
          statusCode: error.status,
          error: http.STATUS_CODES[error.status],
          message: error.message,
        },
        { ...challenge, ...close }
      );
      return;
    }
    if (error instanceof StoreWriteError) {
      // The store cannot take writes now (full disk, no memory); it stays usable, the message says what was kept.
      log.error(`${request.method} ${url.pathname} failed: ${error.message}`);
      if (!response.headersSent)
        sendJson(
          response,
          503,
          { statusCode: 503, error: http.STATUS_CODES[503], message: error.message },
          close
        );
      else response.end();
      return;
    }
    log.error(`${request.method} ${url.pathname} failed: ${errorDetail(error)}`);
    if (!response.headersSent)
      sendJson(response, 500, { message: 'Internal server error; see the server log' }, close);
    else response.end();
  };

  return http.createServer((request, response) => {
    const url = requestUrl(request);
    if (url === undefined) {
      // `GET //` and the like: unparsable, and a throw here would end the process.
      fail(
        request,
        response,
        new URL(UNPARSABLE_PATH, BASE_URL),
        new HttpError(400, 'The request target is not a valid URL path.')
      );
      return;
    }
    handle(request, response, url).catch((error: unknown) => fail(request, response, url, error));
  });
};
