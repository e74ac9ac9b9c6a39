/**
 * `npm start`: the engine without Kibana. One embedded store under the data directory, the same
 * API and UI the Kibana plugin serves, the enabled rules running on their schedules, and sample
 * events with their alerts on the very first start.
 */
import type { AddressInfo } from 'net';
import type { ApiServices } from '../routes/api_types';
import { DuckDbAlertQueries } from '../stores/duckdb/alert_queries';
import { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { DuckDbEventLookups } from '../stores/duckdb/event_lookups';
import { EmbeddedRuleService } from './embedded_rule_service';
import { createHttpServer } from './http_server';
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
  readonly log: ServerLog;
}

export interface StandaloneServer {
  readonly url: string;
  readonly store: EmbeddedStore;
  readonly scheduler: RuleScheduler;
  close(): Promise<void>;
}

export const startStandaloneServer = async (options: StandaloneOptions): Promise<StandaloneServer> => {
  const { log } = options;
  const store = await EmbeddedStore.open(options.dataDir);
  log.info(`event store: ${store.database.location}`);
  if (options.sampleData !== false && (await store.eventCount()) === 0) await loadSampleData(store, log, options.sampleEventCount);
  const queue = new SerialQueue();
  const rules = new EmbeddedRuleService(store);
  const services: ApiServices = {
    rules,
    alerts: new DuckDbAlertQueries(store.database.connection),
    events: new DuckDbEventLookups(store.database.connection, store.catalog, store.fieldTypes),
    user: LOCAL_USER,
  };
  const server = createHttpServer({ store, services, queue, uiDir: options.uiDir, log });
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const scheduler = new RuleScheduler(store, rules, queue, log);
  scheduler.start(options.schedulerTickMs);
  log.info(`listening on ${url}/app/ (API under ${url}/api/container_threat_detection)`);
  return {
    url,
    store,
    scheduler,
    close: async () => {
      scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.run(async () => store.close());
    },
  };
};
