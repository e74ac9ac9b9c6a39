/**
 * The rule type model Kibana's rule form needs to create and edit our rule type in Stack
 * Management → Rules. Only this module and params_validator.ts load with Kibana's start-up bundle:
 * the editor, its API client and the checks (zod, the KQL parser) are lazy chunks.
 */
import { createElement, lazy } from 'react';
import type { HttpSetup } from '@kbn/core/public';
import type {
  RuleTypeModel,
  RuleTypeParamsExpressionProps,
} from '@kbn/triggers-actions-ui-plugin/public';
import {
  DEFAULT_ACTION_MESSAGE,
  DEFAULT_SUMMARY_MESSAGE,
  RULE_TYPE_DESCRIPTION,
  RULE_TYPE_ID,
} from './constants';
import { NewTermsParamsValidator } from './params_validator';

export interface NewTermsRuleTypeModelDeps {
  /** Core's http, for the prebuilt rule list. */
  readonly http: Pick<HttpSetup, 'fetch'>;
  /** Shared with the editor; injectable for tests. */
  readonly validator?: NewTermsParamsValidator;
}

export const createNewTermsRuleTypeModel = ({
  http,
  validator = new NewTermsParamsValidator(),
}: NewTermsRuleTypeModelDeps): RuleTypeModel => {
  // Kibana renders this inside Suspense; the checks load with it, so the editor never sees them missing.
  const ruleParamsExpression = lazy(async () => {
    const [{ NewTermsParamsExpression }, { prebuiltRulesLoader }] = await Promise.all([
      import('./params_expression'),
      import('./prebuilt_rules_loader'),
      validator.load(),
    ]);
    const loadPrebuiltRules = prebuiltRulesLoader(http);
    // createElement rather than JSX: react/jsx-runtime is not one of Kibana's shared modules, and
    // this module is in the start-up bundle.
    const BoundParamsExpression = (props: RuleTypeParamsExpressionProps) =>
      createElement(NewTermsParamsExpression, { ...props, validator, loadPrebuiltRules });
    return { default: BoundParamsExpression };
  });
  return {
    id: RULE_TYPE_ID,
    description: RULE_TYPE_DESCRIPTION,
    iconClass: 'logoSecurity',
    // The plugin's docs ship in its repository, not on a public site Kibana could link to.
    documentationUrl: null,
    validate: validator.validate,
    ruleParamsExpression,
    // false: Stack Management → Rules may create and edit this rule type.
    requiresAppContext: false,
    defaultActionMessage: DEFAULT_ACTION_MESSAGE,
    defaultSummaryMessage: DEFAULT_SUMMARY_MESSAGE,
  };
};
