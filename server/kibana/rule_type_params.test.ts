import { PREBUILT_RULES } from '../../common/rules/catalog';
import { HISTORY_WINDOW_ERROR } from '../../common/rules/rule_schema';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { resolveDefinition, RuleParamsError, validateRuleTypeParams } from './rule_type_params';

const errorsOf = (raw: unknown): string[] => {
  try {
    validateRuleTypeParams(raw);
  } catch (error) {
    if (error instanceof RuleParamsError) return error.errors.map((e) => `${e.path}: ${e.message}`);
    throw error;
  }
  throw new Error('expected the params to be rejected');
};

describe('rule type params', () => {
  it('accepts a reference to each prebuilt rule and resolves it to the catalog definition', () => {
    for (const rule of PREBUILT_RULES) {
      const params = validateRuleTypeParams({ rule_id: rule.rule_id });
      expect(params).toEqual({ rule_id: rule.rule_id });
      expect(resolveDefinition(params)).toBe(rule);
    }
  });

  it('lets a reference search other index patterns, and rejects an empty or malformed list', () => {
    const [rule] = PREBUILT_RULES;
    if (rule === undefined) throw new Error('empty catalog');
    const params = validateRuleTypeParams({
      rule_id: rule.rule_id,
      index: ['logs-endpoint.events.process-prod*'],
    });
    expect(resolveDefinition(params)).toEqual({
      ...rule,
      index: ['logs-endpoint.events.process-prod*'],
    });
    expect(errorsOf({ rule_id: rule.rule_id, index: [] })).toEqual([
      'index: index must be a non-empty array of index patterns',
    ]);
    expect(errorsOf({ rule_id: rule.rule_id, index: [''] })).toEqual([
      'index: index must be a non-empty array of index patterns',
    ]);
  });

  it("lets a reference name the user's exception lists, and rejects a malformed reference", () => {
    const [rule] = PREBUILT_RULES;
    if (rule === undefined) throw new Error('empty catalog');
    const exceptionsList = [
      { id: 'so-1', list_id: 'container-shells', type: 'detection', namespace_type: 'single' },
    ];
    const params = validateRuleTypeParams({
      rule_id: rule.rule_id,
      exceptions_list: exceptionsList,
    });
    expect(resolveDefinition(params)).toEqual({ ...rule, exceptions_list: exceptionsList });
    expect(
      errorsOf({
        rule_id: rule.rule_id,
        exceptions_list: [{ id: 'so-1', list_id: '', type: 'detection', namespace_type: 'space' }],
      })
    ).toEqual([
      'exceptions_list[0].list_id: No empty strings allowed',
      expect.stringMatching(/^exceptions_list\[0\]\.namespace_type: /),
    ]);
  });

  it('rejects a reference to a rule the catalog does not have', () => {
    expect(errorsOf({ rule_id: '00000000-0000-4000-8000-000000000000' })).toEqual([
      "rule_id: no prebuilt rule has rule_id '00000000-0000-4000-8000-000000000000'",
    ]);
  });

  it('accepts a whole inline definition and runs it as given', () => {
    const inline = {
      ...unusualInteractiveProcessInContainer,
      new_terms_fields: ['host.name', 'process.name'],
    };
    expect(resolveDefinition(validateRuleTypeParams(inline))).toEqual(inline);
  });

  it("reports every problem of an inline definition with its path, including Kibana's history window check", () => {
    const errors = errorsOf({
      ...unusualInteractiveProcessInContainer,
      new_terms_fields: ['a', 'b', 'c', 'd'],
      history_window_start: 'now-5m',
      language: 'lucene',
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        "language: language must be 'kuery'",
        'new_terms_fields: new_terms_fields accepts at most 3 fields',
        `history_window_start: ${HISTORY_WINDOW_ERROR}`,
      ])
    );
  });

  it('rejects params that are not an object', () => {
    expect(errorsOf('rule')).toEqual(['(root): params must be an object']);
  });
});
