/**
 * Parameters of the Kibana rule type. A rule saved in Kibana either points at a prebuilt rule by
 * its `rule_id` (the catalog supplies the definition, so an upgrade of the plugin upgrades the
 * rule) or carries a whole new_terms definition inline, in the same snake_case shape as the
 * catalog and Kibana's detection rule API. Either way the alerting framework stores the params
 * and calls `validate` on create, update and before every execution.
 */
import { getPrebuiltRule, PREBUILT_RULES } from '../../common/rules/catalog';
import {
  formatRuleErrors,
  type NewTermsRuleDefinition,
  type RuleValidationError,
} from '../../common/rules/rule_schema';
import {
  checkRuleTypeParams,
  unknownRuleIdMessage,
  type NewTermsRuleTypeParams,
} from '../../common/rules/rule_type_params';

export type {
  NewTermsRuleTypeParams,
  PrebuiltRuleParams,
} from '../../common/rules/rule_type_params';

export class RuleParamsError extends Error {
  constructor(readonly errors: readonly RuleValidationError[]) {
    super(`Invalid container threat detection rule params:\n${formatRuleErrors(errors)}`);
    this.name = 'RuleParamsError';
  }
}

const PREBUILT_RULE_IDS: ReadonlySet<string> = new Set(PREBUILT_RULES.map((rule) => rule.rule_id));

/** Validates raw params (throws RuleParamsError listing every problem, each with its field path). */
export const validateRuleTypeParams = (
  raw: unknown,
  now: Date = new Date()
): NewTermsRuleTypeParams => {
  const checked = checkRuleTypeParams(raw, { knownRuleIds: PREBUILT_RULE_IDS, now });
  if (!checked.ok) throw new RuleParamsError(checked.errors);
  return checked.params;
};

/** The definition an execution runs: the catalog's for a reference, the params themselves otherwise. */
export const resolveDefinition = (params: NewTermsRuleTypeParams): NewTermsRuleDefinition => {
  if (!('type' in params)) {
    const prebuilt = getPrebuiltRule(params.rule_id);
    if (prebuilt === undefined)
      throw new RuleParamsError([
        { path: 'rule_id', message: unknownRuleIdMessage(params.rule_id) },
      ]);
    if (params.index === undefined && params.exceptions_list === undefined) return prebuilt;
    return {
      ...prebuilt,
      ...(params.index === undefined ? {} : { index: [...params.index] }),
      ...(params.exceptions_list === undefined
        ? {}
        : { exceptions_list: [...params.exceptions_list] }),
    };
  }
  return params;
};
