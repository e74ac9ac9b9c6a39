/**
 * Alerts as CSV: the table's columns as the analyst sees them (the optional ones they chose), led
 * by the alert id so each record leads back to its alert. Times are ISO 8601 UTC, as stored, for
 * the tools a CSV goes to; the table shows them in local time.
 */
import type { AlertDocument } from '../../../../../common/alerts/alert_document';
import { optionalColumnsOf, type OptionalColumnId } from '../columns/optional_columns';
import { toAlertRow, type AlertSummaryRow } from '../shared/alert_fields';
import { statusLabel } from '../shared/status_badge';
import { toCsv, type CsvValue } from '../../../components/csv';

interface CsvColumn {
  readonly name: string;
  readonly value: (row: AlertSummaryRow) => CsvValue;
}

/** Before the optional columns, as in the table. */
const LEADING_COLUMNS: readonly CsvColumn[] = [
  { name: 'Alert ID', value: (row) => row.id },
  { name: 'Event time', value: (row) => row.originalTime ?? row.timestamp },
  { name: 'Rule', value: (row) => row.ruleName },
  { name: 'Severity', value: (row) => row.severity },
  { name: 'Host', value: (row) => row.hostName },
  { name: 'Container', value: (row) => row.containerId },
  { name: 'New term', value: (row) => row.newTerms.join(', ') },
];

/** After the optional columns, as in the table. */
const TRAILING_COLUMNS: readonly CsvColumn[] = [
  { name: 'Status', value: (row) => statusLabel(row.status, row.closingReason) },
];

export const csvColumns = (optional: readonly OptionalColumnId[]): readonly CsvColumn[] => [
  ...LEADING_COLUMNS,
  ...optionalColumnsOf(optional),
  ...TRAILING_COLUMNS,
];

export const alertsToCsv = (
  alerts: readonly AlertDocument[],
  optional: readonly OptionalColumnId[]
): string => {
  const columns = csvColumns(optional);
  return toCsv(
    columns.map((column) => column.name),
    alerts.map(toAlertRow).map((row) => columns.map((column) => column.value(row)))
  );
};

/** One alert document per line, exactly as the API gave it. */
export const alertsToNdjson = (alerts: readonly AlertDocument[]): string =>
  alerts.map((alert) => `${JSON.stringify(alert)}\n`).join('');
