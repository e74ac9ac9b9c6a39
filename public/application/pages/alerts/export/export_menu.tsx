/**
 * "Export": NDJSON or CSV of every alert the page's filter matches (not only the page shown), up
 * to MAX_EXPORT_ALERTS, said up front when the filter matches more. While it runs the toolbar
 * shows how many alerts were read, and the export can be cancelled.
 */
import { useState } from 'react';
import {
  EuiButtonEmpty,
  EuiContextMenuItem,
  EuiContextMenuPanel,
  EuiFlexGroup,
  EuiFlexItem,
  EuiPopover,
  EuiPopoverFooter,
  EuiProgress,
  EuiText,
} from '@elastic/eui';
import type { ApiClient } from '../../../api_client';
import type { OptionalColumnId } from '../columns/optional_columns';
import { MAX_EXPORT_ALERTS, type ExportSearch } from './collect_alerts';
import { useAlertExport, type ExportFormat, type ExportProgress } from './use_alert_export';

export interface ExportMenuProps {
  readonly api: ApiClient;
  /** The page's filter and sort. */
  readonly search: ExportSearch;
  /** How many alerts match it; undefined while unknown. */
  readonly total: number | undefined;
  readonly optionalColumns: readonly OptionalColumnId[];
}

const PROGRESS_WIDTH_PX = 160;
const SCOPE_WIDTH_PX = 260;
const number = (n: number): string => n.toLocaleString('en-US');

/** What an export of `total` alerts will hold. */
export const exportScope = (total: number): string =>
  total > MAX_EXPORT_ALERTS
    ? `The first ${number(MAX_EXPORT_ALERTS)} of ${number(total)} matching alerts: an export holds at most ${number(MAX_EXPORT_ALERTS)}.`
    : `All ${number(total)} matching ${total === 1 ? 'alert' : 'alerts'}, in the table's order.`;

const Progress = ({
  progress,
  onCancel,
}: {
  readonly progress: ExportProgress;
  readonly onCancel: () => void;
}) => (
  <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
    <EuiFlexItem grow={false} style={{ width: PROGRESS_WIDTH_PX }}>
      <EuiText size="xs" data-test-subj="alertsExportProgress" aria-live="polite">
        {progress.expected === 0
          ? 'Exporting…'
          : `Exporting ${number(progress.read)} of ${number(progress.expected)}…`}
      </EuiText>
      <EuiProgress
        size="xs"
        color="primary"
        {...(progress.expected === 0 ? {} : { value: progress.read, max: progress.expected })}
      />
    </EuiFlexItem>
    <EuiFlexItem grow={false}>
      <EuiButtonEmpty size="xs" onClick={onCancel} data-test-subj="alertsExportCancel">
        Cancel
      </EuiButtonEmpty>
    </EuiFlexItem>
  </EuiFlexGroup>
);

export const ExportMenu = ({ api, search, total, optionalColumns }: ExportMenuProps) => {
  const [open, setOpen] = useState(false);
  const { progress, start, cancel } = useAlertExport(api, search, optionalColumns);
  if (progress !== undefined) return <Progress progress={progress} onCancel={cancel} />;

  const choose = (format: ExportFormat) => {
    setOpen(false);
    start(format);
  };
  const button = (
    <EuiButtonEmpty
      size="s"
      iconType="exportAction"
      isDisabled={total === undefined || total === 0}
      onClick={() => setOpen((wasOpen) => !wasOpen)}
      aria-expanded={open}
      data-test-subj="alertsExportButton"
    >
      Export
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
      <EuiContextMenuPanel
        size="s"
        items={[
          <EuiContextMenuItem
            key="ndjson"
            icon="document"
            onClick={() => choose('ndjson')}
            data-test-subj="alertsExportNdjson"
          >
            Export NDJSON
          </EuiContextMenuItem>,
          <EuiContextMenuItem
            key="csv"
            icon="visTable"
            onClick={() => choose('csv')}
            data-test-subj="alertsExportCsv"
          >
            Export CSV
          </EuiContextMenuItem>,
        ]}
      />
      <EuiPopoverFooter paddingSize="s">
        <EuiText
          size="xs"
          color="subdued"
          style={{ maxWidth: SCOPE_WIDTH_PX }}
          data-test-subj="alertsExportScope"
        >
          {exportScope(total ?? 0)}
        </EuiText>
      </EuiPopoverFooter>
    </EuiPopover>
  );
};
