/**
 * The standalone server's HTTP side: the plugin's API routes (the same handlers Kibana mounts)
 * over the embedded store, an NDJSON upload endpoint, and the built UI. Binds to 127.0.0.1 unless
 * told otherwise; POSTs need the `kbn-xsrf` header (as in Kibana), so another site open in the
 * browser cannot drive the API.
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import { API_ROUTES } from '../routes';
import { API_BASE_PATH, type ApiServices } from '../routes/api_types';
import { dispatch } from '../routes/dispatch';
import type { EmbeddedStore } from '../stores/duckdb/embedded_store';
import type { SerialQueue } from './serial_queue';
import type { ServerLog } from './server_log';

export const UPLOAD_PATH = `${API_BASE_PATH}/events/_upload`;
const APP_PREFIX = '/app';
const MAX_JSON_BODY_BYTES = 1024 * 1024;
const XSRF_HEADER = 'kbn-xsrf';

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

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
};

export interface HttpServerOptions {
  readonly store: EmbeddedStore;
  readonly services: ApiServices;
  readonly queue: SerialQueue;
  readonly uiDir: string;
  readonly log: ServerLog;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

const sendJson = (response: http.ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
};

const readJsonBody = async (request: http.IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_JSON_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim().length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, `request body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const queryOf = (url: URL): Record<string, string> => Object.fromEntries(url.searchParams.entries());

/** A file under `root` for a URL path, never outside it. */
const staticFile = (root: string, urlPath: string): string | undefined => {
  const resolved = path.resolve(root, `.${decodeURIComponent(urlPath)}`);
  if (!resolved.startsWith(path.resolve(root) + path.sep)) return undefined;
  return fs.existsSync(resolved) && fs.statSync(resolved).isFile() ? resolved : undefined;
};

const UI_MISSING_PAGE =
  '<!doctype html><title>Container Threat Detection</title><p>The UI has not been built. Run <code>npm run build</code>, then reload.</p>';

export const createHttpServer = (options: HttpServerOptions): http.Server => {
  const { store, services, queue, uiDir, log } = options;

  const serveApi = async (request: http.IncomingMessage, response: http.ServerResponse, url: URL): Promise<void> => {
    if (request.method === 'POST' && request.headers[XSRF_HEADER] === undefined) {
      throw new HttpError(400, `Request must contain a ${XSRF_HEADER} header.`);
    }
    if (request.method === 'POST' && url.pathname === UPLOAD_PATH) {
      const name = url.searchParams.get('name') ?? 'upload.ndjson';
      const totalBytes = Number(request.headers['content-length'] ?? 0);
      const summary = await queue.run(() => store.ingest([{ name, chunks: request, totalBytes }], { onProgress: (p) => log.progress(`upload ${name}: ${p.stored} stored`) }));
      log.info(`upload ${name}: ${summary.stored} stored, ${summary.duplicates} duplicates, ${summary.rejectedCount} rejected`);
      sendJson(response, 200, summary);
      return;
    }
    const body = request.method === 'POST' ? await readJsonBody(request) : undefined;
    const result = await queue.run(() => dispatch(API_ROUTES, services, { method: request.method ?? 'GET', path: url.pathname, query: queryOf(url), body }));
    sendJson(response, result.status, result.body);
  };

  const serveUi = (response: http.ServerResponse, url: URL): void => {
    const file = staticFile(uiDir, url.pathname.startsWith(APP_PREFIX) ? url.pathname.slice(APP_PREFIX.length) || '/' : url.pathname);
    const page = file ?? (url.pathname === APP_PREFIX || url.pathname.startsWith(`${APP_PREFIX}/`) ? path.join(uiDir, 'index.html') : undefined);
    if (page === undefined) {
      sendJson(response, 404, { message: `Not found: ${url.pathname}` });
      return;
    }
    if (!fs.existsSync(page)) {
      response.writeHead(503, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' });
      response.end(UI_MISSING_PAGE);
      return;
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': CONTENT_TYPES[path.extname(page)] ?? 'application/octet-stream' });
    fs.createReadStream(page).pipe(response);
  };

  return http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const handle = async (): Promise<void> => {
      if (url.pathname === '/') {
        response.writeHead(302, { location: `${APP_PREFIX}/` });
        response.end();
      } else if (url.pathname.startsWith(`${API_BASE_PATH}/`)) {
        await serveApi(request, response, url);
      } else {
        serveUi(response, url);
      }
    };
    handle().catch((error: unknown) => {
      if (error instanceof HttpError) {
        sendJson(response, error.status, { message: error.message });
        return;
      }
      log.error(`${request.method} ${url.pathname} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      if (!response.headersSent) sendJson(response, 500, { message: 'Internal server error; see the server log' });
      else response.end();
    });
  });
};
