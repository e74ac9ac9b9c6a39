/**
 * The alerts client an executor gets and the documents the framework builds from what was
 * reported (x-pack/platform/plugins/shared/alerting/server/alerts_client/alerts_client.ts,
 * alert/create_alert_factory.ts, alerts_client/lib/build_new_alert.ts, format_rule.ts).
 */
import { HostAlertsClient, type AlertRuleData } from './alerts_client';
import type { AnyRuleType } from './rule_type_registry';

const TYPE = {
  id: 'test.type',
  name: 'Test type',
  producer: 'testPlugin',
} as unknown as AnyRuleType;
const RULE: AlertRuleData = {
  id: 'rule-1',
  name: 'My rule',
  consumer: 'testPlugin',
  tags: ['rule-tag'],
  parameters: { threshold: 1 },
  revision: 0,
  spaceId: 'team-a',
  executionId: 'exec-1',
};
const STARTED_AT = '2025-01-01T00:00:00.000Z';

const client = (maxAlerts = 10, tracked = new Map()) =>
  new HostAlertsClient(TYPE, RULE, tracked, STARTED_AT, '9.2.0', maxAlerts);

describe('the host alerts client', () => {
  it('writes a new alert as the framework does: payload stripped, rule and framework fields last', () => {
    const alerts = client();
    const { uuid, start } = alerts.report({
      id: 'instance-1',
      actionGroup: 'default',
      payload: {
        'kibana.alert.uuid': 'forged',
        'kibana.alert.rule.category': 'forged',
        'kibana.alert.reason': 'why',
        tags: ['mine'],
        'my.field': 1,
      },
    });
    expect(start).toBe(STARTED_AT);
    const [write] = alerts.alertWrites();
    expect(write?.operation).toBe('create');
    expect(write?.document).toEqual({
      'my.field': 1,
      'kibana.alert.reason': 'why',
      tags: ['mine', 'rule-tag'],
      '@timestamp': STARTED_AT,
      'event.action': 'open',
      'event.kind': 'signal',
      'kibana.alert.rule.category': 'Test type',
      'kibana.alert.rule.consumer': 'testPlugin',
      'kibana.alert.rule.execution.uuid': 'exec-1',
      'kibana.alert.rule.execution.timestamp': STARTED_AT,
      'kibana.alert.rule.name': 'My rule',
      'kibana.alert.rule.parameters': { threshold: 1 },
      'kibana.alert.rule.producer': 'testPlugin',
      'kibana.alert.rule.revision': 0,
      'kibana.alert.rule.rule_type_id': 'test.type',
      'kibana.alert.rule.tags': ['rule-tag'],
      'kibana.alert.rule.uuid': 'rule-1',
      'kibana.space_ids': ['team-a'],
      'kibana.alert.action_group': 'default',
      'kibana.alert.flapping': false,
      'kibana.alert.flapping_history': [true],
      'kibana.alert.instance.id': 'instance-1',
      'kibana.alert.maintenance_window_ids': [],
      'kibana.alert.consecutive_matches': 1,
      'kibana.alert.pending_recovered_count': 0,
      'kibana.alert.status': 'active',
      'kibana.alert.uuid': uuid,
      'kibana.alert.severity_improving': false,
      'kibana.alert.workflow_status': 'open',
      'kibana.alert.duration.us': 0,
      'kibana.alert.start': STARTED_AT,
      'kibana.alert.time_range': { gte: STARTED_AT },
      'kibana.version': '9.2.0',
    });
    expect(uuid).not.toBe('forged');
  });

  it('updates an alert tracked from the previous run under its uuid, keeping its workflow status', () => {
    const earlier = '2024-12-31T23:55:00.000Z';
    const alerts = client(
      10,
      new Map([['instance-1', { uuid: 'uuid-1', start: earlier, activeCount: 1 }]])
    );
    expect(alerts.isTrackedAlert('instance-1')).toBe(true);
    expect(alerts.report({ id: 'instance-1', actionGroup: 'default' })).toEqual({
      uuid: 'uuid-1',
      start: earlier,
    });
    const [write] = alerts.alertWrites();
    expect(write).toMatchObject({
      operation: 'update',
      uuid: 'uuid-1',
      document: {
        'event.action': 'active',
        'kibana.alert.consecutive_matches': 2,
        'kibana.alert.duration.us': 300_000_000,
      },
    });
    expect(write?.document).not.toHaveProperty(['kibana.alert.workflow_status']);
  });

  it('counts every report against the limit and refuses the one beyond it', () => {
    const alerts = client(2);
    alerts.report({ id: 'a', actionGroup: 'default' });
    alerts.report({ id: 'a', actionGroup: 'default' });
    expect(() => alerts.report({ id: 'b', actionGroup: 'default' })).toThrow(
      new Error('Rule reported more than 2 alerts.')
    );
    expect(alerts.hasReachedAlertLimit()).toBe(true);
  });

  it('fails a run that asked for the limit but never said whether it was reached', () => {
    const alerts = client();
    alerts.getAlertLimitValue();
    expect(() => alerts.checkLimitUsage()).toThrow(
      new Error(
        'Rule has not reported whether alert limit has been reached after requesting limit value!'
      )
    );
    alerts.setAlertLimitReached(false);
    expect(() => alerts.checkLimitUsage()).not.toThrow();
  });

  it('sets data only on an alert reported in this run', () => {
    expect(() => client().setAlertData({ id: 'unknown', payload: {} })).toThrow(
      'Cannot set alert data for alert unknown because it has not been reported and it is not recovered.'
    );
  });
});
