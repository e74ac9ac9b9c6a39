/**
 * The state rules of Kibana's rule form the harness plays (9.x: src/platform/packages/shared/
 * response-ops/rule_form/src/rule_form_state/rule_form_state_reducer.ts and
 * validation/validate_form.ts): a param change merges `{ ...params, [key]: value }` (a key is never
 * deleted, undefined is kept until JSON drops it on save), and every change re-runs the rule type
 * model's `validate`; the initial params are validated too.
 */
import type { RuleTypeModel, RuleTypeParams } from '@kbn/triggers-actions-ui-plugin/public';

export interface RuleFormState {
  readonly name: string;
  readonly params: RuleTypeParams;
  readonly paramsErrors: Record<string, unknown>;
}

export type RuleFormAction =
  | { readonly type: 'setName'; readonly name: string }
  | { readonly type: 'setParamsProperty'; readonly property: string; readonly value: unknown };

export const initialRuleFormState = (
  model: RuleTypeModel,
  params: RuleTypeParams = {}
): RuleFormState => ({
  name: '',
  params,
  paramsErrors: model.validate(params).errors,
});

export const ruleFormReducer =
  (model: RuleTypeModel) =>
  (state: RuleFormState, action: RuleFormAction): RuleFormState => {
    switch (action.type) {
      case 'setName':
        return { ...state, name: action.name, paramsErrors: model.validate(state.params).errors };
      case 'setParamsProperty': {
        const params = { ...state.params, [action.property]: action.value };
        return { ...state, params, paramsErrors: model.validate(params).errors };
      }
    }
  };

/** validate_form.ts hasParamsErrors: any non-blank message anywhere (arrays and nested objects) blocks saving. */
export const hasParamsErrors = (errors: unknown): boolean => {
  if (typeof errors === 'string') return errors.trim() !== '';
  if (Array.isArray(errors)) return errors.some(hasParamsErrors);
  if (typeof errors === 'object' && errors !== null)
    return Object.values(errors).some(hasParamsErrors);
  return false;
};

/** Every non-blank message, as `key: message`, for the form's "rule has errors" summary. */
export const paramsErrorMessages = (errors: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(errors).flatMap(([key, value]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') return value.trim() === '' ? [] : [`${path}: ${value}`];
    if (Array.isArray(value))
      return value
        .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
        .map((item) => `${path}: ${item}`);
    if (typeof value === 'object' && value !== null)
      return paramsErrorMessages(value as Record<string, unknown>, path);
    return [];
  });

/** What the form saves: JSON drops the keys set to undefined. */
export const savedParams = (params: RuleTypeParams): RuleTypeParams =>
  JSON.parse(JSON.stringify(params)) as RuleTypeParams;
