/** @jest-environment jsdom */
/**
 * The rule details page against the real API in process: every section of the catalog definition
 * (MITRE table, required fields, guides), the install/enable/run controls, an unknown rule, a
 * failing server, and markdown guides that try to inject HTML.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { getPrebuiltRule } from '../../../../common/rules/catalog';
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID as PRIVILEGED } from '../../../../common/rules/prebuilt/privileged_docker_container_creation';
import { UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID as INTERACTIVE } from '../../../../common/rules/prebuilt/unusual_interactive_process_in_container';
import type { NewTermsRuleDefinition } from '../../../../common/rules/rule_schema';
import {
  failingTransport,
  inProcessApi,
  type InProcessApi,
} from '../../../../test/helpers/in_process_api';
import { firstExportFixtureRule } from '../../../../test/helpers/rule_fixtures';
import { interactiveProcessEvent } from '../../../../test/helpers/process_event';
import { textInput } from '../../../../test/helpers/text_input';
import {
  isDisabled,
  recordingNavigation,
  renderUi,
  textOf,
} from '../../../../test/helpers/render_ui';
import { ApiClient } from '../../api_client';
import { ApiError } from '../../api_error';
import { RuleDetailsPage } from './rule_details_page';
import { RuleDetailsView } from './rule_details_view';

jest.mock('uuid', () =>
  jest.requireActual<typeof import('../../../../test/helpers/uuid_shim')>(
    '../../../../test/helpers/uuid_shim'
  )
);

const definition = (ruleId: string): NewTermsRuleDefinition => {
  const rule = getPrebuiltRule(ruleId);
  if (rule === undefined) throw new Error(`no prebuilt rule ${ruleId}`);
  return rule;
};

const renderPage = (api: ApiClient, ruleId: string) =>
  renderUi(<RuleDetailsPage api={api} navigation={recordingNavigation()} ruleId={ruleId} />);

/**
 * The page's first answer comes after two API calls and the first layout of every section (EUI's
 * icons load then), which takes longer than testing-library's default second on a busy machine.
 */
const FIRST_LOAD_TIMEOUT_MS = 10_000;

/** Renders the page of a catalog rule and waits until its definition and state have loaded. */
const renderLoaded = async (api: ApiClient, ruleId: string) => {
  renderPage(api, ruleId);
  await screen.findByTestId('ctdRuleState', undefined, { timeout: FIRST_LOAD_TIMEOUT_MS });
};

describe('RuleDetailsPage', () => {
  let server: InProcessApi;
  beforeEach(async () => {
    server = await inProcessApi();
  });
  afterEach(() => server.close());

  it('shows the definition: about, query, indices, new terms fields, schedule', async () => {
    const rule = definition(PRIVILEGED);
    await renderLoaded(server.api, PRIVILEGED);
    expect(textOf(screen.getByTestId('ctdRuleName'))).toBe(rule.name);

    const about = screen.getByTestId('ctdRuleAbout');
    expect(textOf(about)).toContain(rule.description);
    expect(textOf(about)).toContain('Elastic License v2');
    expect(textOf(about)).toContain(String(rule.version));
    for (const tag of rule.tags)
      expect(within(screen.getByTestId('ctdRuleTags')).getByText(tag)).toBeTruthy();

    const query = textOf(screen.getByTestId('ctdRuleQuery'));
    expect(query).toContain('host.os.type:linux\nand event.category:process');
    expect(query).toContain('and process.args:(run and --privileged)');
    const definitionPanel = within(screen.getByTestId('ctdRuleDefinition'));
    expect(definitionPanel.getByText('logs-endpoint.events.process*')).toBeTruthy();
    expect(definitionPanel.getByText('process.parent.executable')).toBeTruthy();
    expect(definitionPanel.getByText('now-14d')).toBeTruthy();
    expect(definitionPanel.getByText('event.ingested')).toBeTruthy();
    expect(definitionPanel.getByText('100')).toBeTruthy();

    const schedule = textOf(screen.getByTestId('ctdRuleSchedule'));
    expect(schedule).toContain('5m');
    expect(schedule).toContain('now-9m to now');
    expect(schedule).toContain('4m');
  });

  it('renders the MITRE ATT&CK table with links, the required fields and the related integrations', async () => {
    const rule = definition(PRIVILEGED);
    await renderLoaded(server.api, PRIVILEGED);
    const mitre = within(screen.getByTestId('ctdRuleMitre'));
    const techniques = rule.threat.flatMap((threat) => threat.technique ?? []);
    expect(mitre.getAllByRole('row')).toHaveLength(1 + techniques.length); // header + one per technique
    for (const threat of rule.threat) {
      for (const entry of [threat.tactic, ...(threat.technique ?? [])]) {
        const [link] = mitre.getAllByRole('link', {
          name: new RegExp(`${entry.name} \\(${entry.id.replace('.', '\\.')}\\)`),
        });
        expect(link?.getAttribute('href')).toBe(entry.reference);
        expect(link?.getAttribute('target')).toBe('_blank');
      }
    }

    const fields = within(screen.getByTestId('ctdRuleRequiredFields'));
    for (const field of rule.required_fields) {
      const fieldRow = fields.getByText(field.name).closest('tr');
      expect(fieldRow).not.toBeNull();
      expect(textOf(fieldRow)).toContain(field.type);
    }
    expect(fields.getAllByRole('row')).toHaveLength(1 + rule.required_fields.length);

    const integrations = textOf(screen.getByTestId('ctdRuleIntegrations'));
    expect(integrations).toContain('Elastic Defend');
    expect(integrations).toContain('^8.2.0');
  });

  it('renders the subtechniques of the interactive-process rule', async () => {
    await renderLoaded(server.api, INTERACTIVE);
    const link = within(screen.getByTestId('ctdRuleMitre')).getByRole('link', {
      name: /Unix Shell \(T1059\.004\)/,
    });
    expect(link.getAttribute('href')).toBe('https://attack.mitre.org/techniques/T1059/004/');
  });

  it('renders the investigation and setup guides as markdown', async () => {
    await renderLoaded(server.api, INTERACTIVE);
    const note = within(screen.getByTestId('ctdRuleNote'));
    expect(note.getByRole('heading', { name: 'Triage and analysis' })).toBeTruthy();
    expect(note.getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(screen.getByTestId('ctdRuleNote').querySelector('code')).not.toBeNull();
    expect(
      within(screen.getByTestId('ctdRuleSetup')).getAllByRole('heading').length
    ).toBeGreaterThan(1);
  });

  it('installs, enables and runs the rule from its page', async () => {
    // An event in the rule's index: on an empty store the run warns that no index matched.
    await server.store.ingest([textInput('event.ndjson', interactiveProcessEvent())]);
    await renderLoaded(server.api, INTERACTIVE);
    const state = screen.getByTestId('ctdRuleState');
    expect(textOf(state)).toContain('Not installed');
    expect(isDisabled(screen.getByTestId(`ctdRunRule-${INTERACTIVE}`))).toBe(true);

    fireEvent.click(screen.getByTestId(`ctdInstallRule-${INTERACTIVE}`));
    const toggle = await waitFor(() => screen.getByTestId(`ctdRuleEnabledSwitch-${INTERACTIVE}`));
    expect(textOf(screen.getByTestId('ctdRuleState'))).toContain('Installed');

    fireEvent.click(toggle);
    await waitFor(() =>
      expect(
        screen.getByTestId(`ctdRuleEnabledSwitch-${INTERACTIVE}`).getAttribute('aria-checked')
      ).toBe('true')
    );
    expect(isDisabled(screen.getByTestId(`ctdRunRule-${INTERACTIVE}`))).toBe(false);

    fireEvent.click(screen.getByTestId(`ctdRunRule-${INTERACTIVE}`));
    await waitFor(() =>
      expect(textOf(screen.getByTestId('ctdLastRunStatus'))).toContain('succeeded')
    );
    const summary = (await server.api.listRules()).find((rule) => rule.rule_id === INTERACTIVE);
    expect(summary).toMatchObject({
      installed: true,
      enabled: true,
      last_run: { status: 'succeeded' },
    });
    expect(screen.getByTestId('ctdRuleDetailsAlerts').getAttribute('href')).toBe(
      `/app/alerts?rule_id=${INTERACTIVE}`
    );
  });

  it('shows the server error when the rule cannot be loaded', async () => {
    renderPage(new ApiClient(failingTransport(503, 'rules service unavailable')), PRIVILEGED);
    const callout = await screen.findByTestId('ctdErrorState');
    expect(textOf(callout)).toContain('Could not load the rule');
    expect(textOf(callout)).toContain('rules service unavailable (HTTP 503)');
    expect(screen.queryByTestId('ctdRuleMitre')).toBeNull();
  });

  it('shows the definition and the server error when only the rule state cannot be loaded', async () => {
    const failingList = async (request: Parameters<typeof server.transport>[0]) => {
      if (request.path.endsWith('/rules')) throw new ApiError(503, 'rules service unavailable');
      return server.transport(request);
    };
    renderPage(new ApiClient(failingList), PRIVILEGED);
    const callout = await screen.findByTestId('ctdErrorState');
    expect(textOf(callout)).toContain("Could not load the rule's state");
    expect(screen.getByTestId('ctdRuleMitre')).toBeTruthy();
  });

  it('shows a user rule imported from a Kibana export, whatever its rule_id', async () => {
    await server.store.rules.importRule(firstExportFixtureRule(), {
      enabled: true,
      overwrite: false,
      now: new Date(),
    });
    await renderLoaded(server.api, 'container-shell-parent');
    expect(textOf(screen.getByTestId('ctdRuleName'))).toBe(
      'Shell with a new parent in a container'
    );
    expect(textOf(screen.getByTestId('ctdRuleState'))).toContain('Enabled');
  });

  it('shows "not found" for a rule_id outside the catalog', async () => {
    renderPage(server.api, '00000000-0000-4000-8000-000000000000');
    expect(await screen.findByText('Rule not found')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Rules' }).getAttribute('href')).toBe('/app/');
  });
});

describe('RuleDetailsView markdown safety', () => {
  const HOSTILE = [
    '## Guide',
    '',
    '<script>window.__ctdInjected = "script"</script>',
    '',
    '<img src="x" onerror="window.__ctdInjected = \'img\'">',
    '',
    '<iframe src="https://example.com"></iframe>',
    '',
    '[click me](javascript:window.__ctdInjected=1) and [docs](https://www.elastic.co/docs)',
  ].join('\n');

  it('never turns HTML in a guide into elements, nor javascript: URLs into links', () => {
    const rule = { ...definition(INTERACTIVE), note: HOSTILE, setup: HOSTILE };
    const { container } = renderUi(<RuleDetailsView rule={rule} />);
    for (const section of [screen.getByTestId('ctdRuleNote'), screen.getByTestId('ctdRuleSetup')]) {
      expect(within(section).getByRole('heading', { name: 'Guide' })).toBeTruthy();
      expect(within(section).getByRole('link', { name: /docs/ }).getAttribute('href')).toBe(
        'https://www.elastic.co/docs'
      );
    }
    expect(container.querySelectorAll('script, img, iframe, [onerror]')).toHaveLength(0);
    const hrefs = Array.from(container.querySelectorAll('a')).map(
      (a) => a.getAttribute('href') ?? ''
    );
    expect(hrefs.filter((href) => /^javascript:/i.test(href))).toEqual([]);
    expect((window as { __ctdInjected?: unknown }).__ctdInjected).toBeUndefined();
  });
});
