/**
 * Every field of the alert's source event as field → value pairs, searchable. When the source event
 * is gone (deleted, rolled over) the event fields copied onto the alert stand in for it. Tabs show
 * the source event and the alert as JSON instead.
 */
import { useState } from 'react';
import {
  EuiCallOut,
  EuiInMemoryTable,
  EuiSpacer,
  EuiTab,
  EuiTabs,
  type EuiBasicTableColumn,
  type EuiInMemoryTableProps,
} from '@elastic/eui';
import type { AlertDocument } from '../../../../common/alerts/alert_document';
import { flattenDocument } from '../../../../common/es/document_fields';
import type { SourceEvent } from '../../api_client';
import { CellActions } from '../alerts/query/cell_actions';
import { formatValue } from '../alerts/shared/format';
import { DocumentJson } from './document_json';
import { InvestigationSection } from './investigation_section';

interface FieldRow {
  readonly field: string;
  /** The values joined, for the table's search and sort. */
  readonly value: string;
  readonly values: readonly string[];
}

/** Alert-only fields: not part of the event. */
const ALERT_PREFIXES = ['kibana.', 'container_threat_detection.'];

export const fieldRows = (doc: unknown, skipAlertFields: boolean): FieldRow[] =>
  [...flattenDocument(doc).entries()]
    .filter(
      ([field]) => !skipAlertFields || !ALERT_PREFIXES.some((prefix) => field.startsWith(prefix))
    )
    .map(([field, raw]) => {
      const values = raw.map(formatValue);
      return { field, value: values.join(', '), values };
    })
    .sort((a, b) => a.field.localeCompare(b.field));

const COLUMNS: Array<EuiBasicTableColumn<FieldRow>> = [
  {
    field: 'field',
    name: 'Field',
    sortable: true,
    width: '20em',
    render: (field: string) => <code>{field}</code>,
  },
  {
    field: 'value',
    name: 'Value',
    sortable: true,
    render: (_value: string, row: FieldRow) => <FieldValues row={row} />,
  },
];

/** Each value with its filter in / out / copy actions (a multi-valued field filters per value). */
const FieldValues = ({ row }: { readonly row: FieldRow }) => (
  <span>
    {row.values.map((value, at) => (
      // Values may repeat; their position keeps each one's key distinct.
      <span key={at}>
        {at > 0 ? ', ' : null}
        <CellActions field={row.field} value={value} />
      </span>
    ))}
  </span>
);

const SEARCH: EuiInMemoryTableProps<FieldRow>['search'] = {
  box: {
    incremental: true,
    placeholder: 'Filter fields and values',
    'aria-label': 'Filter source event fields',
  },
};

type View = 'fields' | 'event_json' | 'alert_json';

const VIEWS: ReadonlyArray<{ readonly id: View; readonly name: string }> = [
  { id: 'fields', name: 'Fields' },
  { id: 'event_json', name: 'Source event JSON' },
  { id: 'alert_json', name: 'Alert JSON' },
];

export const SourceEventFields = ({
  sourceEvent,
  alert,
}: {
  readonly sourceEvent: SourceEvent | null;
  readonly alert: AlertDocument;
}) => {
  const [view, setView] = useState<View>('fields');
  return (
    <InvestigationSection title="Source event" data-test-subj="ctdSourceEvent">
      <EuiTabs size="s" bottomBorder={false}>
        {VIEWS.map(({ id, name }) => (
          <EuiTab
            key={id}
            isSelected={view === id}
            onClick={() => setView(id)}
            data-test-subj={`ctdSourceView-${id}`}
          >
            {name}
          </EuiTab>
        ))}
      </EuiTabs>
      <EuiSpacer size="s" />
      {view === 'fields' ? <FieldsTable sourceEvent={sourceEvent} alert={alert} /> : null}
      {view === 'event_json' ? (
        sourceEvent ? (
          <DocumentJson
            document={sourceEvent.source}
            label="The source event as JSON"
            data-test-subj="ctdSourceEventJson"
          />
        ) : (
          <EuiCallOut size="s" iconType="info" title="The source event was not found." />
        )
      ) : null}
      {view === 'alert_json' ? (
        <DocumentJson document={alert} label="The alert as JSON" data-test-subj="ctdAlertJson" />
      ) : null}
    </InvestigationSection>
  );
};

const FieldsTable = ({
  sourceEvent,
  alert,
}: {
  readonly sourceEvent: SourceEvent | null;
  readonly alert: AlertDocument;
}) => {
  const rows = sourceEvent ? fieldRows(sourceEvent.source, false) : fieldRows(alert, true);
  return (
    <>
      {sourceEvent ? null : (
        <>
          <EuiCallOut
            size="s"
            iconType="info"
            title="The source event was not found; showing the event fields copied onto the alert."
          />
          <EuiSpacer size="s" />
        </>
      )}
      <EuiInMemoryTable<FieldRow>
        tableCaption="Source event fields"
        items={rows}
        itemId="field"
        columns={COLUMNS}
        search={SEARCH}
        // Plain text: values such as `nginx:1.27` or times hold ":", which EUI's query syntax reads as field:value.
        searchFormat="text"
        pagination={{ initialPageSize: 20, pageSizeOptions: [20, 50, 100] }}
        sorting={{ sort: { field: 'field', direction: 'asc' } }}
        // `message`, not `noItemsMessage`: EUI 104 (Kibana 8.19) knows only `message`; 106 reads either.
        message="No fields match."
        compressed
      />
    </>
  );
};
