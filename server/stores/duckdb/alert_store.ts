/**
 * Alerts in the embedded store. Writes are idempotent by alert id (`ON CONFLICT DO NOTHING`), so a
 * retried or overlapping run never duplicates an alert; the full document is kept as JSON beside
 * the columns the alerts page filters and sorts on.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlertDocument } from '../../../common/alerts/alert_document';
import * as F from '../../../common/alerts/field_names';
import type { ClosingReason, WorkflowStatus } from '../../../common/alerts/workflow_status';
import { getFieldValues } from '../../../common/kql/document_fields';
import type { AlertSink } from '../../new_terms/types';
import { ALERTS_TABLE } from './schema';
import { jsonParam, queryRows, STRING_LIST_RELATION, toNumber } from './sql_values';

const INSERT_ALERT = `INSERT INTO ${ALERTS_TABLE}
  (id, rule_uuid, rule_id, rule_name, severity, risk_score, created_at, original_time,
   host_name, container_id, new_terms, workflow_status, document)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT DO NOTHING RETURNING id`;

const text = (doc: AlertDocument, field: string): string | null => {
  const value = getFieldValues(doc, field)[0];
  return typeof value === 'string' ? value : null;
};

const epoch = (doc: AlertDocument, field: string): number => {
  const value = text(doc, field);
  return value === null ? 0 : Date.parse(value);
};

export interface StoredAlert {
  readonly id: string;
  readonly workflowStatus: WorkflowStatus;
  readonly workflowReason: string | null;
  readonly workflowUser: string | null;
  readonly workflowStatusUpdatedAt: number | null;
  readonly document: AlertDocument;
}

export class DuckDbAlertStore implements AlertSink {
  constructor(private readonly connection: DuckDBConnection) {}

  async existingIds(ids: readonly string[]): Promise<ReadonlySet<string>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows(
      this.connection,
      `SELECT id FROM ${ALERTS_TABLE} WHERE id IN ${STRING_LIST_RELATION}`,
      [jsonParam(ids)]
    );
    return new Set(rows.map((row) => String(row.id)));
  }

  async create(alerts: readonly AlertDocument[]): Promise<readonly string[]> {
    if (alerts.length === 0) return [];
    const created: string[] = [];
    await this.connection.run('BEGIN TRANSACTION');
    try {
      for (const alert of alerts) {
        const rows = await queryRows(this.connection, INSERT_ALERT, this.insertParams(alert));
        for (const row of rows) created.push(String(row.id));
      }
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
    return created;
  }

  private insertParams(alert: AlertDocument): Array<string | number | null> {
    return [
      String(alert[F.ALERT_UUID]),
      String(alert[F.ALERT_RULE_UUID]),
      String(alert[F.ALERT_RULE_RULE_ID]),
      String(alert[F.ALERT_RULE_NAME]),
      String(alert[F.ALERT_SEVERITY]),
      Number(alert[F.ALERT_RISK_SCORE]),
      epoch(alert, '@timestamp'),
      epoch(alert, F.ALERT_ORIGINAL_TIME),
      text(alert, 'host.name'),
      text(alert, 'container.id'),
      JSON.stringify(alert[F.ALERT_NEW_TERMS] ?? []),
      String(alert[F.ALERT_WORKFLOW_STATUS] ?? 'open'),
      JSON.stringify(alert),
    ];
  }

  /** Every stored alert of a rule instance (or all), oldest source event first. */
  async list(ruleUuid?: string): Promise<StoredAlert[]> {
    const where = ruleUuid === undefined ? '' : 'WHERE rule_uuid = ?';
    const rows = await queryRows(
      this.connection,
      `SELECT id, workflow_status, workflow_reason, workflow_user,
              CAST(workflow_status_updated_at AS DOUBLE) AS updated_at, document
         FROM ${ALERTS_TABLE} ${where} ORDER BY original_time, id`,
      ruleUuid === undefined ? [] : [ruleUuid]
    );
    return rows.map(toStoredAlert);
  }

  async get(id: string): Promise<StoredAlert | undefined> {
    const rows = await queryRows(
      this.connection,
      `SELECT id, workflow_status, workflow_reason, workflow_user,
              CAST(workflow_status_updated_at AS DOUBLE) AS updated_at, document
         FROM ${ALERTS_TABLE} WHERE id = ?`,
      [id]
    );
    const row = rows[0];
    return row === undefined ? undefined : toStoredAlert(row);
  }

  /** Sets the workflow status of the given alerts; returns how many changed. */
  async setWorkflowStatus(update: {
    readonly ids: readonly string[];
    readonly status: WorkflowStatus;
    readonly reason?: ClosingReason;
    readonly user: string;
    readonly at: Date;
  }): Promise<number> {
    if (update.ids.length === 0) return 0;
    const reason = update.status === 'closed' ? update.reason ?? null : null;
    const rows = await queryRows(
      this.connection,
      `UPDATE ${ALERTS_TABLE}
          SET workflow_status = ?, workflow_reason = ?, workflow_user = ?, workflow_status_updated_at = ?
        WHERE id IN ${STRING_LIST_RELATION} AND workflow_status <> ?
        RETURNING id`,
      [update.status, reason, update.user, update.at.getTime(), jsonParam(update.ids), update.status]
    );
    return rows.length;
  }

  async count(): Promise<number> {
    const rows = await queryRows(this.connection, `SELECT count(*) AS n FROM ${ALERTS_TABLE}`);
    return toNumber(rows[0]?.n ?? 0);
  }
}

const toStoredAlert = (row: Record<string, unknown>): StoredAlert => {
  const document = JSON.parse(String(row.document)) as Record<string, unknown>;
  const status = String(row.workflow_status) as WorkflowStatus;
  const reason = row.workflow_reason === null ? null : String(row.workflow_reason);
  const user = row.workflow_user === null ? null : String(row.workflow_user);
  const updatedAt = row.updated_at === null ? null : toNumber(row.updated_at);
  return {
    id: String(row.id),
    workflowStatus: status,
    workflowReason: reason,
    workflowUser: user,
    workflowStatusUpdatedAt: updatedAt,
    document: {
      ...document,
      [F.ALERT_WORKFLOW_STATUS]: status,
      ...(reason === null ? {} : { [F.ALERT_WORKFLOW_REASON]: reason }),
      ...(user === null ? {} : { [F.ALERT_WORKFLOW_USER]: user }),
      ...(updatedAt === null ? {} : { [F.ALERT_WORKFLOW_STATUS_UPDATED_AT]: new Date(updatedAt).toISOString() }),
    },
  };
};
