import { ALERT_RULE_UUID, ALERT_UUID } from '../../common/alerts/field_names';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { DEFAULT_SPACE_ID, type NewTermsRuleInstance } from '../../server/new_terms/rule_instance';
import { syntheticAlerts, workflowStatusFor } from './synthetic_alerts';

const rules: NewTermsRuleInstance[] = PREBUILT_RULES.map((definition, i) => ({
  uuid: `00000000-0000-4000-8000-00000000000${i}`,
  spaceId: DEFAULT_SPACE_ID,
  definition,
}));

describe('syntheticAlerts', () => {
  const alerts = [...syntheticAlerts(600, rules)];

  it('gives exactly the count asked for, each with its own alert id', () => {
    expect(alerts).toHaveLength(600);
    expect(new Set(alerts.map((alert) => alert.document[ALERT_UUID])).size).toBe(600);
  });

  it('spreads the alerts over the rules and keeps the source event in each document', () => {
    const perRule = new Map<unknown, number>();
    for (const { document } of alerts)
      perRule.set(document[ALERT_RULE_UUID], (perRule.get(document[ALERT_RULE_UUID]) ?? 0) + 1);
    expect([...perRule.values()]).toEqual([300, 300]);
    for (const { document } of alerts.slice(0, 20)) {
      expect(document['event.kind']).toBe('signal');
      expect(document.host).toEqual(
        expect.objectContaining({ name: expect.any(String) as unknown })
      );
      expect(Date.parse(String(document['@timestamp']))).toBeGreaterThan(
        Date.parse(String(document['kibana.alert.original_time']))
      );
    }
  });

  it('mixes open, acknowledged and closed alerts 7:2:1', () => {
    expect(Array.from({ length: 10 }, (_, i) => workflowStatusFor(i))).toEqual([
      'open',
      'open',
      'open',
      'open',
      'open',
      'open',
      'open',
      'acknowledged',
      'acknowledged',
      'closed',
    ]);
    const closed = alerts.filter((alert) => alert.status === 'closed').length;
    expect(closed).toBe(60);
  });
});
