/** @jest-environment jsdom */
/**
 * Grouping on the alerts page against the real API in process (the alerts the prebuilt rules
 * raised over generated events): the "Group alerts by" selector and the URL, one accordion per
 * group with the server's counts, a group expanding to only its own alerts, and bulk triage
 * inside a group changing the counts.
 */
import '../test_support/jsdom_shims';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { InProcessApi } from '../../../../../test/helpers/in_process_api';
import { act } from '../../../../test_support/act';
import { alertsPath } from '../../../navigation';
import type { ApiClient } from '../../../api_client';
import { AlertsPage } from '../alerts_page';
import { alertsFixture } from '../test_support/alerts_fixture';
import { chartSettings } from '../test_support/chart_settings';
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

  it('reads the groups again for a range brushed on the histogram', async () => {
    const { history } = renderAlerts(client.api, { group_by: 'host.name' });
    await waitFor(() => expect(groupCounts().length).toBeGreaterThan(0));
    const to = Date.now();
    const from = to - 3_600_000;
    await act(async () => {
      chartSettings(screen.getByTestId('alertsHistogram')).onBrushEnd?.({ x: [from, to] });
    });
    expect(new URLSearchParams(history.location.search).get('from')).toBe(
      new Date(from).toISOString()
    );
    await waitFor(() =>
      expect(
        server.requests.filter((request) => request.path.endsWith('/_groups')).at(-1)?.query
      ).toMatchObject({ group_by: 'host.name', from: String(from), to: String(to) })
    );
    // No alert in the last hour: no group.
    await waitFor(() =>
      expect(screen.getByTestId('alertGroupsSummary').textContent).toBe('0 groups')
    );
  });

  it('acknowledges and closes selected alerts inside a group; the group counts follow', async () => {
    const filters = { statuses: OPEN, from: 0 };
    const before = await server.api.alertGroups(filters, 'host.name', 0, 25);
    const target = before.groups.find((group) => group.count >= 3 && group.value !== null);
    if (target === undefined) throw new Error('no host with three open alerts');
    renderAlerts(client.api, { group_by: 'host.name', from: '1970-01-01T00:00:00Z' });
    await waitFor(() => expect(groupCounts()).toEqual(before.groups.map((g) => g.count)));
    const groupOf = (): HTMLElement =>
      screen
        .getAllByTestId('alertGroup')
        .find(
          (group) => within(group).getByTestId('alertGroupTitle').textContent === target.value
        ) as HTMLElement;
    fireEvent.click(within(groupOf()).getByText(target.value ?? ''));
    const table = await within(groupOf()).findByTestId('alertGroupTable');
    const rows = (): HTMLElement[] =>
      Array.from(table.querySelectorAll<HTMLElement>('tbody tr')).filter(
        (row) => row.querySelector('[data-test-subj="statusBadge"]') !== null
      );
    const select = (row: HTMLElement | undefined): void => {
      fireEvent.click(row?.querySelector('input[type="checkbox"]') as HTMLElement);
    };
    await waitFor(() => expect(rows()).toHaveLength(Math.min(GROUP_PAGE_SIZE, target.count)));

    select(rows()[0]);
    fireEvent.click(within(table).getByTestId('triageAcknowledge'));
    expect(await screen.findByText('Acknowledged 1 alert')).toBeTruthy();
    await waitFor(() =>
      expect(
        rows().filter(
          (row) => within(row).getByTestId('statusBadge').textContent === 'Acknowledged'
        )
      ).toHaveLength(1)
    );
    // Acknowledged alerts stay in the default view: the count holds.
    expect(within(groupOf()).getByTestId('alertGroupCount').textContent).toBe(`${target.count}`);

    select(rows()[0]);
    select(rows()[1]);
    expect(within(table).getByText('2 selected')).toBeTruthy();
    fireEvent.click(within(table).getByTestId('triageClose'));
    const modal = await screen.findByTestId('closeAlertsModal');
    // EUI's test build gives every generated id the same value: find the select by its subject.
    fireEvent.change(within(modal).getByTestId('closingReasonSelect'), {
      target: { value: 'false_positive' },
    });
    await act(async () => {
      fireEvent.click(within(modal).getByText('Close alerts'));
    });
    expect(await screen.findByText('Closed 2 alerts as false positive')).toBeTruthy();
    const after = await server.api.alertGroups(filters, 'host.name', 0, 25);
    expect(after.groups.find((group) => group.value === target.value)?.count).toBe(
      target.count - 2
    );
    await waitFor(() =>
      expect(within(groupOf()).getByTestId('alertGroupCount').textContent).toBe(
        `${target.count - 2}`
      )
    );
    await waitFor(() => expect(rows()).toHaveLength(Math.min(GROUP_PAGE_SIZE, target.count - 2)));
  });
});
