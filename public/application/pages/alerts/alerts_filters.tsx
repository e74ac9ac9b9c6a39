/** The alerts page filters: rules, status, severity and the time range (with refresh). */
import {
  EuiComboBox,
  EuiFilterButton,
  EuiFilterGroup,
  EuiFlexGroup,
  EuiFlexItem,
  EuiSuperDatePicker,
  type EuiComboBoxOptionOption,
} from '@elastic/eui';
import { WORKFLOW_STATUSES, type WorkflowStatus } from '../../../../common/alerts/workflow_status';
import { RULE_SEVERITIES, type RuleSeverity } from '../../../../common/rules/rule_schema';
import { humanize } from './shared/format';
import type { AlertsViewState } from './alerts_view_state';

export type FilterChange = Partial<
  Pick<AlertsViewState, 'ruleIds' | 'statuses' | 'severities' | 'from' | 'to'>
>;

/** A rule the filter offers: every rule the API lists, prebuilt or custom. */
export interface RuleOption {
  readonly rule_id: string;
  readonly name: string;
}

export interface AlertsFiltersProps {
  readonly view: AlertsViewState;
  /** The rules to offer; empty until the API has answered. */
  readonly rules: readonly RuleOption[];
  readonly isLoading: boolean;
  readonly onChange: (change: FilterChange) => void;
  readonly onRefresh: () => void;
}

const ruleOptions = (rules: readonly RuleOption[]): Array<EuiComboBoxOptionOption<string>> =>
  rules.map((rule) => ({ label: rule.name, value: rule.rule_id }));

/** The selected rules as options; one the list does not hold (yet) shows its rule_id. */
const selectedRuleOptions = (
  options: ReadonlyArray<EuiComboBoxOptionOption<string>>,
  ruleIds: readonly string[]
): Array<EuiComboBoxOptionOption<string>> =>
  ruleIds.map(
    (ruleId) =>
      options.find((option) => option.value === ruleId) ?? { label: ruleId, value: ruleId }
  );

const toggle = <T,>(values: readonly T[], value: T, order: readonly T[]): T[] =>
  values.includes(value)
    ? values.filter((item) => item !== value)
    : order.filter((item) => item === value || values.includes(item));

const RuleFilter = ({
  rules,
  ruleIds,
  onChange,
}: {
  readonly rules: readonly RuleOption[];
  readonly ruleIds: readonly string[];
  readonly onChange: (ruleIds: string[]) => void;
}) => (
  <EuiComboBox<string>
    aria-label="Filter by rule"
    placeholder="All rules"
    options={ruleOptions(rules)}
    selectedOptions={selectedRuleOptions(ruleOptions(rules), ruleIds)}
    onChange={(selected) =>
      onChange(selected.flatMap((option) => (option.value === undefined ? [] : [option.value])))
    }
    isClearable
    data-test-subj="ruleFilter"
  />
);

interface ToggleGroupProps<T extends string> {
  readonly label: string;
  readonly values: readonly T[];
  readonly selected: readonly T[];
  readonly onChange: (selected: T[]) => void;
}

const ToggleGroup = <T extends string>({
  label,
  values,
  selected,
  onChange,
}: ToggleGroupProps<T>) => (
  <EuiFilterGroup role="group" aria-label={label} data-test-subj={`${label.toLowerCase()}Filter`}>
    {values.map((value) => (
      <EuiFilterButton
        key={value}
        isToggle
        isSelected={selected.includes(value)}
        hasActiveFilters={selected.includes(value)}
        onClick={() => onChange(toggle(selected, value, values))}
      >
        {humanize(value)}
      </EuiFilterButton>
    ))}
  </EuiFilterGroup>
);

export const AlertsFilters = ({
  view,
  rules,
  isLoading,
  onChange,
  onRefresh,
}: AlertsFiltersProps) => (
  <EuiFlexGroup gutterSize="m" wrap alignItems="center">
    <EuiFlexItem grow={2} style={{ minWidth: 260 }}>
      <RuleFilter
        rules={rules}
        ruleIds={view.ruleIds}
        onChange={(ruleIds) => onChange({ ruleIds })}
      />
    </EuiFlexItem>
    <EuiFlexItem grow={false}>
      <ToggleGroup<WorkflowStatus>
        label="Status"
        values={WORKFLOW_STATUSES}
        selected={view.statuses}
        onChange={(statuses) => onChange({ statuses })}
      />
    </EuiFlexItem>
    <EuiFlexItem grow={false}>
      <ToggleGroup<RuleSeverity>
        label="Severity"
        values={RULE_SEVERITIES}
        selected={view.severities}
        onChange={(severities) => onChange({ severities })}
      />
    </EuiFlexItem>
    <EuiFlexItem grow={false}>
      <EuiSuperDatePicker
        start={view.from}
        end={view.to}
        isLoading={isLoading}
        onTimeChange={({ start, end, isInvalid }) => {
          if (!isInvalid) onChange({ from: start, to: end });
        }}
        onRefresh={onRefresh}
        data-test-subj="alertsDatePicker"
      />
    </EuiFlexItem>
  </EuiFlexGroup>
);
