/** @jest-environment jsdom */
/**
 * Plugin setup registers the rule type model with triggersActionsUi, into a registry as strict as
 * Kibana's (test_support/strict_rule_type_registry.ts), and still starts without triggersActionsUi.
 */
import '../application/pages/alerts/test_support/jsdom_shims';
import type { App, CoreSetup, CoreStart } from '@kbn/core/public';
import { NEW_TERMS_RULE_TYPE_ID } from '../../server/kibana/constants';
import { failingTransport } from '../../test/helpers/in_process_api';
import { plugin } from '..';
import { APP_ID } from '../plugin';
import {
  DEFAULT_ACTION_MESSAGE,
  DEFAULT_SUMMARY_MESSAGE,
  RULE_TYPE_DESCRIPTION,
} from './constants';
import { kibanaHttpOver } from './test_support/rule_form_harness';
import { StrictRuleTypeRegistry } from './test_support/strict_rule_type_registry';
import { docTitle } from '../../test/kibana_harness/browser/doc_title';

const setUpPlugin = (plugins: object): App[] => {
  const apps: App[] = [];
  const http = kibanaHttpOver(failingTransport(500, 'not called'));
  const core: CoreSetup<object, void> = {
    application: { register: (app) => void apps.push(app as App) },
    http,
    getStartServices: async () => [
      { http, chrome: { docTitle: docTitle(document) } } satisfies CoreStart,
      {},
      undefined,
    ],
  };
  plugin({ config: { get: <T,>() => ({}) as T } }).setup(core, plugins);
  return apps;
};

describe('the strict rule type registry double', () => {
  const model = { id: 'example.rule', requiresAppContext: false } as const;
  const asModel = (overrides: object) => ({
    ...model,
    description: '',
    iconClass: 'alert',
    documentationUrl: null,
    validate: () => ({ errors: {} }),
    ruleParamsExpression: () => null,
    ...overrides,
  });

  it("refuses a duplicate id with Kibana's message", () => {
    const registry = new StrictRuleTypeRegistry();
    registry.register(asModel({}));
    expect(() => registry.register(asModel({ description: 'again' }))).toThrow(
      new Error('Object type "example.rule" is already registered.')
    );
    expect(registry.list()).toHaveLength(1);
  });

  it("refuses to get an unknown id with Kibana's message", () => {
    expect(() => new StrictRuleTypeRegistry().get('missing.rule')).toThrow(
      new Error('Object type "missing.rule" is not registered.')
    );
  });

  it('treats a model that requires its app context, or none at all, as not editable in Stack Management', () => {
    const registry = new StrictRuleTypeRegistry();
    registry.register(asModel({ id: 'app.only', requiresAppContext: true }));
    expect(registry.isEditableInStackManagement('app.only')).toBe(false);
    expect(registry.isEditableInStackManagement('unregistered')).toBe(false);
  });
});

describe('plugin setup', () => {
  it('registers the rule type model for the server rule type, editable in Stack Management', () => {
    const ruleTypeRegistry = new StrictRuleTypeRegistry();
    const apps = setUpPlugin({ triggersActionsUi: { ruleTypeRegistry } });
    expect(apps.map((app) => app.id)).toEqual([APP_ID]);
    expect(ruleTypeRegistry.list().map((model) => model.id)).toEqual([NEW_TERMS_RULE_TYPE_ID]);
    expect(ruleTypeRegistry.isEditableInStackManagement(NEW_TERMS_RULE_TYPE_ID)).toBe(true);
    expect(ruleTypeRegistry.get(NEW_TERMS_RULE_TYPE_ID)).toMatchObject({
      description: RULE_TYPE_DESCRIPTION,
      iconClass: 'logoSecurity',
      documentationUrl: null,
      requiresAppContext: false,
      defaultActionMessage: DEFAULT_ACTION_MESSAGE,
      defaultSummaryMessage: DEFAULT_SUMMARY_MESSAGE,
    });
  });

  it('registers a lazy params editor, so Kibana loads it only when a rule form opens', () => {
    const ruleTypeRegistry = new StrictRuleTypeRegistry();
    setUpPlugin({ triggersActionsUi: { ruleTypeRegistry } });
    const { ruleParamsExpression } = ruleTypeRegistry.get(NEW_TERMS_RULE_TYPE_ID);
    expect((ruleParamsExpression as { $$typeof?: symbol }).$$typeof).toBe(Symbol.for('react.lazy'));
  });

  it('is refused by the registry when the id is registered twice (e.g. two copies of the plugin)', () => {
    const ruleTypeRegistry = new StrictRuleTypeRegistry();
    setUpPlugin({ triggersActionsUi: { ruleTypeRegistry } });
    expect(() => setUpPlugin({ triggersActionsUi: { ruleTypeRegistry } })).toThrow(
      new Error(`Object type "${NEW_TERMS_RULE_TYPE_ID}" is already registered.`)
    );
  });

  it('still registers the app when triggersActionsUi is disabled (an optional plugin)', () => {
    expect(setUpPlugin({}).map((app) => app.id)).toEqual([APP_ID]);
  });
});
