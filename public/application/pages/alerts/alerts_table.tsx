/**
 * One page of alerts, paged and sorted by the server. Rows link to the investigation page; rows
 * can be selected for bulk triage and carry their own triage actions.
 */
import { useMemo, useState } from 'react';
import {
  EuiBadge,
  EuiBasicTable,
  EuiCode,
  EuiScreenReaderOnly,
  EuiToolTip,
  type Criteria,
  type DefaultItemAction,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { AlertSortField } from '../../api_client';
import { alertPath, rulePath, type AppNavigation } from '../../navigation';
import type { ClosingReason, WorkflowStatus } from '../../../../common/alerts/workflow_status';
import type { AlertSummaryRow } from './shared/alert_fields';
import { AppLink } from '../../components/app_link';
import { formatTime, shortContainerId } from './shared/format';
import { SeverityBadge } from './shared/severity_badge';
import { StatusBadge } from './shared/status_badge';
import { CloseAlertsModal } from './triage/close_alerts_modal';
import { WIDE_LAYOUT_BREAKPOINT } from '../../components/layout';
import { PAGE_SIZE_OPTIONS, type AlertsViewState } from './alerts_view_state';
import type { OptionalColumnId } from './columns/optional_columns';
import { optionalTableColumns } from './columns/optional_table_columns';
import { CellActions } from './query/cell_actions';
import * as F from '../../../../common/alerts/field_names';

export interface AlertsTableProps {
  readonly rows: readonly AlertSummaryRow[];
  readonly total: number;
  readonly loading: boolean;
  /** The last search failed (the page shows why); the table then claims nothing about matches. */
  readonly failed: boolean;
  readonly view: AlertsViewState;
  /** The optional columns the analyst chose, shown after "New term". */
  readonly optionalColumns: readonly OptionalColumnId[];
  readonly navigation: AppNavigation;
  readonly selected: readonly AlertSummaryRow[];
  readonly busy: boolean;
  readonly onSelectionChange: (rows: AlertSummaryRow[]) => void;
  readonly onTableChange: (
    change: Pick<AlertsViewState, 'page' | 'perPage' | 'sortField' | 'sortOrder'>
  ) => void;
  readonly onSetStatus: (
    ids: readonly string[],
    status: WorkflowStatus,
    reason?: ClosingReason
  ) => Promise<void>;
  /** Offers "Add rule exception" on each row; absent where the host keeps no exceptions. */
  readonly onAddException?: (row: AlertSummaryRow) => void;
}

type SortableColumn =
  | 'originalTime'
  | 'ruleName'
  | 'severity'
  | 'riskScore'
  | 'hostName'
  | 'status';

const SORT_FIELDS: Readonly<Record<SortableColumn, AlertSortField>> = {
  originalTime: 'original_time',
  ruleName: 'rule_name',
  severity: 'severity',
  riskScore: 'risk_score',
  hostName: 'host_name',
  status: 'workflow_status',
};

const isSortableColumn = (field: string): field is SortableColumn => field in SORT_FIELDS;

const columnOfSortField = (sortField: AlertSortField): SortableColumn | undefined =>
  (Object.keys(SORT_FIELDS) as SortableColumn[]).find(
    (column) => SORT_FIELDS[column] === sortField
  );

const wordList = (words: readonly string[]): string =>
  words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;

/** What "+N suppressed" means, in words. */
export const suppressedTooltip = (count: number, fields: readonly string[]): string =>
  `${count} more ${count === 1 ? 'alert' : 'alerts'} of this rule with the same ${
    fields.length === 0 ? 'suppression values' : wordList(fields)
  } ${count === 1 ? 'was' : 'were'} folded into this one`;

/** "+N suppressed" for an alert other alerts were folded into; nothing for any other alert. */
const SuppressedCount = ({ row }: { readonly row: AlertSummaryRow }) => {
  const count = row.suppressedCount;
  if (count === null || count <= 0) return null;
  return (
    <>
      {' '}
      <EuiToolTip
        content={
          <>
            {suppressedTooltip(count, row.suppressionFields)}
            {row.suppressionEnd === null ? null : (
              <>
                <br />
                {`Latest event folded in: ${formatTime(row.suppressionEnd)}`}
              </>
            )}
          </>
        }
      >
        <EuiBadge color="hollow" iconType="layers" tabIndex={0} data-test-subj="ctdSuppressedCount">
          {`+${count} suppressed`}
        </EuiBadge>
      </EuiToolTip>
    </>
  );
};

/** The new value(s); which field they are new in is said to screen readers (and on the investigation page). */
const NewTerms = ({ row }: { readonly row: AlertSummaryRow }) =>
  row.newTerms.length === 0 ? (
    <>
      —<SuppressedCount row={row} />
    </>
  ) : (
    <span>
      <span data-test-subj="newTerms">
        {row.newTerms.map((term, i) => (
          <CellActions key={i} field={F.ALERT_NEW_TERMS} value={term}>
            <EuiCode>{term}</EuiCode>
          </CellActions>
        ))}
      </span>
      {row.newTermsFields.length > 0 ? (
        <EuiScreenReaderOnly>
          <span>{` (new value of ${row.newTermsFields.join(', ')})`}</span>
        </EuiScreenReaderOnly>
      ) : null}
      <SuppressedCount row={row} />
    </span>
  );

const columnsFor = (
  navigation: AppNavigation,
  rowActions: Array<DefaultItemAction<AlertSummaryRow>>,
  optionalColumns: readonly OptionalColumnId[]
): Array<EuiBasicTableColumn<AlertSummaryRow>> => [
  {
    field: 'originalTime',
    name: 'Event time',
    sortable: true,
    width: '210px',
    render: (time: string | null, row: AlertSummaryRow) => (
      <AppLink
        navigation={navigation}
        path={alertPath(row.id, navigation.query)}
        aria-label={`Investigate ${row.ruleName} alert from ${formatTime(time ?? row.timestamp)}`}
      >
        {formatTime(time ?? row.timestamp)}
      </AppLink>
    ),
  },
  {
    field: 'ruleName',
    name: 'Rule',
    sortable: true,
    truncateText: true,
    render: (name: string, row: AlertSummaryRow) => (
      <CellActions field={F.ALERT_RULE_NAME} value={name}>
        {row.ruleId ? (
          <AppLink navigation={navigation} path={rulePath(row.ruleId)}>
            {name}
          </AppLink>
        ) : (
          name
        )}
      </CellActions>
    ),
  },
  {
    field: 'severity',
    name: 'Severity',
    sortable: true,
    width: '100px',
    render: (severity: string) => <SeverityBadge severity={severity} />,
  },
  {
    field: 'hostName',
    name: 'Host',
    sortable: true,
    truncateText: true,
    render: (host: string | null) =>
      host === null ? '—' : <CellActions field="host.name" value={host} />,
  },
  {
    field: 'containerId',
    name: 'Container',
    width: '130px',
    render: (id: string | null) =>
      id ? (
        <CellActions field="container.id" value={id}>
          <EuiCode transparentBackground>{shortContainerId(id)}</EuiCode>
        </CellActions>
      ) : (
        '—'
      ),
  },
  {
    field: 'newTerms',
    name: 'New term',
    render: (_terms: readonly string[], row: AlertSummaryRow) => <NewTerms row={row} />,
  },
  ...optionalTableColumns(optionalColumns),
  {
    field: 'status',
    name: 'Status',
    sortable: true,
    width: '160px',
    render: (status: WorkflowStatus, row: AlertSummaryRow) => (
      <StatusBadge status={status} reason={row.closingReason} />
    ),
  },
  { name: 'Actions', actions: rowActions },
];

export const AlertsTable = (props: AlertsTableProps) => {
  const {
    rows,
    total,
    loading,
    failed,
    view,
    optionalColumns,
    navigation,
    selected,
    busy,
    onSelectionChange,
    onTableChange,
    onSetStatus,
    onAddException,
  } = props;
  const [closing, setClosing] = useState<AlertSummaryRow | undefined>();

  const rowActions = useMemo<Array<DefaultItemAction<AlertSummaryRow>>>(
    () => [
      {
        name: 'Investigate',
        description: 'Open the investigation page of this alert',
        icon: 'inspect',
        type: 'icon',
        isPrimary: true,
        href: (row) => navigation.href(alertPath(row.id, navigation.query)),
        onClick: (row, event) => {
          event.preventDefault();
          navigation.navigate(alertPath(row.id, navigation.query));
        },
        'data-test-subj': 'investigateAlert',
      },
      {
        name: 'Acknowledge',
        description: 'Mark this alert as acknowledged',
        icon: 'eye',
        type: 'icon',
        available: (row) => row.status !== 'acknowledged',
        enabled: () => !busy,
        onClick: (row) => void onSetStatus([row.id], 'acknowledged'),
        'data-test-subj': 'acknowledgeAlert',
      },
      {
        name: 'Close',
        description: 'Close this alert with a reason',
        icon: 'checkInCircleFilled',
        type: 'icon',
        available: (row) => row.status !== 'closed',
        enabled: () => !busy,
        onClick: (row) => setClosing(row),
        'data-test-subj': 'closeAlert',
      },
      {
        name: 'Reopen',
        description: 'Open this alert again',
        icon: 'refresh',
        type: 'icon',
        available: (row) => row.status !== 'open',
        enabled: () => !busy,
        onClick: (row) => void onSetStatus([row.id], 'open'),
        'data-test-subj': 'reopenAlert',
      },
      ...(onAddException
        ? [
            {
              name: 'Add rule exception',
              description: "Leave events like this alert's out of its rule",
              icon: 'minusInCircle' as const,
              type: 'icon' as const,
              available: (row: AlertSummaryRow) => row.ruleId !== null,
              onClick: onAddException,
              'data-test-subj': 'addRuleException',
            } satisfies DefaultItemAction<AlertSummaryRow>,
          ]
        : []),
    ],
    [busy, navigation, onSetStatus, onAddException]
  );

  const columns = useMemo(
    () => columnsFor(navigation, rowActions, optionalColumns),
    [navigation, rowActions, optionalColumns]
  );
  const sortColumn = columnOfSortField(view.sortField);

  const onChange = ({ page, sort }: Criteria<AlertSummaryRow>) => {
    const field = sort ? String(sort.field) : undefined;
    const sortField =
      field !== undefined && isSortableColumn(field) ? SORT_FIELDS[field] : view.sortField;
    const sortChanged =
      sortField !== view.sortField || (sort !== undefined && sort.direction !== view.sortOrder);
    const perPage = page?.size ?? view.perPage;
    onTableChange({
      // A new sort or page size starts again from the first page.
      page: sortChanged || perPage !== view.perPage ? 0 : (page?.index ?? view.page),
      perPage,
      sortField,
      sortOrder: sort?.direction ?? view.sortOrder,
    });
  };

  return (
    <>
      <EuiBasicTable<AlertSummaryRow>
        responsiveBreakpoint={WIDE_LAYOUT_BREAKPOINT}
        tableCaption="Alerts"
        items={[...rows]}
        itemId="id"
        columns={columns}
        loading={loading}
        noItemsMessage={
          loading
            ? 'Loading alerts…'
            : failed
              ? 'Alerts could not be loaded'
              : 'No alerts match these filters'
        }
        pagination={{
          pageIndex: view.page,
          pageSize: view.perPage,
          totalItemCount: total,
          pageSizeOptions: [...PAGE_SIZE_OPTIONS],
        }}
        sorting={
          sortColumn ? { sort: { field: sortColumn, direction: view.sortOrder } } : undefined
        }
        selection={{
          selected: [...selected],
          onSelectionChange,
          selectableMessage: (selectable) => (selectable ? 'Select this alert' : ''),
        }}
        onChange={onChange}
        rowHeader="originalTime"
        data-test-subj="alertsTable"
      />
      {closing ? (
        <CloseAlertsModal
          count={1}
          isLoading={busy}
          onCancel={() => setClosing(undefined)}
          onConfirm={(reason) => {
            void onSetStatus([closing.id], 'closed', reason).finally(() => setClosing(undefined));
          }}
        />
      ) : null}
    </>
  );
};
