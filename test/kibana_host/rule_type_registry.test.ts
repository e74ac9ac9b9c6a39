/**
 * The host's `registerType` refuses what Kibana's alerting plugin refuses, with Kibana's messages
 * (x-pack/platform/plugins/shared/alerting/server/plugin.ts, rule_type_registry.ts), in Kibana's
 * order, and applies Kibana's defaults; the plugin's rule type registers cleanly.
 */
import { createNewTermsRuleType } from '../../server/kibana/new_terms_rule_type';
import { NEW_TERMS_RULE_TYPE_ID } from '../../server/kibana/constants';
import { AlertsService } from './alerts_service';
import { RuleTypeRegistry, type AnyRuleType } from './rule_type_registry';

const ruleType = (overrides: Record<string, unknown> = {}): AnyRuleType =>
  ({
    id: 'test.type',
    name: 'Test type',
    validate: { params: { validate: (params: unknown) => params } },
    actionGroups: [{ id: 'default', name: 'Default' }],
    defaultActionGroupId: 'default',
    category: 'securitySolution',
    producer: 'testPlugin',
    solution: 'security',
    minimumLicenseRequired: 'basic',
    isExportable: true,
    executor: async () => ({ state: {} }),
    ...overrides,
  }) as unknown as AnyRuleType;

const register =
  (overrides: Record<string, unknown> = {}, registry = new RuleTypeRegistry(new AlertsService())) =>
  () =>
    registry.register(ruleType(overrides));

describe('rule type registration as Kibana checks it', () => {
  it("registers the plugin's rule type with Kibana's defaults", () => {
    const registry = new RuleTypeRegistry(new AlertsService());
    registry.register(createNewTermsRuleType() as unknown as AnyRuleType);
    expect(registry.get(NEW_TERMS_RULE_TYPE_ID)).toMatchObject({
      ruleTaskTimeout: '5m',
      cancelAlertsOnRuleTimeout: true,
      doesSetRecoveryContext: false,
      autoRecoverAlerts: false,
    });
    expect(registry.get(NEW_TERMS_RULE_TYPE_ID).alerts?.context).toBe('container-threat-detection');
    expect(register()).not.toThrow();
  });

  it('refuses an unknown license, a second registration and an unknown id on get', () => {
    expect(register({ minimumLicenseRequired: 'diamond' })).toThrow(
      new Error('"diamond" is not a valid license type')
    );
    const registry = new RuleTypeRegistry(new AlertsService());
    register({}, registry)();
    expect(register({}, registry)).toThrow('Rule type "test.type" is already registered.');
    expect(() => registry.get('nope')).toThrow('Rule type "nope" is not registered.');
  });

  it('refuses invalid durations', () => {
    expect(register({ ruleTaskTimeout: '5 minutes' })).toThrow(
      'Rule type "test.type" has invalid timeout: string is not a valid duration: 5 minutes.'
    );
    expect(register({ defaultScheduleInterval: '0m' })).toThrow(
      'Rule type "test.type" has invalid default interval: string is not a valid duration: 0m.'
    );
  });

  it('refuses keeping alerts on timeout while alerts recover automatically', () => {
    expect(register({ cancelAlertsOnRuleTimeout: false })).toThrow(
      'Rule type "test.type" cannot have both cancelAlertsOnRuleTimeout set to false and autoRecoverAlerts set to true.'
    );
    expect(register({ cancelAlertsOnRuleTimeout: false, autoRecoverAlerts: false })).not.toThrow();
  });

  it('refuses reserved and conflicting action groups', () => {
    expect(
      register({
        actionGroups: [
          { id: 'default', name: 'D' },
          { id: 'recovered', name: 'R' },
        ],
      })
    ).toThrow(
      'Rule type [id="test.type"] cannot be registered. Action groups [recovered] are reserved by the framework.'
    );
    expect(register({ recoveryActionGroup: { id: 'default', name: 'D' } })).toThrow(
      'Rule type [id="test.type"] cannot be registered. Action group [default] cannot be used as both a recovery and an active action group.'
    );
    expect(
      register({
        actionGroups: [
          { id: 'default', name: 'D', severity: { level: 1 } },
          { id: 'other', name: 'O', severity: { level: 1 } },
        ],
      })
    ).toThrow(
      'Rule type [id="test.type"] cannot be registered. Action group definitions cannot contain duplicate severity levels.'
    );
  });

  it('refuses invalid id characters', () => {
    expect(register({ id: 'my type' })).toThrow(
      new Error('expected RuleType Id not to include invalid character:  ')
    );
    expect(register({ id: 'a:b/c' })).toThrow(
      new Error('expected RuleType Id not to include invalid characters: :, /')
    );
  });

  it("host rules: what Kibana's RuleType type requires", () => {
    expect(register({ solution: undefined, category: '' })).toThrow(
      'Rule type "test.type" must declare a category; a solution of stack, observability, security (got "undefined")'
    );
    expect(register({ defaultActionGroupId: 'other' })).toThrow(
      'a defaultActionGroupId among its action groups (got "other")'
    );
    expect(register({ validate: {} })).toThrow('validate.params with a validate function');
  });

  it('registers the alerts context, refusing the same context with other options', () => {
    const registry = new RuleTypeRegistry(new AlertsService());
    const alerts = { context: 'shared', mappings: { fieldMap: {} }, shouldWrite: true };
    registry.register(ruleType({ alerts }));
    expect(() =>
      registry.register(ruleType({ id: 'test.other', alerts: { ...alerts, useEcs: true } }))
    ).toThrow('shared has already been registered with different options');
  });
});
