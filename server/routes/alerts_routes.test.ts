/**
 * The alert grouping and histogram routes over a real in-memory embedded store: `_groups` answers
 * the filter's groups largest first with the group without a value, the search takes one group as
 * a filter, `_histogram` stacks its buckets by rule or severity, and a bad grouping or stacking
 * parameter is a 400 naming it. A KQL `query` narrows the search, histogram, groups and status
 * changes alike; one that does not parse is a 400 with its position.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import type { AlertGroupsPage, AlertHistogram, AlertsPage } from '../../common/api/alerts_api';
import { EmbeddedRuleService } from '../standalone/embedded_rule_service';
import { DuckDbAlertQueries } from '../stores/duckdb/alert_queries';
import { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { DuckDbEventLookups } from '../stores/duckdb/event_lookups';
import { API_BASE_PATH, type ApiResponse, type ApiServices } from './api_types';
import { dispatch } from './dispatch';
import { API_ROUTES } from './index';

const START = Date.parse('2025-03-12T00:00:00.000Z');
const MINUTE_MS = 60_000;
const GROUPS_PATH = `${API_BASE_PATH}/alerts/_groups`;
const HISTOGRAM_PATH = `${API_BASE_PATH}/alerts/_histogram`;

const alert = (
  i: number,
  host: string | undefined,
  severity: string,
  rule: string
): AlertDocument => ({
  '@timestamp': new Date(START + i * MINUTE_MS).toISOString(),
  [F.ALERT_UUID]: `alert-${i}`,
  [F.ALERT_RULE_UUID]: `uuid-${rule}`,
  [F.ALERT_RULE_RULE_ID]: `rule-${rule}`,
  [F.ALERT_RULE_NAME]: `Rule ${rule}`,
  [F.ALERT_SEVERITY]: severity,
  [F.ALERT_RISK_SCORE]: 21,
  [F.ALERT_ORIGINAL_TIME]: new Date(START + i * MINUTE_MS).toISOString(),
  [F.ALERT_WORKFLOW_STATUS]: 'open',
  ...(host === undefined ? {} : { host: { name: host } }),
});

const ALERTS = [
  alert(0, 'node-b', 'low', 'a'),
  alert(1, 'node-b', 'high', 'b'),
  alert(2, 'node-a', 'low', 'a'),
  alert(3, undefined, 'critical', 'a'),
  alert(4, 'node-b', 'low', 'a'),
  alert(5, 'node-a', 'medium', 'a'),
  alert(6, undefined, 'low', 'b'),
];

describe('alert grouping routes', () => {
  let store: EmbeddedStore;
  let services: ApiServices;

  beforeAll(async () => {
    store = await EmbeddedStore.open();
    await store.alerts.create(ALERTS);
    services = {
      rules: new EmbeddedRuleService(store),
      alerts: new DuckDbAlertQueries(store.database.connection),
      events: new DuckDbEventLookups(store.database.connection, store.catalog, store.fieldTypes),
      user: 'tester',
    };
  });
  afterAll(() => store.close());

  const call = (path: string, query: Record<string, string>): Promise<ApiResponse> =>
    dispatch(API_ROUTES, services, { method: 'GET', path, query, body: undefined });

  it('groups by host, largest first; the alerts without a host tie with node-a and follow it', async () => {
    const response = await call(GROUPS_PATH, { group_by: 'host.name' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual<AlertGroupsPage>({
      group_by: 'host.name',
      total_groups: 3,
      page: 0,
      per_page: 25,
      groups: [
        {
          value: 'node-b',
          count: 3,
          rule_count: 2,
          severities: [
            { severity: 'high', count: 1 },
            { severity: 'low', count: 2 },
          ],
        },
        {
          value: 'node-a',
          count: 2,
          rule_count: 1,
          severities: [
            { severity: 'medium', count: 1 },
            { severity: 'low', count: 1 },
          ],
        },
        {
          value: null,
          count: 2,
          rule_count: 2,
          severities: [
            { severity: 'critical', count: 1 },
            { severity: 'low', count: 1 },
          ],
        },
      ],
    });
  });

  it('pages groups and applies the alert filters', async () => {
    const second = (await call(GROUPS_PATH, { group_by: 'host.name', page: '1', per_page: '2' }))
      .body as AlertGroupsPage;
    expect(second.total_groups).toBe(3);
    expect(second.groups.map((group) => group.value)).toEqual([null]);
    const low = (await call(GROUPS_PATH, { group_by: 'kibana.alert.rule.name', severity: 'low' }))
      .body as AlertGroupsPage;
    expect(low.groups.map((group) => [group.value, group.count])).toEqual([
      ['Rule a', 3],
      ['Rule b', 1],
    ]);
  });

  it('searches one group, or the alerts without a value', async () => {
    const idsOf = async (query: Record<string, string>): Promise<string[]> =>
      (
        (await call(`${API_BASE_PATH}/alerts`, { ...query, sort_order: 'asc' })).body as AlertsPage
      ).alerts.map((found) => String(found[F.ALERT_UUID]));
    expect(await idsOf({ group_by: 'host.name', group_value: 'node-a' })).toEqual([
      'alert-2',
      'alert-5',
    ]);
    expect(await idsOf({ group_by: 'host.name', group_missing: 'true' })).toEqual([
      'alert-3',
      'alert-6',
    ]);
    expect(await idsOf({ group_by: 'host.name', group_value: 'nowhere' })).toEqual([]);
  });

  it('stacks the histogram by severity or by rule: per-value counts in each bucket', async () => {
    const histogram = async (query: Record<string, string>) => {
      const response = await call(HISTOGRAM_PATH, { interval: '5m', ...query });
      expect(response.status).toBe(200);
      return response.body as AlertHistogram;
    };
    expect(await histogram({})).toEqual<AlertHistogram>({
      interval_ms: 5 * MINUTE_MS,
      buckets: [
        { start: START, count: 5 },
        { start: START + 5 * MINUTE_MS, count: 2 },
      ],
    });
    // Values in byte order, each bucket only with the values it holds.
    expect(await histogram({ stack_by: 'severity' })).toEqual<AlertHistogram>({
      interval_ms: 5 * MINUTE_MS,
      stack_by: 'severity',
      buckets: [
        {
          start: START,
          count: 5,
          series: [
            { value: 'critical', count: 1 },
            { value: 'high', count: 1 },
            { value: 'low', count: 3 },
          ],
        },
        {
          start: START + 5 * MINUTE_MS,
          count: 2,
          series: [
            { value: 'low', count: 1 },
            { value: 'medium', count: 1 },
          ],
        },
      ],
    });
    expect(await histogram({ stack_by: 'rule', severity: 'low' })).toEqual<AlertHistogram>({
      interval_ms: 5 * MINUTE_MS,
      stack_by: 'rule',
      buckets: [
        { start: START, count: 3, series: [{ value: 'Rule a', count: 3 }] },
        {
          start: START + 5 * MINUTE_MS,
          count: 1,
          series: [{ value: 'Rule b', count: 1 }],
        },
      ],
    });
  });

  it.each([
    [
      'histogram stacked by a field not in the list',
      HISTOGRAM_PATH,
      { stack_by: 'host.name' },
      'query.stack_by',
    ],
    [
      'histogram stacked by SQL text',
      HISTOGRAM_PATH,
      { stack_by: "severity'); DROP TABLE alerts; --" },
      'query.stack_by',
    ],
    ['groups without group_by', GROUPS_PATH, {}, 'query.group_by'],
    [
      'groups by a field not in the list',
      GROUPS_PATH,
      { group_by: 'process.name' },
      'query.group_by',
    ],
    [
      'groups by SQL text',
      GROUPS_PATH,
      { group_by: "host.name'; DROP TABLE alerts; --" },
      'query.group_by',
    ],
    [
      'search by a field not in the list',
      `${API_BASE_PATH}/alerts`,
      { group_by: 'process.name', group_value: 'x' },
      'query.group_by',
    ],
    [
      'search with group_by alone',
      `${API_BASE_PATH}/alerts`,
      { group_by: 'host.name' },
      'query.group_value',
    ],
    [
      'search with group_value alone',
      `${API_BASE_PATH}/alerts`,
      { group_value: 'node-a' },
      'query.group_by',
    ],
    [
      'search with a value and the missing group',
      `${API_BASE_PATH}/alerts`,
      { group_by: 'host.name', group_value: 'a', group_missing: 'true' },
      'query.group_missing',
    ],
    [
      'search with a value longer than a group value',
      `${API_BASE_PATH}/alerts`,
      { group_by: 'host.name', group_value: 'x'.repeat(1025) },
      'query.group_value',
    ],
  ])('%s: 400 naming the parameter', async (_name, path, query, parameter) => {
    const response = await call(path, query);
    expect(response.status).toBe(400);
    const body = response.body as { errors: Array<{ path: string; message: string }> };
    expect(body.errors.map((error) => error.path)).toContain(parameter);
    const name = parameter.replace('query.', '');
    expect(body.errors.find((error) => error.path === parameter)?.message).toContain(name);
  });

  describe('query (KQL over the alert documents)', () => {
    const ALERTS_PATH = `${API_BASE_PATH}/alerts`;
    const idsOf = async (query: Record<string, string>): Promise<string[]> => {
      const response = await call(ALERTS_PATH, { ...query, sort_order: 'asc' });
      expect(response.status).toBe(200);
      return (response.body as AlertsPage).alerts.map((found) => String(found[F.ALERT_UUID]));
    };

    it.each([
      ['host.name: node-a', ['alert-2', 'alert-5']],
      ['not host.name: *', ['alert-3', 'alert-6']],
      [
        'kibana.alert.severity: (low or critical) and not host.name: node-b',
        ['alert-2', 'alert-3', 'alert-6'],
      ],
      ['kibana.alert.rule.name: "Rule b"', ['alert-1', 'alert-6']],
      ['host.name: node-*', ['alert-0', 'alert-1', 'alert-2', 'alert-4', 'alert-5']],
      ['@timestamp >= "2025-03-12T00:05:00.000Z"', ['alert-5', 'alert-6']],
      ['   ', ['alert-0', 'alert-1', 'alert-2', 'alert-3', 'alert-4', 'alert-5', 'alert-6']],
    ])('searches %s', async (query, expected) => {
      expect(await idsOf({ query })).toEqual(expected);
    });

    it('combines the query with the other filters', async () => {
      expect(await idsOf({ query: 'host.name: node-b', severity: 'low' })).toEqual([
        'alert-0',
        'alert-4',
      ]);
    });

    it('narrows the histogram and the groups', async () => {
      const histogram = (
        await call(`${ALERTS_PATH}/_histogram`, { query: 'host.name: node-b', interval: '1m' })
      ).body as AlertHistogram;
      expect(histogram.buckets).toEqual(
        [0, 1, 4].map((minute) => ({
          start: START + minute * MINUTE_MS,
          count: 1,
        }))
      );
      const groups = (
        await call(GROUPS_PATH, { group_by: 'kibana.alert.rule.name', query: 'not host.name: *' })
      ).body as AlertGroupsPage;
      expect(groups.groups.map((group) => [group.value, group.count])).toEqual([
        ['Rule a', 1],
        ['Rule b', 1],
      ]);
    });

    it('changes the status of the alerts a filter query selects', async () => {
      const response = await dispatch(API_ROUTES, services, {
        method: 'POST',
        path: `${ALERTS_PATH}/_status`,
        query: {},
        body: { filter: { query: 'kibana.alert.severity: critical' }, status: 'acknowledged' },
      });
      expect(response.body).toEqual({ updated: 1 });
      expect(await idsOf({ query: 'kibana.alert.workflow_status: acknowledged' })).toEqual([
        'alert-3',
      ]);
    });

    it.each([
      ['an unclosed group', ALERTS_PATH, {}, 'host.name: (node-a', /line 1, column 19: Expected/],
      ['an unclosed quote', `${ALERTS_PATH}/_histogram`, {}, 'host.name: "a', /line 1, column 12/],
      [
        'a value a float cannot hold',
        GROUPS_PATH,
        { group_by: 'host.name' },
        'kibana.alert.risk_score: high',
        /cannot run over alerts/,
      ],
      ['a lone surrogate', ALERTS_PATH, {}, 'host.name: \ud800', /well-formed/],
    ])('%s: 400 naming query with the reason', async (_name, path, extra, query, message) => {
      const response = await call(path, { ...extra, query });
      expect(response.status).toBe(400);
      const errors = (response.body as { errors: Array<{ path: string; message: string }> }).errors;
      expect(errors.map((error) => error.path)).toEqual(['query.query']);
      expect(errors[0]?.message).toMatch(message);
    });

    it('refuses a query given twice', async () => {
      const response = await dispatch(API_ROUTES, services, {
        method: 'GET',
        path: ALERTS_PATH,
        query: { query: ['host.name: a', 'host.name: b'] },
        body: undefined,
      });
      expect(response.status).toBe(400);
      expect((response.body as { errors: Array<{ path: string }> }).errors[0]?.path).toBe(
        'query.query'
      );
    });
  });
});
