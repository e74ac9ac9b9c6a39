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
import { FRAMEWORK_STRIPPED_FIELDS } from './alert_field_map';
import type { AlertSink } from '../stores/store_contract';

export const NEW_TERMS_ACTION_GROUP = 'default';

/** An alert document as reported: JSON values by dotted field name. */
export type NewTermsAlertData = Record<string, object | string | number | boolean | null>;

export type NewTermsAlertsClient = PublicAlertsClient<
  NewTermsAlertData,
  Record<string, unknown>,
  Record<string, unknown>,
  typeof NEW_TERMS_ACTION_GROUP
>;

/**
 * Fields the framework strips from every payload (Kibana's alert field map, except the few a rule
 * type may set — see alert_field_map.ts): leaving them out keeps what we report equal to what
 * Kibana stores, so nothing we rely on is silently dropped.
 */
export const FRAMEWORK_OWNED_FIELDS: ReadonlySet<string> = new Set(FRAMEWORK_STRIPPED_FIELDS);

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `document` without the nested path `segments` (copying only the objects along it). */
const withoutPath = (document: JsonObject, [head, ...rest]: readonly string[]): JsonObject => {
  if (head === undefined || !(head in document)) return document;
  if (rest.length === 0) {
    const others = { ...document };
    delete others[head];
    return others;
  }
  const child = document[head];
  return isObject(child) ? { ...document, [head]: withoutPath(child, rest) } : document;
};

/**
 * Removes `field` the way the framework does (lodash `omit`): the dotted key itself when the
 * document has it, otherwise the nested path (`{ event: { action } }` for `event.action`).
 */
const withoutField = (document: JsonObject, field: string): JsonObject =>
  field in document ? withoutPath(document, [field]) : withoutPath(document, field.split('.'));

/** Alert documents are parsed JSON, so every value is a JSON value (undefined never occurs). */
export const toPayload = (alert: AlertDocument): NewTermsAlertData =>
  [...FRAMEWORK_OWNED_FIELDS].reduce<JsonObject>(
    (document, field) => withoutField(document, field),
    { ...alert }
  ) as NewTermsAlertData;

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
      _source: [F.ALERT_INSTANCE_ID],
      query: { terms: { [F.ALERT_INSTANCE_ID]: [...ids] } },
    });
    const stored = response.hits.hits
      .map((hit) => hit._source?.[F.ALERT_INSTANCE_ID])
      .filter((id): id is string => typeof id === 'string');
    return new Set([...stored, ...ids.filter((id) => this.reported.has(id))]);
  }

  /**
   * Reports the alerts, up to the framework's per-run limit. Having asked for the limit, the sink
   * always answers whether it was reached: Kibana fails the run otherwise ("Rule has not reported
   * whether alert limit has been reached after requesting limit value!").
   */
  async create(alerts: readonly AlertDocument[]): Promise<readonly string[]> {
    const created: string[] = [];
    const pending = alerts.filter((alert) => !this.reported.has(String(alert[F.ALERT_UUID])));
    if (pending.length === 0) return created;
    const limit = this.alertsClient.getAlertLimitValue();
    for (const alert of pending) {
      const id = String(alert[F.ALERT_UUID]);
      if (this.reported.has(id)) continue;
      if (this.reported.size >= limit) {
        this.limitReached = true;
        break;
      }
      this.alertsClient.report({
        id,
        actionGroup: NEW_TERMS_ACTION_GROUP,
        payload: toPayload(alert),
      });
      this.reported.add(id);
      created.push(id);
    }
    this.alertsClient.setAlertLimitReached(this.limitReached);
    return created;
  }
}
