/**
 * Alerts in Elasticsearch. Written with the bulk `create` op under their deterministic id, so a
 * retried or overlapping run never duplicates an alert (a 409 means "already there"). Workflow
 * status changes are partial-document updates by id (no scripts), for given ids or for the ids
 * a query selects, as Security Solution's "set alert status" does.
 */
import type { EsClient } from './es_client';
import type { BulkOperationContainer, BulkResponse, QueryDslQueryContainer } from '@elastic/elasticsearch/lib/api/types';
import type { AlertDocument } from '../../../common/alerts/alert_document';
import * as F from '../../../common/alerts/field_names';
import type { ClosingReason, WorkflowStatus } from '../../../common/alerts/workflow_status';
import type { AlertSink } from '../../new_terms/types';
import { alertsIndexName, alertsIndexTemplate } from './alerts_index';

export interface EsStoredAlert {
  readonly id: string;
  readonly workflowStatus: WorkflowStatus;
  readonly document: AlertDocument;
}

export interface WorkflowUpdate {
  readonly status: WorkflowStatus;
  readonly reason?: ClosingReason;
  readonly user: string;
  readonly at: Date;
}

const CONFLICT = 409;
const PAGE_SIZE = 1_000;

export class AlertWriteError extends Error {
  constructor(failures: readonly string[]) {
    super(`Elasticsearch refused ${failures.length} alert(s): ${failures.slice(0, 3).join('; ')}`);
    this.name = 'AlertWriteError';
  }
}

export class EsAlertStore implements AlertSink {
  private constructor(
    private readonly client: EsClient,
    readonly index: string
  ) {}

  /** Puts the alerts template (idempotent) and returns the store for `spaceId`'s alerts index. */
  static async open(client: EsClient, spaceId = 'default'): Promise<EsAlertStore> {
    await client.indices.putIndexTemplate(alertsIndexTemplate());
    return new EsAlertStore(client, alertsIndexName(spaceId));
  }

  async existingIds(ids: readonly string[]): Promise<ReadonlySet<string>> {
    if (ids.length === 0) return new Set();
    const response = await this.client.search({
      index: this.index,
      ignore_unavailable: true,
      allow_no_indices: true,
      size: ids.length,
      _source: false,
      query: { ids: { values: [...ids] } },
    });
    return new Set(response.hits.hits.map((hit) => hit._id).filter((id): id is string => typeof id === 'string'));
  }

  async create(alerts: readonly AlertDocument[]): Promise<readonly string[]> {
    if (alerts.length === 0) return [];
    const operations = alerts.flatMap((alert) => [{ create: { _index: this.index, _id: String(alert[F.ALERT_UUID]) } }, alert]);
    const response = await this.client.bulk({ operations, refresh: 'wait_for' });
    return createdIds(response);
  }

  async get(id: string): Promise<EsStoredAlert | undefined> {
    const response = await this.client.search<AlertDocument>({
      index: this.index,
      ignore_unavailable: true,
      allow_no_indices: true,
      query: { ids: { values: [id] } },
    });
    const hit = response.hits.hits[0];
    return hit?._source === undefined ? undefined : toStored(id, hit._source);
  }

  /** Every alert matching `query` (default all), oldest source event first. */
  async list(query: QueryDslQueryContainer = { match_all: {} }): Promise<EsStoredAlert[]> {
    const alerts: EsStoredAlert[] = [];
    let searchAfter: Array<string | number> | undefined;
    for (;;) {
      const response = await this.client.search<AlertDocument>({
        index: this.index,
        ignore_unavailable: true,
        allow_no_indices: true,
        size: PAGE_SIZE,
        query,
        sort: [{ [F.ALERT_ORIGINAL_TIME]: { order: 'asc' } }, { [F.ALERT_UUID]: { order: 'asc' } }],
        ...(searchAfter ? { search_after: searchAfter } : {}),
      });
      const hits = response.hits.hits;
      for (const hit of hits) if (hit._id !== undefined && hit._source !== undefined) alerts.push(toStored(hit._id, hit._source));
      if (hits.length < PAGE_SIZE) return alerts;
      searchAfter = hits[hits.length - 1]?.sort as Array<string | number> | undefined;
    }
  }

  /** Sets the workflow status of `ids` (those not already in it); returns how many changed. */
  async setWorkflowStatus(ids: readonly string[], update: WorkflowUpdate): Promise<number> {
    if (ids.length === 0) return 0;
    const changing = (await this.list({ bool: { filter: [{ ids: { values: [...ids] } }], must_not: [{ term: { [F.ALERT_WORKFLOW_STATUS]: update.status } }] } })).map(
      (alert) => alert.id
    );
    return this.applyStatus(changing, update);
  }

  /** The same for every alert `query` selects. */
  async setWorkflowStatusByQuery(query: QueryDslQueryContainer, update: WorkflowUpdate): Promise<number> {
    const changing = (await this.list({ bool: { filter: [query], must_not: [{ term: { [F.ALERT_WORKFLOW_STATUS]: update.status } }] } })).map(
      (alert) => alert.id
    );
    return this.applyStatus(changing, update);
  }

  private async applyStatus(ids: readonly string[], update: WorkflowUpdate): Promise<number> {
    if (ids.length === 0) return 0;
    const doc = {
      [F.ALERT_WORKFLOW_STATUS]: update.status,
      [F.ALERT_WORKFLOW_REASON]: update.status === 'closed' ? update.reason ?? null : null,
      [F.ALERT_WORKFLOW_USER]: update.user,
      [F.ALERT_WORKFLOW_STATUS_UPDATED_AT]: update.at.toISOString(),
    };
    const operations: Array<BulkOperationContainer | { doc: typeof doc }> = ids.flatMap((id) => [{ update: { _index: this.index, _id: id } }, { doc }]);
    const response = await this.client.bulk({ operations, refresh: 'wait_for' });
    const failures = response.items.filter((item) => item.update?.error).map((item) => JSON.stringify(item.update?.error));
    if (failures.length > 0) throw new AlertWriteError(failures);
    return ids.length;
  }
}

const createdIds = (response: BulkResponse): string[] => {
  const created: string[] = [];
  const failures: string[] = [];
  for (const item of response.items) {
    const result = item.create;
    if (result === undefined) continue;
    if (result.status === CONFLICT) continue; // already stored by an earlier or overlapping run
    if (result.error) failures.push(`${result._id}: ${result.error.type}: ${result.error.reason ?? ''}`);
    else if (typeof result._id === 'string') created.push(result._id);
  }
  if (failures.length > 0) throw new AlertWriteError(failures);
  return created;
};

const toStored = (id: string, document: AlertDocument): EsStoredAlert => ({
  id,
  workflowStatus: String(document[F.ALERT_WORKFLOW_STATUS] ?? 'open') as WorkflowStatus,
  document,
});
