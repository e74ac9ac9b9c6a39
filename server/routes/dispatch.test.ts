/**
 * The route dispatcher over a real in-memory embedded store: a malformed path parameter, an
 * unknown or repeated query parameter and a value out of range each answer 400 with the
 * parameter named in `errors`, in the API's error format (`{ message, errors: [{ path, message }] }`).
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import { EmbeddedRuleService } from '../standalone/embedded_rule_service';
import { DuckDbAlertQueries } from '../stores/duckdb/alert_queries';
import { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { DuckDbEventLookups } from '../stores/duckdb/event_lookups';
import { API_BASE_PATH, type ApiResponse, type ApiServices } from './api_types';
import { dispatch, type ApiCall } from './dispatch';
import { API_ROUTES } from './index';

interface ErrorBody {
  readonly message: string;
  readonly errors: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}

const DAY_MS = 86_400_000;
const DAY_START = Date.parse('2025-03-12T00:00:00.000Z');

/** A stored alert raised at `ms`: the fields the alerts table keys on. */
const alertAt = (id: string, ms: number): AlertDocument => ({
  '@timestamp': new Date(ms).toISOString(),
  [F.ALERT_UUID]: id,
  [F.ALERT_RULE_UUID]: 'uuid-a',
  [F.ALERT_RULE_RULE_ID]: 'prebuilt-a',
  [F.ALERT_RULE_NAME]: 'Rule A',
  [F.ALERT_SEVERITY]: 'low',
  [F.ALERT_RISK_SCORE]: 21,
  [F.ALERT_ORIGINAL_TIME]: new Date(ms).toISOString(),
  [F.ALERT_WORKFLOW_STATUS]: 'open',
});

const errorsOf = (response: ApiResponse): ErrorBody['errors'] =>
  (response.body as ErrorBody).errors;

describe('dispatch', () => {
  let store: EmbeddedStore;
  let services: ApiServices;

  beforeAll(async () => {
    store = await EmbeddedStore.open();
    services = {
      rules: new EmbeddedRuleService(store),
      alerts: new DuckDbAlertQueries(store.database.connection),
      events: new DuckDbEventLookups(store.database.connection, store.catalog, store.fieldTypes),
      user: 'tester',
    };
  });
  afterAll(() => store.close());

  const call = (overrides: Partial<ApiCall>): Promise<ApiResponse> =>
    dispatch(API_ROUTES, services, {
      method: 'GET',
      path: `${API_BASE_PATH}/alerts`,
      query: {},
      body: undefined,
      ...overrides,
    });

  it.each(['%FF', '%ED%A0%80', '%C0%80', '%zz', '%', '%E0%A4'])(
    'answers 400 naming the path parameter for the malformed escape %s',
    async (segment) => {
      const alert = await call({ path: `${API_BASE_PATH}/alerts/${segment}` });
      expect(alert).toEqual({
        status: 400,
        body: {
          message: `Invalid request: params.id: id is not valid percent-encoded UTF-8 (got ${JSON.stringify(segment)})`,
          errors: [
            {
              path: 'params.id',
              message: `id is not valid percent-encoded UTF-8 (got ${JSON.stringify(segment)})`,
            },
          ],
        },
      });
      for (const action of ['_run', '_enable', '_disable']) {
        const rule = await call({
          method: 'POST',
          path: `${API_BASE_PATH}/rules/${segment}/${action}`,
        });
        expect(rule.status).toBe(400);
        expect(errorsOf(rule)).toEqual([
          {
            path: 'params.rule_id',
            message: `rule_id is not valid percent-encoded UTF-8 (got ${JSON.stringify(segment)})`,
          },
        ]);
      }
    }
  );

  it('decodes a well-formed path parameter before validating it', async () => {
    expect(await call({ path: `${API_BASE_PATH}/alerts/%E2%82%AC` })).toEqual({
      status: 404,
      body: { message: 'No alert with id €' },
    });
  });

  it('names each unknown query parameter, cut to a bounded length', async () => {
    const query = Object.fromEntries([
      ['colour', 'red'],
      ['k'.repeat(2 ** 20), '1'],
      ['__proto__', 'x'],
    ]);
    const response = await call({ query });
    expect(response.status).toBe(400);
    expect(errorsOf(response)).toEqual([
      { path: 'query.colour', message: 'colour is not a parameter of this route' },
      {
        path: `query.${'k'.repeat(64)}…`,
        message: `${'k'.repeat(64)}… is not a parameter of this route`,
      },
      { path: 'query.__proto__', message: '__proto__ is not a parameter of this route' },
    ]);
  });

  it('names a repeated query parameter (a list where one value belongs)', async () => {
    const response = await call({ query: { from: ['1', '2'], status: ['open', 'closed'] } });
    expect(errorsOf(response).map((problem) => problem.path)).toEqual([
      'query.status',
      'query.from',
    ]);
    expect(errorsOf(response)[1]?.message).toMatch(/^from must be a time from .* \(got a list\)$/);
  });

  it('names the interval when the range holds too many buckets', async () => {
    const tooMany = {
      status: 400,
      body: {
        message: 'interval too small for the range: at most 2000 buckets',
        errors: [
          {
            path: 'query.interval',
            message: 'interval too small for the range: at most 2000 buckets',
          },
        ],
      },
    };
    expect(
      await call({
        path: `${API_BASE_PATH}/alerts/_histogram`,
        query: { from: '0', to: '86400000', interval: '1s' },
      })
    ).toEqual(tooMany);
    // An open end is closed by the alerts' own times: a day of alerts in 1 ms buckets is too many.
    await store.alerts.create([alertAt('h1', DAY_START), alertAt('h2', DAY_START + DAY_MS)]);
    expect(
      await call({ path: `${API_BASE_PATH}/alerts/_histogram`, query: { interval: '1' } })
    ).toEqual(tooMany);
    expect(
      await call({
        path: `${API_BASE_PATH}/alerts/_histogram`,
        query: { from: String(DAY_START + DAY_MS), interval: '1' },
      })
    ).toEqual({
      status: 200,
      body: { interval_ms: 1, buckets: [{ start: DAY_START + DAY_MS, count: 1 }] },
    });
    expect(
      (await call({ path: `${API_BASE_PATH}/alerts/_histogram`, query: { interval: '1h' } })).status
    ).toBe(200);
  });

  describe("an alert's pivots", () => {
    const activity = `${API_BASE_PATH}/alerts/h1/_activity`;

    it.each([
      [
        { window: '10y' },
        'query.window',
        /^window must be a duration from 1m to 7d, such as 5m, 1h or 24h \(got "10y"\)$/,
      ],
      [{ window: '30s' }, 'query.window', /^window must be a duration from 1m to 7d/],
      [{ window: '8d' }, 'query.window', /^window must be a duration from 1m to 7d/],
      [{ per_page: '101' }, 'query.per_page', /^per_page is at most 100 \(got "101"\)$/],
      [{ per_page: '0' }, 'query.per_page', /^per_page is at least 1/],
      [{ page: '-1' }, 'query.page', /^page must be a whole number/],
      [
        { page: '100', per_page: '100' },
        'query.page',
        /^page and per_page reach at most the first 10000 events$/,
      ],
      [{ sort_order: 'up' }, 'query.sort_order', /^sort_order must be asc or desc$/],
      [{ scope: 'host' }, 'query.scope', /^scope is not a parameter of this route$/],
    ])(
      'answers 400 naming the parameter for the activity query %j',
      async (query, path, message) => {
        const response = await call({ path: activity, query });
        expect(response.status).toBe(400);
        const [problem] = errorsOf(response);
        expect(problem?.path).toBe(path);
        expect(problem?.message).toMatch(message);
      }
    );

    it('answers 400 naming size for a bad related-alerts size, 404 for an unknown alert', async () => {
      const bad = await call({
        path: `${API_BASE_PATH}/alerts/h1/_related_alerts`,
        query: { size: '51' },
      });
      expect(errorsOf(bad)).toEqual([
        { path: 'query.size', message: 'size is at most 50 (got "51")' },
      ]);
      for (const pivot of ['_activity', '_prevalence', '_related_alerts'])
        expect(await call({ path: `${API_BASE_PATH}/alerts/nope/${pivot}` })).toEqual({
          status: 404,
          body: { message: 'No alert with id nope' },
        });
    });
  });
});
