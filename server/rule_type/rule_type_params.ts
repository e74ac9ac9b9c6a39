/**
 * Parameters of the Kibana rule type. A rule saved in Kibana either points at a prebuilt rule by
 * its `rule_id` (the catalog supplies the definition, so an upgrade of the plugin upgrades the
 * rule) or carries a whole new_terms definition inline, in the same snake_case shape as the
 * catalog and Kibana's detection rule API. Either way the alerting framework stores the params
 * and calls `validate` on create, update and before every execution.
 */
import { getPrebuiltRule } from '../../common/rules/catalog';
import {
  formatRuleErrors,
  parseRuleDefinition,
  type NewTermsRuleDefinition,
  type RuleValidationError,
} from '../../common/rules/rule_schema';

/** A type, not an interface: Kibana requires rule params to be assignable to Record<string, unknown>. */
export type PrebuiltRuleParams = {
  readonly rule_id: string;
};

export type NewTermsRuleTypeParams = PrebuiltRuleParams | NewTermsRuleDefinition;

export class RuleParamsError extends Error {
  constructor(readonly errors: readonly RuleValidationError[]) {
    super(`Invalid container threat detection rule params:\n${formatRuleErrors(errors)}`);
    this.name = 'RuleParamsError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isReference = (value: Record<string, unknown>): boolean => Object.keys(value).length === 1 && 'rule_id' in value;

/** Validates raw params (throws RuleParamsError listing every problem, each with its field path). */
export const validateRuleTypeParams = (raw: unknown, now: Date = new Date()): NewTermsRuleTypeParams => {
  if (!isRecord(raw)) throw new RuleParamsError([{ path: '(root)', message: 'params must be an object' }]);
  if (isReference(raw)) {
    const ruleId = raw.rule_id;
    if (typeof ruleId !== 'string' || getPrebuiltRule(ruleId) === undefined) {
      throw new RuleParamsError([{ path: 'rule_id', message: `no prebuilt rule has rule_id '${String(ruleId)}'` }]);
    }
    return { rule_id: ruleId };
  }
  const parsed = parseRuleDefinition(raw, { now });
  if (!parsed.ok) throw new RuleParamsError(parsed.errors);
  return parsed.rule;
};

/** The definition an execution runs: the catalog's for a reference, the params themselves otherwise. */
export const resolveDefinition = (params: NewTermsRuleTypeParams): NewTermsRuleDefinition => {
  if (!('type' in params)) {
    const prebuilt = getPrebuiltRule(params.rule_id);
    if (prebuilt === undefined) throw new RuleParamsError([{ path: 'rule_id', message: `no prebuilt rule has rule_id '${params.rule_id}'` }]);
    return prebuilt;
  }
  return params;
};
