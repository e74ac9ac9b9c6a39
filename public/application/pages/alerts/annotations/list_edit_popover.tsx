/**
 * A button opening a list of values (tags or assignees) to switch on or off for some alerts, with
 * a field to type a value not listed yet; Apply sends what changed. Values are shown as text.
 */
import { useState } from 'react';
import {
  EuiButton,
  EuiButtonEmpty,
  EuiFieldText,
  EuiFormRow,
  EuiPopover,
  EuiPopoverFooter,
  EuiPopoverTitle,
  EuiSelectable,
  type EuiSelectableOption,
} from '@elastic/eui';
import type { WorkflowListChange } from '../../../../../common/alerts/alert_annotations';
import { listChange, listEntries, withValue, type ListEntry } from './list_edit';

export interface ListEditPopoverProps {
  /** The button's text, e.g. "Tags". */
  readonly label: string;
  /** The popover's title, e.g. "Add tags / Remove tags". */
  readonly title: string;
  readonly iconType: string;
  /** Each alert's current values. */
  readonly held: ReadonlyArray<readonly string[]>;
  readonly suggestions: readonly string[];
  /** The label of the field for a new value, e.g. "New tag". */
  readonly newValueLabel: string;
  readonly maxChars: number;
  readonly busy: boolean;
  /** Appended to the button's accessible name, e.g. "of 2 selected alerts". */
  readonly target: string;
  readonly onApply: (change: WorkflowListChange) => Promise<void>;
  readonly 'data-test-subj': string;
}

const POPOVER_WIDTH = 300;

const toOptions = (entries: readonly ListEntry[]): EuiSelectableOption[] =>
  entries.map((entry) => ({
    label: entry.value,
    key: entry.value,
    ...(entry.state === undefined ? {} : { checked: entry.state }),
    'data-test-subj': `listEditOption-${entry.value}`,
  }));

const fromOptions = (options: readonly EuiSelectableOption[]): ListEntry[] =>
  options.map((option) => ({
    value: option.label,
    state: option.checked === 'on' || option.checked === 'mixed' ? option.checked : undefined,
  }));

export const ListEditPopover = (props: ListEditPopoverProps) => {
  const { label, title, iconType, held, suggestions, newValueLabel, maxChars, busy } = props;
  const testSubj = props['data-test-subj'];
  const [initial, setInitial] = useState<readonly ListEntry[] | undefined>();
  const [entries, setEntries] = useState<readonly ListEntry[]>([]);
  const [typed, setTyped] = useState('');
  const open = initial !== undefined;

  const show = () => {
    const start = listEntries(held, suggestions);
    setInitial(start);
    setEntries(start);
    setTyped('');
  };
  const close = () => setInitial(undefined);
  const newValue = typed.trim();
  const addTyped = () => {
    if (newValue.length === 0 || newValue.length > maxChars) return;
    setEntries(withValue(entries, newValue));
    setTyped('');
  };
  const change = initial === undefined ? { add: [], remove: [] } : listChange(initial, entries);
  const apply = () => {
    void props.onApply(change).finally(close);
  };

  return (
    <EuiPopover
      isOpen={open}
      closePopover={close}
      panelPaddingSize="s"
      anchorPosition="downLeft"
      button={
        <EuiButton
          size="s"
          iconType={iconType}
          isDisabled={busy}
          aria-label={`${title} ${props.target}`}
          onClick={() => (open ? close() : show())}
          data-test-subj={testSubj}
        >
          {label}
        </EuiButton>
      }
    >
      <EuiPopoverTitle paddingSize="s">{title}</EuiPopoverTitle>
      <div style={{ width: POPOVER_WIDTH }}>
        <EuiSelectable
          aria-label={title}
          options={toOptions(entries)}
          onChange={(options) => setEntries(fromOptions(options))}
          listProps={{ bordered: false, showIcons: true }}
          emptyMessage="None yet: type one below"
          data-test-subj={`${testSubj}List`}
        >
          {(list) => list}
        </EuiSelectable>
        <EuiFormRow
          id={`${testSubj}NewValueInput`}
          label={newValueLabel}
          display="rowCompressed"
          isInvalid={newValue.length > maxChars}
          error={`At most ${maxChars} characters`}
        >
          <EuiFieldText
            compressed
            value={typed}
            isInvalid={newValue.length > maxChars}
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              addTyped();
            }}
            append={
              <EuiButtonEmpty
                size="xs"
                isDisabled={newValue.length === 0 || newValue.length > maxChars}
                onClick={addTyped}
                data-test-subj={`${testSubj}AddValue`}
              >
                Add
              </EuiButtonEmpty>
            }
            data-test-subj={`${testSubj}NewValue`}
          />
        </EuiFormRow>
      </div>
      <EuiPopoverFooter paddingSize="s">
        <EuiButton
          size="s"
          fill
          fullWidth
          isLoading={busy}
          isDisabled={change.add.length === 0 && change.remove.length === 0}
          onClick={apply}
          data-test-subj={`${testSubj}Apply`}
        >
          Apply
        </EuiButton>
      </EuiPopoverFooter>
    </EuiPopover>
  );
};
