/**
 * The alerts table's optional columns: what each is called, the alert field it shows (named in the
 * column picker, as Kibana's field browser does) and its value in a row. The table, the picker and
 * the CSV export all read this one list, in this order.
 */
import * as F from '../../../../../common/alerts/field_names';
import type { AlertSummaryRow } from '../shared/alert_fields';

export const OPTIONAL_COLUMN_IDS = [
  'reason',
  'riskScore',
  'userName',
  'commandLine',
  'containerImage',
  'tags',
  'assignees',
] as const;
export type OptionalColumnId = (typeof OPTIONAL_COLUMN_IDS)[number];

export interface OptionalColumn {
  readonly id: OptionalColumnId;
  readonly name: string;
  /** The alert document field the column shows. */
  readonly field: string;
  readonly value: (row: AlertSummaryRow) => string | number | null;
  /** A list column's values, shown as badges (its `value` joins them, for the export). */
  readonly values?: (row: AlertSummaryRow) => readonly string[];
}

const joined = (values: readonly string[]): string | null =>
  values.length === 0 ? null : values.join(', ');

export const OPTIONAL_COLUMNS: readonly OptionalColumn[] = [
  { id: 'reason', name: 'Reason', field: F.ALERT_REASON, value: (row) => row.reason },
  { id: 'riskScore', name: 'Risk score', field: F.ALERT_RISK_SCORE, value: (row) => row.riskScore },
  { id: 'userName', name: 'User', field: 'user.name', value: (row) => row.userName },
  {
    id: 'commandLine',
    name: 'Command line',
    field: 'process.command_line',
    value: (row) => row.commandLine,
  },
  {
    id: 'containerImage',
    name: 'Container image',
    field: 'container.image.name',
    value: (row) => row.containerImage,
  },
  {
    id: 'tags',
    name: 'Tags',
    field: F.ALERT_WORKFLOW_TAGS,
    value: (row) => joined(row.tags),
    values: (row) => row.tags,
  },
  {
    id: 'assignees',
    name: 'Assignees',
    field: F.ALERT_WORKFLOW_ASSIGNEE_IDS,
    value: (row) => joined(row.assignees),
    values: (row) => row.assignees,
  },
];

export const isOptionalColumnId = (value: unknown): value is OptionalColumnId =>
  (OPTIONAL_COLUMN_IDS as readonly unknown[]).includes(value);

/** The optional columns among `ids`, once each and in the table's order. */
export const optionalColumnsOf = (ids: readonly OptionalColumnId[]): readonly OptionalColumn[] =>
  OPTIONAL_COLUMNS.filter((column) => ids.includes(column.id));
