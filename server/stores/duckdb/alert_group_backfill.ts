/**
 * Migration for stores written before alerts could be grouped: fills each alert's
 * `group_values` from its stored document, as the alert store writes it for a new alert. Runs when
 * the store opens; a store whose alerts all have the column filled reads one empty page.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { allGroupValues } from '../../alerts/alert_groups';
import type { AlertDocument } from '../../../common/alerts/alert_document';
import { ALERTS_TABLE } from './schema';
import { queryRows } from './sql_values';

/** Alerts read and updated per statement: their documents are held in memory meanwhile. */
const PAGE_ROWS = 1_000;
const ROW_STRUCTURE = JSON.stringify([{ id: 'VARCHAR', group_values: 'VARCHAR' }]);

export const backfillAlertGroupValues = async (connection: DuckDBConnection): Promise<number> => {
  let filled = 0;
  for (;;) {
    const rows = await queryRows(
      connection,
      `SELECT id, document FROM ${ALERTS_TABLE} WHERE group_values IS NULL LIMIT ?`,
      [PAGE_ROWS]
    );
    if (rows.length === 0) return filled;
    const values = rows.map((row) => ({
      id: String(row.id),
      group_values: JSON.stringify(
        allGroupValues(JSON.parse(String(row.document)) as AlertDocument)
      ),
    }));
    await connection.run(
      `UPDATE ${ALERTS_TABLE} SET group_values = filled.group_values
         FROM (SELECT unnest(from_json(?::VARCHAR, '${ROW_STRUCTURE}'), recursive := true)) AS filled
        WHERE ${ALERTS_TABLE}.id = filled.id`,
      [JSON.stringify(values)]
    );
    filled += rows.length;
  }
};
