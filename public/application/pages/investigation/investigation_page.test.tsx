/** @jest-environment jsdom */
/**
 * The investigation page against the real API in process, for alerts that replaying the prebuilt
 * rules over generated events raised. One planted event carries HTML in its process name and
 * arguments, and the interactive rule is replayed with an investigation guide holding raw HTML and
 * a javascript: link: the page must show all of it as text, never as elements.
 */
import '../alerts/test_support/jsdom_shims';
// `pure`: the read-only tests share one rendering, so cleanup is explicit rather than after each test.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react/pure';
import { UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID } from '../../../../common/rules/prebuilt/unusual_interactive_process_in_container';
import type { EcsEvent } from '../../../../server/sample_data/defend_event';
import { failingTransport, type InProcessApi } from '../../../../test/helpers/in_process_api';
import { ApiClient, type Investigation } from '../../api_client';
import { alertPath } from '../../navigation';
import { formatTime } from '../alerts/shared/format';
import * as F from '../../../../common/alerts/field_names';
import type { AlertDocument } from '../../../../common/alerts/alert_document';
import { alertsFixture } from '../alerts/test_support/alerts_fixture';
import {
  EVIL_HOST,
  suppressedAlertsFixture,
  type SuppressedAlertsFixture,
} from '../alerts/test_support/suppressed_alerts_fixture';
import { renderWithHistory, settle, trackedClient } from '../alerts/test_support/render_page';
import { InvestigationPage } from './investigation_page';

const EVIL_NAME = 'socat<img src=x onerror="window.__pwned=1">';
const EVIL_ARG = '<script>window.__pwned=1</script>';
const EVIL_GUIDE = [
  '## Triage this shell',
  '',
  'Check **the parent process** first.',
  '',
  '<script>window.__pwned = 1</script>',
  '',
  '<img src="x" onerror="window.__pwned = 1">',
  '',
  '[run me](javascript:window.__pwned=1)',
].join('\n');

/** The planted socat event, renamed with HTML in it (a copy; the generator's objects stay intact). */
const plantHtml = (events: EcsEvent[]): EcsEvent[] =>
  events.map((event) => {
    const process = event.process as { name?: unknown; args?: unknown } | undefined;
    if (process?.name !== 'socat') return event;
    const copy = JSON.parse(JSON.stringify(event)) as EcsEvent;
    const copied = copy.process as { name: string; args: string[] };
    copied.name = EVIL_NAME;
    copied.args = [...copied.args, EVIL_ARG];
    return copy;
  });

const renderInvestigation = (api: ApiClient, alertId: string) =>
  renderWithHistory(alertPath(alertId), (navigation) => (
    <InvestigationPage api={api} navigation={navigation} alertId={alertId} />
  ));

const loaded = () => screen.findByTestId('ctdAlertRuleName');
const statusText = (): string => screen.getByTestId('statusBadge').textContent ?? '';

describe('InvestigationPage', () => {
  let server: InProcessApi;
  let client: ReturnType<typeof trackedClient>;
  let alertId: string;
  let investigation: Investigation;
  beforeAll(async () => {
    server = await alertsFixture({
      ruleIds: [UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID],
      editEvents: plantHtml,
      editRule: (rule) =>
        rule.rule_id === UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID
          ? { ...rule, note: EVIL_GUIDE }
          : rule,
    });
    client = trackedClient(server.transport);
    const page = await server.api.searchAlerts({
      ruleIds: [UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID],
      page: 0,
      perPage: 100,
      sortField: 'original_time',
      sortOrder: 'desc',
    });
    const planted = page.alerts.find(
      (alert) => JSON.stringify(alert['kibana.alert.new_terms']) === JSON.stringify([EVIL_NAME])
    );
    if (planted === undefined) throw new Error('the planted socat alert was not raised');
    alertId = String(planted['kibana.alert.uuid']);
    investigation = await server.api.getInvestigation(alertId);
  });
  afterAll(() => server?.close());

  describe('for an alert of the interactive-process rule', () => {
    // Rendered once: these tests only read the page (the field search comes last).
    beforeAll(async () => {
      renderInvestigation(client.api, alertId);
      await loaded();
    });
    afterAll(cleanup);

    it('explains why the alert fired: the new term, when it was first seen and the history searched', () => {
      expect(screen.getByTestId('ctdAlertRuleName').textContent).toBe(
        'Unusual Interactive Process Launched in a Container'
      );
      expect(within(screen.getByTestId('severityBadge')).getByText('Medium')).toBeTruthy();
      expect(statusText()).toBe('Open');

      const { why } = investigation;
      expect(why.new_terms_fields).toEqual(['process.name']);
      expect(screen.getByTestId('ctdNewTerms').textContent).toBe(`process.name: ${EVIL_NAME}`);
      expect(why.first_seen).not.toBeNull();
      expect(screen.getByTestId('ctdFirstSeen').textContent).toBe(formatTime(why.first_seen));
      expect(screen.getByTestId('ctdHistoryWindow').textContent).toContain(
        `${formatTime(why.history_window_start)} → ${formatTime(why.window_start)}`
      );
      expect(screen.getByTestId('ctdHistoryWindow').textContent).toContain(
        'No earlier occurrence of this value'
      );
      expect(screen.getByTestId('ctdRuleWindow').textContent).toBe(
        `${formatTime(why.window_start)} → ${formatTime(why.window_end)}`
      );
      expect(why.reason).toBeTruthy();
      expect(within(screen.getByTestId('ctdWhyItFired')).getByText(why.reason ?? '')).toBeTruthy();
      // The rule does not suppress: nothing about suppression.
      expect(screen.queryByTestId('ctdSuppression')).toBeNull();
      expect(screen.queryByTestId('ctdSuppressedAlerts')).toBeNull();
      expect(screen.queryByText('Suppression')).toBeNull();
    });

    it('shows the process ancestry from the entry leader down to the process', () => {
      const section = screen.getByTestId('ctdProcessAncestry');
      const titles = within(section)
        .getAllByRole('heading', { level: 4 })
        .map((heading) => heading.textContent);
      // `docker exec -it … <shell>` in a container, then socat typed into that shell.
      const shell = investigation.ancestry[0]?.name ?? '';
      expect(['sh', 'bash', 'ash', 'zsh']).toContain(shell);
      expect(titles).toEqual([
        `Entry leader · Session leader · Parent: ${shell}`,
        `Group leader · Process: ${EVIL_NAME}`,
      ]);
      for (const link of investigation.ancestry)
        expect(within(section).getByText(link.entityId ?? '')).toBeTruthy();
      expect(within(section).getByText('container')).toBeTruthy(); // how the session entered
      expect(within(section).getByText(String(investigation.ancestry[1]?.pid))).toBeTruthy();
    });

    it('lists the related events from the same container with their total', () => {
      const related = investigation.related_events;
      expect(related.field).toBe('container.id');
      expect(related.total).toBeGreaterThan(1);
      expect(screen.getByTestId('ctdRelatedTotal').textContent).toBe(String(related.total));
      expect(screen.getByTestId('ctdRelatedSummary').textContent).toContain(
        `${related.total} events on container.id`
      );
      const rows = within(screen.getByTestId('ctdRelatedEvents')).getAllByRole('row').slice(1);
      expect(rows).toHaveLength(related.events.length);
      expect(
        within(screen.getByTestId('ctdRelatedEvents')).getAllByText('Alert event')
      ).toHaveLength(1);
    });

    it('renders the investigation guide and untrusted values as text, never as HTML', () => {
      const guide = screen.getByTestId('ctdInvestigationGuide');
      expect(within(guide).getByRole('heading', { name: 'Triage this shell' })).toBeTruthy();
      expect(within(guide).getByText('the parent process').tagName).toBe('STRONG');
      // The event's HTML is shown as text (new term, ancestry, fields, related events).
      expect(within(screen.getByTestId('ctdNewTerms')).getByText(EVIL_NAME)).toBeTruthy();
      expect(
        screen.getAllByText(new RegExp(EVIL_ARG.replace(/[()[\]{}.*+?^$|\\/]/g, '\\$&'))).length
      ).toBeGreaterThan(0);
      expect(document.body.querySelectorAll('script, img, iframe, [onerror]')).toHaveLength(0);
      for (const link of Array.from(document.body.querySelectorAll('a')))
        expect(link.getAttribute('href') ?? '').not.toMatch(/^\s*javascript:/i);
      expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
    });

    it('links the MITRE ATT&CK tactics and techniques of the rule', () => {
      const mitre = screen.getByTestId('ctdMitre');
      const tactic = within(mitre).getByText('Execution (TA0002)').closest('a');
      expect(tactic?.getAttribute('href')).toBe('https://attack.mitre.org/tactics/TA0002/');
      expect(tactic?.getAttribute('target')).toBe('_blank');
      expect(within(mitre).getByText('Command and Scripting Interpreter (T1059)')).toBeTruthy();
      expect(within(mitre).getByText('Unix Shell (T1059.004)')).toBeTruthy();
    });

    it('lists the source event fields and filters them by a search', async () => {
      const section = screen.getByTestId('ctdSourceEvent');
      // Sorted by field name, 20 a page.
      expect(within(section).getByText('@timestamp')).toBeTruthy();
      const search = within(section).getByPlaceholderText('Filter fields and values');
      fireEvent.change(search, { target: { value: 'entity_id' } });
      fireEvent.keyUp(search, { key: 'd' });
      await waitFor(() => expect(within(section).queryByText('@timestamp')).toBeNull());
      const fields = Array.from(section.querySelectorAll('tbody tr code')).map(
        (code) => code.textContent ?? ''
      );
      expect(fields.length).toBeGreaterThan(2);
      for (const field of fields) expect(field).toMatch(/entity_id/);
    });

    it('says so when the search matches no field', async () => {
      const section = screen.getByTestId('ctdSourceEvent');
      const search = within(section).getByPlaceholderText('Filter fields and values');
      fireEvent.change(search, { target: { value: 'no_such_field_anywhere' } });
      fireEvent.keyUp(search, { key: 'e' });
      await waitFor(() => expect(within(section).getByText('No fields match.')).toBeTruthy());
      expect(section.querySelectorAll('tbody tr code')).toHaveLength(0);
    });
  });

  describe('pivots', () => {
    afterEach(async () => {
      await settle(client.inFlight);
      cleanup();
    });

    const show = async () => {
      renderInvestigation(client.api, alertId);
      await loaded();
    };
    const relatedSummary = (): string => screen.getByTestId('ctdRelatedSummary').textContent ?? '';
    const relatedRows = () =>
      within(screen.getByTestId('ctdRelatedEvents')).getAllByRole('row').slice(1);

    it('filters the alerts list the user came from by a source field value', async () => {
      const { history } = renderWithHistory(
        alertPath(alertId, { status: 'closed', query: 'host.name: *' }),
        (navigation) => (
          <InvestigationPage api={client.api} navigation={navigation} alertId={alertId} />
        )
      );
      await loaded();
      const section = screen.getByTestId('ctdSourceEvent');
      const search = within(section).getByPlaceholderText('Filter fields and values');
      fireEvent.change(search, { target: { value: 'process.name' } });
      fireEvent.keyUp(search, { key: 'e' });
      const row = await waitFor(() => {
        const found = Array.from(section.querySelectorAll('tbody tr')).find(
          (candidate) => candidate.querySelector('code')?.textContent === 'process.name'
        );
        if (!(found instanceof HTMLElement)) throw new Error('no process.name row yet');
        return found;
      });
      fireEvent.click(within(row).getByLabelText(`Filter out process.name: ${EVIL_NAME}`));
      await waitFor(() => expect(history.location.pathname).toBe('/alerts'));
      const query = Object.fromEntries(new URLSearchParams(history.location.search));
      expect(query).toMatchObject({ status: 'closed', query: 'host.name: *' });
      expect(JSON.parse(query.filters ?? '[]')).toEqual([
        { field: 'process.name', value: EVIL_NAME, negate: true },
      ]);
    });

    it('counts the hosts, containers and images that ran the new term, as the API does', async () => {
      await show();
      const expected = await server.api.getTermPrevalence(alertId);
      expect(expected.term).toEqual([{ field: 'process.name', value: EVIL_NAME }]);
      const section = screen.getByTestId('ctdTermPrevalence');
      const stat = async (testSubj: string) =>
        (await within(section).findByTestId(testSubj)).textContent ?? '';
      expect(await stat('ctdPrevalenceHosts')).toContain(String(expected.distinct['host.name']));
      expect(await stat('ctdPrevalenceContainers')).toContain(
        String(expected.distinct['container.id'])
      );
      expect(await stat('ctdPrevalenceImages')).toContain(
        String(expected.distinct['container.image.name'])
      );
      expect(await stat('ctdPrevalenceEvents')).toContain(String(expected.events));
      expect(await stat('ctdPrevalenceFirstSeen')).toBe(formatTime(expected.first_seen));
      expect(await stat('ctdPrevalenceLastSeen')).toBe(formatTime(expected.last_seen));
      // The planted term ran once, on one host: the rarity is what makes it suspicious.
      expect(expected.distinct['host.name']).toBe(1);
      expect(within(section).getByText(EVIL_NAME, { exact: false }).tagName).toBe('P');
    });

    it('changes the activity window and order, and pages, with what the API answers', async () => {
      await show();
      const initial = investigation.related_events;
      expect(relatedSummary()).toContain(`${initial.total} events on container.id`);
      fireEvent.click(within(screen.getByTestId('ctdActivityWindow')).getByText('±24 h'));
      const day = await server.api.getAlertActivity(alertId, {
        window: '24h',
        page: 0,
        perPage: 25,
        sortOrder: 'asc',
      });
      expect(day.total).toBeGreaterThan(initial.total);
      await waitFor(() => expect(relatedSummary()).toContain(`${day.total} events`));
      expect(screen.getByTestId('ctdRelatedTotal').textContent).toBe(String(day.total));
      expect(relatedRows()).toHaveLength(day.events.length);

      fireEvent.click(within(screen.getByTestId('ctdActivityOrder')).getByText('Newest first'));
      const newest = await server.api.getAlertActivity(alertId, {
        window: '24h',
        page: 0,
        perPage: 25,
        sortOrder: 'desc',
      });
      await waitFor(() =>
        expect(relatedRows()[0]?.textContent).toContain(formatTime(newest.events[0]?.timestamp))
      );

      fireEvent.click(
        within(screen.getByTestId('ctdRelatedEvents')).getByTestId('pagination-button-next')
      );
      const second = await server.api.getAlertActivity(alertId, {
        window: '24h',
        page: 1,
        perPage: 25,
        sortOrder: 'desc',
      });
      await waitFor(() => expect(relatedSummary()).toContain('(26–'));
      expect(relatedRows()[0]?.textContent).toContain(formatTime(second.events[0]?.timestamp));
    });

    it('lists the other alerts on the same host, container and user, each linking to its investigation', async () => {
      await show();
      const expected = await server.api.getRelatedAlerts(alertId, 5);
      const section = screen.getByTestId('ctdRelatedAlerts');
      const host = expected.pivots.find((pivot) => pivot.field === 'host.name');
      if (host === undefined) throw new Error('the alert has no host');
      const hostPivot = await within(section).findByTestId('ctdRelatedAlerts-host.name');
      expect(within(hostPivot).getByTestId('ctdRelatedAlertsCount').textContent).toBe(
        String(host.total)
      );
      const links = within(hostPivot).queryAllByTestId('ctdRelatedAlertLink');
      expect(links).toHaveLength(host.alerts.length);
      for (const [i, link] of links.entries())
        expect(link.getAttribute('href')).toContain(
          alertPath(String(host.alerts[i]?.[F.ALERT_UUID]))
        );
      expect(expected.pivots.map((pivot) => pivot.field)).toContain('container.id');
      for (const pivot of expected.pivots)
        expect(within(section).getByTestId(`ctdRelatedAlerts-${pivot.field}`)).toBeTruthy();
    });

    // The copy button needs `innerText`, which jsdom lacks: the Chromium test checks it.
    it('shows the source event and the alert as JSON text', async () => {
      await show();
      const section = screen.getByTestId('ctdSourceEvent');
      fireEvent.click(within(section).getByTestId('ctdSourceView-event_json'));
      const eventJson = await within(section).findByTestId('ctdSourceEventJson');
      // EUI puts the test subject on the <code> element itself.
      expect(JSON.parse(eventJson.textContent ?? '')).toEqual(investigation.source_event?.source);
      fireEvent.click(within(section).getByTestId('ctdSourceView-alert_json'));
      const alertJson = await within(section).findByTestId('ctdAlertJson');
      expect(JSON.parse(alertJson.textContent ?? '')).toEqual(investigation.alert);
      // The planted HTML is in the JSON as text, never as elements.
      expect(alertJson.textContent).toContain('onerror');
      expect(document.body.querySelectorAll('script, img, iframe, [onerror]')).toHaveLength(0);
    });
  });

  describe('states and triage', () => {
    afterEach(async () => {
      await settle(client.inFlight);
      cleanup();
    });

    it('acknowledges, closes with a reason and reopens the alert', async () => {
      renderInvestigation(client.api, alertId);
      await loaded();
      fireEvent.click(screen.getByTestId('triageAcknowledge'));
      expect(await screen.findByText('Acknowledged 1 alert')).toBeTruthy();
      await waitFor(() => expect(statusText()).toBe('Acknowledged'));

      fireEvent.click(screen.getByTestId('triageClose'));
      const modal = await screen.findByTestId('closeAlertsModal');
      fireEvent.change(within(modal).getByLabelText('Reason for closing'), {
        target: { value: 'false_positive' },
      });
      fireEvent.click(within(modal).getByText('Close alert'));
      await waitFor(() => expect(statusText()).toBe('Closed: false positive'));
      expect(screen.queryByTestId('triageClose')).toBeNull();

      fireEvent.click(screen.getByTestId('triageReopen'));
      await waitFor(() => expect(statusText()).toBe('Open'));
    });

    it('says when the alert does not exist', async () => {
      renderInvestigation(client.api, 'no-such-alert');
      expect(await screen.findByText('Alert not found')).toBeTruthy();
      expect(screen.getByText(/There is no alert with the id no-such-alert/)).toBeTruthy();
    });

    it('shows the server error when the alert cannot be loaded', async () => {
      renderInvestigation(new ApiClient(failingTransport(500, 'event store offline')), alertId);
      const error = await screen.findByTestId('ctdErrorState');
      expect(error.textContent).toContain('Could not load the alert');
      expect(error.textContent).toContain('event store offline');
    });
  });

  describe('for alerts of a suppressing rule', () => {
    let fixture: SuppressedAlertsFixture;
    let suppressedClient: ReturnType<typeof trackedClient>;
    beforeAll(async () => {
      fixture = await suppressedAlertsFixture();
      suppressedClient = trackedClient(fixture.server.transport);
    });
    afterEach(async () => {
      await settle(suppressedClient.inFlight);
      cleanup();
    });
    afterAll(() => fixture?.server.close());

    const show = async (alert: AlertDocument) => {
      renderInvestigation(suppressedClient.api, String(alert[F.ALERT_UUID]));
      await loaded();
    };
    const suppressedAlerts = (): string =>
      screen.getByTestId('ctdSuppressedAlerts').textContent ?? '';
    const suppression = (): string => screen.getByTestId('ctdSuppression').textContent ?? '';
    const spanOf = (alert: AlertDocument): string =>
      `${formatTime(alert[F.ALERT_SUPPRESSION_START])} → ${formatTime(alert[F.ALERT_SUPPRESSION_END])}`;

    it('says how many alerts were folded in, by which values, over which span', async () => {
      const alert = fixture.folded;
      await show(alert);
      expect(suppressedAlerts()).toBe('Suppressed alerts1');
      const why = screen.getByTestId('ctdWhyItFired');
      expect(within(why).getByText('Suppression')).toBeTruthy();
      expect(suppression()).toContain('host.name: n1');
      expect(screen.getByTestId('ctdSuppressionSpan').textContent).toBe(spanOf(alert));
      expect(alert[F.ALERT_SUPPRESSION_START]).not.toBe(alert[F.ALERT_SUPPRESSION_END]);
      expect(suppression()).toContain('1 more alert with these values was folded into this one');
    });

    it('shows a suppression value holding HTML as text', async () => {
      await show(fixture.alone);
      expect(suppressedAlerts()).toBe('Suppressed alerts0');
      expect(suppression()).toContain(`host.name: ${EVIL_HOST}`);
      expect(screen.getByTestId('ctdSuppressionSpan').textContent).toBe(spanOf(fixture.alone));
      expect(suppression()).toContain('No other alert with these values');
      expect(document.body.querySelectorAll('script, img, iframe, [onerror]')).toHaveLength(0);
      expect((window as { __pwned?: unknown }).__pwned).toBeUndefined();
    });

    it('says when the suppression field was missing from the event', async () => {
      await show(fixture.missing);
      expect(suppression()).toContain('host.name: missing');
      expect(within(screen.getByTestId('ctdSuppression')).getByText('missing').tagName).toBe('EM');
    });
  });
});
