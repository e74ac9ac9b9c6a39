/**
 * Collecting a filter's alerts for export, page by page through the real API in process: all of
 * them in the table's order, the limit, progress, and cancelling.
 */
import * as F from '../../../../../common/alerts/field_names';
import {
  HOSTILE_RULE_ID,
  hostileAlertsFixture,
  type HostileAlertsFixture,
} from '../test_support/hostile_alerts_fixture';
import { collectAlerts, type ExportSearch } from './collect_alerts';

const SEARCH: ExportSearch = {
  ruleIds: [HOSTILE_RULE_ID],
  statuses: ['open', 'acknowledged'],
  sortField: 'original_time',
  sortOrder: 'desc',
};

describe('collectAlerts', () => {
  let fixture: HostileAlertsFixture;
  beforeAll(async () => {
    fixture = await hostileAlertsFixture();
  });
  afterAll(() => fixture?.server.close());

  const ids = (alerts: ReadonlyArray<Record<string, unknown>>) =>
    alerts.map((alert) => alert[F.ALERT_UUID]);
  const alertRequests = () =>
    fixture.server.requests.filter((request) => request.path.endsWith('/alerts'));

  it('reads every matching alert, page after page, in the sort asked for', async () => {
    const expected = await fixture.server.api.searchAlerts({ ...SEARCH, page: 0, perPage: 100 });
    const before = alertRequests().length;
    const progress: Array<[number, number]> = [];
    const collected = await collectAlerts(fixture.server.api, SEARCH, {
      pageSize: 2,
      onProgress: (read, total) => progress.push([read, total]),
    });
    expect(collected.total).toBe(fixture.alerts.length);
    expect(ids(collected.alerts)).toEqual(ids(expected.alerts));
    expect(progress).toEqual([
      [2, 7],
      [4, 7],
      [6, 7],
      [7, 7],
    ]);
    const requests = alertRequests().slice(before);
    expect(requests.map((request) => request.query?.page)).toEqual(['0', '1', '2', '3']);
    expect(requests[0]?.query).toMatchObject({
      rule_id: HOSTILE_RULE_ID,
      status: 'open,acknowledged',
      per_page: '2',
      sort_field: 'original_time',
      sort_order: 'desc',
    });
  });

  it('stops at the limit and says how many matched', async () => {
    const collected = await collectAlerts(fixture.server.api, SEARCH, { pageSize: 2, limit: 5 });
    expect(collected.alerts).toHaveLength(5);
    expect(collected.total).toBe(fixture.alerts.length);
    const all = await collectAlerts(fixture.server.api, SEARCH);
    expect(ids(collected.alerts)).toEqual(ids(all.alerts).slice(0, 5));
  });

  it('reads nothing for a filter nothing matches', async () => {
    const collected = await collectAlerts(fixture.server.api, { ...SEARCH, severities: ['low'] });
    expect(collected).toEqual({ alerts: [], total: 0 });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const reading = collectAlerts(fixture.server.api, SEARCH, {
      pageSize: 2,
      signal: controller.signal,
      onProgress: (read) => {
        if (read >= 4) controller.abort();
      },
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});
