/** @jest-environment jsdom */
/**
 * The rule details tabs against the real API in process: the tab the address names is shown,
 * each tab links its own address, the Alerts tab lists the rule's alerts with links to their
 * investigation and to the Alerts page filtered to the rule, and a rule not installed says so.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID as PRIVILEGED } from '../../../../common/rules/prebuilt/privileged_docker_container_creation';
import { UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID as RULE_ID } from '../../../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { inProcessApi, type InProcessApi } from '../../../../test/helpers/in_process_api';
import { recordingNavigation, renderUi, textOf } from '../../../../test/helpers/render_ui';
import { textInput } from '../../../../test/helpers/text_input';
import { alertPath, alertsPath } from '../../navigation';
import { act } from '../../../test_support/act';
import { RuleDetailsPage } from './rule_details_page';

jest.mock('uuid', () =>
  jest.requireActual<typeof import('../../../../test/helpers/uuid_shim')>(
    '../../../../test/helpers/uuid_shim'
  )
);

const LOAD_TIMEOUT_MS = 10_000;

/** An interactive shell started in a container a minute ago: what the rule looks for. */
const interactiveShell = (id: string, name: string): string =>
  JSON.stringify({
    '@timestamp': new Date(Date.now() - 60_000).toISOString(),
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'default' },
    event: { id, category: ['process'], type: ['start'], action: 'exec' },
    host: { os: { type: 'linux' }, name: 'node-1' },
    process: { name, interactive: true, entry_leader: { entry_meta: { type: 'container' } } },
  });

describe('RuleDetailsPage tabs', () => {
  let server: InProcessApi;
  beforeEach(async () => {
    server = await inProcessApi();
  });
  afterEach(() => server.close());

  const renderTab = (ruleId: string, tab?: string) => {
    const navigation = recordingNavigation(tab === undefined ? {} : { tab });
    renderUi(<RuleDetailsPage api={server.api} navigation={navigation} ruleId={ruleId} />);
    return navigation;
  };

  it('shows the tab the address names, each tab linking its own address', async () => {
    await server.api.installRules([RULE_ID], true);
    await server.api.runRule(RULE_ID);
    renderTab(RULE_ID, 'executions');
    await screen.findByTestId('ctdExecutionsTable', undefined, { timeout: LOAD_TIMEOUT_MS });
    expect(screen.queryByTestId('ctdRuleAbout')).toBeNull();
    const tabs = within(screen.getByTestId('ctdRuleTabs'));
    expect(tabs.getByTestId('ctdRuleTab-executions').getAttribute('aria-selected')).toBe('true');
    expect(tabs.getByTestId('ctdRuleTab-overview').getAttribute('href')).toBe(
      `/app/rules/${RULE_ID}`
    );
    expect(tabs.getByTestId('ctdRuleTab-alerts').getAttribute('href')).toBe(
      `/app/rules/${RULE_ID}?tab=alerts`
    );
    await waitFor(() => expect(screen.getAllByTestId('ctdExecutionRow')).toHaveLength(1));
  });

  it("lists the rule's alerts, each opening its investigation", async () => {
    await server.store.ingest([
      textInput(
        'shells.ndjson',
        [interactiveShell('a', 'bash'), interactiveShell('b', 'sh')].join('\n')
      ),
    ]);
    await server.api.installRules([RULE_ID], true);
    await server.api.runRule(RULE_ID);
    renderTab(RULE_ID, 'alerts');
    await screen.findByTestId('ctdRuleAlertsTable', undefined, { timeout: LOAD_TIMEOUT_MS });
    await waitFor(() => expect(screen.getAllByTestId('ctdRuleAlertRow')).toHaveLength(2));
    expect(textOf(screen.getByTestId('ctdRuleAlertsCount'))).toBe(
      'The 2 most recent of 2 alerts, every status.'
    );
    const [alert] = (
      await server.api.searchAlerts({
        ruleIds: [RULE_ID],
        page: 0,
        perPage: 1,
        sortField: '@timestamp',
        sortOrder: 'desc',
      })
    ).alerts;
    const id = String(alert?.['kibana.alert.uuid']);
    const links = screen
      .getAllByTestId('ctdRuleAlertLink')
      .map((link) => link.getAttribute('href'));
    expect(links).toContain(`/app${alertPath(id)}`);
    expect(screen.getByTestId('ctdRuleAlertsOpenPage').getAttribute('href')).toBe(
      `/app${alertsPath({ rule_id: RULE_ID })}`
    );
    expect(screen.getAllByText('bash').length + screen.getAllByText('sh').length).toBe(2);
  });

  it('says a rule not installed has no alerts or executions to show', async () => {
    renderTab(PRIVILEGED, 'executions');
    expect(
      await screen.findByText('Install the rule to see its executions.', undefined, {
        timeout: LOAD_TIMEOUT_MS,
      })
    ).toBeTruthy();
    expect(server.requests.some((request) => request.path.endsWith('/_executions'))).toBe(false);
    await act(() => server.idle());
  });
});
