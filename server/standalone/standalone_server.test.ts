/**
 * The standalone server end to end over HTTP: first start loads sample events and replays both
 * rules (alerts exist at once), the API serves the catalog, alerts and triage, POSTs need the
 * kbn-xsrf header, NDJSON upload reports bad lines, static paths cannot escape the UI folder, and
 * it binds to loopback by default.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import { API_BASE_PATH } from '../routes/api_types';
import { UPLOAD_PATH } from './http_server';
import { silentLog } from './server_log';
import { startStandaloneServer, type StandaloneServer } from './standalone_server';

const BAD_LINES = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'bad_lines.ndjson');
const JSON_HEADERS = { 'content-type': 'application/json', 'kbn-xsrf': 'true' };
const APP_SCRIPT = 'export const page = () => "the alerts page";\n'.repeat(500);

interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A request with exactly these headers (fetch would add its own Accept-Encoding and decode). */
const rawRequest = (
  url: string,
  headers: Readonly<Record<string, string>>,
  method = 'GET'
): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        })
      );
    });
    request.on('error', reject);
    request.end();
  });

/** The alerts page's default range, which a rule's open alert count covers. */
const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

describe('the standalone server', () => {
  let dir: string;
  let server: StandaloneServer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-standalone-'));
    const uiDir = path.join(dir, 'ui');
    fs.mkdirSync(uiDir);
    fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(uiDir, 'app.js'), APP_SCRIPT);
    fs.mkdirSync(path.join(uiDir, 'chunks'));
    fs.writeFileSync(path.join(uiDir, 'chunks', 'alerts_page-KZZPXLCB.js'), APP_SCRIPT);
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the browser');
    server = await startStandaloneServer({
      dataDir: path.join(dir, 'data'),
      port: 0,
      uiDir,
      sampleEventCount: 3_000,
      log: silentLog(),
    });
  }, 120_000);

  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = async (pathname: string) => {
    const response = await fetch(`${server.url}${pathname}`);
    return {
      status: response.status,
      text: await response.text(),
      type: response.headers.get('content-type') ?? '',
    };
  };

  it('binds to loopback by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('installs and enables both rules on first start and has their alerts from the sample history', async () => {
    const rules = JSON.parse((await get(`${API_BASE_PATH}/rules`)).text) as {
      rules: Array<{
        installed: boolean;
        enabled: boolean;
        alert_count: number;
        open_alert_count: number;
      }>;
    };
    expect(rules.rules).toHaveLength(2);
    expect(
      rules.rules.every((rule) => rule.installed && rule.enabled && rule.alert_count > 0)
    ).toBe(true);
    const alerts = JSON.parse((await get(`${API_BASE_PATH}/alerts?per_page=5`)).text) as {
      total: number;
      alerts: unknown[];
    };
    expect(alerts.total).toBe(rules.rules.reduce((sum, rule) => sum + rule.alert_count, 0));
    expect(alerts.alerts).toHaveLength(5);
    const since = new Date(Date.now() - THIRTY_DAYS_MS).toISOString();
    const open = JSON.parse(
      (await get(`${API_BASE_PATH}/alerts?per_page=1&status=open,acknowledged&from=${since}`)).text
    ) as { total: number };
    expect(open.total).toBe(rules.rules.reduce((sum, rule) => sum + rule.open_alert_count, 0));
  });

  it("serves an alert's activity by window and page, its term's prevalence and the related alerts", async () => {
    const { alerts } = JSON.parse(
      (await get(`${API_BASE_PATH}/alerts?per_page=1&sort_field=original_time`)).text
    ) as { alerts: Array<Record<string, unknown>> };
    const id = String(alerts[0]?.['kibana.alert.uuid']);
    const json = async (pathname: string) => {
      const response = await get(pathname);
      expect(response.status).toBe(200);
      return JSON.parse(response.text) as Record<string, unknown>;
    };
    const base = `${API_BASE_PATH}/alerts/${encodeURIComponent(id)}`;
    const investigation = await json(base);
    const firstPage = await json(`${base}/_activity`);
    expect(firstPage).toEqual(investigation.related_events);
    const day = await json(`${base}/_activity?window=24h&per_page=5&page=1&sort_order=desc`);
    expect(day).toMatchObject({ window: '24h', window_ms: 86_400_000, page: 1, per_page: 5 });
    expect(day.total).toBeGreaterThanOrEqual(Number(firstPage.total));
    const prevalence = await json(`${base}/_prevalence`);
    expect(prevalence.events).toBeGreaterThan(0);
    expect(prevalence).toHaveProperty(['distinct', 'host.name']);
    const related = await json(`${base}/_related_alerts?size=2`);
    expect(Array.isArray(related.pivots)).toBe(true);
    const refused = await get(`${base}/_activity?window=forever`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('query.window');
  });

  it('requires kbn-xsrf on POSTs and triages with it', async () => {
    const page = JSON.parse((await get(`${API_BASE_PATH}/alerts?per_page=1`)).text) as {
      alerts: Array<Record<string, unknown>>;
    };
    const id = String(page.alerts[0]?.['kibana.alert.uuid']);
    const body = JSON.stringify({ ids: [id], status: 'acknowledged' });
    const refused = await fetch(`${server.url}${API_BASE_PATH}/alerts/_status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(refused.status).toBe(400);
    const accepted = await fetch(`${server.url}${API_BASE_PATH}/alerts/_status`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body,
    });
    expect(await accepted.json()).toEqual({ updated: 1 });
    const acknowledged = JSON.parse(
      (await get(`${API_BASE_PATH}/alerts?status=acknowledged`)).text
    ) as { total: number };
    expect(acknowledged.total).toBe(1);
  });

  it('answers bad JSON and unknown routes with clear errors', async () => {
    const badJson = await fetch(`${server.url}${API_BASE_PATH}/rules/_install`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: '{"enable": tru',
    });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { message: string }).message).toMatch(
      /^request body is not JSON/
    );
    expect((await get(`${API_BASE_PATH}/nothing-here`)).status).toBe(404);
  });

  it('ingests an uploaded NDJSON file, reporting each bad line', async () => {
    const response = await fetch(`${server.url}${UPLOAD_PATH}?name=bad_lines.ndjson`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', 'kbn-xsrf': 'true' },
      body: fs.readFileSync(BAD_LINES),
    });
    const summary = (await response.json()) as {
      stored: number;
      rejected: Array<{ line: number }>;
    };
    expect(summary.stored).toBe(4);
    expect(summary.rejected.map((rejection) => rejection.line)).toEqual([3, 4, 5, 8, 9, 11, 12]);
  });

  it('serves the UI for app routes and never a file outside its folder', async () => {
    const app = await get('/app/alerts/some-id');
    expect(app.status).toBe(200);
    expect(app.type).toContain('text/html');
    expect((await get('/app/%2e%2e/secret.txt')).text).not.toContain('not for the browser');
    expect((await get('/app/..%2f..%2fsecret.txt')).text).not.toContain('not for the browser');
  });

  it('sends the UI compressed, hashed chunks cached for good, the rest revalidated', async () => {
    const app = await rawRequest(`${server.url}/app/app.js`, { 'accept-encoding': 'gzip, br' });
    expect(app.status).toBe(200);
    expect(app.headers['content-encoding']).toBe('br');
    expect(app.headers['cache-control']).toBe('no-cache');
    expect(app.headers['content-security-policy']).toContain("script-src 'self'");
    expect(zlib.brotliDecompressSync(app.body).toString()).toBe(APP_SCRIPT);
    expect(app.body.length).toBeLessThan(APP_SCRIPT.length / 10);
    const unchanged = await rawRequest(`${server.url}/app/app.js`, {
      'accept-encoding': 'gzip, br',
      'if-none-match': String(app.headers.etag),
    });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body.length).toBe(0);
    const chunk = await rawRequest(`${server.url}/app/chunks/alerts_page-KZZPXLCB.js`, {
      'accept-encoding': 'gzip',
    });
    expect(chunk.headers['content-encoding']).toBe('gzip');
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.gunzipSync(chunk.body).toString()).toBe(APP_SCRIPT);
    const plain = await rawRequest(`${server.url}/app/app.js`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(APP_SCRIPT);
    const head = await rawRequest(`${server.url}/app/app.js`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
    const page = await rawRequest(`${server.url}/app/rules/some-rule`, {});
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('does not run rules before their interval has passed since the first-start replay', async () => {
    expect(await server.scheduler.tick()).toBe(0);
  });
});
