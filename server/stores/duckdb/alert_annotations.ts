/**
 * Tags, assignees and notes in the embedded store. The alert's `document` JSON holds them, as
 * Elasticsearch's `_source` does, so every read returns them; the tags and assignees are also kept
 * in columns (JSON lists, as `group_values`) for filters. Each change reads, computes and writes in
 * one transaction: a failure leaves every alert as it was.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  changedList,
  notesOf,
  type AlertNote,
  type WorkflowListChange,
  type WorkflowListField,
} from '../../../common/alerts/alert_annotations';
import * as F from '../../../common/alerts/field_names';
import type { AlertAnnotations, NotesEdit } from '../store_contract';
import { storedText } from '../stored_text';
import { ALERTS_TABLE } from './schema';
import { queryRows, STRING_LIST_RELATION, stringListParam, wellFormed } from './sql_values';

/** The column mirroring each list field: SQL text comes from this closed map only. */
const LIST_COLUMNS: Readonly<Record<WorkflowListField, string>> = {
  [F.ALERT_WORKFLOW_TAGS]: 'workflow_tags',
  [F.ALERT_WORKFLOW_ASSIGNEE_IDS]: 'workflow_assignee_ids',
};

/** Changed rows as one JSON parameter, joined to the table by id. */
const CHANGED_ROWS = `(SELECT changed.id AS id, changed.document AS document, changed.list AS list
   FROM (SELECT unnest(from_json(?::VARCHAR,
     '[{"id":"VARCHAR","document":"VARCHAR","list":"VARCHAR"}]')) AS changed))`;

type Document = Record<string, unknown>;

const parsed = (value: unknown): Document => JSON.parse(storedText(value)) as Document;

const inTransaction = async <T>(
  connection: DuckDBConnection,
  work: () => Promise<T>
): Promise<T> => {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
};

export class DuckDbAlertAnnotations implements AlertAnnotations {
  constructor(private readonly connection: DuckDBConnection) {}

  async updateWorkflowList(
    ids: readonly string[],
    field: WorkflowListField,
    change: WorkflowListChange
  ): Promise<number> {
    const column = LIST_COLUMNS[field];
    if (column === undefined) throw new RangeError(`not a workflow list field: ${String(field)}`);
    if (ids.length === 0) return 0;
    return inTransaction(this.connection, async () => {
      const rows = await queryRows(
        this.connection,
        `SELECT id, document FROM ${ALERTS_TABLE} WHERE id IN ${STRING_LIST_RELATION}`,
        [stringListParam(ids)]
      );
      if (rows.length === 0) return 0;
      const changed = rows.map((row) => {
        const document = parsed(row.document);
        const list = changedList(document[field], change);
        return {
          id: storedText(row.id),
          document: JSON.stringify({ ...document, [field]: list }),
          list: JSON.stringify(list),
        };
      });
      await this.connection.run(
        `UPDATE ${ALERTS_TABLE} SET document = c.document, ${column} = c.list
           FROM ${CHANGED_ROWS} AS c WHERE ${ALERTS_TABLE}.id = c.id`,
        [JSON.stringify(changed)]
      );
      return rows.length;
    });
  }

  async editNotes<T>(
    alertId: string,
    edit: (notes: readonly AlertNote[]) => NotesEdit<T>
  ): Promise<{ readonly result: T } | undefined> {
    return inTransaction(this.connection, async () => {
      const [row] = await queryRows(
        this.connection,
        `SELECT document FROM ${ALERTS_TABLE} WHERE id = ?`,
        [wellFormed(alertId)]
      );
      if (row === undefined) return undefined;
      const document = parsed(row.document);
      const { notes, result } = edit(notesOf(document));
      if (notes !== undefined)
        await this.connection.run(`UPDATE ${ALERTS_TABLE} SET document = ? WHERE id = ?`, [
          JSON.stringify({ ...document, [F.ALERT_NOTES]: notes }),
          wellFormed(alertId),
        ]);
      return { result };
    });
  }
}
