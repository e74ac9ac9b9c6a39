/** The prebuilt choice: one rule from the API's list and an optional index pattern override. */
import { EuiCallOut, EuiFormRow, EuiSelect, EuiSpacer } from '@elastic/eui';
import { StringListInput } from './string_list_input';
import type { PrebuiltRuleOption, PrebuiltRulesState } from './use_prebuilt_rules';

export interface PrebuiltRuleFieldsProps {
  readonly ruleId: string;
  readonly index: readonly string[];
  readonly prebuiltRules: PrebuiltRulesState;
  readonly errorsFor: (key: string) => string[];
  readonly onRuleIdChange: (ruleId: string) => void;
  readonly onIndexChange: (index: string[]) => void;
  readonly onTouched: (key: string) => void;
}

const optionText = (rule: PrebuiltRuleOption): string => `${rule.name} (${rule.severity})`;

/** The listed rules, plus the current rule_id when the catalog no longer has it (so the select does not lie). */
const selectOptions = (rules: readonly PrebuiltRuleOption[], ruleId: string) => {
  const options = rules.map((rule) => ({ value: rule.rule_id, text: optionText(rule) }));
  const listed = ruleId === '' || rules.some((rule) => rule.rule_id === ruleId);
  return listed
    ? options
    : [...options, { value: ruleId, text: `${ruleId} (not in the prebuilt catalog)` }];
};

export const PrebuiltRuleFields = ({
  ruleId,
  index,
  prebuiltRules,
  errorsFor,
  onRuleIdChange,
  onIndexChange,
  onTouched,
}: PrebuiltRuleFieldsProps) => {
  const rules = prebuiltRules.status === 'loaded' ? prebuiltRules.rules : [];
  const ruleIdErrors = errorsFor('rule_id');
  const indexErrors = errorsFor('index');
  return (
    <>
      {prebuiltRules.status === 'failed' && (
        <>
          <EuiCallOut
            color="danger"
            size="s"
            title="Could not load the prebuilt rules"
            data-test-subj="ctdPrebuiltRulesError"
          >
            <p>{prebuiltRules.message}</p>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      )}
      <EuiFormRow
        fullWidth
        label="Prebuilt rule"
        isInvalid={ruleIdErrors.length > 0}
        error={ruleIdErrors}
      >
        <EuiSelect
          fullWidth
          data-test-subj="ctdPrebuiltRuleSelect"
          aria-label="Prebuilt rule"
          isLoading={prebuiltRules.status === 'loading'}
          hasNoInitialSelection={ruleId === ''}
          isInvalid={ruleIdErrors.length > 0}
          options={selectOptions(rules, ruleId)}
          value={ruleId}
          onChange={(event) => onRuleIdChange(event.target.value)}
          onBlur={() => onTouched('rule_id')}
        />
      </EuiFormRow>
      <EuiFormRow
        fullWidth
        label="Index patterns (optional)"
        helpText="Leave empty to search the index patterns the prebuilt rule names."
        isInvalid={indexErrors.length > 0}
        error={indexErrors}
      >
        <StringListInput
          data-test-subj="ctdPrebuiltIndexInput"
          ariaLabel="Index patterns"
          placeholder="e.g. logs-endpoint.events.process-custom*"
          values={index}
          isInvalid={indexErrors.length > 0}
          onChange={onIndexChange}
          onBlur={() => onTouched('index')}
        />
      </EuiFormRow>
    </>
  );
};
