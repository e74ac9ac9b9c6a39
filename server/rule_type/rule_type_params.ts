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

/**
 * A prebuilt rule by reference, optionally searching other index patterns (data shipped under a
 * custom namespace or through a remote cluster). A type, not an interface: Kibana requires rule
 * params to be assignable to Record<string, unknown>.
 */
export type PrebuiltRuleParams = {
  readonly rule_id: string;
  readonly index?: readonly string[];
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

const REFERENCE_KEYS: ReadonlySet<string> = new Set(['rule_id', 'index']);

const isReference = (value: Record<string, unknown>): boolean => 'rule_id' in value && Object.keys(value).every((key) => REFERENCE_KEYS.has(key));

const indexOverride = (value: unknown): readonly string[] | RuleValidationError => {
  const valid = Array.isArray(value) && value.length > 0 && value.every((pattern) => typeof pattern === 'string' && pattern.trim().length > 0);
  return valid ? (value as string[]) : { path: 'index', message: 'index must be a non-empty array of index patterns' };
};

/** Validates raw params (throws RuleParamsError listing every problem, each with its field path). */
export const validateRuleTypeParams = (raw: unknown, now: Date = new Date()): NewTermsRuleTypeParams => {
  if (!isRecord(raw)) throw new RuleParamsError([{ path: '(root)', message: 'params must be an object' }]);
  if (isReference(raw)) {
    const ruleId = raw.rule_id;
    const errors: RuleValidationError[] = [];
    if (typeof ruleId !== 'string' || getPrebuiltRule(ruleId) === undefined) {
      errors.push({ path: 'rule_id', message: `no prebuilt rule has rule_id '${String(ruleId)}'` });
    }
    const index = raw.index === undefined ? undefined : indexOverride(raw.index);
    if (index !== undefined && !Array.isArray(index)) errors.push(index as RuleValidationError);
    if (errors.length > 0) throw new RuleParamsError(errors);
    return index === undefined ? { rule_id: String(ruleId) } : { rule_id: String(ruleId), index: index as readonly string[] };
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
    return params.index === undefined ? prebuilt : { ...prebuilt, index: [...params.index] };
  }
  return params;
};
