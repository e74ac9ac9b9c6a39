/**
 * The standalone server's defences, over real HTTP against real servers: loopback by default with
 * Host checking, the API key on any other address (file created 0600, printed once, re-used,
 * compared in constant time, refused when the file is too open), browser sessions from the login
 * page, `kbn-xsrf` on every state-changing method, body size limits and security headers.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { rawRequest, type RawResponse } from '../../test/security/raw_http';
import { API_BASE_PATH } from '../routes/api_types';
import { API_KEY_FILE_NAME } from './api_key';
import { UPLOAD_PATH } from './http_server';
import { LOGIN_PATH, LOGIN_SCRIPT_PATH, SESSION_PATH } from './login_page';
import { DEFAULT_MAX_JSON_BODY_BYTES } from './request_body';
import type { ServerLog } from './server_log';
import {
  startStandaloneServer,
  type StandaloneOptions,
  type StandaloneServer,
} from './standalone_server';

const BAD_LINES = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'bad_lines.ndjson');
const RULES_PATH = `${API_BASE_PATH}/rules`;
const STATUS_PATH = `${API_BASE_PATH}/alerts/_status`;
const XSRF = { 'kbn-xsrf': 'true' };
const SMALL_UPLOAD_LIMIT = 64 * 1024;
const START_TIMEOUT_MS = 60_000;

interface ErrorBody {
  readonly statusCode: number;
  readonly message: string;
}

interface CapturedLog extends ServerLog {
  readonly lines: string[];
}

const captureLog = (): CapturedLog => {
  const lines: string[] = [];
  const push = (message: string): void => {
    lines.push(message);
  };
  return { lines, info: push, warn: push, error: push, progress: () => undefined };
};

const makeUiDir = (root: string): string => {
  const uiDir = path.join(root, 'ui');
  fs.mkdirSync(uiDir, { recursive: true });
  fs.writeFileSync(
    path.join(uiDir, 'index.html'),
    '<!doctype html><script type="module" src="/app/app.js"></script><div id="root"></div>'
  );
  fs.writeFileSync(path.join(uiDir, 'app.js'), 'export {};');
  return uiDir;
};

const start = (root: string, options: Partial<StandaloneOptions>): Promise<StandaloneServer> =>
  startStandaloneServer({
    dataDir: path.join(root, 'data'),
    port: 0,
    uiDir: makeUiDir(root),
    sampleData: false,
    log: captureLog(),
    ...options,
  });

/** The server's address over loopback, whatever interface it is bound to. */
const loopbackUrl = (server: StandaloneServer, pathname: string): string =>
  `http://127.0.0.1:${new URL(server.url).port}${pathname}`;

const expectError = (response: RawResponse, status: number, message: RegExp): void => {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status,
    type: 'application/json; charset=utf-8',
  });
  expect(response.json<ErrorBody>()).toMatchObject({
    statusCode: status,
    message: expect.stringMatching(message) as unknown,
  });
};

const scriptSources = (csp: string): string =>
  csp
    .split(';')
    .map((directive) => directive.trim())
    .find((directive) => directive.startsWith('script-src')) ?? '';

const expectSecurityHeaders = (response: RawResponse): void => {
  const csp = String(response.headers['content-security-policy']);
  expect(scriptSources(csp)).toBe("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(response.headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
};

describe('the standalone server on loopback (the default)', () => {
  let root: string;
  let server: StandaloneServer;
  const url = (pathname: string): string => `${server.url}${pathname}`;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-security-'));
    server = await start(root, { maxUploadBytes: SMALL_UPLOAD_LIMIT });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('binds 127.0.0.1, needs no key and creates none', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.apiKey).toBeUndefined();
    expect(fs.existsSync(path.join(root, 'data', API_KEY_FILE_NAME))).toBe(false);
    expect((await rawRequest({ url: url(RULES_PATH) })).status).toBe(200);
    const login = await rawRequest({ url: url(LOGIN_PATH) });
    expect({ status: login.status, location: login.headers.location }).toEqual({
      status: 302,
      location: '/app/',
    });
  });

  it('answers only to loopback host names, so a rebound DNS name cannot reach it', async () => {
    const port = new URL(server.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await rawRequest({ url: url(RULES_PATH), headers: { host } })).status).toBe(200);
    }
    expectError(
      await rawRequest({ url: url(RULES_PATH), headers: { host: `attacker.example:${port}` } }),
      403,
      /bound to loopback/
    );
    expect(
      (await rawRequest({ url: url('/app/'), headers: { host: 'attacker.example' } })).status
    ).toBe(403);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'refuses %s without kbn-xsrf with 400 and says why',
    async (method) => {
      const response = await rawRequest({
        url: url(STATUS_PATH),
        method,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expectError(response, 400, /^Request must contain a kbn-xsrf header\.$/);
    }
  );

  it('lets the header through to the route (a PUT then meets the route table, not the xsrf check)', async () => {
    const put = await rawRequest({
      url: url(STATUS_PATH),
      method: 'PUT',
      headers: { ...XSRF, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(put.status).toBe(405);
    const post = await rawRequest({
      url: url(`${API_BASE_PATH}/rules/_install`),
      method: 'POST',
      headers: { ...XSRF, 'content-type': 'application/json' },
      body: '{"enable":false}',
    });
    expect(post.status).toBe(200);
  });

  it('refuses JSON bodies over 1 MiB with 413, declared or streamed', async () => {
    const oversized = Buffer.alloc(DEFAULT_MAX_JSON_BODY_BYTES + 1, 0x20);
    const declared = await rawRequest({
      url: url(STATUS_PATH),
      method: 'POST',
      headers: { ...XSRF, 'content-type': 'application/json' },
      body: oversized,
    });
    expectError(declared, 413, /over the 1 MiB limit/);
    const half = oversized.subarray(0, oversized.length / 2 + 1);
    const streamed = await rawRequest({
      url: url(STATUS_PATH),
      method: 'POST',
      headers: { ...XSRF, 'content-type': 'application/json' },
      chunks: [half, half],
    });
    expectError(streamed, 413, /^Request body is over the 1 MiB limit for API requests\.$/);
    expect((await rawRequest({ url: url(RULES_PATH) })).status).toBe(200);
  });

  it('takes NDJSON uploads up to their own limit and refuses larger ones with 413', async () => {
    const upload = (body: Buffer | undefined, chunks?: Buffer[]) =>
      rawRequest({
        url: url(`${UPLOAD_PATH}?name=test.ndjson`),
        method: 'POST',
        headers: { ...XSRF, 'content-type': 'application/x-ndjson' },
        body,
        chunks,
      });
    const accepted = await upload(fs.readFileSync(BAD_LINES));
    expect(accepted.status).toBe(200);
    expect(accepted.json<{ stored: number }>().stored).toBe(4);
    const before = await server.store.eventCount();
    expectError(
      await upload(Buffer.alloc(SMALL_UPLOAD_LIMIT + 1, 0x0a)),
      413,
      /^Upload is 65537 bytes, over the 65536 bytes limit\.$/
    );
    // Far more than socket buffers hold: the answer must still arrive although the body is never read.
    expectError(
      await upload(Buffer.alloc(64 * SMALL_UPLOAD_LIMIT * 4, 0x0a)),
      413,
      /^Upload is 16777216 bytes/
    );
    const blankLines = Buffer.alloc(SMALL_UPLOAD_LIMIT / 2 + 1, 0x0a);
    expectError(
      await upload(undefined, [blankLines, blankLines]),
      413,
      /^Upload stopped at the 65536 bytes limit/
    );
    expect(await server.store.eventCount()).toBe(before);
  });

  it('sends the security headers with the UI, its scripts, API answers and errors', async () => {
    for (const pathname of [
      '/app/',
      '/app/alerts/some-id',
      '/app/app.js',
      RULES_PATH,
      '/app/missing.js',
    ]) {
      expectSecurityHeaders(await rawRequest({ url: url(pathname) }));
    }
    expect((await rawRequest({ url: url(RULES_PATH) })).headers['cache-control']).toBe('no-store');
  });

  it('serves the UI to reading methods only', async () => {
    expectError(
      await rawRequest({ url: url('/app/'), method: 'POST', headers: XSRF }),
      405,
      /POST is not allowed/
    );
  });
});

describe('the standalone server on another address', () => {
  let root: string;
  let log: CapturedLog;
  let server: StandaloneServer;
  const url = (pathname: string): string => loopbackUrl(server, pathname);
  const keyFile = (): string => path.join(root, 'data', API_KEY_FILE_NAME);
  const withKey = (key: string) => ({ authorization: `ApiKey ${key}` });

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-security-'));
    log = captureLog();
    server = await start(root, { host: '0.0.0.0', log });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const apiKey = (): string => {
    if (server.apiKey === undefined) throw new Error('the server requires no key');
    return server.apiKey;
  };

  it('generates a 256-bit base64url key into a 0600 file and prints it with how to use it, once', () => {
    const key = apiKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(fs.readFileSync(keyFile(), 'utf8').trim()).toBe(key);
    // The permissions, as chmod writes them: the mode's last three octal digits.
    expect(fs.statSync(keyFile()).mode.toString(8).slice(-3)).toBe('600');
    expect(log.lines.filter((line) => line.includes(key))).toHaveLength(1);
    expect(log.lines.join('\n')).toContain('Authorization: ApiKey');
    expect(log.lines.join('\n')).toContain(LOGIN_PATH);
  });

  it('answers API requests without the key, with a wrong one or another scheme with 401 and a challenge', async () => {
    const key = apiKey();
    const attempts: Array<Record<string, string>> = [
      {},
      withKey(`${key}x`),
      withKey(key.slice(1)),
      withKey('short'),
      { authorization: `Bearer ${key}` },
    ];
    for (const headers of attempts) {
      const response = await rawRequest({ url: url(RULES_PATH), headers });
      expectError(response, 401, /API key|ApiKey/);
      expect(response.headers['www-authenticate']).toBe(
        'ApiKey realm="container-threat-detection"'
      );
    }
    const upload = await rawRequest({
      url: url(UPLOAD_PATH),
      method: 'POST',
      headers: XSRF,
      body: '{}\n',
    });
    expect(upload.status).toBe(401);
  });

  it('serves API requests with the key (any host name: the key is the protection here)', async () => {
    const response = await rawRequest({
      url: url(RULES_PATH),
      headers: { ...withKey(apiKey()), host: 'ctd.example:5602' },
    });
    expect(response.status).toBe(200);
    expect(response.json<{ rules: unknown[] }>().rules).toHaveLength(2);
    const scheme = await rawRequest({
      url: url(RULES_PATH),
      headers: { authorization: `apikey ${apiKey()}` },
    });
    expect(scheme.status).toBe(200);
  });

  it('still needs kbn-xsrf on POSTs that carry the key', async () => {
    const response = await rawRequest({
      url: url(STATUS_PATH),
      method: 'POST',
      headers: withKey(apiKey()),
      body: '{}',
    });
    expectError(response, 400, /kbn-xsrf/);
  });

  it('sends a browser without a session to the login page, which runs no inline script', async () => {
    const app = await rawRequest({ url: url('/app/rules') });
    expect({ status: app.status, location: app.headers.location }).toEqual({
      status: 302,
      location: LOGIN_PATH,
    });
    const page = await rawRequest({ url: url(LOGIN_PATH) });
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    expect(page.text).toContain(`<script src="${LOGIN_SCRIPT_PATH}" defer></script>`);
    expect(page.text.match(/<script/g)).toHaveLength(1);
    const script = await rawRequest({ url: url(LOGIN_SCRIPT_PATH) });
    expect({ status: script.status, type: script.headers['content-type'] }).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
    });
    expect(script.text).toContain(SESSION_PATH);
  });

  it('exchanges the key for an HttpOnly, SameSite=Strict session cookie that opens the UI and the API', async () => {
    expectError(
      await rawRequest({ url: url(SESSION_PATH), method: 'POST', headers: withKey(apiKey()) }),
      400,
      /kbn-xsrf/
    );
    expectError(
      await rawRequest({
        url: url(SESSION_PATH),
        method: 'POST',
        headers: { ...XSRF, ...withKey('wrong') },
      }),
      401,
      /Invalid API key/
    );
    const signIn = await rawRequest({
      url: url(SESSION_PATH),
      method: 'POST',
      headers: { ...XSRF, ...withKey(apiKey()) },
    });
    expect(signIn.status).toBe(200);
    const [setCookie] = signIn.headers['set-cookie'] ?? [];
    expect(setCookie).toMatch(
      /^ctd_session_\d+=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/
    );
    const cookie = String(setCookie).split(';')[0] ?? '';
    expect((await rawRequest({ url: url('/app/rules'), headers: { cookie } })).status).toBe(200);
    expect((await rawRequest({ url: url(RULES_PATH), headers: { cookie } })).status).toBe(200);
    const install = await rawRequest({
      url: url(`${API_BASE_PATH}/rules/_install`),
      method: 'POST',
      headers: { cookie, ...XSRF, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(install.status).toBe(200);
    const forged = `${cookie.slice(0, -1)}${cookie.endsWith('A') ? 'B' : 'A'}`;
    expect((await rawRequest({ url: url(RULES_PATH), headers: { cookie: forged } })).status).toBe(
      401
    );
    // A wrong key is refused even alongside a good session: the header is never silently ignored.
    expect(
      (await rawRequest({ url: url(RULES_PATH), headers: { cookie, ...withKey('wrong') } })).status
    ).toBe(401);
  });

  it(
    're-uses the key on later starts without printing it, and requires it on loopback when asked',
    async () => {
      const key = apiKey();
      await server.close();
      log = captureLog();
      server = await startStandaloneServer({
        dataDir: path.join(root, 'data'),
        port: 0,
        uiDir: path.join(root, 'ui'),
        sampleData: false,
        requireApiKey: true,
        log,
      });
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
      expect(server.apiKey).toBe(key);
      expect(log.lines.some((line) => line.includes(key))).toBe(false);
      expect((await rawRequest({ url: url(RULES_PATH) })).status).toBe(401);
      expect((await rawRequest({ url: url(RULES_PATH), headers: withKey(key) })).status).toBe(200);
    },
    START_TIMEOUT_MS
  );
});

describe('a doubtful API key file', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-security-'));
    fs.mkdirSync(path.join(root, 'data'));
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('stops the start, before the store opens, when the file is readable by others', async () => {
    const file = path.join(root, 'data', API_KEY_FILE_NAME);
    fs.writeFileSync(file, `${'k'.repeat(43)}\n`, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    await expect(start(root, { host: '0.0.0.0' })).rejects.toThrow(
      `API key file ${file} has permissions 0644: group or others could read or change it. Restrict it with \`chmod 600 ${file}\``
    );
    expect(fs.readdirSync(path.join(root, 'data'))).toEqual([API_KEY_FILE_NAME]);
  });
});
