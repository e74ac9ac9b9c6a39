/**
 * Alerts-as-data names and context registration as Kibana's alerts service has them
 * (x-pack/platform/plugins/shared/alerting/server/alerts_service/).
 */
import { AlertsService, alertsIndexNames, type RuleTypeAlerts } from './alerts_service';

const alerts = (overrides: Partial<RuleTypeAlerts> = {}): RuleTypeAlerts => ({
  context: 'my-context',
  mappings: { dynamic: false, fieldMap: { 'my.field': { type: 'keyword', required: false } } },
  shouldWrite: true,
  isSpaceAware: true,
  ...overrides,
});

describe('the alerts service', () => {
  it("names the alias and the concrete index as Kibana's getIndexTemplateAndPattern", () => {
    expect(alertsIndexNames('my-context', 'team-a')).toEqual({
      alias: '.alerts-my-context.alerts-team-a',
      concreteIndex: '.internal.alerts-my-context.alerts-team-a-000001',
      indexTemplate: '.alerts-my-context.alerts-team-a-index-template',
      pattern: '.internal.alerts-my-context.alerts-team-a-*',
    });
  });

  it('writes to the default namespace unless the context is space aware', () => {
    const service = new AlertsService();
    expect(service.namesFor(alerts(), 'team-a').alias).toBe('.alerts-my-context.alerts-team-a');
    expect(service.namesFor(alerts({ isSpaceAware: false }), 'team-a').alias).toBe(
      '.alerts-my-context.alerts-default'
    );
  });

  it('accepts a context twice only with the same options (shouldWrite aside)', () => {
    const service = new AlertsService();
    service.register(alerts());
    expect(() => service.register(alerts({ shouldWrite: false }))).not.toThrow();
    expect(() => service.register(alerts({ useEcs: true }))).toThrow(
      new Error('my-context has already been registered with different options')
    );
    expect(() => service.register(alerts({ mappings: { fieldMap: {} } }))).toThrow(
      'my-context has already been registered with different options'
    );
  });
});
