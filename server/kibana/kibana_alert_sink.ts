/**
 * The executor's alert sink inside Kibana: new alerts are reported to the alerting framework's
 * alerts client under their deterministic id (the framework stores it as
 * `kibana.alert.instance.id` and writes the documents after the executor returns). Alerts that
 * earlier executions already wrote are looked up in the rule's alerts index first, as Security
 * Solution's persistence layer does, so overlapping windows never report one twice.
 */
import type { ElasticsearchClient } from '@kbn/core/server';
import type { PublicAlertsClient } from '@kbn/alerting-plugin/server/alerts_client/types';
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import type { AlertSink } from '../new_terms/types';

export const ALERT_INSTANCE_ID = 'kibana.alert.instance.id';
export const NEW_TERMS_ACTION_GROUP = 'default';

/** An alert document as reported: JSON values by dotted field name. */
export type NewTermsAlertData = Record<string, object | string | number | boolean | null>;

export type NewTermsAlertsClient = PublicAlertsClient<NewTermsAlertData, Record<string, unknown>, Record<string, unknown>, typeof NEW_TERMS_ACTION_GROUP>;

/**
 * Fields the framework sets itself and strips from payloads (Kibana's alertFieldMap, except the
 * few it lets rule types set: reason, severity, workflow status, tags, url, index pattern).
 * Leaving them out keeps what we report equal to what will be stored.
 */
export const FRAMEWORK_OWNED_FIELDS: ReadonlySet<string> = new Set([
  '@timestamp',
  'event.action',
  'event.kind',
  F.ALERT_UUID,
  F.ALERT_STATUS,
  F.ALERT_START,
  F.ALERT_LAST_DETECTED,
  F.ALERT_INTENDED_TIMESTAMP,
  F.ALERT_WORKFLOW_TAGS,
  F.ALERT_WORKFLOW_ASSIGNEE_IDS,
  F.ALERT_WORKFLOW_USER,
  F.ALERT_WORKFLOW_STATUS_UPDATED_AT,
  F.SPACE_IDS,
  F.ALERT_RULE_UUID,
  F.ALERT_RULE_NAME,
  F.ALERT_RULE_PARAMETERS,
  F.ALERT_RULE_EXECUTION_UUID,
  F.ALERT_RULE_EXECUTION_TIMESTAMP,
  F.ALERT_RULE_EXECUTION_TYPE,
  'kibana.alert.rule.category',
  'kibana.alert.rule.consumer',
  'kibana.alert.rule.producer',
  'kibana.alert.rule.rule_type_id',
  'kibana.alert.rule.tags',
  'kibana.alert.rule.revision',
]);

/** Alert documents are parsed JSON, so every value is a JSON value (undefined never occurs). */
export const toPayload = (alert: AlertDocument): NewTermsAlertData =>
  Object.fromEntries(Object.entries(alert).filter(([field]) => !FRAMEWORK_OWNED_FIELDS.has(field))) as NewTermsAlertData;

export class KibanaAlertSink implements AlertSink {
  /** Ids reported in this execution: the framework writes them only after the executor returns. */
  private readonly reported = new Set<string>();
  private limitReached = false;

  constructor(
    private readonly alertsClient: NewTermsAlertsClient,
    /** Reads the alerts index (the framework's own writes are internal too). */
    private readonly internalClient: ElasticsearchClient,
    private readonly alertsIndex: string
  ) {}

  async existingIds(ids: readonly string[]): Promise<ReadonlySet<string>> {
    if (ids.length === 0) return new Set();
    const response = await this.internalClient.search<Record<string, unknown>>({
      index: this.alertsIndex,
      ignore_unavailable: true,
      allow_no_indices: true,
      size: ids.length,
      _source: [ALERT_INSTANCE_ID],
      query: { terms: { [ALERT_INSTANCE_ID]: [...ids] } },
    });
    const stored = response.hits.hits.map((hit) => hit._source?.[ALERT_INSTANCE_ID]).filter((id): id is string => typeof id === 'string');
    return new Set([...stored, ...ids.filter((id) => this.reported.has(id))]);
  }

  /** Reports the alerts (up to the framework's per-run limit, which it is told about when hit). */
  async create(alerts: readonly AlertDocument[]): Promise<readonly string[]> {
    const created: string[] = [];
    for (const alert of alerts) {
      const id = String(alert[F.ALERT_UUID]);
      if (this.reported.has(id)) continue;
      if (this.reported.size >= this.alertsClient.getAlertLimitValue()) {
        this.markLimitReached();
        break;
      }
      this.alertsClient.report({ id, actionGroup: NEW_TERMS_ACTION_GROUP, payload: toPayload(alert) });
      this.reported.add(id);
      created.push(id);
    }
    return created;
  }

  private markLimitReached(): void {
    if (this.limitReached) return;
    this.limitReached = true;
    this.alertsClient.setAlertLimitReached(true);
  }
}
