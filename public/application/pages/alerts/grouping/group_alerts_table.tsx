/**
 * One group's alerts: the alerts search with the group as a filter, paged and sorted in place,
 * with bulk triage of the rows selected in it.
 */
import { useMemo, useState } from 'react';
import type { ClosingReason, WorkflowStatus } from '../../../../../common/alerts/workflow_status';
import type { AlertFilters, AlertSearch, ApiClient } from '../../../api_client';
import type { AppNavigation } from '../../../navigation';
import { ErrorState } from '../../../components/page_state';
import { useApiCall } from '../../../components/use_api_call';
import { AlertsTable } from '../alerts_table';
import { DEFAULT_VIEW, type AlertsViewState } from '../alerts_view_state';
import type { OptionalColumnId } from '../columns/optional_columns';
import { toAlertRow } from '../shared/alert_fields';
import { BulkTriage } from '../triage/bulk_triage';
import { useRowSelection } from '../triage/use_row_selection';

/** Alerts per page inside a group. */
const GROUP_PAGE_SIZE = 10;

export interface GroupAlertsTableProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly group: NonNullable<AlertSearch['group']>;
  readonly filters: AlertFilters;
  /** Changes whenever `filters` does (it is rebuilt on every render of the page). */
  readonly filtersKey: string;
  readonly optionalColumns: readonly OptionalColumnId[];
  /** A status change is under way (the buttons wait for it). */
  readonly busy: boolean;
  readonly onSetStatus: (
    ids: readonly string[],
    status: WorkflowStatus,
    reason?: ClosingReason
  ) => Promise<void>;
}

export const GroupAlertsTable = ({
  api,
  navigation,
  group,
  filters,
  filtersKey,
  optionalColumns,
  busy,
  onSetStatus,
}: GroupAlertsTableProps) => {
  const [table, setTable] = useState<
    Pick<AlertsViewState, 'page' | 'perPage' | 'sortField' | 'sortOrder'>
  >({
    page: 0,
    perPage: GROUP_PAGE_SIZE,
    sortField: DEFAULT_VIEW.sortField,
    sortOrder: DEFAULT_VIEW.sortOrder,
  });
  const alerts = useApiCall(
    () => api.searchAlerts({ ...filters, ...table, group }),
    [api, filtersKey, table, group.field, group.value]
  );
  const rows = useMemo(() => (alerts.data?.alerts ?? []).map(toAlertRow), [alerts.data]);
  const [selected, setSelected] = useRowSelection(alerts.data);
  const view: AlertsViewState = { ...DEFAULT_VIEW, ...table };
  const setStatus = async (
    ids: readonly string[],
    status: WorkflowStatus,
    reason?: ClosingReason
  ): Promise<void> => {
    await onSetStatus(ids, status, reason);
    alerts.reload();
  };
  return (
    <div data-test-subj="alertGroupTable">
      {alerts.error ? (
        <ErrorState title="Could not load alerts" error={alerts.error} onRetry={alerts.reload} />
      ) : null}
      <BulkTriage
        selected={selected}
        busy={busy}
        onSetStatus={(status, reason) =>
          setStatus(
            selected.map((row) => row.id),
            status,
            reason
          )
        }
      />
      <AlertsTable
        rows={rows}
        total={alerts.data?.total ?? 0}
        loading={alerts.loading}
        failed={alerts.error !== undefined}
        view={view}
        optionalColumns={optionalColumns}
        navigation={navigation}
        selected={selected}
        busy={busy}
        onSelectionChange={setSelected}
        onTableChange={setTable}
        onSetStatus={setStatus}
      />
    </div>
  );
};
