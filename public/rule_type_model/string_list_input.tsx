/** A list of free-text values (index patterns, field names) typed in and confirmed with Enter. */
import { EuiComboBox, type EuiComboBoxOptionOption } from '@elastic/eui';

export interface StringListInputProps {
  readonly values: readonly string[];
  readonly onChange: (values: string[]) => void;
  readonly onBlur: () => void;
  readonly isInvalid: boolean;
  readonly placeholder: string;
  readonly ariaLabel: string;
  readonly 'data-test-subj': string;
}

const toOptions = (values: readonly string[]): Array<EuiComboBoxOptionOption<string>> =>
  values.map((value) => ({ label: value }));

export const StringListInput = ({
  values,
  onChange,
  onBlur,
  isInvalid,
  placeholder,
  ariaLabel,
  'data-test-subj': testSubj,
}: StringListInputProps) => (
  <EuiComboBox<string>
    noSuggestions
    fullWidth
    aria-label={ariaLabel}
    placeholder={placeholder}
    data-test-subj={testSubj}
    isInvalid={isInvalid}
    selectedOptions={toOptions(values)}
    onCreateOption={(value) => {
      const trimmed = value.trim();
      if (trimmed.length > 0 && !values.includes(trimmed)) onChange([...values, trimmed]);
    }}
    onChange={(options) => onChange(options.map((option) => option.label))}
    onBlur={onBlur}
  />
);
