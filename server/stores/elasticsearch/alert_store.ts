/**
 * Alerts in Elasticsearch. Written with the bulk `create` op under their deterministic id, so a
 * retried or overlapping run never duplicates an alert (a 409 means "already there"). Workflow
 * status changes are partial-document updates by id (no scripts), for given ids or for the ids
 * a query selects, as Security Solution's "set alert status" does.
 *
 * Requests follow the store's `RetryPolicy` (resilient_client.ts). Alert writes retry on their
 * own: a bulk answered 200 can still reject items with 429 (a full write queue), and only those
 * items are sent again; a bulk whose answer was lost (reset, timeout) is sent again whole, and
 * its 409s then are this run's own writes.
 */
import type {
  BulkOperationContainer,
  BulkResponse,
  QueryDslQueryContainer,
} from '@elastic/elasticsearch/lib/api/types';
import type { EsClient } from './es_client';
import type { AlertDocument } from '../../../common/alerts/alert_document';
import * as F from '../../../common/alerts/field_names';
import type { ClosingReason, WorkflowStatus } from '../../../common/alerts/workflow_status';
import { storedText } from '../stored_text';
import { IncompleteAlertWriteError } from '../../new_terms/incomplete_alert_write_error';
import { alertsIndexName, alertsIndexTemplate } from './alerts_index';
import { AlertWriteError } from './alert_write_error';
import { perAttemptOptions, resilientClient } from './resilient_client';
import {
  DEFAULT_RETRY_POLICY,
  RETRYABLE_STATUSES,
  withRetries,
  type RetryPolicy,
} from './retry_policy';
import { RetryableError } from './retryable_error';
import type {
  AlertFilter,
  AlertStore,
  SuppressionTarget,
  SuppressionUpdate,
} from '../store_contract';
import { alertFilterQuery } from './alert_queries';
import { newestSuppressionTargets } from '../suppression_targets';
import { errorMessage } from '../../../common/error_message';

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

/** The composite aggregation `countsByRule` pages through. */
interface RuleCountsAggregation {
  readonly rules: {
    readonly buckets: ReadonlyArray<{
      readonly key: Record<string, string | number>;
      readonly doc_count: number;
    }>;
    readonly after_key?: Record<string, string | number>;
  };
}

const CONFLICT = 409;
const PAGE_SIZE = 1_000;

export class EsAlertStore implements AlertStore {
  private readonly client: EsClient;
  private templatePut: Promise<void> | undefined;

  private constructor(
    /** Without the retry wrapper: `create` retries item by item itself. */
    private readonly rawClient: EsClient,
    readonly index: string,
    private readonly retry: RetryPolicy
  ) {
    this.client = resilientClient(rawClient, retry);
  }

  /** Puts the alerts template (idempotent) and returns the store for `spaceId`'s alerts index. */
  static async open(
    client: EsClient,
    spaceId = 'default',
    retry: RetryPolicy = DEFAULT_RETRY_POLICY
  ): Promise<EsAlertStore> {
    const store = EsAlertStore.forSpace(client, spaceId, retry);
    await store.putTemplate();
    return store;
  }

  /** The store for `spaceId`'s alerts index without a request yet: the template is put before the first write. */
  static forSpace(
    client: EsClient,
    spaceId = 'default',
    retry: RetryPolicy = DEFAULT_RETRY_POLICY
  ): EsAlertStore {
    return new EsAlertStore(client, alertsIndexName(spaceId), retry);
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
    return new Set(
      response.hits.hits.map((hit) => hit._id).filter((id): id is string => typeof id === 'string')
    );
  }

  async create(alerts: readonly AlertDocument[]): Promise<readonly string[]> {
    if (alerts.length === 0) return [];
    await this.putTemplate();
    const created = new Set<string>();
    let pending = alerts;
    try {
      await withRetries(
        `alert write to ${this.index}`,
        async (attempt) => {
          const response = await this.rawClient.bulk(
            { operations: this.createOperations(pending), refresh: 'wait_for' },
            perAttemptOptions(this.retry)
          );
          // The caller checked these ids were not stored; a conflict on a retry is our own lost write.
          const outcome = sortCreateItems(response, attempt > 1);
          for (const id of outcome.created) created.add(id);
          if (outcome.failures.length > 0) throw new AlertWriteError(outcome.failures);
          if (outcome.rejected.length > 0) {
            const rejected = new Set(outcome.rejected.map((item) => item.id));
            pending = pending.filter((alert) => rejected.has(String(alert[F.ALERT_UUID])));
            throw rejectedItemsError(outcome.rejected, alerts.length);
          }
        },
        this.retry
      );
    } catch (error) {
      if (created.size === 0) throw error;
      const message = errorMessage(error);
      throw new IncompleteAlertWriteError(
        `${message}; ${created.size} of ${alerts.length} alert(s) were stored`,
        [...created]
      );
    }
    return [...created];
  }

  /** Once per store, again after a failure: the alerts index must be created with its mapping. */
  private putTemplate(): Promise<void> {
    this.templatePut ??= this.rawClient.indices.putIndexTemplate(alertsIndexTemplate()).then(
      () => undefined,
      (error: unknown) => {
        this.templatePut = undefined;
        throw error;
      }
    );
    return this.templatePut;
  }

  private createOperations(
    alerts: readonly AlertDocument[]
  ): Array<BulkOperationContainer | AlertDocument> {
    return alerts.flatMap((alert) => [
      { create: { _index: this.index, _id: String(alert[F.ALERT_UUID]) } },
      alert,
    ]);
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

  async countsByRule(filter: AlertFilter = {}): Promise<ReadonlyMap<string, number>> {
    const counts = new Map<string, number>();
    let after: Record<string, string | number> | undefined;
    for (;;) {
      const response = await this.client.search<unknown, RuleCountsAggregation>({
        index: this.index,
        ignore_unavailable: true,
        allow_no_indices: true,
        size: 0,
        query: alertFilterQuery(filter),
        aggs: {
          rules: {
            composite: {
              size: PAGE_SIZE,
              sources: [{ uuid: { terms: { field: F.ALERT_RULE_UUID } } }],
              ...(after ? { after } : {}),
            },
          },
        },
      });
      const buckets = response.aggregations?.rules.buckets ?? [];
      for (const bucket of buckets) counts.set(String(bucket.key.uuid), bucket.doc_count);
      after = response.aggregations?.rules.after_key;
      if (buckets.length < PAGE_SIZE || after === undefined) return counts;
    }
  }

  async alertsOfRules(ruleIds: readonly string[]): Promise<AlertDocument[]> {
    const alerts = await this.list({ terms: { [F.ALERT_RULE_RULE_ID]: [...ruleIds] } });
    return alerts.map((alert) => alert.document);
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
      for (const hit of hits)
        if (hit._id !== undefined && hit._source !== undefined)
          alerts.push(toStored(hit._id, hit._source));
      if (hits.length < PAGE_SIZE) return alerts;
      searchAfter = hits[hits.length - 1]?.sort as Array<string | number> | undefined;
    }
  }

  /** Sets the workflow status of `ids` (those not already in it); returns how many changed. */
  async setWorkflowStatus(ids: readonly string[], update: WorkflowUpdate): Promise<number> {
    if (ids.length === 0) return 0;
    const changing = (
      await this.list({
        bool: {
          filter: [{ ids: { values: [...ids] } }],
          must_not: [{ term: { [F.ALERT_WORKFLOW_STATUS]: update.status } }],
        },
      })
    ).map((alert) => alert.id);
    return this.applyStatus(changing, update);
  }

  /** The same for every alert `query` selects. */
  async setWorkflowStatusByQuery(
    query: QueryDslQueryContainer,
    update: WorkflowUpdate
  ): Promise<number> {
    const changing = (
      await this.list({
        bool: {
          filter: [query],
          must_not: [{ term: { [F.ALERT_WORKFLOW_STATUS]: update.status } }],
        },
      })
    ).map((alert) => alert.id);
    return this.applyStatus(changing, update);
  }

  async suppressionTargets(
    instanceIds: readonly string[],
    since: number
  ): Promise<ReadonlyMap<string, SuppressionTarget>> {
    if (instanceIds.length === 0) return new Map();
    const stored = await this.list({
      bool: {
        filter: [
          { terms: { [F.ALERT_INSTANCE_ID]: [...instanceIds] } },
          { range: { [F.ALERT_START]: { gte: new Date(since).toISOString() } } },
        ],
        must_not: [{ term: { [F.ALERT_WORKFLOW_STATUS]: 'closed' } }],
      },
    });
    return newestSuppressionTargets(
      stored.map((alert) => alert.document),
      since
    );
  }

  async extendSuppression(updates: readonly SuppressionUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    const operations = updates.flatMap((update) => [
      { update: { _index: this.index, _id: update.id } },
      {
        doc: {
          [F.ALERT_SUPPRESSION_DOCS_COUNT]: update.docsCount,
          ...(update.suppressionStart === undefined
            ? {}
            : { [F.ALERT_SUPPRESSION_START]: update.suppressionStart }),
          [F.ALERT_SUPPRESSION_END]: update.suppressionEnd,
          [F.ALERT_LAST_DETECTED]: update.lastDetected,
        },
      },
    ]);
    const response = await this.client.bulk({ operations, refresh: 'wait_for' });
    const failures = response.items
      .filter((item) => item.update?.error)
      .map((item) => JSON.stringify(item.update?.error));
    if (failures.length > 0) throw new AlertWriteError(failures);
  }

  private async applyStatus(ids: readonly string[], update: WorkflowUpdate): Promise<number> {
    if (ids.length === 0) return 0;
    const doc = {
      [F.ALERT_WORKFLOW_STATUS]: update.status,
      [F.ALERT_WORKFLOW_REASON]: update.status === 'closed' ? (update.reason ?? null) : null,
      [F.ALERT_WORKFLOW_USER]: update.user,
      [F.ALERT_WORKFLOW_STATUS_UPDATED_AT]: update.at.toISOString(),
    };
    const operations: Array<BulkOperationContainer | { doc: typeof doc }> = ids.flatMap((id) => [
      { update: { _index: this.index, _id: id } },
      { doc },
    ]);
    const response = await this.client.bulk({ operations, refresh: 'wait_for' });
    const failures = response.items
      .filter((item) => item.update?.error)
      .map((item) => JSON.stringify(item.update?.error));
    if (failures.length > 0) throw new AlertWriteError(failures);
    return ids.length;
  }
}

interface RejectedItem {
  readonly id: string;
  readonly status: number;
  readonly reason: string;
}

interface CreateOutcome {
  readonly created: readonly string[];
  /** Items refused for now (429, 503): worth sending again. */
  readonly rejected: readonly RejectedItem[];
  /** Items refused for good (a mapping error, say). */
  readonly failures: readonly string[];
}

const sortCreateItems = (response: BulkResponse, conflictsAreOurs: boolean): CreateOutcome => {
  const created: string[] = [];
  const rejected: RejectedItem[] = [];
  const failures: string[] = [];
  for (const item of response.items) {
    const result = item.create;
    if (result === undefined || typeof result._id !== 'string') continue;
    // Already stored: by an earlier or overlapping run (not ours), or by this call's lost attempt.
    if (result.status === CONFLICT) {
      if (conflictsAreOurs) created.push(result._id);
      continue;
    }
    const reason = result.error ? `${result.error.type}: ${result.error.reason ?? ''}` : '';
    if (result.error && RETRYABLE_STATUSES.has(result.status))
      rejected.push({ id: result._id, status: result.status, reason });
    else if (result.error) failures.push(`${result._id}: ${reason}`);
    else created.push(result._id);
  }
  return { created, rejected, failures };
};

const rejectedItemsError = (rejected: readonly RejectedItem[], total: number): RetryableError => {
  const [first] = rejected;
  const status = first?.status ?? 0;
  return new RetryableError({
    retryable: true,
    status,
    cause: `Elasticsearch rejected ${rejected.length} of ${total} alert(s) with ${status} (${first?.reason ?? 'no reason'})`,
  });
};

const toStored = (id: string, document: AlertDocument): EsStoredAlert => ({
  id,
  workflowStatus: storedText(document[F.ALERT_WORKFLOW_STATUS] ?? 'open') as WorkflowStatus,
  document,
});
