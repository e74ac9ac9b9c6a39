/**
 * Alerts in the embedded store. Writes are idempotent by alert id (`ON CONFLICT DO NOTHING`), so a
 * retried or overlapping run never duplicates an alert; the full document is kept as JSON beside
 * the columns the alerts page filters and sorts on.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlertDocument } from '../../../common/alerts/alert_document';
import * as F from '../../../common/alerts/field_names';
import type { ClosingReason, WorkflowStatus } from '../../../common/alerts/workflow_status';
import { getFieldValues } from '../../../common/es/document_fields';
import { storedText } from '../stored_text';
import { ALERTS_TABLE } from './schema';
import {
  queryRows,
  STRING_LIST_RELATION,
  stringListParam,
  toNumber,
  wellFormed,
} from './sql_values';
import type {
  AlertFilter,
  AlertStore,
  SuppressionTarget,
  SuppressionUpdate,
} from '../store_contract';
import { alertWhereSql } from './alert_queries';
import { newestSuppressionTargets } from '../suppression_targets';
import { allGroupValues } from '../../alerts/alert_groups';

/** Each alert's columns as one JSON object; a batch is one JSON array written by one statement. */
const ALERT_ROW_STRUCTURE = JSON.stringify([
  {
    id: 'VARCHAR',
    rule_uuid: 'VARCHAR',
    rule_id: 'VARCHAR',
    rule_name: 'VARCHAR',
    severity: 'VARCHAR',
    risk_score: 'DOUBLE',
    created_at: 'BIGINT',
    original_time: 'BIGINT',
    host_name: 'VARCHAR',
    container_id: 'VARCHAR',
    new_terms: 'VARCHAR',
    workflow_status: 'VARCHAR',
    group_values: 'VARCHAR',
    document: 'VARCHAR',
  },
]);
const ALERT_COLUMNS = Object.keys(
  (JSON.parse(ALERT_ROW_STRUCTURE) as Array<Record<string, string>>)[0] ?? {}
);

const INSERT_ALERTS = `INSERT INTO ${ALERTS_TABLE} (${ALERT_COLUMNS.join(', ')})
  SELECT ${ALERT_COLUMNS.map((column) => `alert_row.${column}`).join(', ')}
    FROM (SELECT unnest(from_json(?::VARCHAR, '${ALERT_ROW_STRUCTURE}')) AS alert_row)
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

const alertRow = (alert: AlertDocument) => ({
  id: wellFormed(String(alert[F.ALERT_UUID])),
  rule_uuid: wellFormed(String(alert[F.ALERT_RULE_UUID])),
  rule_id: wellFormed(String(alert[F.ALERT_RULE_RULE_ID])),
  rule_name: wellFormed(String(alert[F.ALERT_RULE_NAME])),
  severity: wellFormed(String(alert[F.ALERT_SEVERITY])),
  risk_score: Number(alert[F.ALERT_RISK_SCORE]),
  created_at: epoch(alert, '@timestamp'),
  original_time: epoch(alert, F.ALERT_ORIGINAL_TIME),
  host_name: wellFormed(text(alert, 'host.name')),
  container_id: wellFormed(text(alert, 'container.id')),
  // JSON texts: a lone surrogate inside is already written as an escape, which DuckDB keeps as text.
  new_terms: JSON.stringify(alert[F.ALERT_NEW_TERMS] ?? []),
  workflow_status: wellFormed(storedText(alert[F.ALERT_WORKFLOW_STATUS] ?? 'open')),
  group_values: JSON.stringify(allGroupValues(alert)),
  document: JSON.stringify(alert),
});

export class DuckDbAlertStore implements AlertStore {
  constructor(private readonly connection: DuckDBConnection) {}

  async countsByRule(filter: AlertFilter = {}): Promise<Map<string, number>> {
    const where = await alertWhereSql(this.connection, filter);
    const rows = await queryRows(
      this.connection,
      `SELECT rule_uuid, count(*) AS n FROM ${ALERTS_TABLE} WHERE ${where.sql} GROUP BY rule_uuid`,
      where.params
    );
    return new Map(rows.map((row) => [storedText(row.rule_uuid), toNumber(row.n)]));
  }

  async existingIds(ids: readonly string[]): Promise<ReadonlySet<string>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows(
      this.connection,
      `SELECT id FROM ${ALERTS_TABLE} WHERE id IN ${STRING_LIST_RELATION}`,
      [stringListParam(ids)]
    );
    return new Set(rows.map((row) => String(row.id)));
  }

  /**
   * Stores the alerts not stored yet in one statement (all or none) and returns the ids it stored,
   * in the order given. An id given twice is stored once.
   */
  async create(alerts: readonly AlertDocument[]): Promise<readonly string[]> {
    if (alerts.length === 0) return [];
    const rows = [
      ...new Map(alerts.map((alert) => [String(alert[F.ALERT_UUID]), alertRow(alert)])).values(),
    ];
    const inserted = await queryRows(this.connection, INSERT_ALERTS, [JSON.stringify(rows)]);
    const stored = new Set(inserted.map((row) => String(row.id)));
    return rows.map((row) => row.id).filter((id) => stored.has(id));
  }

  async alertsOfRules(ruleIds: readonly string[]): Promise<AlertDocument[]> {
    const wanted = new Set(ruleIds);
    return (await this.list())
      .map((alert) => alert.document)
      .filter((document) => wanted.has(String(document[F.ALERT_RULE_RULE_ID])));
  }

  async suppressionTargets(
    instanceIds: readonly string[],
    since: number
  ): Promise<ReadonlyMap<string, SuppressionTarget>> {
    if (instanceIds.length === 0) return new Map();
    const rows = await queryRows(
      this.connection,
      `SELECT document FROM ${ALERTS_TABLE}
        WHERE json_extract_string(document, '$."${F.ALERT_INSTANCE_ID}"') IN ${STRING_LIST_RELATION}
          AND workflow_status <> 'closed'`,
      [stringListParam(instanceIds)]
    );
    return newestSuppressionTargets(
      rows.map((row) => JSON.parse(storedText(row.document)) as AlertDocument),
      since
    );
  }

  async extendSuppression(updates: readonly SuppressionUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await this.connection.run('BEGIN TRANSACTION');
    try {
      for (const update of updates) {
        const [row] = await queryRows(
          this.connection,
          `SELECT document FROM ${ALERTS_TABLE} WHERE id = ?`,
          [update.id]
        );
        if (row === undefined) throw new Error(`No stored alert ${update.id} to extend`);
        const document = JSON.parse(storedText(row.document)) as Record<string, unknown>;
        await this.connection.run(`UPDATE ${ALERTS_TABLE} SET document = ? WHERE id = ?`, [
          JSON.stringify({
            ...document,
            [F.ALERT_SUPPRESSION_DOCS_COUNT]: update.docsCount,
            ...(update.suppressionStart === undefined
              ? {}
              : { [F.ALERT_SUPPRESSION_START]: update.suppressionStart }),
            [F.ALERT_SUPPRESSION_END]: update.suppressionEnd,
            [F.ALERT_LAST_DETECTED]: update.lastDetected,
          }),
          update.id,
        ]);
      }
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
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
    const reason = update.status === 'closed' ? (update.reason ?? null) : null;
    const rows = await queryRows(
      this.connection,
      `UPDATE ${ALERTS_TABLE}
          SET workflow_status = ?, workflow_reason = ?, workflow_user = ?, workflow_status_updated_at = ?
        WHERE id IN ${STRING_LIST_RELATION} AND workflow_status <> ?
        RETURNING id`,
      [
        update.status,
        reason,
        update.user,
        update.at.getTime(),
        stringListParam(update.ids),
        update.status,
      ]
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
  const reason = row.workflow_reason === null ? null : storedText(row.workflow_reason);
  const user = row.workflow_user === null ? null : storedText(row.workflow_user);
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
      ...(updatedAt === null
        ? {}
        : { [F.ALERT_WORKFLOW_STATUS_UPDATED_AT]: new Date(updatedAt).toISOString() }),
    },
  };
};
