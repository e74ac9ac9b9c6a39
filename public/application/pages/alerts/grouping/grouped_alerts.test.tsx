/** @jest-environment jsdom */
/**
 * Grouping on the alerts page against the real API in process (the alerts the prebuilt rules
 * raised over generated events): the "Group alerts by" selector and the URL, one accordion per
 * group with the server's counts, and a group expanding to only its own alerts.
 */
import '../test_support/jsdom_shims';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { InProcessApi } from '../../../../../test/helpers/in_process_api';
import { alertsPath } from '../../../navigation';
import type { ApiClient } from '../../../api_client';
import { AlertsPage } from '../alerts_page';
import { alertsFixture } from '../test_support/alerts_fixture';
import { renderWithHistory, settle, trackedClient } from '../test_support/render_page';

const OPEN = ['open', 'acknowledged'] as const;
const GROUP_PAGE_SIZE = 10;

const renderAlerts = (api: ApiClient, query: Readonly<Record<string, string>> = {}) =>
  renderWithHistory(alertsPath(query), (navigation) => (
    <AlertsPage api={api} navigation={navigation} />
  ));

const groupTitles = (): string[] =>
  screen.queryAllByTestId('alertGroupTitle').map((title) => title.textContent ?? '');
const groupCounts = (): number[] =>
  screen.queryAllByTestId('alertGroupCount').map((count) => Number(count.textContent));

describe('grouped alerts', () => {
  let server: InProcessApi;
  let client: ReturnType<typeof trackedClient>;
  beforeAll(async () => {
    server = await alertsFixture();
    client = trackedClient(server.transport);
  });
  afterEach(() => settle(client.inFlight));
  afterAll(() => server?.close());

  it('groups by the chosen field, keeps it in the URL, and shows the server counts', async () => {
    const expected = await server.api.alertGroups(
      { statuses: OPEN, from: 0 },
      'container.id',
      0,
      25
    );
    const { history } = renderAlerts(client.api);
    await waitFor(() => expect(screen.getByTestId('alertsTable')).toBeTruthy());
    fireEvent.change(screen.getByTestId('alertsGroupBy'), { target: { value: 'container.id' } });
    expect(new URLSearchParams(history.location.search).get('group_by')).toBe('container.id');
    expect(expected.groups.length).toBeGreaterThan(1);
    await waitFor(() => expect(groupCounts()).toEqual(expected.groups.map((g) => g.count)));
    expect(groupTitles()).toEqual(
      expected.groups.map((g) => g.value ?? '- Container ID is missing')
    );
    expect(screen.queryByTestId('alertsTable')).toBeNull();

    fireEvent.change(screen.getByTestId('alertsGroupBy'), { target: { value: 'none' } });
    expect(new URLSearchParams(history.location.search).get('group_by')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('alertsTable')).toBeTruthy());
  });

  it('opens grouped from the URL, and a group expands to only its alerts', async () => {
    const expected = await server.api.alertGroups({ statuses: OPEN, from: 0 }, 'host.name', 0, 25);
    renderAlerts(client.api, { group_by: 'host.name', from: '1970-01-01T00:00:00Z' });
    await waitFor(() => expect(groupCounts()).toEqual(expected.groups.map((g) => g.count)));
    const [first] = screen.getAllByTestId('alertGroup');
    const firstGroup = expected.groups[0];
    if (first === undefined || firstGroup === undefined) throw new Error('no group');
    fireEvent.click(within(first).getByText(groupTitles()[0] ?? ''));
    const table = await within(first).findByTestId('alertGroupTable');
    const rows = (): HTMLElement[] =>
      Array.from(table.querySelectorAll<HTMLElement>('tbody tr')).filter(
        (row) => row.querySelector('[data-test-subj="statusBadge"]') !== null
      );
    await waitFor(() => expect(rows()).toHaveLength(Math.min(GROUP_PAGE_SIZE, firstGroup.count)));
    for (const row of rows()) expect(row.textContent).toContain(firstGroup.value ?? '');
  });

  it('reports a group_by it does not know and shows the plain table', async () => {
    renderAlerts(client.api, { group_by: 'process.name' });
    const ignored = await screen.findByTestId('alertsUrlIgnored');
    expect(ignored.textContent).toContain('group_by: "process.name" is not one of');
    await waitFor(() => expect(screen.getByTestId('alertsTable')).toBeTruthy());
  });
});
