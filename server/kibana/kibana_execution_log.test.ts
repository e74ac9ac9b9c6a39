/** Kibana's execution log entries as the API's run history: statuses, messages, gaps. */
import { gapWarning } from '../new_terms/run_new_terms_rule';
import { gapInMessage, outcomeFilter, reportedGaps, toRuleExecution } from './kibana_execution_log';

const entry = (status: string, message: string) => ({
  id: `exec-${status}`,
  timestamp: '2025-06-01T12:00:00.000Z',
  duration_ms: 42,
  status,
  message,
  version: '9.2.4',
  num_active_alerts: 1,
  num_new_alerts: 1,
  num_recovered_alerts: 0,
  num_triggered_actions: 0,
  num_generated_actions: 0,
  num_succeeded_actions: 0,
  num_errored_actions: 0,
  total_search_duration_ms: 0,
  es_search_duration_ms: 0,
  schedule_delay_ms: 0,
  timed_out: false,
  rule_id: 'rule-1',
  space_ids: ['default'],
  rule_name: 'Shells',
  maintenance_window_ids: [],
});

describe('the Kibana execution log as run history', () => {
  it('maps outcomes to statuses and keeps the message as a warning or an error', () => {
    expect(toRuleExecution(entry('success', 'rule executed: x'))).toEqual({
      execution_id: 'exec-success',
      started_at: '2025-06-01T12:00:00.000Z',
      duration_ms: 42,
      status: 'succeeded',
      windows: null,
      terms_evaluated: null,
      alerts_created: 1,
      warnings: [],
      errors: [],
      gap: null,
    });
    expect(toRuleExecution(entry('warning', 'a, b'))).toMatchObject({
      status: 'warning',
      warnings: ['a, b'],
    });
    expect(toRuleExecution(entry('failure', 'x: execution failed - boom'))).toMatchObject({
      status: 'failed',
      errors: ['x: execution failed - boom'],
    });
    expect(toRuleExecution(entry('', ''))).toMatchObject({ status: 'unknown', warnings: [] });
  });

  it("reads a gap's duration from the rule's own warning, among others", () => {
    const message = `Some other warning,${gapWarning(7_260_000)}`;
    expect(gapInMessage(message)).toEqual({ from: null, to: null, duration_ms: 7_260_000 });
    expect(gapInMessage('no gap here')).toBeNull();
    expect(toRuleExecution(entry('warning', message)).gap?.duration_ms).toBe(7_260_000);
    expect(reportedGaps([entry('warning', message), entry('warning', 'other')])).toEqual([
      {
        execution_id: 'exec-warning',
        reported_at: '2025-06-01T12:00:00.000Z',
        from: null,
        to: null,
        duration_ms: 7_260_000,
      },
    ]);
  });

  it('filters on the outcome Kibana records, partial failure being its warning', () => {
    expect(outcomeFilter(['succeeded'])).toBe('kibana.alerting.outcome: (success)');
    expect(outcomeFilter(['warning', 'partial failure', 'failed'])).toBe(
      'kibana.alerting.outcome: (warning OR failure)'
    );
  });
});
