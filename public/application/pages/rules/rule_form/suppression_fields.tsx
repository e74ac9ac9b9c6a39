/**
 * Alert suppression of a new terms rule, as Kibana's rule form shows it: the fields to suppress by
 * (none: the rule does not suppress), for how long (one rule execution or a time period), and what
 * to do with events missing a suppression field. The last two are off until a field is chosen.
 */
import {
  EuiFieldNumber,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFormRow,
  EuiPanel,
  EuiRadioGroup,
  EuiScreenReaderOnly,
  EuiSelect,
  useGeneratedHtmlId,
} from '@elastic/eui';
import {
  MAX_SUPPRESSION_GROUP_BY,
  MISSING_FIELDS_STRATEGIES,
  SUPPRESSION_DURATION_UNITS,
  type MissingFieldsStrategy,
} from '../../../../../common/rules/rule_schema';
import { StringListInput } from '../../../../rule_type_model/string_list_input';
import type { RuleFormState, SuppressionDurationType, SuppressionPart } from './rule_form_state';

export interface SuppressionFieldsProps {
  readonly form: RuleFormState;
  /** The problems to show beside one of the controls. */
  readonly problems: (part: SuppressionPart) => readonly string[];
  readonly onChange: (update: Partial<RuleFormState>) => void;
  /** The user has been at the suppression settings: their problems show from now on. */
  readonly onTouch: () => void;
}

const UNIT_NAMES: Readonly<Record<(typeof SUPPRESSION_DURATION_UNITS)[number], string>> = {
  s: 'Seconds',
  m: 'Minutes',
  h: 'Hours',
};
const UNIT_OPTIONS = SUPPRESSION_DURATION_UNITS.map((unit) => ({
  value: unit,
  text: UNIT_NAMES[unit],
}));

// Kibana's labels (alert_suppression_edit/translations.tsx).
const MISSING_FIELDS_LABELS: Readonly<Record<MissingFieldsStrategy, string>> = {
  suppress: 'Suppress and group alerts for events with missing fields',
  doNotSuppress: 'Do not suppress alerts for events with missing fields',
};

const rowState = (messages: readonly string[]) => ({
  fullWidth: true,
  isInvalid: messages.length > 0,
  error: [...messages],
});

export const SuppressionFields = ({
  form,
  problems,
  onChange,
  onTouch,
}: SuppressionFieldsProps) => {
  const durationId = useGeneratedHtmlId({ prefix: 'ctdSuppressionDuration' });
  const missingId = useGeneratedHtmlId({ prefix: 'ctdSuppressionMissing' });
  const durationIds: Readonly<Record<SuppressionDurationType, string>> = {
    rule_execution: `${durationId}_rule_execution`,
    time_period: `${durationId}_time_period`,
  };
  const missingIds: Readonly<Record<MissingFieldsStrategy, string>> = {
    suppress: `${missingId}_suppress`,
    doNotSuppress: `${missingId}_doNotSuppress`,
  };
  const off = form.suppressionFields.length === 0;
  const groupBy = problems('group_by');
  const duration = problems('duration');
  const missing = problems('missing_fields_strategy');
  const periodOff = off || form.suppressionDurationType !== 'time_period';

  return (
    <>
      <EuiFormRow
        label="Suppress alerts by"
        helpText={`Select field(s) to use for suppressing extra alerts: up to ${MAX_SUPPRESSION_GROUP_BY}; none to raise every alert.`}
        {...rowState(groupBy)}
      >
        <StringListInput
          ariaLabel="Suppress alerts by"
          placeholder="e.g. host.name"
          values={form.suppressionFields}
          isInvalid={groupBy.length > 0}
          onChange={(suppressionFields) => onChange({ suppressionFields })}
          onBlur={onTouch}
          data-test-subj="ctdRuleFormSuppressionFields"
        />
      </EuiFormRow>
      <EuiPanel paddingSize="s" hasShadow={false} color="transparent">
        <EuiFormRow label="Suppress alerts for" labelType="legend" {...rowState(duration)}>
          <EuiRadioGroup
            name={durationId}
            disabled={off}
            idSelected={durationIds[form.suppressionDurationType]}
            options={[
              {
                id: durationIds.rule_execution,
                label: 'One rule execution',
                'data-test-subj': 'ctdSuppressionPerExecution',
              },
              {
                id: durationIds.time_period,
                'data-test-subj': 'ctdSuppressionPerTimePeriod',
                label: (
                  <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
                    <EuiScreenReaderOnly>
                      <span>A time period of</span>
                    </EuiScreenReaderOnly>
                    <EuiFlexItem grow={false} style={{ width: 96 }}>
                      <EuiFieldNumber
                        compressed
                        min={1}
                        step={1}
                        aria-label="Suppression time period"
                        value={form.suppressionDurationValue}
                        disabled={periodOff}
                        isInvalid={duration.length > 0}
                        onChange={(event) =>
                          onChange({ suppressionDurationValue: event.target.value })
                        }
                        onBlur={onTouch}
                        data-test-subj="ctdRuleFormSuppressionDurationValue"
                      />
                    </EuiFlexItem>
                    <EuiFlexItem grow={false}>
                      <EuiSelect
                        compressed
                        aria-label="Suppression time period unit"
                        options={UNIT_OPTIONS}
                        value={form.suppressionDurationUnit}
                        disabled={periodOff}
                        onChange={(event) =>
                          onChange({ suppressionDurationUnit: event.target.value })
                        }
                        data-test-subj="ctdRuleFormSuppressionDurationUnit"
                      />
                    </EuiFlexItem>
                  </EuiFlexGroup>
                ),
              },
            ]}
            onChange={(id) => {
              onChange({
                suppressionDurationType:
                  id === durationIds.time_period ? 'time_period' : 'rule_execution',
              });
              onTouch();
            }}
            data-test-subj="ctdRuleFormSuppressionDuration"
          />
        </EuiFormRow>
        <EuiFormRow
          label="If a suppression field is missing"
          labelType="legend"
          {...rowState(missing)}
        >
          <EuiRadioGroup
            name={missingId}
            disabled={off}
            idSelected={missingIds[form.suppressionMissingFields]}
            options={MISSING_FIELDS_STRATEGIES.map((strategy) => ({
              id: missingIds[strategy],
              label: MISSING_FIELDS_LABELS[strategy],
              'data-test-subj': `ctdSuppressionMissing-${strategy}`,
            }))}
            onChange={(id) => {
              const strategy = MISSING_FIELDS_STRATEGIES.find(
                (candidate) => missingIds[candidate] === id
              );
              if (strategy !== undefined) onChange({ suppressionMissingFields: strategy });
            }}
            data-test-subj="ctdRuleFormSuppressionMissingFields"
          />
        </EuiFormRow>
      </EuiPanel>
    </>
  );
};
