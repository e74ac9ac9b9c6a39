/** @jest-environment jsdom */
/**
 * The column picker on the alerts page, against the real API in process over alerts whose event
 * fields an attacker chose: optional columns shown and hidden, their values as text, and the
 * choice kept in localStorage across a changed URL view and a reload.
 */
import '../test_support/jsdom_shims';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { alertsPath } from '../../../navigation';
import { AlertsPage } from '../alerts_page';
import { toAlertRow } from '../shared/alert_fields';
import {
  HOSTILE,
  HOSTILE_RISK_SCORE,
  HOSTILE_RULE_ID,
  hostileAlertsFixture,
  PLAIN,
  type HostileAlertsFixture,
} from '../test_support/hostile_alerts_fixture';
import { renderWithHistory, settle, trackedClient } from '../test_support/render_page';
import { COLUMNS_STORAGE_KEY } from './column_preference';

const table = (): HTMLElement => screen.getByTestId('alertsTable');
const headers = (): string[] =>
  Array.from(table().querySelectorAll('thead th')).map((th) => th.textContent ?? '');
const cells = (column: string): string[] =>
  within(table())
    .queryAllByTestId(`alertsCell-${column}`)
    .map((cell) => cell.textContent ?? '');
const option = (column: string): HTMLElement => screen.getByTestId(`alertsColumnOption-${column}`);

const openPicker = async (): Promise<void> => {
  fireEvent.click(screen.getByTestId('alertsColumnPicker'));
  await screen.findByTestId('alertsColumnList');
};

describe('the alerts column picker', () => {
  let fixture: HostileAlertsFixture;
  let client: ReturnType<typeof trackedClient>;
  const renderAlerts = (query: Readonly<Record<string, string>> = {}) =>
    renderWithHistory(alertsPath({ rule_id: HOSTILE_RULE_ID, ...query }), (navigation) => (
      <AlertsPage api={client.api} navigation={navigation} />
    ));
  const total = () => fixture.alerts.length;
  const waitForRows = () =>
    waitFor(() =>
      expect(screen.getByTestId('alertsCount').textContent).toBe(
        `Showing 1–${total()} of ${total()} alerts`
      )
    );

  beforeAll(async () => {
    fixture = await hostileAlertsFixture();
    client = trackedClient(fixture.server.transport);
  });
  afterEach(async () => {
    await settle(client.inFlight);
    window.localStorage.clear();
  });
  afterAll(() => fixture?.server.close());

  it('lists every optional column with its field, none shown at first', async () => {
    renderAlerts();
    await waitForRows();
    expect(headers()).not.toContain('User');
    await openPicker();
    const list = screen.getByTestId('alertsColumnList');
    const labels = within(list)
      .getAllByRole('option')
      .map((item) => item.textContent?.trim());
    expect(labels).toEqual([
      'Reasonkibana.alert.reason',
      'Risk scorekibana.alert.risk_score',
      'Useruser.name',
      'Command lineprocess.command_line',
      'Container imagecontainer.image.name',
      'Tagskibana.alert.workflow_tags',
      'Assigneeskibana.alert.workflow_assignee_ids',
    ]);
    for (const item of within(list).getAllByRole('option'))
      expect(item.getAttribute('aria-checked')).toBe('false');
  });

  it("shows a picked column with each alert's value, as text", async () => {
    renderAlerts();
    await waitForRows();
    await openPicker();
    fireEvent.click(option('userName'));
    fireEvent.click(option('commandLine'));
    fireEvent.click(option('containerImage'));
    fireEvent.click(option('riskScore'));
    fireEvent.click(option('reason'));
    await waitFor(() => expect(headers()).toContain('Command line'));
    expect(headers().slice(-8, -2)).toEqual([
      'New term',
      'Reason',
      'Risk score',
      'User',
      'Command line',
      'Container image',
    ]);
    expect(option('userName').getAttribute('aria-checked')).toBe('true');

    const rows = (
      await client.api.searchAlerts({
        ruleIds: [HOSTILE_RULE_ID],
        statuses: ['open', 'acknowledged'],
        page: 0,
        perPage: 100,
        sortField: 'original_time',
        sortOrder: 'desc',
      })
    ).alerts.map(toAlertRow);
    expect(cells('userName')).toEqual(rows.map((row) => row.userName));
    expect(cells('commandLine')).toEqual(rows.map((row) => row.commandLine));
    expect(cells('containerImage')).toEqual(rows.map((row) => row.containerImage));
    expect(cells('riskScore')).toEqual(rows.map(() => String(HOSTILE_RISK_SCORE)));
    expect(cells('reason')).toEqual(rows.map((row) => row.reason));
    // The attacker's values, verbatim and inert.
    expect(cells('userName')).toContain(HOSTILE.userName);
    expect(cells('userName')).toContain(PLAIN.userName);
    expect(cells('commandLine')).toContain(HOSTILE.commandLine);
    expect(cells('containerImage')).toContain(HOSTILE.containerImage);
    expect(table().querySelectorAll('img, script, [onerror]')).toHaveLength(0);
    expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('keeps the choice across a changed view in the URL and a reload, and hides on uncheck', async () => {
    const first = renderAlerts();
    await waitForRows();
    await openPicker();
    fireEvent.click(option('userName'));
    await waitFor(() => expect(headers()).toContain('User'));
    expect(window.localStorage.getItem(COLUMNS_STORAGE_KEY)).toBe('["userName"]');

    // A new sort goes into the URL; the columns are not part of it and stay.
    fireEvent.click(
      within(table())
        .getAllByTestId('tableHeaderSortButton')
        .find((button) => button.textContent === 'Severity') as HTMLElement
    );
    await waitFor(() => expect(first.history.location.search).toContain('sort_field=severity'));
    expect(first.history.location.search).not.toContain('user');
    await waitForRows();
    expect(headers()).toContain('User');
    first.unmount();

    // A reload: a new page over the same storage, from a link that says nothing of columns.
    await settle(client.inFlight);
    renderAlerts({ status: 'open' });
    await waitForRows();
    expect(headers()).toContain('User');
    expect(cells('userName')).toHaveLength(total());
    await openPicker();
    expect(option('userName').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(option('userName'));
    await waitFor(() => expect(headers()).not.toContain('User'));
    expect(window.localStorage.getItem(COLUMNS_STORAGE_KEY)).toBe('[]');
  });

  it('sorts by risk score on the server from its column', async () => {
    window.localStorage.setItem(COLUMNS_STORAGE_KEY, '["riskScore"]');
    const { history } = renderAlerts();
    await waitForRows();
    fireEvent.click(
      within(table())
        .getAllByTestId('tableHeaderSortButton')
        .find((button) => button.textContent === 'Risk score') as HTMLElement
    );
    await waitFor(() => expect(history.location.search).toContain('sort_field=risk_score'));
    await waitFor(() =>
      expect(fixture.server.requests.at(-1)?.query).toMatchObject({ sort_field: 'risk_score' })
    );
  });
});
