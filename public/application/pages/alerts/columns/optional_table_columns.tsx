/**
 * The alerts table's columns for the optional fields the analyst chose. Values are event data an
 * attacker may have shaped: they are rendered as React text, never as markup.
 */
import { EuiCode, type EuiBasicTableColumn, type EuiTableFieldDataColumnType } from '@elastic/eui';
import type { AlertSummaryRow } from '../shared/alert_fields';
import { CellActions } from '../query/cell_actions';
import { ValueBadges } from '../shared/value_badges';
import { optionalColumnsOf, type OptionalColumn, type OptionalColumnId } from './optional_columns';

const MISSING = '—';
/** Reasons and command lines run long: two lines, the rest on the investigation page. */
const LONG_TEXT_LINES = 2;

const Cell = ({
  column,
  row,
}: {
  readonly column: OptionalColumn;
  readonly row: AlertSummaryRow;
}) => {
  if (column.values !== undefined)
    return <ValueBadges values={column.values(row)} data-test-subj={`alertsCell-${column.id}`} />;
  const value = column.value(row);
  if (value === null) return <span data-test-subj={`alertsCell-${column.id}`}>{MISSING}</span>;
  const text = String(value);
  return (
    <span data-test-subj={`alertsCell-${column.id}`}>
      <CellActions field={column.field} value={text}>
        {column.id === 'commandLine' ? (
          <EuiCode transparentBackground language="text">
            {text}
          </EuiCode>
        ) : (
          text
        )}
      </CellActions>
    </span>
  );
};

type ColumnLayout = Pick<
  EuiTableFieldDataColumnType<AlertSummaryRow>,
  'width' | 'truncateText' | 'sortable'
>;

const LAYOUT: Readonly<Record<OptionalColumnId, ColumnLayout>> = {
  reason: { truncateText: { lines: LONG_TEXT_LINES } },
  // The API sorts by risk score (`sort_field=risk_score`).
  riskScore: { width: '100px', sortable: true },
  userName: { truncateText: true },
  commandLine: { truncateText: { lines: LONG_TEXT_LINES } },
  containerImage: { truncateText: true },
  tags: {},
  assignees: {},
};

export const optionalTableColumns = (
  ids: readonly OptionalColumnId[]
): Array<EuiBasicTableColumn<AlertSummaryRow>> =>
  optionalColumnsOf(ids).map((column) => ({
    field: column.id,
    name: column.name,
    ...LAYOUT[column.id],
    render: (_value: unknown, row: AlertSummaryRow) => <Cell column={column} row={row} />,
  }));
