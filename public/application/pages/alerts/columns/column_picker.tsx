/**
 * "Columns": a popover listing the alerts table's optional columns with their fields, each checked
 * when shown, in the manner of the field selector of Kibana Security's alerts table.
 */
import { useState } from 'react';
import {
  EuiButtonEmpty,
  EuiCode,
  EuiNotificationBadge,
  EuiPopover,
  EuiPopoverTitle,
  EuiSelectable,
  type EuiSelectableOption,
} from '@elastic/eui';
import { isOptionalColumnId, OPTIONAL_COLUMNS, type OptionalColumnId } from './optional_columns';

export interface ColumnPickerProps {
  readonly visible: readonly OptionalColumnId[];
  readonly onChange: (visible: readonly OptionalColumnId[]) => void;
}

const POPOVER_WIDTH_PX = 320;

const optionsOf = (visible: readonly OptionalColumnId[]): EuiSelectableOption[] =>
  OPTIONAL_COLUMNS.map((column) => ({
    key: column.id,
    label: column.name,
    checked: visible.includes(column.id) ? 'on' : undefined,
    append: (
      <EuiCode transparentBackground language="text">
        {column.field}
      </EuiCode>
    ),
    'data-test-subj': `alertsColumnOption-${column.id}`,
  }));

const checkedIds = (options: readonly EuiSelectableOption[]): OptionalColumnId[] =>
  options
    .filter((option) => option.checked === 'on')
    .map((option) => option.key)
    .filter(isOptionalColumnId);

export const ColumnPicker = ({ visible, onChange }: ColumnPickerProps) => {
  const [open, setOpen] = useState(false);
  const button = (
    <EuiButtonEmpty
      size="s"
      iconType="tableDensityNormal"
      onClick={() => setOpen((wasOpen) => !wasOpen)}
      aria-expanded={open}
      data-test-subj="alertsColumnPicker"
    >
      Columns
      {visible.length > 0 ? (
        <>
          {' '}
          <EuiNotificationBadge color="subdued" aria-label={`${visible.length} added`}>
            {visible.length}
          </EuiNotificationBadge>
        </>
      ) : null}
    </EuiButtonEmpty>
  );
  return (
    <EuiPopover
      button={button}
      isOpen={open}
      closePopover={() => setOpen(false)}
      panelPaddingSize="none"
      anchorPosition="downRight"
    >
      <EuiPopoverTitle paddingSize="s">Optional columns</EuiPopoverTitle>
      <div style={{ width: POPOVER_WIDTH_PX }}>
        <EuiSelectable
          aria-label="Optional columns of the alerts table"
          options={optionsOf(visible)}
          onChange={(options) => onChange(checkedIds(options))}
          listProps={{ isVirtualized: false, bordered: false }}
          data-test-subj="alertsColumnList"
        >
          {(list) => list}
        </EuiSelectable>
      </div>
    </EuiPopover>
  );
};
