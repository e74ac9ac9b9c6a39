/**
 * The conditions of an exception, one row each: a switch to use the row, the field, the operator
 * and the value. All used rows must hold for an event to be left out (Kibana's AND within an item).
 */
import {
  EuiButtonEmpty,
  EuiButtonIcon,
  EuiCheckbox,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiSelect,
  useGeneratedHtmlId,
} from '@elastic/eui';
import {
  CONDITION_OPERATORS,
  takesValue,
  type ConditionOperator,
  type ExceptionCondition,
} from './exception_draft';

export interface ExceptionConditionsEditorProps {
  readonly conditions: readonly ExceptionCondition[];
  readonly onChange: (conditions: ExceptionCondition[]) => void;
}

const OPERATOR_OPTIONS = (Object.keys(CONDITION_OPERATORS) as ConditionOperator[]).map((key) => ({
  value: key,
  text: CONDITION_OPERATORS[key].label,
}));

const isOperator = (value: string): value is ConditionOperator => value in CONDITION_OPERATORS;

const EMPTY_CONDITION: ExceptionCondition = { field: '', operator: 'is', value: '', enabled: true };

const ConditionRow = ({
  condition,
  index,
  onChange,
  onRemove,
}: {
  readonly condition: ExceptionCondition;
  readonly index: number;
  readonly onChange: (condition: ExceptionCondition) => void;
  readonly onRemove: () => void;
}) => {
  const checkboxId = useGeneratedHtmlId({ prefix: 'ctdExceptionCondition' });
  const label = condition.field === '' ? `condition ${index + 1}` : condition.field;
  return (
    <EuiFlexGroup
      gutterSize="s"
      alignItems="center"
      responsive={false}
      data-test-subj={`ctdExceptionCondition-${index}`}
    >
      <EuiFlexItem grow={false}>
        <EuiCheckbox
          id={checkboxId}
          checked={condition.enabled}
          aria-label={`Use ${label}`}
          onChange={(event) => onChange({ ...condition, enabled: event.target.checked })}
          data-test-subj="ctdExceptionConditionUse"
        />
      </EuiFlexItem>
      <EuiFlexItem grow={3}>
        <EuiFieldText
          compressed
          value={condition.field}
          placeholder="field"
          aria-label={`Field of ${label}`}
          onChange={(event) => onChange({ ...condition, field: event.target.value })}
          data-test-subj="ctdExceptionConditionField"
        />
      </EuiFlexItem>
      <EuiFlexItem grow={2}>
        <EuiSelect
          compressed
          options={OPERATOR_OPTIONS}
          value={condition.operator}
          aria-label={`Operator of ${label}`}
          onChange={(event) => {
            if (isOperator(event.target.value))
              onChange({ ...condition, operator: event.target.value });
          }}
          data-test-subj="ctdExceptionConditionOperator"
        />
      </EuiFlexItem>
      <EuiFlexItem grow={4}>
        <EuiFieldText
          compressed
          value={takesValue(condition.operator) ? condition.value : ''}
          disabled={!takesValue(condition.operator)}
          placeholder={takesValue(condition.operator) ? 'value' : ''}
          aria-label={`Value of ${label}`}
          onChange={(event) => onChange({ ...condition, value: event.target.value })}
          data-test-subj="ctdExceptionConditionValue"
        />
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <EuiButtonIcon
          iconType="trash"
          color="danger"
          aria-label={`Remove ${label}`}
          onClick={onRemove}
          data-test-subj="ctdExceptionConditionRemove"
        />
      </EuiFlexItem>
    </EuiFlexGroup>
  );
};

export const ExceptionConditionsEditor = ({
  conditions,
  onChange,
}: ExceptionConditionsEditorProps) => (
  <div data-test-subj="ctdExceptionConditions">
    {conditions.map((condition, index) => (
      <ConditionRow
        key={index}
        condition={condition}
        index={index}
        onChange={(changed) =>
          onChange(conditions.map((current, i) => (i === index ? changed : current)))
        }
        onRemove={() => onChange(conditions.filter((_, i) => i !== index))}
      />
    ))}
    <EuiButtonEmpty
      size="s"
      iconType="plusInCircle"
      flush="left"
      onClick={() => onChange([...conditions, EMPTY_CONDITION])}
      data-test-subj="ctdExceptionAddCondition"
    >
      Add condition
    </EuiButtonEmpty>
  </div>
);
