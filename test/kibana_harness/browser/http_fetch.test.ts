import { createBasePath } from './base_path';
import { createHttp, formatUrl, HttpFetchError } from './http_fetch';

const KIBANA_VERSION = '9.2.4';
const BUILD_NUMBER = 90204;

const httpAnswering = (answer: (request: Request) => Response | Promise<Response>) => {
  const sent: Request[] = [];
  const http = createHttp({
    basePath: createBasePath('/kbn'),
    kibanaVersion: KIBANA_VERSION,
    buildNumber: BUILD_NUMBER,
    baseUrl: 'http://kibana.test',
    fetch: async (request) => {
      sent.push(request);
      return answer(request);
    },
  });
  return { http, sent };
};

const json = (status: number, body: unknown, statusText = '') =>
  new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });

describe('core http fetch (Kibana fetch.ts rules)', () => {
  it("prepends the base path, serialises the query as url.format does and sends Kibana's headers", async () => {
    const { http, sent } = httpAnswering(() => json(200, { ok: true }));
    await expect(
      http.get('/api/x', {
        query: { a: ['1', '2'], b: true, n: 3, skipped: undefined, empty: null },
      })
    ).resolves.toEqual({ ok: true });
    const [request] = sent;
    expect(request?.url).toBe('http://kibana.test/kbn/api/x?a=1&a=2&b=true&n=3&empty=');
    expect(request?.method).toBe('GET');
    expect(request?.credentials).toBe('same-origin');
    const headers: Record<string, string> = {};
    request?.headers.forEach((value, name) => {
      headers[name] = value;
    });
    expect(headers).toEqual({
      'content-type': 'application/json',
      'kbn-version': KIBANA_VERSION,
      'kbn-build-number': String(BUILD_NUMBER),
      'x-elastic-internal-origin': 'Kibana',
    });
  });

  it('sends the body as given, the API version header when asked, and no base path when told not to', async () => {
    const { http, sent } = httpAnswering(() => json(200, {}));
    await http.post('/api/x', {
      body: JSON.stringify({ a: 1 }),
      version: '2023-10-31',
      prependBasePath: false,
      headers: { 'Content-Type': 'text/plain' },
    });
    const [request] = sent;
    expect(request?.url).toBe('http://kibana.test/api/x');
    expect(request?.headers.get('elastic-api-version')).toBe('2023-10-31');
    expect(request?.headers.get('content-type')).toBe('text/plain');
    expect(await request?.text()).toBe('{"a":1}');
  });

  it("refuses headers core owns, with Kibana's messages", async () => {
    const { http, sent } = httpAnswering(() => json(200, {}));
    await expect(
      http.get('/api/x', { headers: { 'kbn-xsrf': 'x', 'kbn-version': '1' } })
    ).rejects.toThrow(
      'Invalid fetch headers, headers beginning with "kbn-" are not allowed: [kbn-xsrf,kbn-version]'
    );
    await expect(
      http.get('/api/x', { headers: { 'x-elastic-internal-origin': 'me' } })
    ).rejects.toThrow(
      'Invalid fetch headers, headers beginning with "x-elastic-internal-" are not allowed: [x-elastic-internal-origin]'
    );
    expect(sent).toHaveLength(0);
  });

  it('parses JSON by content type, and text that is JSON', async () => {
    const { http } = httpAnswering((request) =>
      request.url.endsWith('/text')
        ? new Response('{"a":1}', { headers: { 'Content-Type': 'text/plain' } })
        : new Response('plain words', { headers: { 'Content-Type': 'text/plain' } })
    );
    await expect(http.get('/text')).resolves.toEqual({ a: 1 });
    await expect(http.get('/words')).resolves.toBe('plain words');
  });

  it('rejects a non-2xx answer with an HttpFetchError carrying the response and the parsed body', async () => {
    const boom = { statusCode: 404, error: 'Not Found', message: 'no such alert' };
    const { http } = httpAnswering(() => json(404, boom, 'Not Found'));
    const error = await http.get('/api/alerts/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpFetchError);
    expect(error).toMatchObject({ name: 'Error', message: 'Not Found', body: boom });
    expect((error as HttpFetchError).response?.status).toBe(404);
    expect((error as HttpFetchError).request.url).toBe('http://kibana.test/kbn/api/alerts/x');
  });

  it('rejects a failed fetch with an HttpFetchError without a response', async () => {
    const { http } = httpAnswering(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(http.get('/api/x')).rejects.toMatchObject({
      name: 'TypeError',
      message: 'Failed to fetch',
      response: undefined,
    });
  });

  it("formats URLs as Node's url.format does", () => {
    expect(formatUrl('/a', {})).toBe('/a');
    expect(formatUrl('/a b?#', { w: 'a b&c', o: undefined })).toBe('/a b%3F%23?w=a%20b%26c');
  });
});
