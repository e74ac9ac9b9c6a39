/**
 * The alerts a KQL query selects in the embedded store. The query runs as the in-process matcher
 * over each alert's document (with its current workflow fields), not as SQL over the JSON: the
 * matcher is the reference Elasticsearch's answers are tested against, and carries every per-type
 * rule (keyword vs text vs numbers vs dates, multi-values, ignore_above) that a JSON path in SQL
 * would have to repeat. The other filters narrow the rows first, in SQL; the ids that match go back
 * into SQL as one bound parameter, so no value of the query ever becomes SQL text.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { DocumentMatcher } from '../../../common/kql/matcher';
import { ALERT_COLUMNS, documentOf } from './alert_rows';
import { ALERTS_TABLE } from './schema';
import { queryRows } from './sql_values';

/** Rows read per round trip: bounds memory to a batch of documents, however many alerts match. */
export const MATCH_BATCH_SIZE = 2_000;

interface SqlPredicate {
  readonly sql: string;
  readonly params: readonly DuckDBValue[];
}

/** Ids of the alerts `where` keeps whose document `matches`, in id order. */
export const matchingAlertIds = async (
  connection: DuckDBConnection,
  where: SqlPredicate,
  matches: DocumentMatcher,
  batchSize: number = MATCH_BATCH_SIZE
): Promise<string[]> => {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await queryRows(
      connection,
      `SELECT ${ALERT_COLUMNS} FROM ${ALERTS_TABLE}
        WHERE (${where.sql}) AND (? IS NULL OR id > ?)
        ORDER BY id LIMIT ?`,
      [...where.params, after ?? null, after ?? null, batchSize]
    );
    for (const row of rows) if (matches(documentOf(row))) ids.push(String(row.id));
    if (rows.length < batchSize) return ids;
    after = String(rows[rows.length - 1]?.id);
  }
};
