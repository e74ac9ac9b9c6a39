/**
 * Alert queries over a real in-memory DuckDB: filters, the sorts (severity by rank, risk score at
 * float precision, missing hosts last, id tie-break), paging, the histogram's epoch-aligned
 * buckets, status changes by ids and by filter, and the workflow fields of returned documents.
 */
import type { AlertDocument } from '../../../common/alerts/alert_document';
import {
  MAX_HISTOGRAM_INTERVAL_MS,
  MAX_INSTANT_MS,
  MIN_INSTANT_MS,
} from '../../../common/api/request_bounds';
import * as F from '../../../common/alerts/field_names';
import type { AlertSearchRequest } from '../store_contract';
import { PIVOT_ALERTS, PIVOT_CASES, pivotAnswer } from '../../../test/helpers/pivot_alerts';
import { DuckDbAlertQueries } from './alert_queries';
import { EmbeddedStore } from './embedded_store';
import { backfillAlertGroupValues } from './alert_group_backfill';

const MINUTE = 60_000;
const BASE = Date.parse('2025-03-12T12:00:00.000Z');
const ANALYST = 'analyst@example.com';
const TRIAGED_AT = new Date('2025-03-12T13:00:00.000Z');

interface AlertShape {
  readonly minute?: number;
  readonly rule?: 'a' | 'b';
  readonly severity?: string;
  readonly risk?: number;
  readonly host?: string | null;
  readonly status?: string;
}

const alertDoc = (id: string, shape: AlertShape = {}): AlertDocument => {
  const rule = shape.rule ?? 'a';
  return {
    '@timestamp': new Date(BASE + (shape.minute ?? 0) * MINUTE).toISOString(),
    [F.ALERT_UUID]: id,
    [F.ALERT_RULE_UUID]: `uuid-${rule}`,
    [F.ALERT_RULE_RULE_ID]: `prebuilt-${rule}`,
    [F.ALERT_RULE_NAME]: `Rule ${rule.toUpperCase()}`,
    [F.ALERT_SEVERITY]: shape.severity ?? 'medium',
    [F.ALERT_RISK_SCORE]: shape.risk ?? 47,
    [F.ALERT_ORIGINAL_TIME]: new Date(BASE + (shape.minute ?? 0) * MINUTE - 30_000).toISOString(),
    [F.ALERT_NEW_TERMS]: [`term-${id}`],
    [F.ALERT_WORKFLOW_STATUS]: shape.status ?? 'open',
    ...(shape.host === null ? {} : { 'host.name': shape.host ?? 'node-1' }),
  };
};

const request = (overrides: Partial<AlertSearchRequest> = {}): AlertSearchRequest => ({
  filter: {},
  page: 0,
  perPage: 100,
  sortField: '@timestamp',
  sortOrder: 'asc',
  ...overrides,
});

describe('DuckDbAlertQueries', () => {
  let store: EmbeddedStore;
  let queries: DuckDbAlertQueries;

  beforeEach(async () => {
    store = await EmbeddedStore.open();
    queries = new DuckDbAlertQueries(store.database.connection);
  });
  afterEach(() => store.close());

  const ids = async (overrides: Partial<AlertSearchRequest> = {}): Promise<string[]> =>
    (await queries.search(request(overrides))).alerts.map((alert) => String(alert[F.ALERT_UUID]));

  it('finds the other alerts with a host, container or user, newest first, ties by id', async () => {
    await store.alerts.create(PIVOT_ALERTS);
    for (const { request: pivot, total, ids: expected } of PIVOT_CASES)
      expect(await pivotAnswer(queries, pivot)).toEqual({ total, ids: expected });
    await expect(
      queries.pivot({ field: 'host.name', value: 'n1', excludeId: 'p1', size: -1 })
    ).rejects.toThrow(RangeError);
  });

  describe('search filters', () => {
    beforeEach(async () => {
      await store.alerts.create([
        alertDoc('a1', { minute: 0, rule: 'a', severity: 'low' }),
        alertDoc('a2', { minute: 5, rule: 'b', severity: 'high' }),
        alertDoc('a3', { minute: 10, rule: 'a', severity: 'critical', status: 'acknowledged' }),
        alertDoc('a4', { minute: 15, rule: 'b', severity: 'medium' }),
      ]);
    });

    it('applies each filter, inclusive ranges, and ignores empty lists', async () => {
      expect(await ids({ filter: { ruleIds: ['prebuilt-a'] } })).toEqual(['a1', 'a3']);
      expect(await ids({ filter: { ruleUuids: ['uuid-b'] } })).toEqual(['a2', 'a4']);
      expect(await ids({ filter: { statuses: ['acknowledged'] } })).toEqual(['a3']);
      expect(await ids({ filter: { severities: ['low', 'critical'] } })).toEqual(['a1', 'a3']);
      expect(
        await ids({ filter: { range: { from: BASE + 5 * MINUTE, to: BASE + 10 * MINUTE } } })
      ).toEqual(['a2', 'a3']);
      expect(await ids({ filter: { range: { from: BASE + 10 * MINUTE } } })).toEqual(['a3', 'a4']);
      expect(await ids({ filter: { range: { to: BASE } } })).toEqual(['a1']);
      expect(await ids({ filter: { ids: ['a4', 'a1', 'missing'] } })).toEqual(['a1', 'a4']);
      expect(await ids({ filter: { ruleIds: [], statuses: [], ids: [] } })).toEqual([
        'a1',
        'a2',
        'a3',
        'a4',
      ]);
    });

    it('combines filters and counts every match, whatever the page', async () => {
      const result = await queries.search(
        request({ filter: { ruleIds: ['prebuilt-b'], severities: ['medium'] }, perPage: 0 })
      );
      expect(result).toEqual({ total: 1, alerts: [] });
    });

    it('binds values: quotes and SQL in a value are only values', async () => {
      expect(
        await ids({ filter: { ids: ["a1' OR '1'='1"], ruleIds: ["x'); DROP TABLE alerts; --"] } })
      ).toEqual([]);
      expect(await store.alerts.count()).toBe(4);
    });
  });

  describe('sorts', () => {
    it('sorts severity by rank, unknown values below low, ties by id', async () => {
      await store.alerts.create([
        alertDoc('s5', { severity: 'medium' }),
        alertDoc('s1', { severity: 'critical' }),
        alertDoc('s4', { severity: 'low' }),
        alertDoc('s2', { severity: 'high' }),
        alertDoc('s3', { severity: 'medium' }),
        alertDoc('s0', { severity: 'informational' }),
      ]);
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

    it('compares risk scores at float precision, as Elasticsearch maps them', async () => {
      await store.alerts.create([
        alertDoc('r2', { risk: 47.000000001 }),
        alertDoc('r1', { risk: 47 }),
        alertDoc('r0', { risk: 21 }),
      ]);
      expect(await ids({ sortField: 'risk_score', sortOrder: 'desc' })).toEqual(['r1', 'r2', 'r0']);
      expect(await ids({ sortField: 'risk_score', sortOrder: 'asc' })).toEqual(['r0', 'r1', 'r2']);
    });

    it('puts alerts without a host last in both orders', async () => {
      await store.alerts.create([
        alertDoc('h1', { host: 'node-b' }),
        alertDoc('h2', { host: null }),
        alertDoc('h3', { host: 'node-a' }),
      ]);
      expect(await ids({ sortField: 'host_name', sortOrder: 'asc' })).toEqual(['h3', 'h1', 'h2']);
      expect(await ids({ sortField: 'host_name', sortOrder: 'desc' })).toEqual(['h1', 'h3', 'h2']);
    });

    it('sorts by each time field and by status, ties by id ascending in both orders', async () => {
      await store.alerts.create([
        alertDoc('t2', { minute: 1, status: 'closed' }),
        alertDoc('t1', { minute: 1, status: 'open' }),
        alertDoc('t0', { minute: 2, status: 'acknowledged' }),
      ]);
      expect(await ids({ sortField: '@timestamp', sortOrder: 'desc' })).toEqual(['t0', 't1', 't2']);
      expect(await ids({ sortField: 'original_time', sortOrder: 'asc' })).toEqual([
        't1',
        't2',
        't0',
      ]);
      expect(await ids({ sortField: 'workflow_status', sortOrder: 'asc' })).toEqual([
        't0',
        't2',
        't1',
      ]);
      expect(await ids({ sortField: 'rule_name', sortOrder: 'desc' })).toEqual(['t0', 't1', 't2']);
    });
  });

  it('pages through the sorted alerts; a page past the end is empty but keeps the total', async () => {
    await store.alerts.create(
      Array.from({ length: 7 }, (_, i) => alertDoc(`p${i}`, { minute: i % 3 }))
    );
    const all = await ids({ sortField: '@timestamp', sortOrder: 'desc' });
    const pages = await Promise.all(
      [0, 1, 2].map((page) => ids({ sortField: '@timestamp', sortOrder: 'desc', page, perPage: 3 }))
    );
    expect(pages.flat()).toEqual(all);
    expect(await queries.search(request({ page: 5, perPage: 3 }))).toEqual({
      total: 7,
      alerts: [],
    });
    await expect(queries.search(request({ page: -1 }))).rejects.toThrow(RangeError);
    await expect(queries.search(request({ perPage: 1.5 }))).rejects.toThrow(RangeError);
  });

  describe('histogram', () => {
    it('counts alerts per interval bucket aligned to the epoch, empty buckets omitted, filters applied', async () => {
      await store.alerts.create([
        alertDoc('b1', { minute: 0, rule: 'a' }),
        alertDoc('b2', { minute: 4, rule: 'a' }),
        alertDoc('b3', { minute: 7, rule: 'b' }),
        alertDoc('b4', { minute: 31, rule: 'a' }),
      ]);
      const fiveMinutes = 5 * MINUTE;
      expect(await queries.histogram({}, fiveMinutes)).toEqual([
        { start: BASE, count: 2 },
        { start: BASE + fiveMinutes, count: 1 },
        { start: BASE + 6 * fiveMinutes, count: 1 },
      ]);
      // 7 minutes does not divide the hour: buckets start at multiples of 7 minutes since 1970.
      const seven = 7 * MINUTE;
      const floor = (t: number): number => Math.floor(t / seven) * seven;
      expect(await queries.histogram({ ruleIds: ['prebuilt-a'] }, seven)).toEqual(
        [...new Set([BASE, BASE + 4 * MINUTE, BASE + 31 * MINUTE].map(floor))].map((start) => ({
          start,
          count: [BASE, BASE + 4 * MINUTE, BASE + 31 * MINUTE].filter((t) => floor(t) === start)
            .length,
        }))
      );
    });

    it('spans the earliest to the latest selected alert, none when nothing is selected', async () => {
      expect(await queries.timeSpan({})).toBeUndefined();
      await store.alerts.create([
        alertDoc('t1', { minute: 3 }),
        alertDoc('t2', { minute: 9, rule: 'b' }),
        alertDoc('t3', { minute: -4 }),
      ]);
      expect(await queries.timeSpan({})).toEqual({
        from: BASE - 4 * MINUTE,
        to: BASE + 9 * MINUTE,
      });
      expect(await queries.timeSpan({ ruleIds: ['prebuilt-a'], range: { from: BASE } })).toEqual({
        from: BASE + 3 * MINUTE,
        to: BASE + 3 * MINUTE,
      });
      expect(await queries.timeSpan({ statuses: ['closed'] })).toBeUndefined();
      await expect(queries.timeSpan({ range: { to: 1e23 } })).rejects.toThrow(RangeError);
    });

    it('floors times before the epoch into the bucket below', async () => {
      await store.alerts.create([
        { ...alertDoc('e1'), '@timestamp': '1969-12-31T23:59:59.999Z' },
        { ...alertDoc('e2'), '@timestamp': '1970-01-01T00:00:00.000Z' },
      ]);
      expect(await queries.histogram({}, 1000)).toEqual([
        { start: -1000, count: 1 },
        { start: 0, count: 1 },
      ]);
      await expect(queries.histogram({}, 0)).rejects.toThrow(RangeError);
    });
  });

  describe('workflow status', () => {
    beforeEach(async () => {
      await store.alerts.create([
        alertDoc('w1', { severity: 'high' }),
        alertDoc('w2', { severity: 'low' }),
        alertDoc('w3', { severity: 'high', status: 'acknowledged' }),
      ]);
    });

    it('changes the selected alerts by ids, counting only those not already in the status', async () => {
      const change = { status: 'acknowledged' as const, user: ANALYST, at: TRIAGED_AT };
      expect(await queries.setWorkflowStatus({ ids: ['w1', 'w3', 'missing'] }, change)).toBe(1);
      expect(await queries.setWorkflowStatus({ ids: [] }, change)).toBe(0);
      expect(await ids({ filter: { statuses: ['acknowledged'] } })).toEqual(['w1', 'w3']);
    });

    it('changes by filter, keeps a reason only when closing, and returns current workflow fields', async () => {
      const closed = await queries.setWorkflowStatus(
        { filter: { severities: ['high'] } },
        { status: 'closed', reason: 'false_positive', user: ANALYST, at: TRIAGED_AT }
      );
      expect(closed).toBe(2);
      expect(await queries.get('w1')).toEqual({
        ...alertDoc('w1', { severity: 'high' }),
        [F.ALERT_WORKFLOW_STATUS]: 'closed',
        [F.ALERT_WORKFLOW_REASON]: 'false_positive',
        [F.ALERT_WORKFLOW_USER]: ANALYST,
        [F.ALERT_WORKFLOW_STATUS_UPDATED_AT]: TRIAGED_AT.toISOString(),
      });
      const reopened = await queries.setWorkflowStatus(
        { filter: {} },
        { status: 'open', reason: 'duplicate', user: 'other', at: TRIAGED_AT }
      );
      expect(reopened).toBe(2);
      const w1 = await queries.get('w1');
      expect(w1?.[F.ALERT_WORKFLOW_STATUS]).toBe('open');
      expect(w1?.[F.ALERT_WORKFLOW_USER]).toBe('other');
      expect(w1).not.toHaveProperty([F.ALERT_WORKFLOW_REASON]);
      // Never triaged: the document as written.
      expect(await queries.get('w2')).toEqual(alertDoc('w2', { severity: 'low' }));
      expect(await queries.get('missing')).toBeUndefined();
    });

    it('refuses range ends past what a Date holds before binding them, and takes the whole range', async () => {
      const change = { status: 'closed' as const, user: ANALYST, at: TRIAGED_AT };
      await expect(queries.search(request({ filter: { range: { from: 1e23 } } }))).rejects.toThrow(
        new RangeError(
          `range.from must be whole epoch ms from ${MIN_INSTANT_MS} to ${MAX_INSTANT_MS} (got 1e+23)`
        )
      );
      await expect(queries.histogram({ range: { to: -1e23 } }, MINUTE)).rejects.toThrow(RangeError);
      await expect(
        queries.setWorkflowStatus({ filter: { range: { from: 1.5 } } }, change)
      ).rejects.toThrow(RangeError);
      expect(
        await ids({ filter: { range: { from: MIN_INSTANT_MS, to: MAX_INSTANT_MS } } })
      ).toEqual(['w1', 'w2', 'w3']);
      await expect(queries.histogram({}, MAX_HISTOGRAM_INTERVAL_MS + 1)).rejects.toThrow(
        RangeError
      );
      expect(await queries.histogram({}, MAX_HISTOGRAM_INTERVAL_MS)).toEqual([
        { start: 0, count: 3 },
      ]);
    });

    it('binds a lone surrogate in an id as U+FFFD, as Elasticsearch matches it', async () => {
      const change = { status: 'closed' as const, user: ANALYST, at: TRIAGED_AT };
      expect(await queries.setWorkflowStatus({ ids: ['\ud800'] }, change)).toBe(0);
      await store.alerts.create([alertDoc('\ufffd')]);
      expect(await queries.setWorkflowStatus({ ids: ['\udc00'] }, change)).toBe(1);
      expect(await ids({ filter: { ids: ['\ud800'], statuses: ['closed'] } })).toEqual(['\ufffd']);
    });
  });
});

describe('DuckDbAlertQueries groups', () => {
  let store: EmbeddedStore;
  let queries: DuckDbAlertQueries;

  beforeAll(async () => {
    store = await EmbeddedStore.open();
    queries = new DuckDbAlertQueries(store.database.connection);
    await store.alerts.create([
      alertDoc('g1', { host: "node-'1", severity: 'low' }),
      alertDoc('g2', { host: "node-'1", severity: 'high', rule: 'b' }),
      alertDoc('g3', { host: 'node-2' }),
      alertDoc('g4', { host: null, severity: 'critical' }),
      { ...alertDoc('g5', { host: null }), host: { name: ['node-2', 'node-3', 'node-2'] } },
      { ...alertDoc('g6', { host: null }), host: { name: 'x'.repeat(1_025) } },
    ]);
  });
  afterAll(() => store.close());

  it('groups by a field: largest first, ties by value, the group without a value by its count', async () => {
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
  });

  it('pages groups, and filters the alerts before grouping', async () => {
    const page = await queries.groups({ filter: {}, field: 'host.name', page: 1, perPage: 3 });
    expect(page.groups.map((group) => group.value)).toEqual(['node-3']);
    const critical = await queries.groups({
      filter: { severities: ['critical'] },
      field: 'host.name',
      page: 0,
      perPage: 10,
    });
    expect(critical).toEqual({
      totalGroups: 1,
      groups: [
        { value: null, count: 1, rule_count: 1, severities: [{ severity: 'critical', count: 1 }] },
      ],
    });
  });

  it('searches one group by its value (bound, quotes and all), or the alerts without one', async () => {
    const ids = async (value: string | null): Promise<string[]> =>
      (
        await queries.search(request({ filter: { group: { field: 'host.name', value } } }))
      ).alerts.map((alert) => String(alert[F.ALERT_UUID]));
    expect(await ids("node-'1")).toEqual(['g1', 'g2']);
    expect(await ids('node-2')).toEqual(['g3', 'g5']);
    expect(await ids(null)).toEqual(['g4', 'g6']);
    expect(await ids('x'.repeat(1_025))).toEqual([]);
  });

  it('refuses a field outside the group fields before querying', async () => {
    await expect(
      queries.groups({
        filter: {},
        field: 'process.name' as 'host.name',
        page: 0,
        perPage: 10,
      })
    ).rejects.toThrow('cannot group alerts by process.name');
  });

  it('fills the group values of alerts stored before grouping when the store opens', async () => {
    const connection = store.database.connection;
    await connection.run(`UPDATE alerts SET group_values = NULL`);
    expect(await backfillAlertGroupValues(connection)).toBe(6);
    expect(await backfillAlertGroupValues(connection)).toBe(0);
    const result = await queries.groups({ filter: {}, field: 'host.name', page: 0, perPage: 10 });
    expect(result.groups.map((group) => group.value)).toEqual([
      "node-'1",
      'node-2',
      null,
      'node-3',
    ]);
  });
});
