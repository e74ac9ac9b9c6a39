/**
 * A custom new terms definition: the fields a new terms rule needs, in the snake_case shape the
 * server validates (`ctd rules show --json` prints the same). Other definition fields (threat,
 * note, tags …) keep whatever value the params already hold.
 */
import { EuiFieldNumber, EuiFieldText, EuiFormRow, EuiSelect, EuiTextArea } from '@elastic/eui';
import type { RuleTypeParams } from '@kbn/triggers-actions-ui-plugin/public';
import { MAX_NEW_TERMS_FIELDS, RULE_SEVERITIES } from '../../common/rules/rule_schema';
import { stringListOf } from './params_form_state';
import { StringListInput } from './string_list_input';

export interface CustomRuleFieldsProps {
  readonly params: RuleTypeParams;
  readonly ruleInterval: string;
  readonly errorsFor: (key: string) => string[];
  readonly setParam: (key: string, value: unknown) => void;
  readonly onTouched: (key: string) => void;
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');
const numberText = (value: unknown): string => (typeof value === 'number' ? String(value) : '');
/** An empty number field leaves the param unset (the server then says it must be a number). */
const numberOf = (text: string): number | undefined =>
  text.trim() === '' ? undefined : Number(text);

const SEVERITY_OPTIONS = RULE_SEVERITIES.map((severity) => ({ value: severity, text: severity }));

export const CustomRuleFields = ({
  params,
  ruleInterval,
  errorsFor,
  setParam,
  onTouched,
}: CustomRuleFieldsProps) => {
  const row = (key: string) => {
    const errors = errorsFor(key);
    return { fullWidth: true, isInvalid: errors.length > 0, error: errors };
  };
  const invalid = (key: string): boolean => errorsFor(key).length > 0;
  return (
    <>
      <EuiFormRow label="Definition name" {...row('name')}>
        <EuiFieldText
          fullWidth
          data-test-subj="ctdCustomName"
          isInvalid={invalid('name')}
          value={textOf(params.name)}
          onChange={(event) => setParam('name', event.target.value)}
          onBlur={() => onTouched('name')}
        />
      </EuiFormRow>
      <EuiFormRow label="Description" {...row('description')}>
        <EuiTextArea
          fullWidth
          rows={2}
          data-test-subj="ctdCustomDescription"
          isInvalid={invalid('description')}
          value={textOf(params.description)}
          onChange={(event) => setParam('description', event.target.value)}
          onBlur={() => onTouched('description')}
        />
      </EuiFormRow>
      <EuiFormRow label="Index patterns" {...row('index')}>
        <StringListInput
          data-test-subj="ctdCustomIndex"
          ariaLabel="Index patterns"
          placeholder="e.g. logs-endpoint.events.process*"
          values={stringListOf(params.index)}
          isInvalid={invalid('index')}
          onChange={(index) => setParam('index', index)}
          onBlur={() => onTouched('index')}
        />
      </EuiFormRow>
      <EuiFormRow
        label="Query (KQL)"
        helpText="Which events count, in Kibana Query Language."
        {...row('query')}
      >
        <EuiTextArea
          fullWidth
          rows={3}
          data-test-subj="ctdCustomQuery"
          isInvalid={invalid('query')}
          value={textOf(params.query)}
          onChange={(event) => setParam('query', event.target.value)}
          onBlur={() => onTouched('query')}
        />
      </EuiFormRow>
      <EuiFormRow
        label="New terms fields"
        helpText={`Up to ${MAX_NEW_TERMS_FIELDS} fields: an alert fires for a value (or combination of values) not seen in the history window.`}
        {...row('new_terms_fields')}
      >
        <StringListInput
          data-test-subj="ctdCustomNewTermsFields"
          ariaLabel="New terms fields"
          placeholder="e.g. process.parent.executable"
          values={stringListOf(params.new_terms_fields)}
          isInvalid={invalid('new_terms_fields')}
          onChange={(fields) => setParam('new_terms_fields', fields)}
          onBlur={() => onTouched('new_terms_fields')}
        />
      </EuiFormRow>
      <EuiFormRow
        label="History window start"
        helpText="Date math, e.g. now-7d: how far back a value counts as already seen."
        {...row('history_window_start')}
      >
        <EuiFieldText
          fullWidth
          data-test-subj="ctdCustomHistoryWindowStart"
          isInvalid={invalid('history_window_start')}
          value={textOf(params.history_window_start)}
          onChange={(event) => setParam('history_window_start', event.target.value)}
          onBlur={() => onTouched('history_window_start')}
        />
      </EuiFormRow>
      <EuiFormRow
        label="Look-back (from)"
        helpText={`Date math, e.g. now-6m: where each run's window starts. The rule runs every ${ruleInterval}, so reach back at least that far.`}
        {...row('from')}
      >
        <EuiFieldText
          fullWidth
          data-test-subj="ctdCustomFrom"
          isInvalid={invalid('from')}
          value={textOf(params.from)}
          onChange={(event) => setParam('from', event.target.value)}
          onBlur={() => onTouched('from')}
        />
      </EuiFormRow>
      <EuiFormRow label="Severity" {...row('severity')}>
        <EuiSelect
          fullWidth
          data-test-subj="ctdCustomSeverity"
          isInvalid={invalid('severity')}
          options={SEVERITY_OPTIONS}
          value={textOf(params.severity)}
          onChange={(event) => setParam('severity', event.target.value)}
          onBlur={() => onTouched('severity')}
        />
      </EuiFormRow>
      <EuiFormRow label="Risk score" helpText="0 to 100." {...row('risk_score')}>
        <EuiFieldNumber
          fullWidth
          data-test-subj="ctdCustomRiskScore"
          isInvalid={invalid('risk_score')}
          value={numberText(params.risk_score)}
          onChange={(event) => setParam('risk_score', numberOf(event.target.value))}
          onBlur={() => onTouched('risk_score')}
        />
      </EuiFormRow>
    </>
  );
};
