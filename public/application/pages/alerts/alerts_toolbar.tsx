/**
 * Above the table: how many alerts match, bulk triage of the selected rows, the table's columns and
 * the export of every matching alert.
 */
import { EuiFlexGroup, EuiFlexItem, EuiText } from '@elastic/eui';
import type { ApiClient } from '../../api_client';
import type { ClosingReason, WorkflowStatus } from '../../../../common/alerts/workflow_status';
import { ColumnPicker } from './columns/column_picker';
import type { OptionalColumnId } from './columns/optional_columns';
import type { ExportSearch } from './export/collect_alerts';
import { ExportMenu } from './export/export_menu';
import type { AlertSummaryRow } from './shared/alert_fields';
import { BulkTriage } from './triage/bulk_triage';
import { AnnotationActions } from './annotations/annotation_actions';
import type { Annotations } from './annotations/use_annotations';

export interface AlertsToolbarProps {
  readonly api: ApiClient;
  /** The page's filter and sort, for the export. */
  readonly search: ExportSearch;
  readonly total: number | undefined;
  readonly firstShown: number;
  readonly lastShown: number;
  readonly selected: readonly AlertSummaryRow[];
  readonly busy: boolean;
  readonly onSetStatus: (status: WorkflowStatus, reason?: ClosingReason) => Promise<void>;
  readonly optionalColumns: readonly OptionalColumnId[];
  readonly onOptionalColumnsChange: (columns: readonly OptionalColumnId[]) => void;
  /** Tags and assignees of the selection; absent, the toolbar offers no such actions. */
  readonly annotations?: {
    readonly known: readonly AlertSummaryRow[];
    readonly state: Annotations;
  };
}

const plural = (count: number): string => `${count} ${count === 1 ? 'alert' : 'alerts'}`;

export const AlertsToolbar = ({
  api,
  search,
  total,
  firstShown,
  lastShown,
  selected,
  busy,
  onSetStatus,
  optionalColumns,
  onOptionalColumnsChange,
  annotations,
}: AlertsToolbarProps) => (
  <EuiFlexGroup
    gutterSize="m"
    alignItems="center"
    justifyContent="spaceBetween"
    wrap
    responsive={false}
  >
    <EuiFlexItem grow={false}>
      <EuiText size="s" data-test-subj="alertsCount">
        {total === undefined
          ? null
          : total === 0
            ? 'No alerts'
            : `Showing ${firstShown}–${lastShown} of ${plural(total)}`}
      </EuiText>
    </EuiFlexItem>
    {selected.length > 0 ? (
      <EuiFlexItem grow={false}>
        <BulkTriage selected={selected} busy={busy} onSetStatus={onSetStatus}>
          {annotations ? (
            <AnnotationActions
              alerts={selected}
              known={annotations.known}
              annotations={annotations.state}
              target={
                selected.length === 1
                  ? 'of the selected alert'
                  : `of ${selected.length} selected alerts`
              }
            />
          ) : null}
        </BulkTriage>
      </EuiFlexItem>
    ) : null}
    <EuiFlexItem grow={false}>
      <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
        <EuiFlexItem grow={false}>
          <ColumnPicker visible={optionalColumns} onChange={onOptionalColumnsChange} />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <ExportMenu api={api} search={search} total={total} optionalColumns={optionalColumns} />
        </EuiFlexItem>
      </EuiFlexGroup>
    </EuiFlexItem>
  </EuiFlexGroup>
);
