/**
 * What the alert's container (or session, or host) did around it: a window either side of the
 * alert's original time the analyst can widen or narrow, paged, oldest or newest first. The first
 * page of the default window comes with the investigation; any other is read from `_activity`.
 */
import { useState } from 'react';
import {
  EuiBadge,
  EuiBasicTable,
  EuiButtonGroup,
  EuiCode,
  EuiFlexGroup,
  EuiFlexItem,
  EuiSpacer,
  EuiText,
  type Criteria,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { ActivityQuery, AlertActivity, ApiClient, SourceEvent } from '../../api_client';
import { ACTIVITY_WINDOWS } from '../../../../common/api/investigation_api';
import { textField } from '../alerts/shared/alert_fields';
import { formatTime, shortContainerId } from '../alerts/shared/format';
import { getFieldValues } from '../../../../common/es/document_fields';
import { ErrorState } from '../../components/page_state';
import { useApiCall } from '../../components/use_api_call';
import { InvestigationSection } from './investigation_section';

interface RelatedEventRow {
  readonly key: string;
  readonly timestamp: number;
  readonly action: string | null;
  readonly processName: string | null;
  readonly args: string;
  readonly user: string | null;
  readonly isSource: boolean;
}

const rowOf = (event: SourceEvent, sourceId: string | undefined): RelatedEventRow => ({
  key: `${event.index}/${event.id}`,
  timestamp: event.timestamp,
  action: textField(event.source, 'event.action'),
  processName: textField(event.source, 'process.name'),
  args: getFieldValues(event.source, 'process.args').map(String).join(' '),
  user: textField(event.source, 'user.name') ?? textField(event.source, 'process.user.name'),
  isSource: event.id === sourceId,
});

const NONE = '—';
const PAGE_SIZES = [25, 50, 100];

const COLUMNS: Array<EuiBasicTableColumn<RelatedEventRow>> = [
  {
    field: 'timestamp',
    name: 'Time',
    width: '230px',
    render: (time: number, row: RelatedEventRow) => (
      <>
        {formatTime(time)}
        {row.isSource ? (
          <>
            {' '}
            <EuiBadge color="accent">Alert event</EuiBadge>
          </>
        ) : null}
      </>
    ),
  },
  {
    field: 'action',
    name: 'Action',
    width: '90px',
    render: (action: string | null) => action ?? NONE,
  },
  { field: 'processName', name: 'Process', render: (name: string | null) => name ?? NONE },
  {
    field: 'args',
    name: 'Arguments',
    render: (args: string) => (args.length > 0 ? <EuiCode>{args}</EuiCode> : NONE),
  },
  { field: 'user', name: 'User', width: '110px', render: (user: string | null) => user ?? NONE },
];

const scopeText = (related: AlertActivity): string => {
  if (related.field === null || related.value === null) return '';
  const value = related.field === 'container.id' ? shortContainerId(related.value) : related.value;
  return `${related.field} ${value}`;
};

const WINDOW_OPTIONS = ACTIVITY_WINDOWS.map((window) => ({
  id: window,
  label: `±${window.replace(/m$/, ' min').replace(/h$/, ' h')}`,
}));
const ORDER_OPTIONS = [
  { id: 'asc', label: 'Oldest first' },
  { id: 'desc', label: 'Newest first' },
];

const summaryOf = (related: AlertActivity): string => {
  if (related.field === null)
    return 'No container, session or host on this alert to relate events by.';
  const first = related.page * related.per_page + 1;
  const last = related.page * related.per_page + related.events.length;
  const shown = related.events.length < related.total ? ` (${first}–${last} shown)` : '';
  return `${related.total} ${related.total === 1 ? 'event' : 'events'} on ${scopeText(related)} between ${formatTime(related.from)} and ${formatTime(related.to)}${shown}.`;
};

const queryOf = (related: AlertActivity): ActivityQuery => ({
  window: related.window,
  page: related.page,
  perPage: related.per_page,
  sortOrder: related.sort_order,
});

const sameQuery = (a: ActivityQuery, b: ActivityQuery): boolean =>
  a.window === b.window &&
  a.page === b.page &&
  a.perPage === b.perPage &&
  a.sortOrder === b.sortOrder;

export interface RelatedEventsProps {
  readonly api: ApiClient;
  readonly alertId: string;
  /** The first page, from the investigation. */
  readonly related: AlertActivity;
  readonly sourceId: string | undefined;
}

export const RelatedEvents = ({ api, alertId, related, sourceId }: RelatedEventsProps) => {
  const initial = queryOf(related);
  const [query, setQuery] = useState<ActivityQuery>(initial);
  const isInitial = sameQuery(query, initial);
  const fetched = useApiCall(
    () => (isInitial ? Promise.resolve(related) : api.getAlertActivity(alertId, query)),
    [api, alertId, related, query.window, query.page, query.perPage, query.sortOrder]
  );
  // The previous answer stays on screen while the next loads, so the table does not flash empty.
  const shown = isInitial ? related : (fetched.data ?? related);
  const loading = !isInitial && fetched.loading;
  const change = (update: Partial<ActivityQuery>) =>
    setQuery((previous) => ({ ...previous, page: 0, ...update }));
  const onTableChange = ({ page }: Criteria<RelatedEventRow>) => {
    if (page !== undefined)
      setQuery((previous) => ({ ...previous, page: page.index, perPage: page.size }));
  };
  return (
    <InvestigationSection
      title="Related events"
      aside={<EuiBadge data-test-subj="ctdRelatedTotal">{shown.total}</EuiBadge>}
      data-test-subj="ctdRelatedEvents"
    >
      <EuiFlexGroup gutterSize="s" responsive={false} wrap alignItems="center">
        <EuiFlexItem grow={false}>
          <EuiButtonGroup
            legend="Window around the alert"
            options={WINDOW_OPTIONS}
            idSelected={query.window}
            onChange={(window) => change({ window })}
            buttonSize="compressed"
            data-test-subj="ctdActivityWindow"
          />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButtonGroup
            legend="Order of the events"
            options={ORDER_OPTIONS}
            idSelected={query.sortOrder}
            onChange={(order) => change({ sortOrder: order === 'desc' ? 'desc' : 'asc' })}
            buttonSize="compressed"
            data-test-subj="ctdActivityOrder"
          />
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="s" />
      <EuiText size="s" color="subdued">
        <p data-test-subj="ctdRelatedSummary" aria-live="polite">
          {summaryOf(shown)}
        </p>
      </EuiText>
      {fetched.error && !isInitial ? (
        <ErrorState
          title="Could not load the events"
          error={fetched.error}
          onRetry={fetched.reload}
        />
      ) : null}
      {shown.field === null ? null : (
        <EuiBasicTable<RelatedEventRow>
          tableCaption="Related events"
          items={shown.events.map((event) => rowOf(event, sourceId))}
          itemId="key"
          columns={COLUMNS}
          loading={loading}
          noItemsMessage="No events in this period."
          pagination={{
            pageIndex: shown.page,
            pageSize: shown.per_page,
            totalItemCount: shown.total,
            pageSizeOptions: PAGE_SIZES,
          }}
          onChange={onTableChange}
          compressed
        />
      )}
    </InvestigationSection>
  );
};
