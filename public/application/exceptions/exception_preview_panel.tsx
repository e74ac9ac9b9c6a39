/**
 * What the stored history would have raised with the exception: alerts before and after, per day,
 * and the terms that no longer (or newly) alert. The same replay as `ctd scan`, run in memory.
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

const DAY_COLUMNS: ReadonlyArray<EuiBasicTableColumn<DayRow>> = [
  { field: 'day', name: 'Day (UTC)' },
  { field: 'before', name: 'Alerts now', width: '110px' },
  { field: 'after', name: 'With the exception', width: '150px' },
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

export const ExceptionPreviewPanel = ({ preview }: { readonly preview: HistoryPreview }) => (
  <div data-test-subj="ctdExceptionPreview">
    <EuiCallOut
      size="s"
      color={preview.after < preview.before ? 'success' : 'primary'}
      iconType="visLine"
      title={`Over the stored history: ${plural(preview.before, 'alert')} now, ${preview.after} with this exception`}
      data-test-subj="ctdExceptionPreviewSummary"
    />
    <EuiSpacer size="s" />
    <TermList
      title="No longer alerting:"
      terms={preview.removed_terms}
      testSubj="ctdExceptionPreviewRemoved"
    />
    <TermList
      title="Newly alerting (a later occurrence becomes the first one not excepted):"
      terms={preview.added_terms}
      testSubj="ctdExceptionPreviewAdded"
    />
    {preview.per_day.length === 0 ? null : (
      <EuiBasicTable
        tableCaption="Alerts per day of the source event, now and with the exception"
        compressed
        items={[...preview.per_day]}
        columns={[...DAY_COLUMNS]}
      />
    )}
    {preview.warnings.map((warning) => (
      <EuiText key={warning} size="xs" color="warning">
        <p>{warning}</p>
      </EuiText>
    ))}
  </div>
);
