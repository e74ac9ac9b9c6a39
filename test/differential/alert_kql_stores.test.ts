/**
 * Differential test of the alerts page's KQL query: the same alerts (built by the production alert
 * builder, then triaged) go into the embedded DuckDB store and into a real Elasticsearch, and each
 * query must select the same alert ids in both, through the search, and the same counts through the
 * histogram and the groups. The queries cover what trips a KQL backend up: keyword wildcards (case
 * sensitive, escaped `*`), ranges on the float risk score and on `@timestamp`, exists, negation
 * (which keeps alerts without the field), quoted phrases on the text reason, fields some alerts
 * lack, multi-valued fields, dynamically mapped numbers, booleans and date-like strings, the
 * flattened rule parameters, and the workflow fields a status change rewrites.
 */
import type { Client } from '@elastic/elasticsearch';
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import { privilegedDockerContainerCreation } from '../../common/rules/prebuilt/privileged_docker_container_creation';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { AlertQueryError } from '../../server/alerts/alert_query';
import { buildNewTermsAlert } from '../../server/new_terms/build_alert';
import type { NewTermsRuleInstance } from '../../server/new_terms/rule_instance';
import type { AlertFilter, AlertQueries } from '../../server/stores/store_contract';
import { DuckDbAlertQueries } from '../../server/stores/duckdb/alert_queries';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { EsAlertQueries } from '../../server/stores/elasticsearch/alert_queries';
import { EsAlertStore } from '../../server/stores/elasticsearch/alert_store';
import { alertsIndexName } from '../../server/stores/elasticsearch/alerts_index';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';

const RUN_ID = Date.now().toString(36);
const SPACE = `akql-${RUN_ID}`;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const BASE = Date.parse('2025-03-12T10:00:00.000Z');
const ALERT_COUNT = 30;
const iso = (ms: number): string => new Date(ms).toISOString();

const rule = (
  uuid: string,
  definition: NewTermsRuleDefinition,
  overrides: Partial<NewTermsRuleDefinition>
): NewTermsRuleInstance => ({ uuid, spaceId: SPACE, definition: { ...definition, ...overrides } });

const RULES: readonly NewTermsRuleInstance[] = [
  rule('kql-interactive', unusualInteractiveProcessInContainer, {
    severity: 'medium',
    risk_score: 47,
  }),
  rule('kql-privileged', privilegedDockerContainerCreation, { severity: 'low', risk_score: 21 }),
  rule('kql-prod-shell', unusualInteractiveProcessInContainer, {
    rule_id: 'ctd-prod-shell',
    name: 'Shell in a "Production" Container (prod:*)',
    severity: 'critical',
    risk_score: 99,
  }),
];

/** Hosts with KQL's special characters, case and a value the host keyword cannot index. */
const HOSTS = [
  'node-1',
  'Node-2',
  'web*01',
  'db:primary',
  'a (b)',
  'back\\slash',
  'x'.repeat(1_100),
];
const PROCESSES = ['bash', 'sh', 'curl', 'python3', 'nc'];
const USERS: readonly unknown[] = ['root', ['root', 'app'], 'svc "quoted"', undefined, ['app']];

/** An event whose fields some alerts lack and others hold several times. */
const sourceEvent = (i: number): Record<string, unknown> => {
  const user = USERS[i % USERS.length];
  return {
    '@timestamp': iso(BASE + i * MINUTE - 30_000),
    event: {
      id: `evt-${i}`,
      kind: 'event',
      category: ['process'],
      type: ['start'],
      action: i % 2 === 0 ? 'exec' : 'fork',
      // Looks like a date; the alerts index maps it as the keyword it is (no date detection).
      created: iso(BASE + i * MINUTE),
    },
    process: {
      name: PROCESSES[i % PROCESSES.length],
      pid: i % 4 === 0 ? 1_000 + i : 1_000.5 + i,
      args: i % 3 === 0 ? ['-c', `echo ${i}`, '*'] : [`--n=${i}`],
      interactive: i % 2 === 0,
      entry_leader: { entry_meta: { type: 'container' } },
      ...(i % 5 === 0 ? {} : { executable: `/usr/bin/${PROCESSES[i % PROCESSES.length]}` }),
    },
    container: { id: `c${i % 4}`, image: { name: i % 3 === 0 ? 'nginx:1.27' : 'alpine' } },
    ...(i % 8 === 7 ? {} : { host: { name: HOSTS[i % HOSTS.length] } }),
    ...(user === undefined ? {} : { user: { name: user } }),
  };
};

const buildAlert = (i: number): AlertDocument => {
  const instance = RULES[i % RULES.length] as NewTermsRuleInstance;
  const startedAt = BASE + Math.floor(i / 3) * 5 * MINUTE;
  const source = sourceEvent(i);
  const process = source.process as { name: string };
  const built = buildNewTermsAlert(
    {
      rule: instance,
      executionId: `exec-${Math.floor(i / 3)}`,
      startedAt,
      window: { from: startedAt - 9 * MINUTE, to: startedAt },
      historyStart: startedAt - 7 * DAY,
    },
    {
      term: i % 2 === 0 ? [process.name, `${i}`] : [process.name],
      event: { index: 'logs-endpoint.events.process-kql', id: `evt-${i}`, source, timestamp: 0 },
      firstSeen: startedAt - MINUTE,
    }
  );
  // Fractional scores, stored as floats by Elasticsearch.
  return { ...built, [F.ALERT_RISK_SCORE]: 21 + (i % 7) * 13 + (i % 3 === 0 ? 0.1 : 0) };
};

const ALERTS = Array.from({ length: ALERT_COUNT }, (_, i) => buildAlert(i));
const idOf = (alert: AlertDocument): string => String(alert[F.ALERT_UUID]);
const ALERT_IDS = ALERTS.map(idOf);

/** Each query, and whether it must select some but not every alert (guarding trivial agreement). */
const QUERIES: ReadonlyArray<readonly [string, 'some' | 'any']> = [
  ['host.name: "null"', 'any'],
  ['host.name: node-1', 'some'],
  ['host.name: node-*', 'some'],
  ['host.name: NODE-*', 'any'],
  ['host.name: Node-2 or host.name: "node-1"', 'some'],
  ['host.name: web\\*01', 'some'],
  ['host.name: web*', 'some'],
  ['host.name: "web*01"', 'some'],
  ['host.name: db\\:primary', 'some'],
  ['host.name: "db:primary"', 'some'],
  ['host.name: a \\(b\\)', 'some'],
  ['host.name: "a (b)"', 'some'],
  ['host.name: "back\\\\slash"', 'some'],
  ['host.name: back\\\\*', 'some'],
  ['host.name: *', 'some'],
  ['not host.name: *', 'some'],
  ['host.name: x*', 'any'],
  ['container.id: c1 and not process.name: curl', 'some'],
  ['not container.id: c0', 'some'],
  ['user.name: root', 'some'],
  ['user.name: app and user.name: root', 'some'],
  ['not user.name: root', 'some'],
  ['user.name: "svc \\"quoted\\""', 'some'],
  ['user.name: *', 'some'],
  ['kibana.alert.new_terms: bash', 'some'],
  ['kibana.alert.new_terms: (0 or 6 or 12)', 'some'],
  ['kibana.alert.new_terms: 1*', 'some'],
  ['kibana.alert.risk_score > 50', 'some'],
  ['kibana.alert.risk_score >= 21.1', 'some'],
  ['kibana.alert.risk_score < 21.1 or kibana.alert.risk_score > 99', 'some'],
  ['kibana.alert.risk_score: 47.1', 'any'],
  ['kibana.alert.risk_score: 60', 'some'],
  ['not kibana.alert.risk_score: *', 'any'],
  ['kibana.alert.risk_score: 21.1', 'some'],
  ['@timestamp >= "2025-03-12T10:15:00.000Z"', 'some'],
  ['@timestamp < "2025-03-12T10:15:00Z" and @timestamp > "2025-03-12T10:05:00Z"', 'some'],
  ['@timestamp: "2025-03-12T10:20:00.000Z"', 'some'],
  ['@timestamp >= 1741774500000', 'some'],
  ['@timestamp <= "2025-03-12"', 'any'],
  ['kibana.alert.original_time < "2025-03-12T10:10:00Z"', 'some'],
  ['event.created >= "2025-03-12T10:20"', 'some'],
  ['event.created: 2025-03-12T10\\:1*', 'some'],
  ['process.pid > 1010', 'some'],
  ['process.pid: 1004', 'some'],
  ['process.pid: 1001.5', 'some'],
  ['process.interactive: true', 'some'],
  ['not process.interactive: false', 'some'],
  ['process.args: "*"', 'some'],
  ['process.args: \\*', 'some'],
  ['process.args: "echo 3"', 'some'],
  ['process.executable: *', 'some'],
  ['process.executable: /usr/bin/*', 'some'],
  ['container.image.name: nginx\\:1.27', 'some'],
  ['kibana.alert.reason: "process event"', 'any'],
  ['kibana.alert.reason: bash', 'any'],
  ['kibana.alert.rule.name: "Shell in a \\"Production\\" Container (prod:*)"', 'some'],
  ['kibana.alert.rule.name: Shell*', 'some'],
  ['kibana.alert.rule.name: *Production*', 'some'],
  ['kibana.alert.severity: (critical or low)', 'some'],
  ['kibana.alert.workflow_status: open', 'some'],
  ['kibana.alert.workflow_status: closed and kibana.alert.workflow_reason: false_positive', 'some'],
  ['kibana.alert.workflow_reason: *', 'some'],
  ['kibana.alert.workflow_user: *', 'some'],
  ['kibana.alert.rule.parameters.type: new_terms', 'any'],
  ['kibana.alert.rule.parameters: new_terms', 'any'],
  ['kibana.alert.rule.parameters.history_window_start: *', 'any'],
  // Wildcard field names expand over the mapped alert fields, not the dynamically mapped ones.
  ['process.*: bash', 'any'],
  ['*.name: sh', 'any'],
  ['kibana.alert.rule.*: ctd-prod-shell', 'some'],
  ['bash', 'some'],
  ['"svc \\"quoted\\""', 'some'],
  ['no.such.field: *', 'any'],
  ['not no.such.field: x', 'any'],
  ['(host.name: node-1 or user.name: app) and not (kibana.alert.severity: low)', 'some'],
];

describeWithElasticsearch('alert KQL queries select the same alerts in both stores', () => {
  let client: Client;
  let embedded: EmbeddedStore;
  let duck: AlertQueries;
  let elastic: AlertQueries;

  const both = async <T>(query: (stores: AlertQueries) => Promise<T>): Promise<T> => {
    const expected = await query(duck);
    expect(await query(elastic)).toEqual(expected);
    return expected;
  };

  const searchIds = (stores: AlertQueries, filter: AlertFilter): Promise<string[]> =>
    stores
      .search({ filter, page: 0, perPage: 100, sortField: '@timestamp', sortOrder: 'asc' })
      .then((result) => result.alerts.map(idOf));

  beforeAll(async () => {
    client = createEsClient({ url: esTestUrl() });
    embedded = await EmbeddedStore.open();
    const esAlerts = await EsAlertStore.open(client, SPACE);
    expect(await embedded.alerts.create(ALERTS)).toHaveLength(ALERT_COUNT);
    expect(await esAlerts.create(ALERTS)).toHaveLength(ALERT_COUNT);
    duck = new DuckDbAlertQueries(embedded.database.connection);
    elastic = new EsAlertQueries(client, esAlerts.index);
    const at = new Date(BASE + DAY);
    const closed = { status: 'closed', reason: 'false_positive', user: 'analyst', at } as const;
    await both((stores) => stores.setWorkflowStatus({ ids: ALERT_IDS.slice(0, 6) }, closed));
    const acknowledged = { status: 'acknowledged', user: 'analyst', at } as const;
    await both((stores) => stores.setWorkflowStatus({ ids: ALERT_IDS.slice(3, 9) }, acknowledged));
  });

  afterAll(async () => {
    embedded?.close();
    await client.indices.delete({ index: alertsIndexName(SPACE), ignore_unavailable: true });
    await client.close();
  });

  it.each(QUERIES)('%s', async (query, expectation) => {
    const ids = await both((stores) => searchIds(stores, { query }));
    if (expectation === 'some') {
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.length).toBeLessThan(ALERT_COUNT);
    }
  });

  it('selects what a reading of the documents selects, for a few queries', async () => {
    const hostOf = (i: number): string | undefined =>
      i % 8 === 7 ? undefined : HOSTS[i % HOSTS.length];
    const expectIds = async (query: string, keep: (i: number) => boolean): Promise<void> => {
      const ids = await both((stores) => searchIds(stores, { query }));
      expect([...ids].sort()).toEqual(ALERT_IDS.filter((_id, i) => keep(i)).sort());
    };
    await expectIds('host.name: web\\*01', (i) => hostOf(i) === 'web*01');
    await expectIds('not host.name: node-1', (i) => hostOf(i) !== 'node-1');
    await expectIds('host.name: x*', () => false);
    await expectIds('user.name: app', (i) => [1, 4].includes(i % USERS.length));
    await expectIds('kibana.alert.risk_score > 99', (i) => i % 7 === 6 && i % 3 === 0);
    await expectIds(`host.name: ${'x'.repeat(1_100)}`, () => false);
    await expectIds('kibana.alert.risk_score: 21.1', (i) => i % 21 === 0);
    await expectIds('process.pid: 1001.5', (i) => i === 1);
  });

  it('combines a query with the other filters, in the histogram and the groups too', async () => {
    const filter: AlertFilter = {
      query: 'not host.name: node-1 and kibana.alert.risk_score >= 40',
      statuses: ['open', 'acknowledged'],
      range: { from: BASE + 5 * MINUTE },
    };
    expect((await both((stores) => searchIds(stores, filter))).length).toBeGreaterThan(0);
    await both((stores) => stores.histogram(filter, 10 * MINUTE));
    for (const field of ['host.name', 'user.name', 'kibana.alert.new_terms'] as const)
      await both((stores) => stores.groups({ filter, field, page: 0, perPage: 10 }));
    await both((stores) => stores.timeSpan(filter));
  });

  it.each([
    ['host.name: (node-1', /line 1, column 19/],
    ['kibana.alert.risk_score: high', /cannot run over alerts/],
    ['@timestamp > yesterday', /cannot run over alerts/],
    // As in Kibana, a wildcard field name searches each mapped field strictly (kibana#149920).
    ['*: node-1', /"node-1" is not a number/],
    // Elasticsearch refuses a search for a null value (multi_match, term, match alike).
    ['null', /null is not a searchable value at line 1, column 1/],
    ['user.name: a or not null', /null is not a searchable value at line 1, column 21/],
    ['host.name: null', /null is not a searchable value/],
    ['not (user.name: a or kibana.alert.risk_score: null)', /null is not a searchable value/],
  ])('refuses %s in both stores alike', async (query, message) => {
    for (const stores of [duck, elastic]) {
      const refused = searchIds(stores, { query });
      await expect(refused).rejects.toThrow(AlertQueryError);
      await expect(refused).rejects.toThrow(message);
    }
  });

  it('changes the status of the alerts a query selects, the same ones in both', async () => {
    const change = { status: 'open', user: 'analyst', at: new Date(BASE + 2 * DAY) } as const;
    const query = 'kibana.alert.workflow_status: closed and user.name: root';
    const updated = await both((stores) => stores.setWorkflowStatus({ filter: { query } }, change));
    expect(updated).toBeGreaterThan(0);
    await both((stores) => searchIds(stores, { query: 'kibana.alert.workflow_status: open' }));
    await both((stores) => searchIds(stores, { query: 'kibana.alert.workflow_reason: *' }));
  });
});
