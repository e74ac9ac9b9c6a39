/**
 * `npm start`: the engine without Kibana. One embedded store under the data directory, the same
 * API and UI the Kibana plugin serves, the enabled rules running on their schedules, and sample
 * events with their alerts on the very first start. It binds to 127.0.0.1; bound anywhere else
 * (or asked to) it requires the data directory's API key on every request.
 */
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import type { ApiServices } from '../routes/api_types';
import type { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { openStore } from '../stores/open_store';
import { AccessControl } from './access_control';
import { loadOrCreateApiKey, type ApiKey } from './api_key';
import { EmbeddedExceptionService } from './embedded_exception_service';
import { EmbeddedRuleService } from './embedded_rule_service';
import { createHttpServer } from './http_server';
import { LOGIN_PATH } from './login_page';
import { isLoopbackHost } from './loopback';
import { DEFAULT_MAX_JSON_BODY_BYTES, DEFAULT_MAX_UPLOAD_BYTES } from './request_body';
import { RuleScheduler } from './rule_scheduler';
import { loadSampleData } from './sample_setup';
import { SerialQueue } from './serial_queue';
import type { ServerLog } from './server_log';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5602;
/** The standalone server has no logins; triage changes are recorded under this name. */
export const LOCAL_USER = 'local';

export interface StandaloneOptions {
  readonly dataDir: string;
  readonly host?: string;
  readonly port?: number;
  readonly uiDir: string;
  readonly sampleData?: boolean;
  /** Events generated into an empty store (default SAMPLE_EVENT_COUNT). */
  readonly sampleEventCount?: number;
  readonly schedulerTickMs?: number;
  /** Require the API key on loopback too (it is always required on any other address). */
  readonly requireApiKey?: boolean;
  /** Largest NDJSON upload (default DEFAULT_MAX_UPLOAD_BYTES). */
  readonly maxUploadBytes?: number;
  /** Largest JSON API request body (default DEFAULT_MAX_JSON_BODY_BYTES). */
  readonly maxJsonBodyBytes?: number;
  readonly log: ServerLog;
}

export interface StandaloneServer {
  readonly url: string;
  /** The key requests must present; undefined when none is required. */
  readonly apiKey: string | undefined;
  /** The embedded store the server opened (tests and tools look inside it). */
  readonly store: EmbeddedStore;
  readonly scheduler: RuleScheduler;
  close(): Promise<void>;
}

/** Printed on the start that generated the key only; afterwards it is in the file. */
const announceNewKey = (apiKey: ApiKey, log: ServerLog): void => {
  log.warn(
    `generated this server's API key and saved it to ${apiKey.file} (readable by you only); it is shown this once:`
  );
  log.warn(`  ${apiKey.key}`);
  log.warn(
    `API clients send it as the header "Authorization: ApiKey <key>", e.g. curl -H "Authorization: ApiKey $(cat ${apiKey.file})" -H "kbn-xsrf: true" ...`
  );
  log.warn(`in a browser, open ${LOGIN_PATH} and enter the key once (it becomes a session cookie)`);
};

/** The key when this start requires one: any non-loopback address, or loopback on request. Checked before the store opens, so a bad key file stops the start at once. */
const apiKeyFor = (options: StandaloneOptions, host: string): string | undefined => {
  if (isLoopbackHost(host) && options.requireApiKey !== true) return undefined;
  const apiKey = loadOrCreateApiKey(options.dataDir);
  if (apiKey.created) announceNewKey(apiKey, options.log);
  else options.log.info(`requests need the API key in ${apiKey.file}`);
  return apiKey.key;
};

const listen = (server: Server, port: number, host: string): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });

export const startStandaloneServer = async (
  options: StandaloneOptions
): Promise<StandaloneServer> => {
  const { log } = options;
  const host = options.host ?? DEFAULT_HOST;
  const apiKey = apiKeyFor(options, host);
  const store = await openStore({ kind: 'embedded', dataDir: options.dataDir });
  log.info(`event store: ${store.location}`);
  if (options.sampleData !== false && (await store.eventCount()) === 0)
    await loadSampleData(store, log, options.sampleEventCount);
  const queue = new SerialQueue();
  const rules = new EmbeddedRuleService(store);
  const services: ApiServices = {
    rules,
    ruleEditing: rules,
    exceptions: new EmbeddedExceptionService(store),
    alerts: store.alertQueries,
    events: store.lookups,
    user: LOCAL_USER,
  };
  const access = new AccessControl({ apiKey, loopbackHostsOnly: isLoopbackHost(host) });
  const limits = {
    maxJsonBodyBytes: options.maxJsonBodyBytes ?? DEFAULT_MAX_JSON_BODY_BYTES,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
  };
  const server = createHttpServer({
    store,
    services,
    queue,
    uiDir: options.uiDir,
    log,
    access,
    limits,
  });
  try {
    await listen(server, options.port ?? DEFAULT_PORT, host);
  } catch (error) {
    store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const scheduler = new RuleScheduler(store, rules, queue, log);
  scheduler.start(options.schedulerTickMs);
  log.info(`listening on ${url}/app/ (API under ${url}/api/container_threat_detection)`);
  return {
    url,
    apiKey,
    store,
    scheduler,
    close: async () => {
      scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.run(async () => store.close());
    },
  };
};
