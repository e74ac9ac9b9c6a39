/** @jest-environment jsdom */
/**
 * The Execution results tab against the real API in process: each status, catch-up windows, the
 * gaps and their badge, warnings and errors that try to inject HTML shown as text, paging and the
 * status filter; and what Kibana does not report shown as "—".
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID as RULE_ID } from '../../../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { inProcessApi, type InProcessApi } from '../../../../test/helpers/in_process_api';
import { renderUi, textOf } from '../../../../test/helpers/render_ui';
import type { RuleExecutionsPage } from '../../api_client';
import { ExecutionHistory } from './execution_history';
import { ExecutionsTable } from './executions_table';

jest.mock('uuid', () =>
  jest.requireActual<typeof import('../../../../test/helpers/uuid_shim')>(
    '../../../../test/helpers/uuid_shim'
  )
);

const MINUTE_MS = 60_000;
const FIRST_RUN = Date.parse('2025-03-12T12:00:00.000Z');
const at = (minutes: number): Date => new Date(FIRST_RUN + minutes * MINUTE_MS);
const HOSTILE = '<img src=x onerror="window.hacked=1"><b>bold</b>';
const LOAD_TIMEOUT_MS = 10_000;

const rows = () => screen.getAllByTestId('ctdExecutionRow');

describe('ExecutionHistory', () => {
  let server: InProcessApi;
  let now = at(0);

  beforeEach(async () => {
    now = at(0);
    server = await inProcessApi({ now: () => now });
    await server.api.installRules([RULE_ID], true);
    // No events: each run warns that no index matches (partial failure).
    await server.api.runRule(RULE_ID);
    now = at(245);
    await server.api.runRule(RULE_ID);
    const rule = await server.store.rules.findByRuleId(RULE_ID);
    if (rule === undefined) throw new Error('not installed');
    await server.store.rules.recordExecution({
      rule,
      executionId: 'hostile-run',
      startedAt: at(250),
      status: 'failed',
      alertsCreated: 0,
      durationMs: 1_500,
      message: HOSTILE,
      windows: [],
      termsEvaluated: 0,
      warnings: [`warning ${HOSTILE}`],
      errors: [`error ${HOSTILE}`],
      gap: null,
    });
  });
  afterEach(() => server.close());

  const renderTab = async () => {
    renderUi(<ExecutionHistory api={server.api} ruleId={RULE_ID} reloadKey="" />);
    await screen.findByTestId('ctdExecutionsTable', undefined, { timeout: LOAD_TIMEOUT_MS });
    await waitFor(() => expect(rows()).toHaveLength(3));
  };

  it('lists the executions newest first with status, windows, terms, alerts and messages', async () => {
    await renderTab();
    const [failed, late, first] = rows();
    expect(textOf(within(failed as HTMLElement).getByTestId('ctdExecutionStatus'))).toBe('failed');
    expect(textOf(within(late as HTMLElement).getByTestId('ctdExecutionStatus'))).toBe(
      'partial failure'
    );
    expect(textOf(within(first as HTMLElement).getByTestId('ctdExecutionStatus'))).toBe(
      'partial failure'
    );
    // The late run's four catch-up windows before its own.
    expect(within(late as HTMLElement).getAllByTestId('ctdExecutionWindow')).toHaveLength(5);
    expect(within(late as HTMLElement).getAllByText('catch-up')).toHaveLength(4);
    expect(within(first as HTMLElement).getAllByTestId('ctdExecutionWindow')).toHaveLength(1);
    expect(textOf(within(first as HTMLElement).getByTestId('ctdExecutionTerms'))).toBe('0');
    expect(textOf(within(first as HTMLElement).getByTestId('ctdExecutionAlerts'))).toBe('0');
    expect(textOf(within(first as HTMLElement).getByTestId('ctdExecutionWarning'))).toContain(
      'no index matching'
    );
  });

  it('shows the gap the late run found, above the table and in its row', async () => {
    await renderTab();
    const gaps = screen.getByTestId('ctdExecutionGaps');
    expect(textOf(gaps)).toContain('1 gap: time no execution searched');
    expect(textOf(within(gaps).getByTestId('ctdExecutionGapItem'))).toContain('3 h 36 min');
    const [, late] = rows();
    expect(textOf(within(late as HTMLElement).getByTestId('ctdExecutionGap'))).toBe('3 h 36 min');
  });

  it('shows warnings and errors as text, never as markup', async () => {
    await renderTab();
    const [failed] = rows();
    const row = failed as HTMLElement;
    expect(textOf(within(row).getByTestId('ctdExecutionError'))).toBe(`error ${HOSTILE}`);
    expect(textOf(within(row).getByTestId('ctdExecutionWarning'))).toBe(`warning ${HOSTILE}`);
    expect(row.querySelector('img')).toBeNull();
    expect(row.querySelector('b')).toBeNull();
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
  });

  it('filters by status and pages', async () => {
    await renderTab();
    fireEvent.change(screen.getByTestId('ctdExecutionStatusFilter'), {
      target: { value: 'failed' },
    });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(textOf(screen.getByTestId('ctdExecutionStatus'))).toBe('failed');
    // The gaps stay listed whatever the filter.
    expect(screen.getByTestId('ctdExecutionGaps')).toBeTruthy();
    expect(server.requests.at(-1)?.query).toMatchObject({ status: 'failed', page: '0' });
  });
});

describe('ExecutionsTable', () => {
  it('shows "—" for what the host does not report (Kibana: windows, terms)', () => {
    const page: RuleExecutionsPage = {
      page: 0,
      per_page: 20,
      total: 1,
      gaps: [],
      executions: [
        {
          execution_id: 'kibana-run',
          started_at: at(0).toISOString(),
          duration_ms: 42,
          status: 'unknown',
          windows: null,
          terms_evaluated: null,
          alerts_created: 3,
          warnings: [],
          errors: [],
          gap: null,
        },
      ],
    };
    renderUi(<ExecutionsTable page={page} loading={false} onPage={() => undefined} />);
    const [row] = rows();
    expect(textOf(within(row as HTMLElement).getByTestId('ctdExecutionTerms'))).toBe('—');
    expect(within(row as HTMLElement).queryAllByTestId('ctdExecutionWindow')).toHaveLength(0);
    expect(textOf(row as HTMLElement)).toContain('—');
    expect(textOf(within(row as HTMLElement).getByTestId('ctdExecutionAlerts'))).toBe('3');
  });
});
