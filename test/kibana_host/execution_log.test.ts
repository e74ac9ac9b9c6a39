/**
 * The event log double (execution_log.ts) refuses what Kibana's `getExecutionLogForRule` refuses,
 * with Kibana's messages, and answers in Kibana's shape: the event each kind of run leaves, the
 * date range, the filter, sorting, paging and the 10,000-execution cap.
 */
import {
  executeEventOf,
  executionLogOf,
  MAX_EXECUTION_BUCKETS,
  type ExecuteEvent,
  type ExecutionLogRequest,
  type RunRecord,
} from './execution_log';
import { KibanaBadRequestError } from './kibana_bad_request_error';
import { MAX_ALERTS_WARNING } from './fake_alerting';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const MINUTE_MS = 60_000;
const RULE = { id: 'rule-1', name: 'Shells', consumer: 'containerThreatDetection' };
const TYPE_ID = 'containerThreatDetection.newTerms';

const run = (minutesAgo: number, overrides: Partial<RunRecord> = {}): RunRecord => ({
  rule: RULE,
  ruleTypeId: TYPE_ID,
  spaceId: 'default',
  kibanaVersion: '9.2.4',
  executionId: `exec-${minutesAgo}`,
  startedAt: new Date(NOW.getTime() - minutesAgo * MINUTE_MS),
  durationMs: 250,
  thrown: null,
  reportedErrors: [],
  ruleWarnings: [],
  frameworkWarning: null,
  newAlerts: 0,
  activeAlerts: 0,
  ...overrides,
});

const PAGE: ExecutionLogRequest = {
  dateStart: '1d',
  page: 1,
  perPage: 10,
  sort: [{ timestamp: { order: 'desc' } }],
};

const log = (events: readonly ExecuteEvent[], request: Partial<ExecutionLogRequest> = {}) =>
  executionLogOf(events, RULE.id, { ...PAGE, ...request }, NOW);

describe('the execution log double', () => {
  it('writes the execute event of each kind of run as the alerting event logger does', () => {
    const [ok, warned, limited, thrown, reported] = [
      run(25, { newAlerts: 2, activeAlerts: 2 }),
      run(20, { ruleWarnings: ['first, with a comma', 'second'] }),
      run(15, { ruleWarnings: ['a rule warning'], frameworkWarning: MAX_ALERTS_WARNING }),
      run(10, { thrown: 'boom' }),
      run(5, { reportedErrors: ['one', 'two'] }),
    ].map(executeEventOf);
    expect(ok).toMatchObject({
      message: "rule executed: containerThreatDetection.newTerms:rule-1: 'Shells'",
      event: { action: 'execute', provider: 'alerting', outcome: 'success', duration: 250_000_000 },
      kibana: {
        alerting: { outcome: 'success', status: 'active' },
        alert: { rule: { execution: { uuid: 'exec-25', metrics: { alert_counts: { new: 2 } } } } },
      },
    });
    expect(warned?.kibana.alerting.outcome).toBe('warning');
    expect(warned?.message).toBe('first, with a comma,second');
    // The framework's warning wins over the rule's (executionStatusFromState).
    expect(limited?.message).toBe(MAX_ALERTS_WARNING);
    expect(thrown).toMatchObject({
      message: "rule execution failure: containerThreatDetection.newTerms:rule-1: 'Shells'",
      error: { message: 'boom' },
      event: { outcome: 'failure' },
      kibana: { alerting: { outcome: 'failure', status: 'error' } },
    });
    expect(reported).toMatchObject({
      message: 'containerThreatDetection.newTerms:rule-1: execution failed',
      error: { message: 'one,two' },
    });
  });

  it('lists executions as formatExecutionLogAggBucket does, newest first and paged', () => {
    const events = [run(20), run(15, { thrown: 'boom' }), run(10, { newAlerts: 3 })].map(
      executeEventOf
    );
    const first = log(events, { perPage: 2 });
    expect(first.total).toBe(3);
    expect(first.data.map((entry) => [entry.id, entry.status, entry.num_new_alerts])).toEqual([
      ['exec-10', 'success', 3],
      ['exec-15', 'failure', 0],
    ]);
    expect(first.data[1]).toMatchObject({
      message: "rule execution failure: containerThreatDetection.newTerms:rule-1: 'Shells' - boom",
      duration_ms: 250,
      timestamp: run(15).startedAt.toISOString(),
      rule_id: RULE.id,
      rule_name: RULE.name,
      space_ids: ['default'],
      version: '9.2.4',
    });
    expect(log(events, { page: 2, perPage: 2 }).data.map((entry) => entry.id)).toEqual(['exec-20']);
    expect(
      log(events, { sort: [{ timestamp: { order: 'asc' } }] }).data.map((entry) => entry.id)
    ).toEqual(['exec-20', 'exec-15', 'exec-10']);
  });

  it('keeps to the date range, the filter and the rule', () => {
    const events = [
      run(3 * 24 * 60),
      run(20, { ruleWarnings: ['w'] }),
      run(10, { thrown: 'x' }),
      { ...run(5), rule: { ...RULE, id: 'other' } },
    ].map(executeEventOf);
    expect(log(events).data.map((entry) => entry.id)).toEqual(['exec-10', 'exec-20']);
    expect(log(events, { dateStart: '4d' }).total).toBe(3);
    expect(
      log(events, { dateStart: new Date(NOW.getTime() - 15 * MINUTE_MS).toISOString() }).total
    ).toBe(1);
    const failedOrWarned = log(events, { filter: 'kibana.alerting.outcome: (warning OR failure)' });
    expect(failedOrWarned.data.map((entry) => entry.status)).toEqual(['failure', 'warning']);
    expect(log(events, { filter: 'kibana.alerting.outcome: success' }).total).toBe(0);
  });

  it('lists at most the 10,000 most recent executions', () => {
    const events = Array.from({ length: MAX_EXECUTION_BUCKETS + 5 }, (_, i) =>
      executeEventOf(run(i * 0.01))
    );
    const page = log(events, { page: 1000, perPage: 10 });
    expect(page.total).toBe(MAX_EXECUTION_BUCKETS);
    expect(page.data).toHaveLength(10);
    expect(log(events, { page: 1001, perPage: 10 }).data).toEqual([]);
  });

  it("refuses what Kibana refuses, with Kibana's messages", () => {
    const refused = (request: Partial<ExecutionLogRequest>, message: string) =>
      expect(() => log([], request)).toThrow(new KibanaBadRequestError(message));
    refused({ dateStart: 'yesterday' }, 'Invalid date for parameter dateStart: "yesterday"');
    refused({ dateEnd: '5 minutes' }, 'Invalid date for parameter dateEnd: "5 minutes"');
    refused(
      { sort: [{ '@timestamp': { order: 'desc' } }] },
      'Invalid sort field "@timestamp" - must be one of [timestamp,execution_duration,total_search_duration,es_search_duration,schedule_delay,num_triggered_actions,num_generated_actions,num_active_alerts,num_recovered_alerts,num_new_alerts]'
    );
    refused({ page: 0 }, 'Invalid page field "0" - must be greater than 0');
    refused({ perPage: 0 }, 'Invalid perPage field "0" - must be greater than 0');
    refused(
      { filter: 'kibana.alerting.outcome: (' },
      'Invalid kuery syntax for filter kibana.alerting.outcome: ('
    );
    expect(new KibanaBadRequestError('x').statusCode).toBe(400);
  });
});
