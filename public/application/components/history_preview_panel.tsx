/**
 * What the stored history would have raised with a change (an exception, an edited rule): alerts
 * before and after, per day, and the terms that no longer (or newly) alert. The same replay as
 * `ctd scan`, run in memory by the server.
 */
import {
  EuiBasicTable,
  EuiCallOut,
  EuiCode,
  EuiSpacer,
  EuiText,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { HistoryPreview, PreviewTerm } from '../../../common/api/preview_api';

type DayRow = HistoryPreview['per_day'][number];

const dayColumns = (afterLabel: string): ReadonlyArray<EuiBasicTableColumn<DayRow>> => [
  { field: 'day', name: 'Day (UTC)' },
  { field: 'before', name: 'Alerts now', width: '110px' },
  { field: 'after', name: `With ${afterLabel}`, width: '150px' },
];

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

const TermList = ({
  title,
  terms,
  testSubj,
}: {
  readonly title: string;
  readonly terms: readonly PreviewTerm[];
  readonly testSubj: string;
}) =>
  terms.length === 0 ? null : (
    <EuiText size="s" data-test-subj={testSubj}>
      <p>{title}</p>
      <ul>
        {terms.map((term) => (
          <li key={term.terms.join('\u0000')}>
            <EuiCode>{term.terms.join(', ')}</EuiCode> ({plural(term.alerts, 'alert')})
          </li>
        ))}
      </ul>
    </EuiText>
  );

export interface HistoryPreviewPanelProps {
  readonly preview: HistoryPreview;
  /** What the "after" side has: "this exception", "these changes". */
  readonly afterLabel: string;
}

export const HistoryPreviewPanel = ({ preview, afterLabel }: HistoryPreviewPanelProps) => (
  <div data-test-subj="ctdHistoryPreview">
    <EuiCallOut
      size="s"
      color={preview.after < preview.before ? 'success' : 'primary'}
      iconType="visLine"
      title={`Over the stored history: ${plural(preview.before, 'alert')} now, ${preview.after} with ${afterLabel}`}
      data-test-subj="ctdHistoryPreviewSummary"
    />
    <EuiSpacer size="s" />
    <TermList
      title="No longer alerting:"
      terms={preview.removed_terms}
      testSubj="ctdHistoryPreviewRemoved"
    />
    <TermList
      title="Newly alerting:"
      terms={preview.added_terms}
      testSubj="ctdHistoryPreviewAdded"
    />
    {preview.per_day.length === 0 ? null : (
      <EuiBasicTable
        tableCaption={`Alerts per day of the source event, now and with ${afterLabel}`}
        compressed
        items={[...preview.per_day]}
        columns={[...dayColumns(afterLabel)]}
      />
    )}
    {preview.warnings.map((warning) => (
      <EuiText key={warning} size="xs" color="warning">
        <p>{warning}</p>
      </EuiText>
    ))}
  </div>
);
