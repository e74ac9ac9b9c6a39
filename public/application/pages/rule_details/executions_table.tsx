/** A page of a rule's executions: when, how long, how it ended, what it searched and found. */
import {
  EuiBadge,
  EuiBasicTable,
  EuiText,
  type EuiBasicTableColumn,
  type CriteriaWithPagination,
} from '@elastic/eui';
import type { RuleExecution, RuleExecutionsPage } from '../../api_client';
import { formatTime } from '../alerts/shared/format';
import { formatDuration, formatWindow, NOT_REPORTED } from './execution_format';
import { ExecutionMessages } from './execution_messages';
import { ExecutionStatusHealth } from './execution_status';

export const EXECUTION_PAGE_SIZES = [10, 20, 50, 100];

const Windows = ({ windows }: { readonly windows: RuleExecution['windows'] }) => {
  if (windows === null || windows.length === 0)
    return (
      <EuiText size="xs" color="subdued">
        {NOT_REPORTED}
      </EuiText>
    );
  return (
    <EuiText size="xs">
      {windows.map((window) => (
        <p key={window.from} data-test-subj="ctdExecutionWindow">
          {formatWindow(window)}
          {window.catch_up ? (
            <>
              {' '}
              <EuiBadge color="hollow">catch-up</EuiBadge>
            </>
          ) : null}
        </p>
      ))}
    </EuiText>
  );
};

const orNotReported = (value: number | null): string =>
  value === null ? NOT_REPORTED : value.toLocaleString('en-US');

const COLUMNS: ReadonlyArray<EuiBasicTableColumn<RuleExecution>> = [
  {
    field: 'started_at',
    name: 'Started',
    width: '13em',
    render: (startedAt: string) => formatTime(startedAt),
  },
  {
    field: 'duration_ms',
    name: 'Duration',
    width: '7em',
    render: (ms: number) => formatDuration(ms),
  },
  {
    field: 'status',
    name: 'Status',
    width: '9em',
    render: (status: RuleExecution['status']) => <ExecutionStatusHealth status={status} />,
  },
  {
    field: 'windows',
    name: 'Windows searched',
    width: '24em',
    render: (windows: RuleExecution['windows']) => <Windows windows={windows} />,
  },
  {
    field: 'terms_evaluated',
    name: 'Terms evaluated',
    width: '7em',
    align: 'right',
    render: (terms: number | null) => (
      <span data-test-subj="ctdExecutionTerms">{orNotReported(terms)}</span>
    ),
  },
  {
    field: 'alerts_created',
    name: 'Alerts created',
    width: '7em',
    align: 'right',
    render: (alerts: number) => <span data-test-subj="ctdExecutionAlerts">{alerts}</span>,
  },
  {
    field: 'gap',
    name: 'Gap',
    width: '7em',
    render: (gap: RuleExecution['gap']) =>
      gap === null ? (
        NOT_REPORTED
      ) : (
        <EuiBadge color="warning" data-test-subj="ctdExecutionGap">
          {formatDuration(gap.duration_ms)}
        </EuiBadge>
      ),
  },
  {
    name: 'Warnings and errors',
    render: (execution: RuleExecution) => <ExecutionMessages execution={execution} />,
  },
];

export interface ExecutionsTableProps {
  readonly page: RuleExecutionsPage;
  readonly loading: boolean;
  readonly onPage: (page: number, perPage: number) => void;
}

export const ExecutionsTable = ({ page, loading, onPage }: ExecutionsTableProps) => (
  <EuiBasicTable<RuleExecution>
    tableCaption="Executions of the rule, newest first"
    items={[...page.executions]}
    itemId="execution_id"
    columns={[...COLUMNS]}
    loading={loading}
    noItemsMessage="No execution recorded"
    rowProps={() => ({ 'data-test-subj': 'ctdExecutionRow' })}
    pagination={{
      pageIndex: page.page,
      pageSize: page.per_page,
      totalItemCount: page.total,
      pageSizeOptions: EXECUTION_PAGE_SIZES,
    }}
    onChange={({ page: next }: CriteriaWithPagination<RuleExecution>) =>
      onPage(next.index, next.size)
    }
    data-test-subj="ctdExecutionsTable"
  />
);
