/** @jest-environment jsdom */
/**
 * The rules page against the real API in process (route dispatcher over an in-memory DuckDB
 * store): both catalog rules with severity and state, install, enable/disable, run now, links,
 * and the error states when the server fails.
 */
import '../alerts/test_support/jsdom_shims';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PREBUILT_RULES } from '../../../../common/rules/catalog';
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID as PRIVILEGED } from '../../../../common/rules/prebuilt/privileged_docker_container_creation';
import { UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID as INTERACTIVE } from '../../../../common/rules/prebuilt/unusual_interactive_process_in_container';
import {
  failingTransport,
  failingWrites,
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
import { alertsPath, type AppNavigation } from '../../navigation';
import { RulesPage } from './rules_page';
import { EventLoadingProvider } from '../../components/event_loading';

jest.mock('uuid', () =>
  jest.requireActual<typeof import('../../../../test/helpers/uuid_shim')>(
    '../../../../test/helpers/uuid_shim'
  )
);

const renderPage = (api: ApiClient, navigation: AppNavigation = recordingNavigation()) =>
  renderUi(<RulesPage api={api} navigation={navigation} />);

/**
 * Saving a rule parses it, writes it to the store and re-reads the list: on a busy machine that
 * takes longer than testing-library's default second.
 */
const SLOW = { timeout: 10_000 };

const row = (ruleId: string): HTMLElement => screen.getByTestId(`ctdRuleRow-${ruleId}`);
const enabledSwitch = (ruleId: string): HTMLElement =>
  screen.getByTestId(`ctdRuleEnabledSwitch-${ruleId}`);
const runButton = (ruleId: string): HTMLElement => screen.getByTestId(`ctdRunRule-${ruleId}`);

describe('RulesPage', () => {
  let server: InProcessApi;
  beforeEach(async () => {
    server = await inProcessApi();
  });
  afterEach(() => server.close());

  it('lists both prebuilt rules with severity, risk score, tactics, schedule and state', async () => {
    renderPage(server.api);
    await screen.findByTestId(`ctdRuleRow-${INTERACTIVE}`);
    expect(PREBUILT_RULES).toHaveLength(2);
    for (const rule of PREBUILT_RULES) {
      const cells = within(row(rule.rule_id));
      expect(cells.getByRole('link', { name: rule.name }).getAttribute('href')).toBe(
        `/app/rules/${rule.rule_id}`
      );
      expect(textOf(cells.getByTestId(`ctdSeverity-${rule.severity}`))).toContain(
        rule.severity === 'medium' ? 'Medium' : 'Low'
      );
      expect(cells.getByText(String(rule.risk_score))).toBeTruthy();
      expect(cells.getByText(rule.threat[0]?.tactic.name ?? '<no tactic>')).toBeTruthy();
      expect(cells.getByText(rule.interval)).toBeTruthy();
      expect(textOf(cells.getByTestId(`ctdNotInstalled-${rule.rule_id}`))).toBe('Not installed');
      expect(cells.getByText('Never run')).toBeTruthy();
      expect(isDisabled(runButton(rule.rule_id))).toBe(true);
      const alerts = cells.getByTestId(`ctdRuleAlerts-${rule.rule_id}`);
      expect(textOf(alerts)).toBe('0');
      expect(alerts.getAttribute('href')).toBe(`/app${alertsPath({ rule_id: rule.rule_id })}`);
    }
    expect(textOf(screen.getByTestId('ctdInstallCallout'))).toContain(
      '2 of 2 prebuilt rules are not installed'
    );
  });

  it('lists a custom rule imported from a Kibana export beside the prebuilt ones', async () => {
    await server.store.rules.importRule(firstExportFixtureRule(), {
      enabled: false,
      overwrite: false,
      now: new Date(),
    });
    renderPage(server.api);
    const badge = await screen.findByTestId('ctdUserRule-container-shell-parent');
    expect(textOf(badge)).toBe('Custom');
    const cells = within(row('container-shell-parent'));
    expect(
      cells
        .getByRole('link', { name: 'Shell with a new parent in a container' })
        .getAttribute('href')
    ).toBe('/app/rules/container-shell-parent');
    expect(screen.queryByTestId(`ctdUserRule-${INTERACTIVE}`)).toBeNull();
    // The custom rule is installed by its import; the callout counts the prebuilt rules only.
    expect(textOf(screen.getByTestId('ctdInstallCallout'))).toContain(
      '2 of 2 prebuilt rules are not installed'
    );
  });

  it('installs one rule: it gets an enable switch, the other stays uninstalled', async () => {
    renderPage(server.api);
    fireEvent.click(await screen.findByTestId(`ctdInstallRule-${PRIVILEGED}`));

    const toggle = await waitFor(() => enabledSwitch(PRIVILEGED));
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(isDisabled(toggle)).toBe(false);
    expect(within(row(INTERACTIVE)).getByText('Not installed')).toBeTruthy();
    expect(textOf(screen.getByTestId('ctdInstallCallout'))).toContain(
      '1 of 2 prebuilt rules is not installed'
    );
    expect(
      await screen.findByText('Installed "Privileged Docker Container Creation"')
    ).toBeTruthy();
    const state = (await server.api.listRules()).map((rule) => [
      rule.rule_id,
      rule.installed,
      rule.enabled,
    ]);
    expect(state).toEqual(
      expect.arrayContaining([
        [PRIVILEGED, true, false],
        [INTERACTIVE, false, false],
      ])
    );
  });

  it('installs all rules, then enables and disables one with its switch', async () => {
    renderPage(server.api);
    fireEvent.click(await screen.findByTestId('ctdInstallAllRules'));
    await waitFor(() => expect(screen.queryByTestId('ctdInstallCallout')).toBeNull());

    fireEvent.click(enabledSwitch(INTERACTIVE));
    await waitFor(() =>
      expect(enabledSwitch(INTERACTIVE).getAttribute('aria-checked')).toBe('true')
    );
    expect(
      (await server.api.listRules()).find((rule) => rule.rule_id === INTERACTIVE)?.enabled
    ).toBe(true);
    expect(isDisabled(runButton(INTERACTIVE))).toBe(false);
    expect(isDisabled(runButton(PRIVILEGED))).toBe(true);

    fireEvent.click(enabledSwitch(INTERACTIVE));
    await waitFor(() =>
      expect(enabledSwitch(INTERACTIVE).getAttribute('aria-checked')).toBe('false')
    );
    expect(
      (await server.api.listRules()).find((rule) => rule.rule_id === INTERACTIVE)?.enabled
    ).toBe(false);
    expect(isDisabled(runButton(INTERACTIVE))).toBe(true);
  });

  it('runs an enabled rule now and shows its last run', async () => {
    await server.api.installRules([INTERACTIVE], true);
    await server.store.ingest([textInput('event.ndjson', interactiveProcessEvent())]);
    renderPage(server.api);
    await screen.findByTestId(`ctdRuleRow-${INTERACTIVE}`);
    expect(isDisabled(runButton(INTERACTIVE))).toBe(false);
    fireEvent.click(runButton(INTERACTIVE));
    await waitFor(() =>
      expect(textOf(within(row(INTERACTIVE)).getByTestId('ctdLastRunStatus'))).toContain(
        'succeeded'
      )
    );
    expect(
      await screen.findByText('Ran "Unusual Interactive Process Launched in a Container"')
    ).toBeTruthy();
  });

  it.each([
    ['the standalone server', true, 'on the Upload events page'],
    ['Kibana', false, 'Elastic Defend (added to an agent policy in Fleet)'],
  ])(
    'says a run in %s found no index, and how to load events there',
    async (_host, uploadAvailable, advice) => {
      await server.api.installRules([INTERACTIVE], true);
      renderUi(
        <EventLoadingProvider uploadAvailable={uploadAvailable}>
          <RulesPage api={server.api} navigation={recordingNavigation()} />
        </EventLoadingProvider>
      );
      await screen.findByTestId(`ctdRuleRow-${INTERACTIVE}`);
      fireEvent.click(runButton(INTERACTIVE));
      const title = await screen.findByText(
        'Ran "Unusual Interactive Process Launched in a Container" with warnings'
      );
      const toast = title.closest('.euiToast');
      expect(toast?.textContent).toContain('however no index matching');
      expect(toast?.textContent).toContain(advice);
      expect(toast?.textContent?.includes('Upload events page')).toBe(uploadAvailable);
      expect(screen.queryByText('Ran "Unusual Interactive Process Launched in a Container"')).toBe(
        null
      );
      expect(textOf(within(row(INTERACTIVE)).getByTestId('ctdLastRunStatus'))).toContain(
        'partial failure'
      );
    }
  );

  it('navigates inside the app from the rule and alert links', async () => {
    const navigation = recordingNavigation();
    renderPage(server.api, navigation);
    fireEvent.click(await screen.findByTestId(`ctdRuleLink-${PRIVILEGED}`));
    fireEvent.click(screen.getByTestId(`ctdRuleAlerts-${PRIVILEGED}`));
    expect(navigation.visited).toEqual([
      `/rules/${PRIVILEGED}`,
      alertsPath({ rule_id: PRIVILEGED }),
    ]);
  });

  it('shows the server error with a retry button when the rules cannot be loaded', async () => {
    renderPage(new ApiClient(failingTransport(500, 'the rule store is unavailable')));
    const callout = await screen.findByTestId('ctdErrorState');
    expect(textOf(callout)).toContain('Could not load the rules');
    expect(textOf(callout)).toContain('the rule store is unavailable (HTTP 500)');
    expect(within(callout).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('reports a failed action in a toast and keeps the table', async () => {
    renderPage(
      new ApiClient(
        failingWrites(server.transport, 403, 'Forbidden: containerThreatDetection-all is required')
      )
    );
    fireEvent.click(await screen.findByTestId(`ctdInstallRule-${INTERACTIVE}`));
    expect(
      await screen.findByText(
        'Could not install "Unusual Interactive Process Launched in a Container"'
      )
    ).toBeTruthy();
    expect(
      screen.getByText('Forbidden: containerThreatDetection-all is required (HTTP 403)')
    ).toBeTruthy();
    expect(row(INTERACTIVE)).toBeTruthy();
    expect((await server.api.listRules()).every((rule) => !rule.installed)).toBe(true);
  });

  it('offers create, import and export only where the host writes rules', async () => {
    renderPage(server.api);
    await screen.findByTestId(`ctdRuleRow-${INTERACTIVE}`);
    expect(screen.queryByTestId('ctdCreateRule')).toBeNull();
    expect(screen.queryByTestId('ctdImportRules')).toBeNull();
    expect(screen.queryByTestId('ctdExportRules')).toBeNull();
  });

  it('opens the rule form, checks the query as the user types, and creates the rule', async () => {
    const navigation = recordingNavigation();
    renderUi(<RulesPage api={server.api} navigation={navigation} ruleEditing />);
    fireEvent.click(await screen.findByTestId('ctdCreateRule'));
    const query = await screen.findByTestId('ctdRuleFormQuery', {}, SLOW);
    fireEvent.change(query, { target: { value: 'process.name : (bash' } });
    await screen.findByText(/^Invalid query at line 1, column \d+/, {}, SLOW);
    fireEvent.change(query, { target: { value: 'process.name : bash' } });
    await waitFor(() => expect(screen.queryByText(/^Invalid query/)).toBeNull(), SLOW);
    fireEvent.change(screen.getByTestId('ctdRuleFormName'), { target: { value: 'Bash users' } });
    fireEvent.change(screen.getByTestId('ctdRuleFormDescription'), {
      target: { value: 'A user not seen running bash' },
    });
    for (const [subj, value] of [
      ['ctdRuleFormIndex', 'logs-*'],
      ['ctdRuleFormNewTermsFields', 'user.name'],
    ] as const) {
      const input = within(screen.getByTestId(subj)).getByRole('combobox');
      fireEvent.change(input, { target: { value } });
      fireEvent.keyDown(input, { key: 'Enter' });
    }
    fireEvent.click(screen.getByTestId('ctdRuleFormSaveDisabled'));
    await waitFor(() => expect(navigation.visited.length).toBe(1), SLOW);
    const created = (await server.api.listRules()).find((rule) => rule.source === 'user');
    expect(created).toMatchObject({ name: 'Bash users', enabled: false, installed: true });
    expect(navigation.visited).toEqual([`/rules/${created?.rule_id ?? ''}`]);
  });
});
