/**
 * The params editor Kibana's rule form renders for our rule type (loaded lazily): choose a
 * prebuilt rule, or define a custom new terms rule. Messages come from the same checks as the
 * model's `validate`, computed here rather than read from the `errors` prop: the older flyout merges
 * the form's own errors (e.g. the rule's `name`) into that prop, which would collide with ours.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { EuiCallOut, EuiFormRow, EuiRadioGroup, EuiSpacer } from '@elastic/eui';
import type {
  RuleTypeParams,
  RuleTypeParamsExpressionProps,
} from '@kbn/triggers-actions-ui-plugin/public';
import { CustomRuleFields } from './custom_rule_fields';
import { unplacedErrors, visibleErrors } from './field_errors';
import type { NewTermsParamsValidator } from './params_validator';
import {
  definitionKindOf,
  presentKeys,
  randomRuleId,
  stringListOf,
  switchToCustom,
  switchToPrebuilt,
  type DefinitionKind,
  type ParamUpdate,
} from './params_form_state';
import { PrebuiltRuleFields } from './prebuilt_rule_fields';
import { CUSTOM_PARAM_KEYS, REFERENCE_FIELD_KEYS } from './validate_params';
import {
  usePrebuiltRules,
  type LoadPrebuiltRules,
  type PrebuiltRuleOption,
} from './use_prebuilt_rules';

export interface NewTermsParamsExpressionServices {
  readonly validator: NewTermsParamsValidator;
  readonly loadPrebuiltRules: LoadPrebuiltRules;
}

export type NewTermsParamsExpressionProps = RuleTypeParamsExpressionProps &
  NewTermsParamsExpressionServices;

const KIND_OPTIONS: Array<{ id: DefinitionKind; label: string }> = [
  { id: 'prebuilt', label: 'Prebuilt rule' },
  { id: 'custom', label: 'Custom new terms rule' },
];

const isDefinitionKind = (id: string): id is DefinitionKind => id === 'prebuilt' || id === 'custom';

export const NewTermsParamsExpression = ({
  ruleParams,
  ruleInterval,
  setRuleParams,
  validator,
  loadPrebuiltRules,
}: NewTermsParamsExpressionProps) => {
  const params: RuleTypeParams = ruleParams;
  const latestParams = useRef(params);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());

  // The older flyout passes a new setRuleParams on every render: read the latest through a ref so
  // the callbacks below stay stable and the mount-time revalidation runs once.
  const latestSetRuleParams = useRef(setRuleParams);
  useLayoutEffect(() => {
    latestParams.current = params;
    latestSetRuleParams.current = setRuleParams;
  });
  const setParam = useCallback(
    (key: string, value: unknown) => latestSetRuleParams.current(key, value),
    []
  );
  const apply = useCallback(
    (updates: readonly ParamUpdate[]) => updates.forEach(([key, value]) => setParam(key, value)),
    [setParam]
  );
  const markTouched = useCallback(
    (key: string) =>
      setTouched((previous) => (previous.has(key) ? previous : new Set([...previous, key]))),
    []
  );

  /**
   * Kibana validates only when params change, and its first run may have happened before the
   * checks were loaded: setting a param to its own value makes the form validate again.
   */
  const revalidate = useCallback(() => {
    const current = latestParams.current;
    const [key] = presentKeys(current);
    if (key === undefined) setParam('rule_id', '');
    else setParam(key, current[key]);
  }, [setParam]);

  useEffect(revalidate, [revalidate]);

  const onPrebuiltRulesLoaded = useCallback(
    (rules: readonly PrebuiltRuleOption[]) => {
      validator.setKnownRuleIds(rules.map((rule) => rule.rule_id));
      revalidate();
    },
    [validator, revalidate]
  );
  const prebuiltRules = usePrebuiltRules(loadPrebuiltRules, onPrebuiltRulesLoaded);

  /** A user's edit: its field shows messages from now on, even once emptied again. */
  const editParam = useCallback(
    (key: string, value: unknown) => {
      markTouched(key);
      setParam(key, value);
    },
    [markTouched, setParam]
  );

  const kind = definitionKindOf(params);
  const errors = useMemo(() => validator.errorsOf(params), [validator, params]);
  const errorsFor = (key: string): string[] => visibleErrors(errors, key, params[key], touched);
  const otherErrors = unplacedErrors(
    errors,
    kind === 'prebuilt' ? REFERENCE_FIELD_KEYS : CUSTOM_PARAM_KEYS
  );

  const onKindChange = (id: string) => {
    if (!isDefinitionKind(id) || id === kind) return;
    setTouched(new Set());
    apply(id === 'custom' ? switchToCustom(params, randomRuleId()) : switchToPrebuilt(params));
  };

  return (
    <>
      <EuiFormRow fullWidth label="Rule definition">
        <EuiRadioGroup
          data-test-subj="ctdDefinitionKind"
          options={KIND_OPTIONS}
          idSelected={kind}
          onChange={onKindChange}
          name="ctdDefinitionKind"
        />
      </EuiFormRow>
      <EuiSpacer size="m" />
      {kind === 'prebuilt' ? (
        <PrebuiltRuleFields
          ruleId={typeof params.rule_id === 'string' ? params.rule_id : ''}
          index={stringListOf(params.index)}
          prebuiltRules={prebuiltRules}
          errorsFor={errorsFor}
          onRuleIdChange={(ruleId) => editParam('rule_id', ruleId)}
          // No override is "search the rule's own patterns": the key is dropped, not emptied.
          onIndexChange={(index) => editParam('index', index.length > 0 ? index : undefined)}
          onTouched={markTouched}
        />
      ) : (
        <CustomRuleFields
          params={params}
          ruleInterval={ruleInterval}
          errorsFor={errorsFor}
          setParam={editParam}
          onTouched={markTouched}
        />
      )}
      {otherErrors.length > 0 && (
        <>
          <EuiSpacer size="m" />
          <EuiCallOut
            color="danger"
            size="s"
            title="The rule definition has other problems"
            data-test-subj="ctdOtherParamErrors"
          >
            <ul>
              {otherErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </EuiCallOut>
        </>
      )}
    </>
  );
};
