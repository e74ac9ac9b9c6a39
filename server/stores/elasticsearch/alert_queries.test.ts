/**
 * Alert queries over Elasticsearch: the request shapes (no cluster needed), then against a real
 * cluster the severity sort by rank without scripts, float risk scores, missing hosts last, deep
 * pages through `search_after`, epoch-aligned histogram buckets, status changes, and answers for a
 * space whose alerts index does not exist yet.
 */
import type { Client } from '@elastic/elasticsearch';
import type { AlertDocument } from '../../../common/alerts/alert_document';
import * as F from '../../../common/alerts/field_names';
import {
  MAX_HISTOGRAM_INTERVAL_MS,
  MAX_INSTANT_MS,
  MIN_INSTANT_MS,
} from '../../../common/api/request_bounds';
import { describeWithElasticsearch, esTestUrl } from '../../../test/elasticsearch/es_test_env';
import { PIVOT_ALERTS, PIVOT_CASES, pivotAnswer } from '../../../test/helpers/pivot_alerts';
import type { AlertSearchRequest } from '../store_contract';
import {
  alertFilterQuery,
  alertSearchBody,
  currentDocument,
  EsAlertQueries,
} from './alert_queries';
import { EsAlertStore } from './alert_store';
import { createEsClient } from './es_client';
import type { AlertSortField } from '../../../common/api/alerts_api';

const RUN_ID = Date.now().toString(36);
const MINUTE = 60_000;
const BASE = Date.parse('2025-03-12T12:00:00.000Z');
const ANALYST = 'analyst@example.com';
const TRIAGED_AT = new Date('2025-03-12T13:00:00.000Z');

const alertDoc = (id: string, overrides: Record<string, unknown> = {}): AlertDocument => ({
  '@timestamp': new Date(BASE).toISOString(),
  [F.ALERT_UUID]: id,
  [F.ALERT_RULE_UUID]: 'uuid-a',
  [F.ALERT_RULE_RULE_ID]: 'prebuilt-a',
  [F.ALERT_RULE_NAME]: 'Rule A',
  [F.ALERT_SEVERITY]: 'medium',
  [F.ALERT_RISK_SCORE]: 47,
  [F.ALERT_ORIGINAL_TIME]: new Date(BASE - 30_000).toISOString(),
  [F.ALERT_NEW_TERMS]: [`term-${id}`],
  [F.ALERT_WORKFLOW_STATUS]: 'open',
  'host.name': 'node-1',
  ...overrides,
});

const request = (overrides: Partial<AlertSearchRequest> = {}): AlertSearchRequest => ({
  filter: {},
  page: 0,
  perPage: 100,
  sortField: '@timestamp',
  sortOrder: 'asc',
  ...overrides,
});

describe('EsAlertQueries request shapes', () => {
  it('builds filter clauses only for given filters, ranges in epoch millis', () => {
    expect(
      alertFilterQuery({ ruleIds: [], statuses: ['open'], range: { from: 5 }, ids: ['a'] })
    ).toEqual({
      bool: {
        filter: [
          { terms: { [F.ALERT_WORKFLOW_STATUS]: ['open'] } },
          { ids: { values: ['a'] } },
          { range: { '@timestamp': { gte: 5, format: 'epoch_millis' } } },
        ],
      },
    });
    expect(alertFilterQuery({})).toEqual({ bool: { filter: [] } });
  });

  it('sorts severity by a function_score rank (no script), other fields by value, ties by id', () => {
    const severity = alertSearchBody({}, 'severity', 'desc');
    expect(JSON.stringify(severity)).not.toContain('script');
    expect(severity.sort).toEqual([
      { _score: { order: 'desc' } },
      { [F.ALERT_UUID]: { order: 'asc' } },
    ]);
    expect(alertSearchBody({}, 'host_name', 'asc').sort).toEqual([
      { 'host.name': { order: 'asc', missing: '_last' } },
      { [F.ALERT_UUID]: { order: 'asc' } },
    ]);
  });

  it('returns documents without the null workflow fields a status change leaves', () => {
    expect(
      currentDocument({ a: 1, [F.ALERT_WORKFLOW_REASON]: null, [F.ALERT_WORKFLOW_USER]: 'u' })
    ).toEqual({
      a: 1,
      [F.ALERT_WORKFLOW_STATUS]: 'open',
      [F.ALERT_WORKFLOW_USER]: 'u',
    });
  });
});

describeWithElasticsearch('EsAlertQueries', () => {
  let client: Client;
  let store: EsAlertStore;
  let queries: EsAlertQueries;
  let space = 0;

  beforeAll(() => {
    client = createEsClient({ url: esTestUrl() });
  });
  beforeEach(async () => {
    space++;
    store = await EsAlertStore.open(client, `queries-${RUN_ID}-${space}`);
    queries = new EsAlertQueries(client, store.index);
  });
  afterAll(async () => {
    await client.indices.delete({
      index: `ctd-alerts-queries-${RUN_ID}-*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    await client.close();
  });

  const ids = async (
    overrides: Partial<AlertSearchRequest> = {},
    on: EsAlertQueries = queries
  ): Promise<string[]> =>
    (await on.search(request(overrides))).alerts.map((alert) => String(alert[F.ALERT_UUID]));

  it('finds the other alerts with a host, container or user, newest first, ties by id', async () => {
    const [first] = PIVOT_CASES;
    if (first === undefined) throw new Error('no pivot cases');
    // No alerts index yet: nothing, rather than an error.
    expect(await pivotAnswer(queries, first.request)).toEqual({ total: 0, ids: [] });
    await store.create(PIVOT_ALERTS);
    for (const { request: pivot, total, ids: expected } of PIVOT_CASES)
      expect(await pivotAnswer(queries, pivot)).toEqual({ total, ids: expected });
  });

  it('answers for a space without an alerts index', async () => {
    expect(await queries.search(request())).toEqual({ total: 0, alerts: [] });
    expect(await queries.histogram({}, MINUTE)).toEqual([]);
    expect(await queries.get('a1')).toBeUndefined();
    expect(
      await queries.setWorkflowStatus(
        { filter: {} },
        { status: 'closed', user: ANALYST, at: TRIAGED_AT }
      )
    ).toBe(0);
  });

  it('sorts severity by rank, unknown values below low, ties by id', async () => {
    await store.create(
      [
        ['s5', 'medium'],
        ['s1', 'critical'],
        ['s4', 'low'],
        ['s2', 'high'],
        ['s3', 'medium'],
        ['s0', 'informational'],
      ].map(([id, severity]) => alertDoc(id as string, { [F.ALERT_SEVERITY]: severity }))
    );
    expect(await ids({ sortField: 'severity', sortOrder: 'asc' })).toEqual([
      's0',
      's4',
      's3',
      's5',
      's2',
      's1',
    ]);
    expect(await ids({ sortField: 'severity', sortOrder: 'desc' })).toEqual([
      's1',
      's2',
      's3',
      's5',
      's4',
      's0',
    ]);
  });

  it('sorts risk scores as floats and hosts missing last, in both orders', async () => {
    await store.create([
      alertDoc('r2', { [F.ALERT_RISK_SCORE]: 47.000000001, 'host.name': 'node-b' }),
      alertDoc('r1', { [F.ALERT_RISK_SCORE]: 47 }),
      alertDoc('r0', { [F.ALERT_RISK_SCORE]: 21, 'host.name': undefined }),
    ]);
    expect(await ids({ sortField: 'risk_score', sortOrder: 'desc' })).toEqual(['r1', 'r2', 'r0']);
    expect(await ids({ sortField: 'host_name', sortOrder: 'asc' })).toEqual(['r1', 'r2', 'r0']);
    expect(await ids({ sortField: 'host_name', sortOrder: 'desc' })).toEqual(['r2', 'r1', 'r0']);
  });

  it('pages past the result window with search_after, as from/size would', async () => {
    await store.create(
      Array.from({ length: 11 }, (_, i) =>
        alertDoc(`p${String(i).padStart(2, '0')}`, {
          [F.ALERT_SEVERITY]: ['low', 'high', 'critical'][i % 3],
          ...(i % 4 === 0 ? { 'host.name': undefined } : { 'host.name': `node-${i % 2}` }),
        })
      )
    );
    const narrow = new EsAlertQueries(client, store.index, { resultWindow: 3 });
    const sorts: Array<[AlertSortField, 'asc' | 'desc']> = [
      ['severity', 'desc'],
      ['host_name', 'asc'],
      ['host_name', 'desc'],
    ];
    for (const [sortField, sortOrder] of sorts) {
      for (const [page, perPage] of [
        [0, 3],
        [1, 2],
        [2, 4],
        [1, 7],
        [3, 4],
        [0, 11],
      ]) {
        const wanted = request({ sortField, sortOrder, page, perPage });
        expect(await narrow.search(wanted)).toEqual(await queries.search(wanted));
      }
    }
    expect((await narrow.search(request({ page: 9, perPage: 2 }))).total).toBe(11);
  });

  it('counts per epoch-aligned bucket with filters, floors times before 1970', async () => {
    await store.create([
      alertDoc('b1', { '@timestamp': new Date(BASE + 4 * MINUTE).toISOString() }),
      alertDoc('b2', {
        '@timestamp': new Date(BASE + 7 * MINUTE).toISOString(),
        [F.ALERT_RULE_RULE_ID]: 'prebuilt-b',
      }),
      alertDoc('b3', { '@timestamp': '1969-12-31T23:59:59.999Z' }),
    ]);
    const seven = 7 * MINUTE;
    const floor = (t: number): number => Math.floor(t / seven) * seven;
    expect(await queries.histogram({ ruleIds: ['prebuilt-a'] }, seven)).toEqual([
      { start: -seven, count: 1 },
      { start: floor(BASE + 4 * MINUTE), count: 1 },
    ]);
    await expect(queries.histogram({}, 2.5)).rejects.toThrow(RangeError);
  });

  it('changes statuses by ids and by filter, keeping a reason only when closing', async () => {
    await store.create([
      alertDoc('w1', { [F.ALERT_SEVERITY]: 'high' }),
      alertDoc('w2'),
      alertDoc('w3', { [F.ALERT_WORKFLOW_STATUS]: 'acknowledged' }),
    ]);
    const acknowledge = { status: 'acknowledged' as const, user: ANALYST, at: TRIAGED_AT };
    expect(await queries.setWorkflowStatus({ ids: ['w1', 'w3', 'missing'] }, acknowledge)).toBe(1);
    expect(await queries.setWorkflowStatus({ ids: [] }, acknowledge)).toBe(0);
    const close = {
      status: 'closed' as const,
      reason: 'false_positive' as const,
      user: ANALYST,
      at: TRIAGED_AT,
    };
    expect(await queries.setWorkflowStatus({ filter: { severities: ['high'] } }, close)).toBe(1);
    expect(await queries.get('w1')).toEqual({
      ...alertDoc('w1', { [F.ALERT_SEVERITY]: 'high' }),
      [F.ALERT_WORKFLOW_STATUS]: 'closed',
      [F.ALERT_WORKFLOW_REASON]: 'false_positive',
      [F.ALERT_WORKFLOW_USER]: ANALYST,
      [F.ALERT_WORKFLOW_STATUS_UPDATED_AT]: TRIAGED_AT.toISOString(),
    });
    expect(
      await queries.setWorkflowStatus(
        { filter: {} },
        { status: 'open', reason: 'duplicate', user: 'other', at: TRIAGED_AT }
      )
    ).toBe(2);
    expect(await queries.get('w1')).not.toHaveProperty([F.ALERT_WORKFLOW_REASON]);
    expect(await ids({ filter: { statuses: ['open'] } })).toEqual(['w1', 'w2', 'w3']);
  });

  it('refuses range ends past what a Date holds before Elasticsearch sees them, and takes the whole range', async () => {
    await store.create([
      alertDoc('r1'),
      alertDoc('r2', { '@timestamp': '1969-12-31T23:59:59.999Z' }),
    ]);
    await expect(queries.search(request({ filter: { range: { from: 1e23 } } }))).rejects.toThrow(
      new RangeError(
        `range.from must be whole epoch ms from ${MIN_INSTANT_MS} to ${MAX_INSTANT_MS} (got 1e+23)`
      )
    );
    await expect(queries.histogram({ range: { to: -1e23 } }, MINUTE)).rejects.toThrow(RangeError);
    await expect(
      queries.setWorkflowStatus(
        { filter: { range: { to: 1.5 } } },
        { status: 'closed', user: ANALYST, at: TRIAGED_AT }
      )
    ).rejects.toThrow(RangeError);
    expect(await ids({ filter: { range: { from: MIN_INSTANT_MS, to: MAX_INSTANT_MS } } })).toEqual([
      'r2',
      'r1',
    ]);
    await expect(queries.histogram({}, MAX_HISTOGRAM_INTERVAL_MS + 1)).rejects.toThrow(RangeError);
    expect(await queries.histogram({}, MAX_HISTOGRAM_INTERVAL_MS)).toEqual([
      { start: -MAX_HISTOGRAM_INTERVAL_MS, count: 1 },
      { start: 0, count: 1 },
    ]);
  });

  it('spans the earliest to the latest selected alert, none without alerts or an index', async () => {
    expect(await queries.timeSpan({})).toBeUndefined();
    await store.create([
      alertDoc('t1', { '@timestamp': new Date(BASE + 3 * MINUTE).toISOString() }),
      alertDoc('t2', { '@timestamp': '1969-12-31T23:59:59.999Z' }),
    ]);
    expect(await queries.timeSpan({})).toEqual({ from: -1, to: BASE + 3 * MINUTE });
    expect(await queries.timeSpan({ range: { from: 0 } })).toEqual({
      from: BASE + 3 * MINUTE,
      to: BASE + 3 * MINUTE,
    });
    expect(await queries.timeSpan({ statuses: ['closed'] })).toBeUndefined();
  });

  it('matches a lone surrogate in an id as U+FFFD (the embedded store binds it so too)', async () => {
    await store.create([alertDoc('\ufffd')]);
    expect(
      await queries.setWorkflowStatus(
        { ids: ['\ud800'] },
        { status: 'closed', user: ANALYST, at: TRIAGED_AT }
      )
    ).toBe(1);
    expect(await ids({ filter: { ids: ['\udc00'], statuses: ['closed'] } })).toEqual(['\ufffd']);
  });

  it('reads and triages through an alias over several alerts indices (as after a rollover)', async () => {
    const older = await EsAlertStore.open(client, `queries-${RUN_ID}-${space}-older`);
    await older.create([alertDoc('o1', { [F.ALERT_SEVERITY]: 'critical' })]);
    await store.create([alertDoc('n1', { [F.ALERT_SEVERITY]: 'critical' }), alertDoc('n2')]);
    const alias = `ctd-alerts-queries-${RUN_ID}-${space}-alias`;
    await client.indices.updateAliases({
      actions: [{ add: { index: older.index, alias } }, { add: { index: store.index, alias } }],
    });
    const overAlias = new EsAlertQueries(client, alias);
    const close = {
      status: 'closed' as const,
      reason: 'duplicate' as const,
      user: ANALYST,
      at: TRIAGED_AT,
    };
    expect(await overAlias.setWorkflowStatus({ filter: { severities: ['critical'] } }, close)).toBe(
      2
    );
    expect(
      await ids({ filter: { statuses: ['closed'] }, sortField: 'severity' }, overAlias)
    ).toEqual(['n1', 'o1']);
  });

  it('groups by a field as a terms aggregation plus the alerts without a value, and searches a group', async () => {
    await store.create([
      alertDoc('g1', { 'host.name': "node-'1", [F.ALERT_SEVERITY]: 'low' }),
      alertDoc('g2', {
        'host.name': "node-'1",
        [F.ALERT_SEVERITY]: 'high',
        [F.ALERT_RULE_UUID]: 'uuid-b',
      }),
      alertDoc('g3', { 'host.name': 'node-2' }),
      alertDoc('g4', { 'host.name': undefined, [F.ALERT_SEVERITY]: 'critical' }),
      alertDoc('g5', { 'host.name': ['node-2', 'node-3', 'node-2'] }),
      alertDoc('g6', { 'host.name': 'x'.repeat(1_025) }),
    ]);
    const result = await queries.groups({ filter: {}, field: 'host.name', page: 0, perPage: 10 });
    expect(result.totalGroups).toBe(4);
    expect(result.groups.map((group) => [group.value, group.count, group.rule_count])).toEqual([
      ["node-'1", 2, 2],
      ['node-2', 2, 1],
      [null, 2, 1],
      ['node-3', 1, 1],
    ]);
    expect(result.groups[0]?.severities).toEqual([
      { severity: 'high', count: 1 },
      { severity: 'low', count: 1 },
    ]);
    const page = await queries.groups({ filter: {}, field: 'host.name', page: 1, perPage: 3 });
    expect(page.groups.map((group) => group.value)).toEqual(['node-3']);
    const groupIds = (value: string | null) =>
      ids({ filter: { group: { field: 'host.name', value } } });
    expect(await groupIds("node-'1")).toEqual(['g1', 'g2']);
    expect(await groupIds(null)).toEqual(['g4', 'g6']);
    // A field no alert holds is unmapped: every alert is in the group without a value.
    const users = await queries.groups({ filter: {}, field: 'user.name', page: 0, perPage: 10 });
    expect(users.groups.map((group) => [group.value, group.count])).toEqual([[null, 6]]);
  });

  it('has no groups before the alerts index exists', async () => {
    const missing = new EsAlertQueries(client, `ctd-alerts-queries-${RUN_ID}-none`);
    expect(await missing.groups({ filter: {}, field: 'host.name', page: 0, perPage: 10 })).toEqual({
      totalGroups: 0,
      groups: [],
    });
  });
});
