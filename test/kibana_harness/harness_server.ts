/**
 * The harness's Kibana server (Node http, 127.0.0.1, a free port): the page for `<basePath>/app/*`
 * with Kibana's default Content-Security-Policy, bootstrap.js, the shared-deps, core and plugin
 * bundles at Kibana's bundle URLs (the plugin's from its installed `target/public`), the charts
 * stylesheet, and every `<basePath>/api/*` request dispatched to the strict host's routes with its
 * method, headers, query and JSON body (test/kibana_host/fake_http.ts dispatchKibanaRequest:
 * xsrf/version headers, privileges, validation, Kibana's error bodies). Every API request is
 * recorded, and so is anything the page asked for that Kibana would not serve.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import type { IScopedClusterClient } from '@kbn/core/server';
import {
  dispatchKibanaRequest,
  type HttpCall,
  type HttpResult,
  type RecordedRoute,
  type TestUser,
} from '../kibana_host/fake_http';
import { BOOTSTRAP_GLOBAL } from './browser/page_contract';
import type { InjectedMetadata, UiPluginInfo } from './browser/injected_metadata';
import { renderPage } from './harness_page';
import { harnessUrls, type HarnessUrls, type PluginBundleInfo } from './harness_urls';
import { REPO_ROOT, type KibanaLine } from './kibana_lines';

/**
 * Kibana's default CSP (Kibana: src/core/packages/http/server-internal/src/csp/csp_directives.ts
 * defaultRules; config.ts `disableUnsafeEval` defaults to true, so no 'unsafe-eval').
 */
export const KIBANA_CSP = [
  "script-src 'report-sample' 'self'",
  "worker-src 'report-sample' 'self' blob:",
  "style-src 'report-sample' 'self' 'unsafe-inline'",
  "object-src 'report-sample' 'none'",
].join('; ');

const CHARTS_CSS = path.join(
  REPO_ROOT,
  'node_modules',
  '@elastic',
  'charts',
  'dist',
  'theme_only_light.css'
);
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#0B64DD"/></svg>';
const API_PREFIXES = ['/api/', '/internal/'];
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'application/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface InstalledUiPlugin extends PluginBundleInfo, UiPluginInfo {
  /** `<plugin dir>/target/public` of the installed plugin (Kibana's `publicTargetDir`). */
  readonly publicDir: string;
}

export interface HarnessAssets {
  readonly sharedDepsFile: string;
  readonly bootstrapFile: string;
  readonly coreFile: string;
}

export interface HarnessApi {
  readonly routes: () => readonly RecordedRoute[];
  readonly clients: IScopedClusterClient;
  /** The logged-in user the page's requests run as. */
  readonly user: TestUser;
  readonly onHandlerError?: (error: unknown) => void;
}

export interface HarnessServerOptions {
  readonly line: KibanaLine;
  readonly basePath: string;
  readonly assets: HarnessAssets;
  readonly plugins: readonly InstalledUiPlugin[];
  readonly api: HarnessApi;
}

export interface RecordedApiRequest {
  readonly method: string;
  /** As the browser sent it: base path, path and query string. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
}

export interface HarnessServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly urls: HarnessUrls;
  readonly apiRequests: RecordedApiRequest[];
  /** Requests Kibana would answer with 404 (the page must not make any). */
  readonly unexpectedRequests: string[];
  close(): Promise<void>;
}

interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

const notFound = (): Reply => ({
  status: 404,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'Not Found' }),
});

const fileReply = (file: string): Reply => ({
  status: 200,
  headers: { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' },
  body: fs.readFileSync(file),
});

/** A file directly inside `dir` (or its `.map`), never outside it. */
const fileIn = (dir: string, name: string): string | undefined => {
  const file = path.resolve(dir, name);
  return file.startsWith(path.resolve(dir) + path.sep) &&
    fs.existsSync(file) &&
    fs.statSync(file).isFile()
    ? file
    : undefined;
};

const headersOf = (request: http.IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]]
    )
  );

const readBody = (request: http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const HTTP_METHODS: ReadonlyArray<HttpCall['method']> = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const isHttpMethod = (method: string): method is HttpCall['method'] =>
  (HTTP_METHODS as readonly string[]).includes(method);

/** hapi parses a JSON payload before routing; a malformed one is a 400 with this message. */
const parsePayload = (
  text: string,
  contentType: string | undefined
): { ok: true; body: unknown } | { ok: false; result: HttpResult } => {
  if (text === '') return { ok: true, body: undefined };
  if (!/^application\/json/i.test(contentType ?? '')) return { ok: true, body: text };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      result: {
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'Invalid request payload JSON format',
        },
      },
    };
  }
};

export const startHarnessServer = async (options: HarnessServerOptions): Promise<HarnessServer> => {
  const { line, basePath, assets, plugins, api } = options;
  const urls = harnessUrls(basePath, line.buildShaShort);
  const apiRequests: RecordedApiRequest[] = [];
  const unexpectedRequests: string[] = [];
  const bootstrapSource = fs.readFileSync(assets.bootstrapFile, 'utf8');
  const metadata: InjectedMetadata = {
    version: line.kibanaVersion,
    buildNumber: line.buildNumber,
    buildSha: line.buildShaShort,
    basePath,
    kibanaLine: line.line,
    euiTheme: line.euiTheme,
    theme: { darkMode: false, name: line.euiTheme },
    uiPlugins: plugins.map(({ id, requiredPlugins, optionalPlugins }) => ({
      id,
      requiredPlugins,
      optionalPlugins,
    })),
  };
  const page = renderPage(metadata, {
    bootstrapScript: urls.bootstrapScript,
    stylesheets: [urls.chartsStylesheet],
    favicon: urls.favicon,
  });
  const bootstrapScript = `${bootstrapSource}\n${BOOTSTRAP_GLOBAL}.bootstrap(${JSON.stringify({ publicPathMap: urls.publicPathMap(plugins), jsDependencyPaths: urls.jsDependencyPaths(plugins) })});\n`;

  const staticReply = (pathname: string): Reply | undefined => {
    if (pathname === `${basePath}/app` || pathname.startsWith(`${basePath}/app/`)) {
      return {
        status: 200,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': KIBANA_CSP,
        },
        body: page,
      };
    }
    if (pathname === urls.bootstrapScript)
      return {
        status: 200,
        headers: { 'content-type': CONTENT_TYPES['.js'] ?? '' },
        body: bootstrapScript,
      };
    if (pathname === urls.sharedDepsScript) return fileReply(assets.sharedDepsFile);
    if (pathname === urls.coreScript) return fileReply(assets.coreFile);
    if (pathname === `${urls.coreScript}.map`) return fileReply(`${assets.coreFile}.map`);
    if (pathname === urls.chartsStylesheet) return fileReply(CHARTS_CSS);
    if (pathname === urls.favicon)
      return { status: 200, headers: { 'content-type': 'image/svg+xml' }, body: FAVICON_SVG };
    for (const plugin of plugins) {
      const publicPath = urls.pluginPublicPath(plugin);
      if (!pathname.startsWith(publicPath)) continue;
      const file = fileIn(plugin.publicDir, decodeURIComponent(pathname.slice(publicPath.length)));
      return file === undefined ? undefined : fileReply(file);
    }
    return undefined;
  };

  const apiReply = async (request: http.IncomingMessage, url: URL): Promise<Reply> => {
    const method = (request.method ?? 'GET').toUpperCase();
    const headers = headersOf(request);
    const payload = parsePayload(await readBody(request), headers['content-type']);
    let result: HttpResult;
    if (!isHttpMethod(method))
      result = { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Not Found' } };
    else if (!payload.ok) result = payload.result;
    else {
      const call: HttpCall = {
        method,
        path: `${url.pathname.slice(basePath.length)}${url.search}`,
        headers,
        user: api.user,
        ...(payload.body === undefined ? {} : { body: payload.body }),
      };
      result = await dispatchKibanaRequest(api.routes(), api.clients, call, {
        kibanaVersion: line.kibanaVersion,
        ...(api.onHandlerError ? { onHandlerError: api.onHandlerError } : {}),
      });
    }
    apiRequests.push({
      method,
      url: `${url.pathname}${url.search}`,
      headers,
      status: result.status,
    });
    return {
      status: result.status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(result.body),
    };
  };

  const handle = async (request: http.IncomingMessage): Promise<Reply> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const inBasePath = url.pathname.startsWith(`${basePath}/`);
    if (
      inBasePath &&
      API_PREFIXES.some((prefix) => url.pathname.startsWith(`${basePath}${prefix}`))
    )
      return apiReply(request, url);
    const reply =
      request.method === 'GET' || request.method === 'HEAD' ? staticReply(url.pathname) : undefined;
    if (reply !== undefined) return reply;
    unexpectedRequests.push(`${request.method ?? 'GET'} ${url.pathname}${url.search}`);
    return notFound();
  };

  const server = http.createServer((request, response) => {
    handle(request).then(
      (reply) => {
        response.writeHead(reply.status, reply.headers);
        response.end(request.method === 'HEAD' ? undefined : reply.body);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      }
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    urls,
    apiRequests,
    unexpectedRequests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
