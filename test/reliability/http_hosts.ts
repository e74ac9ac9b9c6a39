/**
 * The two hosts of the plugin's HTTP API, driven alike by the hostile-request tests:
 * - the real standalone server over HTTP (a real socket, its own URL and body parsing) on a real
 *   DuckDB store with the sample events, both rules installed and enabled, and their alerts;
 * - the Kibana test host's router (KibanaTestHost.request) over the real Elasticsearch at $ES_URL,
 *   with the sample events indexed, both prebuilt rules created and run where the sample plants
 *   its new terms, so the space has alerts.
 * Each host answers a request and snapshots its store (alerts with workflow state, rules,
 * events), to show a refused request changed nothing.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { Client } from '@elastic/elasticsearch';
import * as F from '../../common/alerts/field_names';
import { alertsIndexAlias } from '../../server/kibana/constants';
import { planScenario, generateEvents } from '../../server/sample_data';
import { silentLog } from '../../server/standalone/server_log';
import {
  startStandaloneServer,
  type StandaloneServer,
} from '../../server/standalone/standalone_server';
import { DuckDbRuleStore } from '../../server/stores/duckdb/rule_store';
import { ALERTS_TABLE } from '../../server/stores/duckdb/schema';
import { queryRows } from '../../server/stores/duckdb/sql_values';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { esTestUrl } from '../elasticsearch/es_test_env';
import { indexEventsForTest } from '../helpers/es_events';
import { KibanaTestHost } from '../kibana_host/kibana_test_host';

/** A request as a client puts it on the wire: the target already percent-encoded (or not, on purpose). */
export interface WireRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path and query string, exactly as sent. */
  readonly target: string;
  /** Body text, exactly as sent; undefined for none. */
  readonly body?: string;
  /** Content-Type header; undefined for none. */
  readonly contentType?: string;
}

export interface WireAnswer {
  readonly status: number;
  /** The parsed JSON body; the raw text when it is not JSON. */
  readonly body: unknown;
}

/** What a refused request must leave as it was. */
export interface StoreSnapshot {
  /** `id status reason`, sorted. */
  readonly alerts: readonly string[];
  /** `rule_id enabled`, sorted. */
  readonly rules: readonly string[];
  readonly events: number;
}

export interface ApiHost {
  readonly name: 'standalone' | 'kibana';
  /** Ids of stored alerts (valid values the generators mix in, so deeper code paths run). */
  readonly alertIds: readonly string[];
  /** Kibana: the space's alerts alias and an Elasticsearch client, to plant alerts beyond what rules raise. */
  readonly elasticsearch?: { readonly client: Client; readonly alertsIndex: string };
  send(request: WireRequest): Promise<WireAnswer>;
  snapshot(): Promise<StoreSnapshot>;
  close(): Promise<void>;
}

const SAMPLE = { totalEvents: 3_000, seed: 5 } as const;
/** Far beyond any test: the scheduler must not run rules while requests are compared with snapshots. */
const NO_SCHEDULED_RUNS_MS = 1_000_000_000;
const MAX_ALERTS = 10_000;
const FIVE_MINUTES = 5 * 60_000;
const RUNS_PER_TERM = 2;

const parsedBody = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** One request over a real socket; `target` goes out byte for byte (no client-side URL normalisation). */
const sendOverHttp = (baseUrl: string, request: WireRequest): Promise<WireAnswer> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(baseUrl);
    const headers: Record<string, string> = { 'kbn-xsrf': 'true' };
    if (request.contentType !== undefined) headers['content-type'] = request.contentType;
    if (request.body !== undefined)
      headers['content-length'] = String(Buffer.byteLength(request.body));
    const outgoing = http.request(
      { hostname, port, method: request.method, path: request.target, headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: parsedBody(Buffer.concat(chunks).toString('utf8')),
          })
        );
        response.on('error', reject);
      }
    );
    // The server may answer (413, 431) and close before it has read the body.
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE'
        ? resolve({ status: 0, body: error.code })
        : reject(error)
    );
    outgoing.end(request.body);
  });

export const startStandaloneHost = async (): Promise<ApiHost> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-http-hostile-'));
  const uiDir = path.join(dir, 'ui');
  fs.mkdirSync(uiDir);
  fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><div id="root"></div>');
  const server: StandaloneServer = await startStandaloneServer({
    dataDir: path.join(dir, 'data'),
    port: 0,
    uiDir,
    sampleEventCount: SAMPLE.totalEvents,
    schedulerTickMs: NO_SCHEDULED_RUNS_MS,
    log: silentLog(),
  });
  const connection = server.store.database.connection;
  const rules = new DuckDbRuleStore(connection);
  const snapshot = async (): Promise<StoreSnapshot> => ({
    alerts: (
      await queryRows(
        connection,
        `SELECT id, workflow_status, workflow_reason FROM ${ALERTS_TABLE} ORDER BY id`
      )
    ).map(
      (row) => `${String(row.id)} ${String(row.workflow_status)} ${String(row.workflow_reason)}`
    ),
    rules: (await rules.list())
      .map((rule) => `${rule.definition.rule_id} ${String(rule.enabled)}`)
      .sort(),
    events: await server.store.eventCount(),
  });
  const alertIds = (await queryRows(connection, `SELECT id FROM ${ALERTS_TABLE} ORDER BY id`)).map(
    (row) => String(row.id)
  );
  return {
    name: 'standalone',
    alertIds,
    send: (request) => sendOverHttp(server.url, request),
    snapshot,
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Runs the rules just after each planted new term, so the space holds alerts without a day of runs. */
const raiseSampleAlerts = async (host: KibanaTestHost, eventsIndex: string): Promise<void> => {
  await host.createPrebuiltRules(eventsIndex);
  const plan = planScenario(SAMPLE);
  const firstSeen = Object.values(plan.expected).flatMap((expectation) =>
    expectation.newTerms.map((term) => Date.parse(term.firstSeen))
  );
  const runTimes = new Set(
    firstSeen.flatMap((at) =>
      Array.from(
        { length: RUNS_PER_TERM },
        (_, i) => (Math.ceil(at / FIVE_MINUTES) + i) * FIVE_MINUTES
      )
    )
  );
  for (const at of [...runTimes].sort((a, b) => a - b)) await host.runEnabledRules(new Date(at));
};

export const startKibanaHost = async (runId: string): Promise<ApiHost> => {
  const client: Client = createEsClient({ url: esTestUrl() });
  const space = `httphostile${runId}`;
  const eventsIndex = `logs-endpoint.events.process-${space}`;
  const events = [...generateEvents(SAMPLE)].map((event) => ({
    ...event,
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: space },
  }));
  await indexEventsForTest(client, events);
  const host = await KibanaTestHost.start(client, space);
  await raiseSampleAlerts(host, eventsIndex);
  const alertsIndex = alertsIndexAlias(space);
  await client.indices.refresh({ index: alertsIndex });
  const alertHits = async () =>
    (
      await client.search<Record<string, unknown>>({
        index: alertsIndex,
        size: MAX_ALERTS,
        sort: [{ [F.ALERT_UUID]: 'asc' }],
        _source: [F.ALERT_UUID, F.ALERT_WORKFLOW_STATUS, F.ALERT_WORKFLOW_REASON],
      })
    ).hits.hits;
  const snapshot = async (): Promise<StoreSnapshot> => {
    await client.indices.refresh({ index: `${alertsIndex},${eventsIndex}` });
    const rules = await host.alerting.rulesClient.find({});
    return {
      alerts: (await alertHits()).map((hit) => {
        const source = hit._source ?? {};
        // The reason is a keyword: a string, or absent (read as "null").
        const reason = source[F.ALERT_WORKFLOW_REASON];
        return `${hit._id ?? ''} ${String(source[F.ALERT_WORKFLOW_STATUS])} ${typeof reason === 'string' ? reason : 'null'}`;
      }),
      rules: rules.data
        .map(
          (rule) =>
            `${String((rule.params as { rule_id?: unknown }).rule_id)} ${String(rule.enabled)}`
        )
        .sort(),
      events: (await client.count({ index: eventsIndex })).count,
    };
  };
  const alertIds = (await alertHits()).map((hit) => hit._id ?? '');
  return {
    name: 'kibana',
    alertIds,
    elasticsearch: { client, alertsIndex },
    // hapi has parsed the payload before a route sees it: JSON when it is JSON, else the text (as for text/plain).
    send: async (request) => {
      const answer = await host.request({
        method: request.method,
        path: request.target,
        ...(request.body === undefined ? {} : { body: parsedBody(request.body) }),
      });
      return { status: answer.status, body: answer.body };
    },
    snapshot,
    close: async () => {
      await client.indices.delete({
        index: `*${space}*`,
        ignore_unavailable: true,
        allow_no_indices: true,
        expand_wildcards: 'all',
      });
      await client.close();
    },
  };
};
