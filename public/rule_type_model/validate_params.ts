/**
 * The rule form's check of new terms params: exactly the check the server's rule type validator
 * makes (common/rules/rule_type_params.ts), with the prebuilt rule ids the API listed, and its
 * messages grouped per param as Kibana's rule form shows them. Loaded lazily (zod and the KQL
 * parser stay out of Kibana's start-up bundle): see params_validator.ts.
 */
import type { RuleValidationError } from '../../common/rules/rule_schema';
import {
  checkRuleTypeParams,
  PARAMS_ROOT_PATH,
  type RuleTypeParamsCheckOptions,
} from '../../common/rules/rule_type_params';

import { REFERENCE_PARAM_KEYS } from '../../common/rules/rule_type_params';

export { REFERENCE_PARAM_KEYS };

/** Messages keyed by top-level param (`(root)` for the params as a whole). */
export type ParamErrors = Record<string, string[]>;

export type ParamCheckOptions = RuleTypeParamsCheckOptions;

/** The params of a custom definition the editor renders a field for. */
export const CUSTOM_PARAM_KEYS: readonly string[] = [
  'name',
  'description',
  'index',
  'query',
  'new_terms_fields',
  'history_window_start',
  'from',
  'severity',
  'risk_score',
];

/**
 * The params of a prebuilt reference the editor renders a field for; `exceptions_list` (set
 * through the API) has none, so its errors are listed apart.
 */
export const REFERENCE_FIELD_KEYS: readonly string[] = ['rule_id', 'index'];

/** Every param the editor renders a field for: always present in the result, empty when fine (Kibana's style). */
export const FORM_PARAM_KEYS: readonly string[] = [
  ...new Set([...REFERENCE_FIELD_KEYS, ...CUSTOM_PARAM_KEYS]),
];

/** What the server receives: the form keeps keys set to undefined, JSON drops them. */
export const asSaved = (params: unknown): unknown =>
  params === undefined ? undefined : JSON.parse(JSON.stringify(params));

/** `threat[0].tactic.id` → `threat`: the form shows errors per param. */
const topLevelKey = (path: string): string => path.split(/[.[]/)[0] || PARAMS_ROOT_PATH;

const groupByParam = (errors: readonly RuleValidationError[]): ParamErrors => {
  const grouped: ParamErrors = Object.fromEntries(FORM_PARAM_KEYS.map((key) => [key, []]));
  for (const { path, message } of errors) {
    const messages = (grouped[topLevelKey(path)] ??= []);
    if (!messages.includes(message)) messages.push(message);
  }
  return grouped;
};

/** Every problem with the params, keyed by param; all lists empty when the server would accept them. */
export const checkNewTermsParams = (
  params: unknown,
  options: ParamCheckOptions = {}
): ParamErrors => {
  const checked = checkRuleTypeParams(asSaved(params), options);
  return groupByParam(checked.ok ? [] : checked.errors);
};

/** True when no param has a message. */
export const hasParamErrors = (errors: ParamErrors): boolean =>
  Object.values(errors).some((messages) => messages.length > 0);
