import type { RuleTypeModel, RuleTypeParams } from '@kbn/triggers-actions-ui-plugin/public';
import {
  hasParamsErrors,
  initialRuleFormState,
  paramsErrorMessages,
  ruleFormReducer,
  savedParams,
} from './rule_form_state';

const validated: RuleTypeParams[] = [];
const model: RuleTypeModel = {
  id: 'test.type',
  description: '',
  iconClass: '',
  documentationUrl: null,
  requiresAppContext: false,
  ruleParamsExpression: () => null,
  validate: (params) => {
    validated.push(params);
    return {
      errors: {
        rule_id:
          typeof params.rule_id === 'string' && params.rule_id !== ''
            ? []
            : ['rule_id is required'],
      },
    };
  },
};

describe('the rule form state (Kibana rule_form_state_reducer.ts / validate_form.ts rules)', () => {
  beforeEach(() => {
    validated.length = 0;
  });

  it('validates the initial params and every change, merging params without deleting keys', () => {
    const reduce = ruleFormReducer(model);
    const initial = initialRuleFormState(model);
    expect(initial.paramsErrors).toEqual({ rule_id: ['rule_id is required'] });
    const withRule = reduce(initial, {
      type: 'setParamsProperty',
      property: 'rule_id',
      value: 'r1',
    });
    const withoutIndex = reduce(
      reduce(withRule, { type: 'setParamsProperty', property: 'index', value: ['a'] }),
      { type: 'setParamsProperty', property: 'index', value: undefined }
    );
    expect(withoutIndex.params).toEqual({ rule_id: 'r1', index: undefined });
    expect(Object.keys(withoutIndex.params)).toEqual(['rule_id', 'index']);
    expect(withoutIndex.paramsErrors).toEqual({ rule_id: [] });
    expect(validated).toHaveLength(4);
    expect(savedParams(withoutIndex.params)).toEqual({ rule_id: 'r1' });
  });

  it('blocks saving on any non-blank message anywhere, and lists them', () => {
    expect(hasParamsErrors({ a: [], b: { c: [' '] } })).toBe(false);
    expect(hasParamsErrors({ a: [], b: { c: ['bad'] } })).toBe(true);
    expect(hasParamsErrors({ a: 'bad' })).toBe(true);
    expect(paramsErrorMessages({ a: ['x', ''], b: { c: 'y' }, d: [] })).toEqual(['a: x', 'b.c: y']);
  });
});
