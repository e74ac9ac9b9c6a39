/** @jest-environment jsdom */
/**
 * The alerts page against the real API in process (route dispatcher over an in-memory DuckDB
 * store holding alerts that replaying both prebuilt rules over generated events raised): listing,
 * server-side paging and sorting, the histogram (stacked, and brushed to zoom), URL filters, triage
 * and the empty/error states.
 */
import './test_support/jsdom_shims';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID } from '../../../../common/rules/prebuilt/privileged_docker_container_creation';
import { failingTransport, type InProcessApi } from '../../../../test/helpers/in_process_api';
import { act } from '../../../test_support/act';
import { ApiClient, type AlertsPage as AlertsPageData } from '../../api_client';
import { alertsPath } from '../../navigation';
import { AlertsPage } from './alerts_page';
import { suggestFields } from './query/query_fields';
import { toAlertRow } from './shared/alert_fields';
import { formatTime } from './shared/format';
import * as F from '../../../../common/alerts/field_names';
import { alertsFixture } from './test_support/alerts_fixture';
import {
  EVIL_HOST,
  SUPPRESSING_RULE_ID,
  suppressedAlertsFixture,
  type SuppressedAlertsFixture,
} from './test_support/suppressed_alerts_fixture';
import { chartSettings } from './test_support/chart_settings';
import { renderWithHistory, settle, trackedClient } from './test_support/render_page';

const PRIVILEGED = PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID;

const renderAlerts = (api: ApiClient, query: Readonly<Record<string, string>> = {}) =>
  renderWithHistory(alertsPath(query), (navigation) => (
    <AlertsPage api={api} navigation={navigation} />
  ));

const table = (): HTMLElement => screen.getByTestId('alertsTable');
const bodyRows = (): HTMLElement[] =>
  Array.from(table().querySelectorAll<HTMLElement>('tbody tr')).filter(
    (row) => row.querySelector('[data-test-subj="statusBadge"]') !== null
  );
const severities = (): string[] =>
  within(table())
    .queryAllByTestId('severityBadge')
    .map((badge) => badge.textContent ?? '');
const countText = (): string => screen.getByTestId('alertsCount').textContent ?? '';
const waitForCount = (text: string) => waitFor(() => expect(countText()).toBe(text));
/** A toggle of the Status or Severity filter group. */
const filterButton = (group: 'status' | 'severity', label: string): HTMLElement =>
  within(screen.getByTestId(`${group}Filter`))
    .getByText(label)
    .closest('button') as HTMLElement;
const checkbox = (row: HTMLElement): HTMLElement =>
  row.querySelector('input[type="checkbox"]') as HTMLElement;

/** The open and acknowledged alerts, as the page's default view asks for them. */
const openAlerts = (server: InProcessApi): Promise<AlertsPageData> =>
  server.api.searchAlerts({
    statuses: ['open', 'acknowledged'],
    page: 0,
    perPage: 100,
    sortField: 'original_time',
    sortOrder: 'desc',
  });

describe('AlertsPage', () => {
  let server: InProcessApi;
  let client: ReturnType<typeof trackedClient>;
  let total: number;
  beforeAll(async () => {
    server = await alertsFixture();
    client = trackedClient(server.transport);
    total = (await openAlerts(server)).total;
  });
  afterEach(() => settle(client.inFlight));
  afterAll(() => server?.close());

  it('lists the alerts (rule, severity, new term, status; newest first; linked to their investigation) and charts them over time', async () => {
    const expected = (await openAlerts(server)).alerts.map(toAlertRow);
    const { history } = renderAlerts(client.api);
    await waitForCount(`Showing 1–${total} of ${total} alerts`);
    expect(expected.length).toBeGreaterThan(4);
    const rows = bodyRows();
    expect(rows).toHaveLength(expected.length);
    expected.forEach((alert, i) => {
      const row = rows[i] as HTMLElement;
      expect(within(row).getByText(alert.ruleName)).toBeTruthy();
      expect(within(row).getByTestId('severityBadge').textContent).toBe(
        alert.severity === 'medium' ? 'Medium' : 'Low'
      );
      expect(within(row).getByTestId('newTerms').textContent).toBe(alert.newTerms.join(''));
      expect(within(row).getByTestId('statusBadge').textContent).toBe('Open');
      const link = row.querySelector('a') as HTMLAnchorElement;
      expect(link.getAttribute('aria-label')).toMatch(
        new RegExp(`^Investigate ${alert.ruleName} alert from `)
      );
      expect(link.getAttribute('href')).toBe(`/app/ctd/alerts/${alert.id}`);
    });
    // No rule suppresses: no alert says it folded others in.
    for (const alert of expected) expect(alert.suppressedCount).toBeNull();
    expect(within(table()).queryAllByTestId('ctdSuppressedCount')).toHaveLength(0);
    // Both rules raised alerts, with their own severities.
    expect(new Set(severities())).toEqual(new Set(['Medium', 'Low']));
    expect(
      server.requests.find((request) => request.path.endsWith('/alerts'))?.query
    ).toMatchObject({ status: 'open,acknowledged', sort_field: 'original_time' });

    // The histogram: a chart, and the same counts as a table for screen readers. 30 days in
    // 12-hour buckets: at most ~100 bars.
    const histogram = screen.getByTestId('alertsHistogram');
    const summary = await within(histogram).findByTestId('alertsHistogramTable');
    await waitFor(() => expect(summary.querySelectorAll('tbody tr').length).toBeGreaterThan(0));
    expect(histogram.querySelector('.echChart')).not.toBeNull();
    const counts = Array.from(summary.querySelectorAll('tbody tr td:last-child')).map((cell) =>
      Number(cell.textContent)
    );
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(total);
    expect(within(histogram).getByText('Alerts over time (per 12 hours)').tagName).toBe('H2');
    expect(within(histogram).getByText(`${total} alerts in range`)).toBeTruthy();
    expect(
      server.requests.find((request) => request.path.endsWith('/_histogram'))?.query
    ).toMatchObject({ interval: '12h' });

    // A plain click on a row's link opens the investigation page inside the app.
    fireEvent.click(rows[0]?.querySelector('a') as HTMLElement);
    expect(history.pushed.at(-1)).toBe(`/alerts/${expected[0]?.id}`);
  });

  it('pages and sorts on the server, keeping both in the URL', async () => {
    const { history } = renderAlerts(client.api, { per_page: '4' });
    await waitForCount(`Showing 1–4 of ${total} alerts`);
    const firstPage = bodyRows().map((row) => row.textContent);
    fireEvent.click(screen.getByTestId('pagination-button-next'));
    await waitForCount(`Showing 5–8 of ${total} alerts`);
    const secondPage = bodyRows().map((row) => row.textContent);
    expect(secondPage).toHaveLength(4);
    for (const row of secondPage) expect(firstPage).not.toContain(row);
    expect(history.location.search).toContain('page=2');
    expect(server.requests.at(-1)?.query).toMatchObject({ page: '1', per_page: '4' });

    // A new sort starts from the first page; severity ranks low < medium.
    const sortButton = (): HTMLElement =>
      within(table())
        .getAllByTestId('tableHeaderSortButton')
        .find((button) => button.textContent === 'Severity') as HTMLElement;
    fireEvent.click(sortButton());
    await waitFor(() => expect(history.location.search).toContain('sort_field=severity'));
    await waitForCount(`Showing 1–4 of ${total} alerts`);
    await waitFor(() => expect(severities()).toEqual(['Low', 'Low', 'Low', 'Low']));
    expect(history.location.search).toBe('?per_page=4&sort_field=severity&sort_order=asc');
    fireEvent.click(sortButton());
    await waitFor(() => expect(severities()).toEqual(['Medium', 'Medium', 'Medium', 'Medium']));
    expect(history.location.search).toBe('?per_page=4&sort_field=severity');
  });

  it('reads its filters from the URL (deep link), back to the last page when past the end', async () => {
    const expected = (
      await server.api.searchAlerts({
        ruleIds: [PRIVILEGED],
        statuses: ['open'],
        page: 0,
        perPage: 100,
        sortField: 'original_time',
        sortOrder: 'desc',
      })
    ).total;
    // A stale link to a page past the end shows the last page instead.
    const { history } = renderAlerts(client.api, {
      rule_id: PRIVILEGED,
      status: 'open',
      page: '7',
    });
    await waitForCount(`Showing 1–${expected} of ${expected} alerts`);
    expect(history.location.search).toBe(
      `?${new URLSearchParams({ rule_id: PRIVILEGED, status: 'open' }).toString()}`
    );
    expect(new Set(severities())).toEqual(new Set(['Low']));
    expect(
      within(screen.getByTestId('ruleFilter')).getByText('Privileged Docker Container Creation')
    ).toBeTruthy();
    expect(screen.getByTestId('statusFilter').getAttribute('aria-label')).toBe('Status');
    expect(filterButton('status', 'Open').getAttribute('aria-pressed')).toBe('true');
    expect(filterButton('status', 'Acknowledged').getAttribute('aria-pressed')).toBe('false');
  });

  it('says so when no alert matches the filters', async () => {
    renderAlerts(client.api, { severity: 'critical' });
    await waitFor(() =>
      expect(within(table()).getByText('No alerts match these filters')).toBeTruthy()
    );
    expect(countText()).toBe('No alerts');
    expect(filterButton('severity', 'Critical').getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the server error when alerts cannot be loaded', async () => {
    renderAlerts(new ApiClient(failingTransport(500, 'alert index unavailable')));
    const errors = await screen.findAllByTestId('ctdErrorState');
    expect(errors.map((error) => error.textContent).join(' ')).toContain('alert index unavailable');
    expect(screen.getByText('Could not load alerts')).toBeTruthy();
    expect(within(table()).getByText('Alerts could not be loaded')).toBeTruthy();
  });

  describe('histogram', () => {
    const histogramTable = (): HTMLElement => screen.getByTestId('alertsHistogramTable');
    const requestsTo = (suffix: string) =>
      server.requests.filter((request) => request.path.endsWith(suffix));

    it('stacks by severity from the "Stack by" buttons, kept in the URL, without reloading the table', async () => {
      const severityCount = (severity: string): Promise<number> =>
        server.api
          .searchAlerts({
            statuses: ['open', 'acknowledged'],
            severities: [severity as 'low'],
            page: 0,
            perPage: 1,
            sortField: 'original_time',
            sortOrder: 'desc',
          })
          .then((answer) => answer.total);
      const [lowTotal, mediumTotal] = [await severityCount('low'), await severityCount('medium')];
      const { history } = renderAlerts(client.api);
      await waitForCount(`Showing 1–${total} of ${total} alerts`);
      const tableRequests = requestsTo('/alerts').length;
      fireEvent.click(screen.getByTestId('alertsHistogramStackBy-severity'));
      expect(new URLSearchParams(history.location.search).get('stack_by')).toBe('severity');
      await waitFor(() =>
        expect(requestsTo('/_histogram').at(-1)?.query).toMatchObject({ stack_by: 'severity' })
      );
      // One column per severity in the screen-reader table, the same counts as the chart's.
      await waitFor(() =>
        expect(
          Array.from(histogramTable().querySelectorAll('thead th')).map((th) => th.textContent)
        ).toEqual(['Period start (12 hours each)', 'Alerts', 'Low', 'Medium'])
      );
      const rows = Array.from(histogramTable().querySelectorAll('tbody tr')).map((row) =>
        Array.from(row.querySelectorAll('td'))
          .slice(1)
          .map((cell) => Number(cell.textContent))
      );
      for (const [count = 0, low = 0, medium = 0] of rows) expect(low + medium).toBe(count);
      expect(rows.reduce((sum, row) => sum + (row[1] ?? 0), 0)).toBe(lowTotal);
      expect(rows.reduce((sum, row) => sum + (row[2] ?? 0), 0)).toBe(mediumTotal);
      expect(requestsTo('/alerts')).toHaveLength(tableRequests);

      fireEvent.click(screen.getByTestId('alertsHistogramStackBy-none'));
      expect(new URLSearchParams(history.location.search).get('stack_by')).toBeNull();
      await waitFor(() => expect(histogramTable().querySelectorAll('thead th')).toHaveLength(2));
    });

    it('zooms to a range brushed on the chart: absolute times in the URL, table and histogram read again', async () => {
      const { history } = renderAlerts(client.api, { per_page: '5' });
      await waitForCount(`Showing 1–5 of ${total} alerts`);
      const newest = (await openAlerts(server)).alerts[0];
      const newestAt = Date.parse(String(newest?.['@timestamp']));
      // The chart gives fractional times; the page keeps whole milliseconds around them.
      const brushed = { from: newestAt - 3_600_000.4, to: newestAt + 60_000.6 };
      const onBrushEnd = chartSettings(screen.getByTestId('alertsHistogram')).onBrushEnd;
      expect(onBrushEnd).toBeDefined();
      await act(async () => {
        onBrushEnd?.({ x: [brushed.from, brushed.to] });
      });
      const from = Math.floor(brushed.from);
      const to = Math.ceil(brushed.to);
      const query = new URLSearchParams(history.location.search);
      expect(query.get('from')).toBe(new Date(from).toISOString());
      expect(query.get('to')).toBe(new Date(to).toISOString());
      await waitFor(() =>
        expect(requestsTo('/alerts').at(-1)?.query).toMatchObject({
          from: String(from),
          to: String(to),
        })
      );
      await waitFor(() =>
        expect(requestsTo('/_histogram').at(-1)?.query).toMatchObject({
          from: String(from),
          to: String(to),
        })
      );
      const inRange = (
        await server.api.searchAlerts({
          statuses: ['open', 'acknowledged'],
          from,
          to,
          page: 0,
          perPage: 1,
          sortField: 'original_time',
          sortOrder: 'desc',
        })
      ).total;
      expect(inRange).toBeGreaterThan(0);
      expect(inRange).toBeLessThan(total);
      await waitForCount(
        `Showing 1–${Math.min(5, inRange)} of ${inRange} ${inRange === 1 ? 'alert' : 'alerts'}`
      );

      // A brush that selects no time span changes nothing.
      const search = history.location.search;
      await act(async () => {
        chartSettings(screen.getByTestId('alertsHistogram')).onBrushEnd?.({ x: [to, to] });
      });
      expect(history.location.search).toBe(search);
    });
  });

  describe('KQL search bar and filter pills', () => {
    const queryInput = (): HTMLInputElement =>
      screen.getByTestId<HTMLInputElement>('alertsQueryInput');

    it('shows a syntax error with its position while typing, and searches a valid query', async () => {
      const { history } = renderAlerts(client.api);
      await waitForCount(`Showing 1–${total} of ${total} alerts`);
      fireEvent.change(queryInput(), { target: { value: 'host.name: (a or' } });
      await screen.findByText(/KQL syntax error at line 1, column 17:/);
      fireEvent.keyDown(queryInput(), { key: 'Enter' });
      expect(history.location.search).toBe('');

      const ruleName = within(bodyRows()[0] as HTMLElement).getAllByTestId('ctdCellActions')[0]
        ?.textContent as string;
      const expected = bodyRows().filter((row) => row.textContent?.includes(ruleName)).length;
      expect(expected).toBeLessThan(total);
      const query = `kibana.alert.rule.name: "${ruleName}"`;
      fireEvent.change(queryInput(), { target: { value: query } });
      await waitFor(() => expect(screen.queryByText(/KQL syntax error/)).toBeNull());
      fireEvent.keyDown(queryInput(), { key: 'Enter' });
      await waitForCount(`Showing 1–${expected} of ${expected} alerts`);
      expect(new URLSearchParams(history.location.search).get('query')).toBe(query);
    });

    it('suggests field names, keyboard first', async () => {
      renderAlerts(client.api);
      await waitForCount(`Showing 1–${total} of ${total} alerts`);
      fireEvent.change(queryInput(), { target: { value: 'host.na', selectionStart: 7 } });
      const list = await screen.findByRole('listbox', { name: 'Field names' });
      expect(within(list).getAllByRole('option')[0]?.textContent).toBe('host.name');
      expect(queryInput().getAttribute('aria-expanded')).toBe('true');
      fireEvent.keyDown(queryInput(), { key: 'Enter' });
      expect(queryInput().value).toBe('host.name: ');
    });

    it('suggests the fields the stored alerts hold, beyond the built-in list', async () => {
      const stored = await client.api.alertFields();
      // A Defend field the generated events carry that the built-in list does not name.
      expect(stored).toContain('agent.type');
      expect(suggestFields('agent.ty')).toEqual([]);
      renderAlerts(client.api);
      await waitForCount(`Showing 1–${total} of ${total} alerts`);
      await waitFor(() =>
        expect(server.requests.some((request) => request.path.endsWith('/alerts/_fields'))).toBe(
          true
        )
      );
      fireEvent.change(queryInput(), { target: { value: 'agent.ty', selectionStart: 8 } });
      const list = await screen.findByRole('listbox', { name: 'Field names' });
      expect(
        within(list)
          .getAllByRole('option')
          .map((option) => option.textContent)
      ).toContain('agent.type');
    });

    it('filters a cell value out as a pill, negates and removes it, all in the URL', async () => {
      const { history } = renderAlerts(client.api);
      await waitForCount(`Showing 1–${total} of ${total} alerts`);
      const firstRow = bodyRows()[0] as HTMLElement;
      const ruleName = within(firstRow).getAllByTestId('ctdCellActions')[0]?.textContent as string;
      const others = bodyRows().filter((row) => !row.textContent?.includes(ruleName)).length;
      fireEvent.click(
        within(firstRow).getByRole('button', {
          name: `Filter out kibana.alert.rule.name: ${ruleName}`,
        })
      );
      await waitForCount(`Showing 1–${others} of ${others} alerts`);
      expect(screen.getByTestId('alertsPillText').textContent).toBe(
        `NOT kibana.alert.rule.name: "${ruleName}"`
      );
      expect(new URLSearchParams(history.location.search).get('filters')).toBe(
        JSON.stringify([{ field: 'kibana.alert.rule.name', value: ruleName, negate: true }])
      );
      fireEvent.click(screen.getByTestId('alertsPillNegate'));
      await waitForCount(`Showing 1–${total - others} of ${total - others} alerts`);
      fireEvent.click(screen.getByTestId('alertsPillRemove'));
      await waitForCount(`Showing 1–${total} of ${total} alerts`);
      expect(screen.queryByTestId('alertsPill')).toBeNull();
    });
  });

  describe('triage', () => {
    it('acknowledges one alert from its row actions', async () => {
      renderAlerts(client.api, { per_page: '5' });
      await waitForCount(`Showing 1–5 of ${total} alerts`);
      const row = bodyRows()[0] as HTMLElement;
      fireEvent.click(within(row).getByTestId('euiCollapsedItemActionsButton'));
      fireEvent.click(await screen.findByTestId('acknowledgeAlert'));
      expect(await screen.findByText('Acknowledged 1 alert')).toBeTruthy();
      await waitFor(() =>
        expect(within(bodyRows()[0] as HTMLElement).getByTestId('statusBadge').textContent).toBe(
          'Acknowledged'
        )
      );
      // Acknowledged alerts stay in the default view.
      expect(countText()).toBe(`Showing 1–5 of ${total} alerts`);
    });

    it('closes selected alerts with a reason; they leave the default view and show under Closed', async () => {
      const { history } = renderAlerts(client.api, { per_page: '5' });
      await waitForCount(`Showing 1–5 of ${total} alerts`);
      const [first, second] = bodyRows() as [HTMLElement, HTMLElement];
      const closedTerms = [first, second].map(
        (row) => within(row).getByTestId('newTerms').textContent
      );
      fireEvent.click(checkbox(first));
      fireEvent.click(checkbox(second));
      expect(screen.getByText('2 selected')).toBeTruthy();

      const close = screen.getByTestId('triageClose');
      expect(close.getAttribute('aria-label')).toBe('Close 2 selected alerts');
      fireEvent.click(close);
      const modal = await screen.findByTestId('closeAlertsModal');
      fireEvent.change(within(modal).getByLabelText('Reason for closing'), {
        target: { value: 'duplicate' },
      });
      await act(async () => {
        fireEvent.click(within(modal).getByText('Close alerts'));
      });

      expect(await screen.findByText('Closed 2 alerts as duplicate')).toBeTruthy();
      await waitForCount(`Showing 1–5 of ${total - 2} alerts`);
      const shownTerms = within(table())
        .getAllByTestId('newTerms')
        .map((cell) => cell.textContent);
      for (const term of closedTerms) expect(shownTerms).not.toContain(term);

      // Only closed alerts: toggle Closed on, Open and Acknowledged off.
      fireEvent.click(filterButton('status', 'Closed'));
      fireEvent.click(filterButton('status', 'Open'));
      fireEvent.click(filterButton('status', 'Acknowledged'));
      await waitForCount('Showing 1–2 of 2 alerts');
      expect(history.location.search).toBe('?status=closed&per_page=5');
      expect(
        within(table())
          .getAllByTestId('statusBadge')
          .map((badge) => badge.textContent)
      ).toEqual(['Closed: duplicate', 'Closed: duplicate']);
      expect(
        new Set(
          within(table())
            .getAllByTestId('newTerms')
            .map((cell) => cell.textContent)
        )
      ).toEqual(new Set(closedTerms));
    });
  });

  describe('suppressed alerts', () => {
    let fixture: SuppressedAlertsFixture;
    let suppressedClient: ReturnType<typeof trackedClient>;
    beforeAll(async () => {
      fixture = await suppressedAlertsFixture();
      suppressedClient = trackedClient(fixture.server.transport);
    });
    afterEach(() => settle(suppressedClient.inFlight));
    afterAll(() => fixture?.server.close());

    it('reads the suppression of an alert: how many were folded in and until when', () => {
      const folded = toAlertRow(fixture.folded);
      expect(folded).toMatchObject({ suppressedCount: 1, suppressionFields: ['host.name'] });
      expect(folded.suppressionEnd).toBe(fixture.folded[F.ALERT_SUPPRESSION_END]);
      expect(folded.suppressionEnd).not.toBeNull();
      expect(toAlertRow(fixture.alone)).toMatchObject({
        suppressedCount: 0,
        suppressionFields: ['host.name'],
        hostName: EVIL_HOST,
      });
      expect(toAlertRow(fixture.missing).suppressedCount).toBe(0);
    });

    it('shows "+N suppressed" beside the new term of an alert others were folded into', async () => {
      renderAlerts(suppressedClient.api, { rule_id: SUPPRESSING_RULE_ID });
      await waitForCount('Showing 1–3 of 3 alerts');
      const badges = within(table()).getAllByTestId('ctdSuppressedCount');
      expect(badges).toHaveLength(1);
      const badge = badges[0] as HTMLElement;
      expect(badge.textContent).toBe('+1 suppressed');
      // In the row of nc, the new term it came with (curl, on the same host, was folded in).
      const row = badge.closest('tr') as HTMLElement;
      expect(within(row).getByTestId('newTerms').textContent).toBe('nc');
      // The host name holding HTML is shown as text.
      expect(within(table()).getByText(EVIL_HOST)).toBeTruthy();
      expect(table().querySelectorAll('img, script, [onerror]')).toHaveLength(0);

      fireEvent.focus(badge);
      const tooltip = await screen.findByRole('tooltip');
      expect(tooltip.textContent).toContain(
        '1 more alert of this rule with the same host.name was folded into this one'
      );
      expect(tooltip.textContent).toContain(
        `Latest event folded in: ${formatTime(toAlertRow(fixture.folded).suppressionEnd)}`
      );
      fireEvent.blur(badge);
    });
  });
});
