import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Client } from '@elastic/elasticsearch';
import { API_BASE_PATH } from '../../server/routes/api_types';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { ADMIN, KibanaTestHost } from '../kibana_host/kibana_test_host';
import { INJECTED_METADATA_TAG } from './browser/injected_metadata';
import { KIBANA_CSP, startHarnessServer, type HarnessServer } from './harness_server';
import { KIBANA_9_2 } from './kibana_lines';

const NAMESPACE = `kbnharnesssrv${Date.now().toString(36)}`;
const BASE_PATH = '/kbn';
const PLUGIN = {
  id: 'containerThreatDetection',
  version: '0.1.0',
  requiredPlugins: ['alerting'],
  optionalPlugins: ['triggersActionsUi'],
};
const BROWSER_HEADERS = {
  'kbn-version': KIBANA_9_2.kibanaVersion,
  'x-elastic-internal-origin': 'Kibana',
  'content-type': 'application/json',
};

describeWithElasticsearch("the harness's Kibana server", () => {
  let client: Client;
  let dir: string;
  let server: HarnessServer;
  let host: KibanaTestHost;
  const handlerErrors: unknown[] = [];
  const get = (pathname: string, headers: Record<string, string> = {}) =>
    fetch(`${server.origin}${pathname}`, { headers });

  beforeAll(async () => {
    client = createEsClient({ url: esTestUrl() });
    host = await KibanaTestHost.start(client, NAMESPACE);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-harness-server-'));
    const publicDir = path.join(dir, 'plugin', 'target', 'public');
    fs.mkdirSync(publicDir, { recursive: true });
    fs.writeFileSync(path.join(publicDir, `${PLUGIN.id}.plugin.js`), '/* plugin */');
    fs.writeFileSync(path.join(dir, 'plugin', 'kibana.json'), '{"secret":true}');
    const asset = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    server = await startHarnessServer({
      line: KIBANA_9_2,
      basePath: BASE_PATH,
      assets: {
        sharedDepsFile: asset('shared.js', '/* shared */'),
        bootstrapFile: asset('bootstrap.js', '/* bootstrap */'),
        coreFile: asset('core.js', '/* core */'),
      },
      plugins: [{ ...PLUGIN, publicDir }],
      api: {
        routes: () => host.router.routes,
        clients: { asCurrentUser: client, asInternalUser: client },
        user: ADMIN,
        onHandlerError: (error) => handlerErrors.push(error),
      },
    });
  });

  afterAll(async () => {
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await client?.indices.delete({
      index: `*${NAMESPACE}*`,
      ignore_unavailable: true,
      allow_no_indices: true,
      expand_wildcards: 'all',
    });
    await client?.close();
  });

  it("answers every app route with the page, under Kibana's CSP, carrying the injected metadata", async () => {
    const response = await get(`${BASE_PATH}/app/containerThreatDetection/alerts/x`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(KIBANA_CSP);
    expect(KIBANA_CSP).not.toContain('unsafe-eval');
    const html = await response.text();
    const data = /<kbn-injected-metadata data="([^"]*)">/.exec(html)?.[1] ?? '';
    const metadata = JSON.parse(
      data
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
    ) as Record<string, unknown>;
    expect(html).toContain(`<${INJECTED_METADATA_TAG} data=`);
    expect(metadata).toMatchObject({
      version: '9.2.4',
      basePath: BASE_PATH,
      buildSha: 'b05a85503d45',
      uiPlugins: [
        {
          id: PLUGIN.id,
          requiredPlugins: PLUGIN.requiredPlugins,
          optionalPlugins: PLUGIN.optionalPlugins,
        },
      ],
    });
    expect(html).toContain(`<script src="${BASE_PATH}/bootstrap.js"></script>`);
  });

  it("serves bootstrap.js ending with this page's bundle paths, and the bundles at Kibana's URLs", async () => {
    const bootstrap = await (await get(`${BASE_PATH}/bootstrap.js`)).text();
    expect(bootstrap).toContain('/* bootstrap */');
    expect(
      bootstrap
        .trim()
        .endsWith(
          `__kbnHarnessBootstrap__.bootstrap(${JSON.stringify({ publicPathMap: server.urls.publicPathMap([PLUGIN]), jsDependencyPaths: server.urls.jsDependencyPaths([PLUGIN]) })});`
        )
    ).toBe(true);
    const plugin = await get(server.urls.pluginBundle(PLUGIN));
    expect(plugin.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(await plugin.text()).toBe('/* plugin */');
    expect(await (await get(server.urls.sharedDepsScript)).text()).toBe('/* shared */');
    expect((await get(`${server.urls.pluginPublicPath(PLUGIN)}..%2F..%2Fkibana.json`)).status).toBe(
      404
    );
    expect(
      (await get(`${server.urls.bundlesHref}/plugin/${PLUGIN.id}/9.9.9/${PLUGIN.id}.plugin.js`))
        .status
    ).toBe(404);
    expect(server.unexpectedRequests).toEqual([
      `GET ${server.urls.pluginPublicPath(PLUGIN)}..%2F..%2Fkibana.json`,
      `GET ${server.urls.bundlesHref}/plugin/${PLUGIN.id}/9.9.9/${PLUGIN.id}.plugin.js`,
    ]);
  });

  it("dispatches API requests under the base path to the host, which enforces Kibana's headers", async () => {
    const rules = await get(`${BASE_PATH}${API_BASE_PATH}/rules`, BROWSER_HEADERS);
    expect(rules.status).toBe(200);
    const noXsrf = await fetch(`${server.origin}${BASE_PATH}${API_BASE_PATH}/rules/_install`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noXsrf.status).toBe(400);
    expect(await noXsrf.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Request must contain a kbn-xsrf header.',
    });
    const stale = await get(`${BASE_PATH}${API_BASE_PATH}/rules`, {
      ...BROWSER_HEADERS,
      'kbn-version': '9.2.0',
    });
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as { message: string }).message).toBe(
      'Browser client is out of date, please refresh the page ("kbn-version" header was "9.2.0" but should be "9.2.4")'
    );
    const malformed = await fetch(`${server.origin}${BASE_PATH}${API_BASE_PATH}/alerts/_status`, {
      method: 'POST',
      headers: BROWSER_HEADERS,
      body: '{"ids":',
    });
    expect(await malformed.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid request payload JSON format',
    });
    expect(
      server.apiRequests.map((request) => [request.method, request.url, request.status])
    ).toEqual([
      ['GET', `${BASE_PATH}${API_BASE_PATH}/rules`, 200],
      ['POST', `${BASE_PATH}${API_BASE_PATH}/rules/_install`, 400],
      ['GET', `${BASE_PATH}${API_BASE_PATH}/rules`, 400],
      ['POST', `${BASE_PATH}${API_BASE_PATH}/alerts/_status`, 400],
    ]);
    expect(server.apiRequests[0]?.headers).toMatchObject(BROWSER_HEADERS);
    expect(handlerErrors).toEqual([]);
  });

  it('does not serve the API outside the base path', async () => {
    const before = server.unexpectedRequests.length;
    expect((await get(`${API_BASE_PATH}/rules`, BROWSER_HEADERS)).status).toBe(404);
    expect(server.unexpectedRequests.slice(before)).toEqual([`GET ${API_BASE_PATH}/rules`]);
  });
});
