/**
 * Leaf field names of the newest stored alerts (FIELD_NAME_SAMPLE_ALERTS of them): the embedded
 * store keeps each alert as a JSON document, so its field names come from reading documents, and
 * a bounded sample keeps the read to milliseconds at any number of alerts.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { flattenDocument } from '../../../common/es/document_fields';
import { FIELD_NAME_SAMPLE_ALERTS, indexedFieldName } from '../../alerts/alert_field_names';
import { ALERT_COLUMNS, documentOf } from './alert_rows';
import { ALERTS_TABLE } from './schema';
import { queryRows } from './sql_values';

export const storedAlertFieldNames = async (
  connection: DuckDBConnection,
  sample: number = FIELD_NAME_SAMPLE_ALERTS
): Promise<Set<string>> => {
  const rows = await queryRows(
    connection,
    `SELECT ${ALERT_COLUMNS} FROM ${ALERTS_TABLE} ORDER BY created_at DESC LIMIT ?`,
    [sample]
  );
  const names = new Set<string>();
  for (const row of rows)
    for (const field of flattenDocument(documentOf(row)).keys()) names.add(indexedFieldName(field));
  return names;
};
