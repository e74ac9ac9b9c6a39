/**
 * The triggersActionsUi plugin as the harness plays it: its setup/start contract exposes the rule
 * type registry (a double as strict as Kibana's TypeRegistry: duplicate ids are refused with
 * Kibana's message, public/rule_type_model/test_support/strict_rule_type_registry.ts), and it adds
 * Stack Management → Rules' create-rule page to the `management` app (Kibana:
 * x-pack/platform/plugins/shared/triggers_actions_ui/public/plugin.ts registers its section under
 * management's insightsAndAlerting). Kibana's contract also has `actionTypeRegistry`; our plugin
 * does not read it, so it is not played.
 */
import { render, unmountComponentAtNode } from 'react-dom';
import { EuiProvider } from '@elastic/eui';
import type { HttpSetup } from '@kbn/core/public';
import { StrictRuleTypeRegistry } from '../../../public/rule_type_model/test_support/strict_rule_type_registry';
import type { ApplicationRegistry } from './application_service';
import { MANAGEMENT_APP_ID, ruleTypeIdOfPath } from './harness_routes';
import { RuleFormPage } from './rule_form_page';
import type { RuleFormState } from './rule_form_state';

export const TRIGGERS_ACTIONS_UI_ID = 'triggersActionsUi';

export interface TriggersActionsUiDouble {
  readonly ruleTypeRegistry: StrictRuleTypeRegistry;
  readonly contract: { readonly ruleTypeRegistry: StrictRuleTypeRegistry };
  /** The rule form's latest state, for the test to inspect. */
  readonly ruleForm: { current: RuleFormState | undefined };
}

export const createTriggersActionsUi = (): TriggersActionsUiDouble => {
  const ruleTypeRegistry = new StrictRuleTypeRegistry();
  return { ruleTypeRegistry, contract: { ruleTypeRegistry }, ruleForm: { current: undefined } };
};

/** The management app with the rule form's create page (rendered, like every app, in its own React root). */
export const registerRulesManagementApp = (
  applications: ApplicationRegistry,
  double: TriggersActionsUiDouble,
  http: HttpSetup
): void => {
  applications.register({
    id: MANAGEMENT_APP_ID,
    title: 'Stack Management',
    mount: ({ element, history }) => {
      const ruleTypeId = ruleTypeIdOfPath(history.location.pathname);
      render(
        <EuiProvider colorMode="light" globalStyles={false} utilityClasses={false}>
          {ruleTypeId === undefined ? (
            <p data-test-subj="managementLanding">Stack Management</p>
          ) : (
            <RuleFormPage
              ruleTypeId={ruleTypeId}
              ruleTypeRegistry={double.ruleTypeRegistry}
              http={http}
              observe={(state) => {
                double.ruleForm.current = state;
              }}
            />
          )}
        </EuiProvider>,
        element
      );
      return () => {
        unmountComponentAtNode(element);
      };
    },
  });
};
