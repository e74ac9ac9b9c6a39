/**
 * An alert's activity over a real in-memory DuckDB: scoped to its container, else its session
 * (entry leader, then session leader), else its host; the window either side of its original
 * time; pages in both orders.
 */
import * as F from '../../common/alerts/field_names';
import type { AlertDocument } from '../../common/alerts/alert_document';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { memoryStoreWith } from '../../test/helpers/memory_store';
import { activityScope, alertActivity } from './alert_activity';

const [rule] = PREBUILT_RULES;
if (rule === undefined) throw new Error('the catalog has no rules');
const MINUTE = 60_000;
const T = Date.parse('2025-03-12T10:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

/** Events of container c1 at T−40m … T+40m every 10 minutes, and one of another container at T. */
const EVENTS = [
  ...[-40, -30, -20, -10, 0, 10, 20, 30, 40].map((minutes) => ({
    '@timestamp': iso(T + minutes * MINUTE),
    event: { id: `c1-${minutes}`, ingested: iso(T + minutes * MINUTE) },
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'default' },
    process: { name: 'sh' },
    container: { id: 'c1' },
  })),
  {
    '@timestamp': iso(T),
    event: { id: 'c2-0', ingested: iso(T) },
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'default' },
    process: { name: 'sh' },
    container: { id: 'c2' },
  },
];

const alertIn = (fields: Record<string, unknown>): AlertDocument => ({
  [F.ALERT_ORIGINAL_TIME]: iso(T),
  [F.ALERT_RULE_PARAMETERS]: rule,
  ...fields,
});

describe('alertActivity', () => {
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await memoryStoreWith(EVENTS);
  });
  afterAll(() => store.close());

  it('scopes by container, else the entry leader, else the session leader, else the host', () => {
    const session = {
      process: { entry_leader: { entity_id: 'entry' }, session_leader: { entity_id: 'session' } },
      host: { name: 'node-1' },
    };
    expect(activityScope({ ...session, container: { id: 'c1' } })).toEqual({
      field: 'container.id',
      value: 'c1',
    });
    expect(activityScope(session)).toEqual({
      field: 'process.entry_leader.entity_id',
      value: 'entry',
    });
    expect(activityScope({ ...session, process: { session_leader: { entity_id: 's' } } })).toEqual({
      field: 'process.session_leader.entity_id',
      value: 's',
    });
    expect(activityScope({ 'host.name': 'node-1', 'container.id': '' })).toEqual({
      field: 'host.name',
      value: 'node-1',
    });
    expect(activityScope({})).toBeNull();
  });

  it("returns the scope's events within the window either side, paged in either order", async () => {
    const activity = (window: string, page: number, sortOrder: 'asc' | 'desc') =>
      alertActivity(alertIn({ container: { id: 'c1' } }), rule, store.lookups, {
        window,
        page,
        perPage: 2,
        sortOrder,
      });
    const ids = async (window: string, page: number, sortOrder: 'asc' | 'desc') =>
      (await activity(window, page, sortOrder)).events.map((event) => event.id);

    expect(await activity('20m', 0, 'asc')).toMatchObject({
      field: 'container.id',
      value: 'c1',
      window: '20m',
      window_ms: 20 * MINUTE,
      from: iso(T - 20 * MINUTE),
      to: iso(T + 20 * MINUTE),
      total: 5,
      page: 0,
      per_page: 2,
      sort_order: 'asc',
    });
    expect(await ids('20m', 0, 'asc')).toEqual(['c1--20', 'c1--10']);
    expect(await ids('20m', 2, 'asc')).toEqual(['c1-20']);
    expect(await ids('20m', 0, 'desc')).toEqual(['c1-20', 'c1-10']);
    expect((await activity('5m', 0, 'asc')).total).toBe(1);
    expect((await activity('1h', 0, 'asc')).total).toBe(9);
    expect(await ids('1h', 5, 'asc')).toEqual([]);
  });

  it('is empty without a scope or a rule, and refuses a window that is not a duration', async () => {
    const empty = await alertActivity(alertIn({}), rule, store.lookups);
    expect(empty).toMatchObject({ field: null, value: null, total: 0, events: [] });
    const withoutRule = await alertActivity(alertIn({ 'container.id': 'c1' }), null, store.lookups);
    expect(withoutRule).toMatchObject({ field: null, total: 0 });
    await expect(
      alertActivity(alertIn({ 'container.id': 'c1' }), rule, store.lookups, {
        window: 'soon',
        page: 0,
        perPage: 1,
        sortOrder: 'asc',
      })
    ).rejects.toThrow(RangeError);
  });
});
