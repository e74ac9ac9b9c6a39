/**
 * Differential test of the alerts page and investigation page queries: the same alert documents
 * and the same events go into the embedded DuckDB store and into a real Elasticsearch, and every
 * query must answer identically — searches for each filter alone and combined, every sort field in
 * both orders, page after page; histograms, plain and stacked by rule or severity; groups by every group field, and searches of a group; status changes by ids and by filter; event lookups
 * with and without a timestamp fallback, with ties on the timestamp within and across indices.
 *
 * The alert searches are also checked against a reference order computed here from the documents,
 * so the two stores cannot agree on a wrong answer. The suite is stateful and ordered: searches
 * run over the triaged alerts, and the status-change test runs last.
 */
import { createHash } from 'crypto';
import type { Client } from '@elastic/elasticsearch';
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import { getFieldValues } from '../../common/es/document_fields';
import { fromKueryExpression } from '../../common/kql/parse';
import { privilegedDockerContainerCreation } from '../../common/rules/prebuilt/privileged_docker_container_creation';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import {
  RULE_SEVERITIES,
  type NewTermsRuleDefinition,
  type RuleSeverity,
} from '../../common/rules/rule_schema';
import {
  type AlertFilter,
  type AlertQueries,
  type EventLookupRequest,
  type EventLookups,
  type WorkflowChange,
} from '../../server/stores/store_contract';
import { suggestedAlertFields } from '../../server/alerts/alert_field_names';
import { buildNewTermsAlert } from '../../server/new_terms/build_alert';
import type { NewTermsRuleInstance } from '../../server/new_terms/rule_instance';
import type { TimestampSpec } from '../../server/new_terms/types';
import { DuckDbAlertQueries } from '../../server/stores/duckdb/alert_queries';
import type { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { DuckDbEventLookups } from '../../server/stores/duckdb/event_lookups';
import { EsAlertQueries } from '../../server/stores/elasticsearch/alert_queries';
import { EsAlertStore } from '../../server/stores/elasticsearch/alert_store';
import { alertsIndexName } from '../../server/stores/elasticsearch/alerts_index';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { EsEventLookups } from '../../server/stores/elasticsearch/event_lookups';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { indexEventsForTest } from '../helpers/es_events';
import { memoryStoreWith } from '../helpers/memory_store';
import {
  ALERT_GROUP_FIELDS,
  ALERT_HISTOGRAM_STACKS,
  ALERT_SORT_FIELDS,
  type AlertGroup,
  type AlertSortField,
  type SortOrder,
} from '../../common/api/alerts_api';

const RUN_ID = Date.now().toString(36);
const SPACE = `aq-${RUN_ID}`;
const NAMESPACE = `aq${RUN_ID}`;
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BASE = Date.parse('2025-03-12T10:00:00.000Z');
const ANALYST = 'analyst@example.com';
const PER_PAGE = 7;
const ALERT_COUNT = 40;
const ALERTS_PER_EXECUTION = 5;
const iso = (ms: number): string => new Date(ms).toISOString();
const ORDERS: readonly SortOrder[] = ['asc', 'desc'];

// ---------------------------------------------------------------------------------------------
// Alerts: built by the production alert builder from four rule instances covering every severity.

const ruleInstance = (
  uuid: string,
  definition: NewTermsRuleDefinition,
  overrides: Partial<NewTermsRuleDefinition>
): NewTermsRuleInstance => ({
  uuid,
  spaceId: SPACE,
  definition: { ...definition, ...overrides },
});

const RULES: readonly NewTermsRuleInstance[] = [
  ruleInstance('rule-uuid-interactive', unusualInteractiveProcessInContainer, {
    severity: 'medium',
    risk_score: 47,
  }),
  ruleInstance('rule-uuid-privileged', privilegedDockerContainerCreation, {
    severity: 'low',
    risk_score: 21,
  }),
  ruleInstance('rule-uuid-prod-shell', unusualInteractiveProcessInContainer, {
    rule_id: 'ctd-prod-shell',
    name: 'Shell in a Production Container',
    severity: 'critical',
    risk_score: 99,
  }),
  ruleInstance('rule-uuid-escape', privilegedDockerContainerCreation, {
    rule_id: 'ctd-container-escape',
    name: 'Container Escape via Privileged Run',
    severity: 'high',
    risk_score: 73,
  }),
];
const [INTERACTIVE, PRIVILEGED, PROD_SHELL, ESCAPE] = RULES as [
  NewTermsRuleInstance,
  NewTermsRuleInstance,
  NewTermsRuleInstance,
  NewTermsRuleInstance,
];

const HOSTS = ['node-1', 'node-2', 'worker-a', 'Worker-b'];
const PROCESSES = ['bash', 'sh', 'curl', 'python3', 'nc'];

/**
 * Users for grouping: byte order and UTF-16 order differ between the fullwidth 'ｕ' (U+FF55) and
 * the astral '𝔘'; some alerts have two users (in two groups), none, or only one too long to be
 * indexed (no group).
 */
const USERS = ['root', 'ｕ-svc', '𝔘ser', 'app'];
const LONG_USER = 'u'.repeat(1_025);
const userOf = (i: number): Record<string, unknown> => {
  if (i % 9 === 4) return {};
  if (i % 11 === 0) return { user: { name: LONG_USER } };
  if (i % 7 === 0) return { user: { name: ['root', USERS[(i / 7) % USERS.length]] } };
  return { user: { name: USERS[i % USERS.length] } };
};

/** Alert `i`: executions every 5 minutes with 5 alerts each (ties on @timestamp), events a minute apart (ties on original_time). */
const buildAlert = (i: number): AlertDocument => {
  const rule = RULES[(i + Math.floor(i / 4)) % RULES.length] as NewTermsRuleInstance;
  const startedAt = BASE + Math.floor(i / ALERTS_PER_EXECUTION) * 5 * MINUTE;
  const eventTime = startedAt - ((i % 3) + 1) * MINUTE;
  const processName = PROCESSES[i % PROCESSES.length] as string;
  const source = {
    '@timestamp': iso(eventTime),
    event: {
      id: `evt-${i}`,
      kind: 'event',
      category: ['process'],
      type: ['start'],
      action: 'exec',
    },
    process: {
      name: processName,
      interactive: true,
      entry_leader: { entry_meta: { type: 'container' } },
    },
    container: {
      id: createHash('sha1')
        .update(`container-${i % 6}`)
        .digest('hex')
        .slice(0, 12),
    },
    // Every sixth alert's event has no host: it sorts last by host in both orders.
    ...(i % 6 === 5 ? {} : { host: { name: HOSTS[i % HOSTS.length], os: { type: 'linux' } } }),
    ...userOf(i),
  };
  return buildNewTermsAlert(
    {
      rule,
      executionId: `exec-${Math.floor(i / ALERTS_PER_EXECUTION)}`,
      startedAt,
      window: { from: startedAt - 9 * MINUTE, to: startedAt },
      historyStart: startedAt - 7 * DAY,
    },
    {
      term: [processName, `${i}`],
      event: {
        index: `logs-endpoint.events.process-${NAMESPACE}`,
        id: `evt-${i}`,
        source,
        timestamp: eventTime,
      },
      firstSeen: eventTime,
    }
  );
};

const ALERTS: readonly AlertDocument[] = Array.from({ length: ALERT_COUNT }, (_, i) =>
  buildAlert(i)
);
const idOf = (alert: AlertDocument): string => String(alert[F.ALERT_UUID]);
const ALERT_IDS = ALERTS.map(idOf);
const alertId = (i: number): string => ALERT_IDS[i] as string;
const executionTime = (execution: number): number => BASE + execution * 5 * MINUTE;

/** Triage applied to both stores before the searches, so every status appears. */
const INITIAL_TRIAGE: ReadonlyArray<{
  readonly selection: { ids: string[] } | { filter: AlertFilter };
  readonly change: WorkflowChange;
}> = [
  {
    selection: { ids: [0, 3, 8, 13, 21, 34].map(alertId) },
    change: { status: 'acknowledged', user: ANALYST, at: new Date(BASE + HOUR) },
  },
  {
    selection: { ids: [1, 8, 17, 25, 39].map(alertId) },
    change: {
      status: 'closed',
      reason: 'false_positive',
      user: ANALYST,
      at: new Date(BASE + 2 * HOUR),
    },
  },
];

/** Each filter alone, combined, empty lists, boundaries exactly on alert times, and none matching. */
const FILTERS: ReadonlyArray<readonly [string, AlertFilter]> = [
  ['no filter', {}],
  ['rule id', { ruleIds: [INTERACTIVE.definition.rule_id] }],
  ['rule uuids', { ruleUuids: [PRIVILEGED.uuid, ESCAPE.uuid] }],
  ['status open', { statuses: ['open'] }],
  ['statuses triaged', { statuses: ['acknowledged', 'closed'] }],
  ['severities', { severities: ['critical', 'low'] }],
  ['range from', { range: { from: executionTime(3) } }],
  ['range to', { range: { to: executionTime(4) } }],
  ['range both', { range: { from: executionTime(2), to: executionTime(5) } }],
  ['range between executions', { range: { from: executionTime(2) + 1, to: executionTime(3) - 1 } }],
  ['ids', { ids: [...[5, 6, 7, 30, 31].map(alertId), 'no-such-alert'] }],
  ['empty lists', { ruleIds: [], ruleUuids: [], statuses: [], severities: [], ids: [] }],
  [
    'combined',
    {
      ruleUuids: [INTERACTIVE.uuid, PROD_SHELL.uuid, ESCAPE.uuid],
      statuses: ['open', 'acknowledged'],
      range: { from: executionTime(1), to: executionTime(6) },
    },
  ],
  ['severity and ids', { severities: ['high', 'medium'], ids: ALERT_IDS.slice(10, 30) }],
  ['nothing', { ruleIds: ['no-such-rule'] }],
];

const GROUPS_PER_PAGE = 3;
const PAGED_FILTERS = new Set(['no filter', 'combined', 'severity and ids']);
const HISTOGRAM_INTERVALS = [MINUTE, 5 * MINUTE, 7 * MINUTE, HOUR, DAY, 1_234];

// Reference order, computed from the documents.
const SEVERITY_RANK = (severity: unknown): number =>
  RULE_SEVERITIES.indexOf(severity as RuleSeverity) + 1;
const firstValue = (alert: AlertDocument, field: string): unknown =>
  getFieldValues(alert, field)[0];
const REFERENCE_KEYS: Readonly<
  Record<AlertSortField, (alert: AlertDocument) => number | string | undefined>
> = {
  '@timestamp': (alert) => Date.parse(String(alert['@timestamp'])),
  original_time: (alert) => Date.parse(String(alert[F.ALERT_ORIGINAL_TIME])),
  severity: (alert) => SEVERITY_RANK(alert[F.ALERT_SEVERITY]),
  risk_score: (alert) => Math.fround(Number(alert[F.ALERT_RISK_SCORE])),
  rule_name: (alert) => String(alert[F.ALERT_RULE_NAME]),
  host_name: (alert) => firstValue(alert, 'host.name') as string | undefined,
  workflow_status: (alert) => String(alert[F.ALERT_WORKFLOW_STATUS]),
};

const referenceOrder = (
  alerts: readonly AlertDocument[],
  field: AlertSortField,
  order: SortOrder
): string[] => {
  const key = REFERENCE_KEYS[field];
  const direction = order === 'asc' ? 1 : -1;
  return [...alerts]
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      if (x !== y) {
        if (x === undefined) return 1;
        if (y === undefined) return -1;
        return (x < y ? -1 : 1) * direction;
      }
      return idOf(a) < idOf(b) ? -1 : 1;
    })
    .map(idOf);
};

// ---------------------------------------------------------------------------------------------
// Events: three indices, ties on the timestamp within and across them, some ingested late.

const DATASETS = ['process', 'network', 'file'] as const;
const EVENT_COUNT = 36;

const buildEvent = (i: number): Record<string, unknown> => {
  const dataset = DATASETS[(i * 5) % DATASETS.length] as string;
  // Four events per minute on average, several on the same millisecond.
  const timestamp = BASE + Math.floor(i / 4) * MINUTE + (i % 2) * SECOND;
  const ingested = i % 3 === 0 ? { ingested: iso(BASE + ((i * 7) % 11) * MINUTE) } : {};
  return {
    '@timestamp': iso(timestamp),
    data_stream: { type: 'logs', dataset: `endpoint.events.${dataset}`, namespace: NAMESPACE },
    event: {
      id: `lookup-${i}`,
      category: [dataset],
      action: i % 4 === 0 ? 'exec' : 'fork',
      ...ingested,
    },
    process: { name: PROCESSES[i % PROCESSES.length], pid: 1000 + i },
    host: { name: HOSTS[i % 3], os: { type: 'linux' } },
  };
};

const EVENTS = Array.from({ length: EVENT_COUNT }, (_, i) => buildEvent(i));
const ALL_EVENTS = `logs-endpoint.events.*-${NAMESPACE}`;
const indexOf = (dataset: string): string => `logs-endpoint.events.${dataset}-${NAMESPACE}`;

const TIMESTAMPS: ReadonlyArray<readonly [string, TimestampSpec]> = [
  ['@timestamp', { primary: '@timestamp', fallback: null }],
  ['event.ingested with fallback', { primary: 'event.ingested', fallback: '@timestamp' }],
  ['event.ingested only', { primary: 'event.ingested', fallback: null }],
];
const QUERIES = [
  '',
  'process.name : "sh"',
  'host.name : node-1 and not process.name : bash',
  'event.category : network or event.action : exec',
];
const INDEX_SETS: ReadonlyArray<readonly string[]> = [
  [ALL_EVENTS],
  [indexOf('process')],
  [indexOf('network'), indexOf('file')],
];
const RANGES = [
  { from: BASE, to: BASE + HOUR },
  { from: BASE + 2 * MINUTE, to: BASE + 5 * MINUTE + SECOND },
];
const SIZES = [1, 4, 100];

interface Stores {
  readonly alerts: AlertQueries;
  readonly events: EventLookups;
}

describeWithElasticsearch(
  'alert queries and event lookups give identical answers on the embedded store and on Elasticsearch',
  () => {
    let client: Client;
    let embedded: EmbeddedStore;
    let duck: Stores;
    let elastic: Stores;
    let pagedElastic: AlertQueries;

    const both = async <T>(query: (stores: Stores) => Promise<T>): Promise<T> => {
      const expected = await query(duck);
      expect(await query(elastic)).toEqual(expected);
      return expected;
    };

    beforeAll(async () => {
      client = createEsClient({ url: esTestUrl() });
      embedded = await memoryStoreWith(EVENTS);
      await indexEventsForTest(client, EVENTS);
      const esAlerts = await EsAlertStore.open(client, SPACE);
      expect(await embedded.alerts.create(ALERTS)).toHaveLength(ALERT_COUNT);
      expect(await esAlerts.create(ALERTS)).toHaveLength(ALERT_COUNT);
      duck = {
        alerts: new DuckDbAlertQueries(embedded.database.connection),
        events: new DuckDbEventLookups(embedded.database.connection, embedded.catalog),
      };
      elastic = {
        alerts: new EsAlertQueries(client, esAlerts.index),
        events: new EsEventLookups(client),
      };
      pagedElastic = new EsAlertQueries(client, esAlerts.index, { stackedPageSize: 2 });
      for (const { selection, change } of INITIAL_TRIAGE) {
        await both((stores) => stores.alerts.setWorkflowStatus(selection, change));
      }
    });

    afterAll(async () => {
      embedded?.close();
      await client.indices.delete({
        index: [alertsIndexName(SPACE), `*-${NAMESPACE}`],
        ignore_unavailable: true,
        allow_no_indices: true,
      });
      await client.close();
    });

    describe('alert search', () => {
      it('covers every severity, status and rule, with ties and missing hosts', async () => {
        const all = (
          await duck.alerts.search({
            filter: {},
            page: 0,
            perPage: 100,
            sortField: '@timestamp',
            sortOrder: 'asc',
          })
        ).alerts;
        expect(new Set(all.map((alert) => alert[F.ALERT_SEVERITY]))).toEqual(
          new Set(RULE_SEVERITIES)
        );
        expect(new Set(all.map((alert) => alert[F.ALERT_WORKFLOW_STATUS]))).toEqual(
          new Set(['open', 'acknowledged', 'closed'])
        );
        expect(new Set(all.map((alert) => alert[F.ALERT_RULE_UUID]))).toEqual(
          new Set(RULES.map((rule) => rule.uuid))
        );
        expect(
          all.filter((alert) => firstValue(alert, 'host.name') === undefined).length
        ).toBeGreaterThan(1);
      });

      const matrix = FILTERS.flatMap(([name, filter]) =>
        ALERT_SORT_FIELDS.flatMap((sortField) =>
          ORDERS.map((sortOrder) => [name, sortField, sortOrder, filter] as const)
        )
      );

      it.each(matrix)('%s, by %s %s', async (name, sortField, sortOrder, filter) => {
        const whole = await both((stores) =>
          stores.alerts.search({ filter, page: 0, perPage: 100, sortField, sortOrder })
        );
        if (name === 'no filter') {
          expect(whole.alerts.map(idOf)).toEqual(
            referenceOrder(whole.alerts, sortField, sortOrder)
          );
          expect(whole.total).toBe(ALERT_COUNT);
        }
        if (!PAGED_FILTERS.has(name)) return;
        const pages: AlertDocument[] = [];
        for (let page = 0; page <= Math.ceil(whole.total / PER_PAGE); page++) {
          const result = await both((stores) =>
            stores.alerts.search({ filter, page, perPage: PER_PAGE, sortField, sortOrder })
          );
          expect(result.total).toBe(whole.total);
          pages.push(...result.alerts);
        }
        expect(pages).toEqual(whole.alerts);
      });

      it('gets each alert with its current workflow fields', async () => {
        for (const id of [...ALERT_IDS, 'no-such-alert'])
          await both((stores) => stores.alerts.get(id));
        expect(await duck.alerts.get(alertId(1))).toMatchObject({
          [F.ALERT_WORKFLOW_STATUS]: 'closed',
          [F.ALERT_WORKFLOW_REASON]: 'false_positive',
        });
      });
    });

    describe('alert field names', () => {
      it('suggest the same fields: the mapped ones and every leaf the stored alerts hold', async () => {
        const embeddedNames = await duck.alerts.storedFieldNames();
        const indexedNames = await elastic.alerts.storedFieldNames();
        expect(suggestedAlertFields(embeddedNames)).toEqual(suggestedAlertFields(indexedNames));
        for (const names of [embeddedNames, indexedNames]) {
          for (const field of [
            'process.name',
            'container.id',
            F.ALERT_RULE_NAME,
            F.ALERT_NEW_TERMS,
          ])
            expect(names.has(field)).toBe(true);
          for (const field of ['process', '_id', '_source']) expect(names.has(field)).toBe(false);
        }
      });
    });

    describe('alert histogram', () => {
      const cases = FILTERS.filter(([name]) =>
        ['no filter', 'rule id', 'severities', 'combined', 'nothing'].includes(name)
      ).flatMap(([name, filter]) =>
        HISTOGRAM_INTERVALS.map((interval) => [name, interval, filter] as const)
      );

      it.each(cases)('%s every %d ms', async (_name, interval, filter) => {
        const buckets = await both((stores) => stores.alerts.histogram(filter, interval));
        for (const bucket of buckets) expect(bucket.start % interval).toBe(0);
      });

      const stacked = ALERT_HISTOGRAM_STACKS.flatMap((stack) =>
        cases.map(([name, interval, filter]) => [stack, name, interval, filter] as const)
      );

      it.each(stacked)('stacked by %s, %s every %d ms', async (stack, _name, interval, filter) => {
        const buckets = await both((stores) => stores.alerts.histogram(filter, interval, stack));
        // Two composite buckets a request: the Elasticsearch store pages to the same answer.
        expect(await pagedElastic.histogram(filter, interval, stack)).toEqual(buckets);
        const plain = await duck.alerts.histogram(filter, interval);
        expect(buckets.map(({ start, count }) => ({ start, count }))).toEqual(plain);
        for (const bucket of buckets)
          expect((bucket.series ?? []).reduce((sum, entry) => sum + entry.count, 0)).toBe(
            bucket.count
          );
      });

      it.each(ALERT_HISTOGRAM_STACKS)(
        'stacked by %s without a filter: the counts the documents give',
        async (stack) => {
          const field = stack === 'rule' ? F.ALERT_RULE_NAME : F.ALERT_SEVERITY;
          const buckets = await duck.alerts.histogram({}, HOUR, stack);
          const expected = new Map<string, number>();
          for (const alert of ALERTS) {
            const start = Math.floor(Date.parse(String(alert['@timestamp'])) / HOUR) * HOUR;
            const key = `${start} ${String(alert[field])}`;
            expected.set(key, (expected.get(key) ?? 0) + 1);
          }
          const actual = new Map(
            buckets.flatMap((bucket) =>
              (bucket.series ?? []).map(
                (entry) => [`${bucket.start} ${entry.value ?? ''}`, entry.count] as const
              )
            )
          );
          expect(actual).toEqual(expected);
          expect(new Set(buckets.flatMap((b) => (b.series ?? []).map((e) => e.value)))).toEqual(
            new Set(stack === 'rule' ? RULES.map((rule) => rule.definition.name) : RULE_SEVERITIES)
          );
        }
      );
    });

    describe('event lookups', () => {
      it('gets every event by index and id, and misses the same ones', async () => {
        const keys = EVENTS.map(
          (event, i) =>
            [
              indexOf(DATASETS[(i * 5) % DATASETS.length] as string),
              String((event.event as { id: string }).id),
            ] as const
        );
        for (const [index, id] of keys) {
          const found = await both((stores) => stores.events.getEvent(index, id));
          expect(found?.id).toBe(id);
        }
        for (const [index, id] of [
          [indexOf('network'), 'lookup-0'],
          [ALL_EVENTS, 'lookup-0'],
          [indexOf('process'), 'nope'],
        ] as const) {
          expect(await both((stores) => stores.events.getEvent(index, id))).toBeUndefined();
        }
      });

      const request = (overrides: Partial<EventLookupRequest>): EventLookupRequest => ({
        index: [ALL_EVENTS],
        query: fromKueryExpression(''),
        range: RANGES[0] as EventLookupRequest['range'],
        timestamp: (TIMESTAMPS[0] as readonly [string, TimestampSpec])[1],
        size: 100,
        sortOrder: 'asc',
        ...overrides,
      });

      const matrix = TIMESTAMPS.flatMap(([name, timestamp]) =>
        ORDERS.flatMap((sortOrder) =>
          QUERIES.flatMap((query) =>
            INDEX_SETS.map(
              (index) => [name, sortOrder, query, index.join(','), timestamp, index] as const
            )
          )
        )
      );

      it.each(matrix)(
        'by %s %s, query "%s" on %s',
        async (_name, sortOrder, query, _indices, timestamp, index) => {
          await both((stores) =>
            stores.events.searchEvents(
              request({ timestamp, sortOrder, query: fromKueryExpression(query), index })
            )
          );
        }
      );

      const limited = TIMESTAMPS.flatMap(([name, timestamp]) =>
        ORDERS.flatMap((sortOrder) =>
          RANGES.flatMap((range) =>
            SIZES.map((size) => [name, sortOrder, size, range.from, timestamp, range] as const)
          )
        )
      );

      it.each(limited)(
        'by %s %s, size %d from %d',
        async (_name, sortOrder, size, _from, timestamp, range) => {
          const result = await both((stores) =>
            stores.events.searchEvents(request({ timestamp, sortOrder, size, range }))
          );
          expect(result.events.length).toBe(Math.min(size, result.total));
        }
      );

      it('selects some events but not all with each query, index set and primary-only timestamp', async () => {
        const totalOf = async (overrides: Partial<EventLookupRequest>): Promise<number> =>
          (await duck.events.searchEvents(request(overrides))).total;
        for (const query of QUERIES.slice(1))
          expect(await totalOf({ query: fromKueryExpression(query) })).toBeGreaterThan(0);
        for (const index of INDEX_SETS.slice(1))
          expect(await totalOf({ index })).toBeGreaterThan(0);
        const ingestedOnly = await totalOf({
          timestamp: (TIMESTAMPS[2] as readonly [string, TimestampSpec])[1],
        });
        expect(ingestedOnly).toBeGreaterThan(0);
        expect(ingestedOnly).toBeLessThan(EVENT_COUNT);
      });

      it('has timestamp ties within and across indices, and events placed by the fallback', async () => {
        const result = await duck.events.searchEvents(
          request({ timestamp: (TIMESTAMPS[1] as readonly [string, TimestampSpec])[1] })
        );
        const times = result.events.map((event) => event.timestamp);
        expect(new Set(times).size).toBeLessThan(times.length);
        const tiedIndices = result.events.filter(
          (event, i) =>
            times.indexOf(event.timestamp) !== i || times.lastIndexOf(event.timestamp) !== i
        );
        expect(new Set(tiedIndices.map((event) => event.index)).size).toBeGreaterThan(1);
        expect(result.total).toBe(EVENT_COUNT);
      });
    });

    describe('alert groups', () => {
      const GROUP_FILTERS = FILTERS.filter(([name]) =>
        ['no filter', 'status open', 'severities', 'combined', 'nothing'].includes(name)
      );
      const cases = ALERT_GROUP_FIELDS.flatMap((field) =>
        GROUP_FILTERS.map(([name, filter]) => [field, name, filter] as const)
      );

      it.each(cases)('by %s, %s: same groups, page by page', async (field, _name, filter) => {
        const whole = await both((stores) =>
          stores.alerts.groups({ filter, field, page: 0, perPage: 100 })
        );
        const pages: AlertGroup[] = [];
        for (let page = 0; page * GROUPS_PER_PAGE < whole.totalGroups + 1; page++) {
          const result = await both((stores) =>
            stores.alerts.groups({ filter, field, page, perPage: GROUPS_PER_PAGE })
          );
          expect(result.totalGroups).toBe(whole.totalGroups);
          pages.push(...result.groups);
        }
        expect(pages).toEqual(whole.groups);
      });

      it.each(ALERT_GROUP_FIELDS)(
        'by %s without a filter: the counts the documents give',
        async (field) => {
          const { groups } = await duck.alerts.groups({
            filter: {},
            field,
            page: 0,
            perPage: 100,
          });
          const counts = new Map<string | null, number>();
          for (const alert of ALERTS) {
            const values = [
              ...new Set(
                getFieldValues(alert, field).filter(
                  (value): value is string => typeof value === 'string' && value.length <= 1_024
                )
              ),
            ];
            for (const value of values.length === 0 ? [null] : values)
              counts.set(value, (counts.get(value) ?? 0) + 1);
          }
          expect(new Map(groups.map((group) => [group.value, group.count]))).toEqual(counts);
          const sizes = groups.map((group) => group.count);
          expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
        }
      );

      it('orders tied groups by value in byte order, the group without a value after its ties', async () => {
        const { groups } = await duck.alerts.groups({
          filter: {},
          field: 'user.name',
          page: 0,
          perPage: 100,
        });
        expect(groups.map((group) => [group.value, group.count])).toEqual([
          ['root', 12],
          ['ｕ-svc', 9],
          ['𝔘ser', 9],
          ['app', 7],
          [null, 7],
        ]);
      });

      it('searches, counts and charts each group alike', async () => {
        for (const field of ['host.name', 'user.name', 'kibana.alert.new_terms'] as const) {
          const { groups } = await duck.alerts.groups({ filter: {}, field, page: 0, perPage: 100 });
          for (const group of groups.slice(0, 6)) {
            const filter: AlertFilter = { group: { field, value: group.value } };
            const found = await both((stores) =>
              stores.alerts.search({
                filter,
                page: 0,
                perPage: 100,
                sortField: 'host_name',
                sortOrder: 'asc',
              })
            );
            expect(found.total).toBe(group.count);
            await both((stores) => stores.alerts.histogram(filter, HOUR));
          }
        }
      });
    });

    // Last: it changes the alerts every test above reads.
    describe('status changes', () => {
      const changes: ReadonlyArray<
        readonly [string, { ids: string[] } | { filter: AlertFilter }, WorkflowChange]
      > = [
        [
          'acknowledge by ids, some already acknowledged',
          { ids: [0, 2, 3, 4, 8].map(alertId) },
          { status: 'acknowledged', user: 'bob', at: new Date(BASE + 3 * HOUR) },
        ],
        [
          'close open critical alerts by filter, with a reason',
          { filter: { severities: ['critical'], statuses: ['open'] } },
          {
            status: 'closed',
            reason: 'issue_resolved',
            user: ANALYST,
            at: new Date(BASE + 4 * HOUR),
          },
        ],
        [
          'reopen a rule by filter, reason dropped',
          { filter: { ruleIds: [PRIVILEGED.definition.rule_id] } },
          { status: 'open', reason: 'duplicate', user: ANALYST, at: new Date(BASE + 5 * HOUR) },
        ],
        [
          'close by ids and range',
          { ids: [...ALERT_IDS.slice(20, 30), 'no-such-alert'] },
          {
            status: 'closed',
            reason: 'acceptable_risk',
            user: 'carol',
            at: new Date(BASE + 6 * HOUR),
          },
        ],
        [
          'close the alerts without a user, by group',
          { filter: { group: { field: 'user.name', value: null } } },
          { status: 'closed', reason: 'duplicate', user: 'frank', at: new Date(BASE + 7 * HOUR) },
        ],
        [
          'acknowledge everything in a time range',
          { filter: { range: { from: executionTime(5) } } },
          { status: 'acknowledged', user: 'dave', at: new Date(BASE + 7 * HOUR) },
        ],
        ['no ids', { ids: [] }, { status: 'closed', user: 'erin', at: new Date(BASE + 8 * HOUR) }],
      ];

      it.each(changes)('%s: same count, same documents after', async (_name, selection, change) => {
        const changed = await both((stores) => stores.alerts.setWorkflowStatus(selection, change));
        if ('ids' in selection && selection.ids.length === 0) expect(changed).toBe(0);
        else expect(changed).toBeGreaterThan(0);
        for (const sortField of ['workflow_status', 'severity'] as const) {
          await both((stores) =>
            stores.alerts.search({
              filter: {},
              page: 0,
              perPage: 100,
              sortField,
              sortOrder: 'desc',
            })
          );
        }
        await both((stores) => stores.alerts.histogram({ statuses: ['closed'] }, HOUR));
      });

      it('repeating a change changes nothing', async () => {
        const [, selection, change] = changes[5] as (typeof changes)[number];
        expect(await both((stores) => stores.alerts.setWorkflowStatus(selection, change))).toBe(0);
      });
    });
  }
);
