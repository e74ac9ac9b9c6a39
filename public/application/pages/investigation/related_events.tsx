/** Events from the same container (or host) around the alert's source event. */
import { EuiBadge, EuiBasicTable, EuiCode, EuiText, type EuiBasicTableColumn } from '@elastic/eui';
import type { Investigation, SourceEvent } from '../../api_client';
import { textField } from '../alerts/shared/alert_fields';
import { formatTime, shortContainerId } from '../alerts/shared/format';
import { getFieldValues } from '../../../../common/es/document_fields';
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

const scopeText = (related: Investigation['related_events']): string => {
  const value =
    related.field === 'container.id' && related.value
      ? shortContainerId(related.value)
      : related.value;
  return `${related.field} ${value}`;
};

export const RelatedEvents = ({
  related,
  sourceId,
}: {
  readonly related: Investigation['related_events'];
  readonly sourceId: string | undefined;
}) => {
  const shown = related.events.length;
  const summary =
    related.field === null
      ? 'No container or host on this alert to relate events by.'
      : `${related.total} ${related.total === 1 ? 'event' : 'events'} on ${scopeText(related)} between ${formatTime(related.from)} and ${formatTime(related.to)}${
          shown < related.total ? ` (first ${shown} shown)` : ''
        }.`;
  return (
    <InvestigationSection
      title="Related events"
      aside={<EuiBadge data-test-subj="ctdRelatedTotal">{related.total}</EuiBadge>}
      data-test-subj="ctdRelatedEvents"
    >
      <EuiText size="s" color="subdued">
        <p data-test-subj="ctdRelatedSummary">{summary}</p>
      </EuiText>
      {related.field === null ? null : (
        <EuiBasicTable<RelatedEventRow>
          tableCaption="Related events"
          items={related.events.map((event) => rowOf(event, sourceId))}
          itemId="key"
          columns={COLUMNS}
          noItemsMessage="No events in this period."
          compressed
        />
      )}
    </InvestigationSection>
  );
};
