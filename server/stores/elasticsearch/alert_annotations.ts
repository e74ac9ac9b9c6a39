/**
 * Tags, assignees and notes in an Elasticsearch alerts index (ours, or Kibana's alerts-as-data
 * alias). No scripts, as the rest of the store: each alert's current value is read with a realtime
 * multi-get, changed by the same pure functions the embedded store uses, and written back as a
 * partial document conditional on the version read (`if_seq_no`/`if_primary_term`). An alert
 * changed in between is read and changed again, so no concurrent change is lost; updates name each
 * alert's own index, since the index may be an alias over several.
 */
import type {
  BulkOperationContainer,
  MgetMultiGetError,
  GetGetResult,
} from '@elastic/elasticsearch/lib/api/types';
import {
  changedList,
  notesOf,
  type AlertNote,
  type WorkflowListChange,
  type WorkflowListField,
} from '../../../common/alerts/alert_annotations';
import * as F from '../../../common/alerts/field_names';
import type { AlertAnnotations, NotesEdit } from '../store_contract';
import { AlertWriteError } from './alert_write_error';
import type { EsClient } from './es_client';

/** Alerts read and written per request. */
const BATCH_SIZE = 1_000;
/**
 * Reads and writes of an alert changed by someone else meanwhile, before giving up: each round one
 * of the racing writers wins, so this bounds how many may race on one alert.
 */
const MAX_ATTEMPTS = 20;
/** Upper bound of the random wait before a later attempt, per attempt made: racers spread out. */
const BACKOFF_STEP_MS = 20;

const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * BACKOFF_STEP_MS * attempt));
const CONFLICT = 409;

type Source = Record<string, unknown>;

interface AlertLocation {
  readonly index: string;
  readonly id: string;
}

interface VersionedAlert extends AlertLocation {
  readonly seqNo: number;
  readonly primaryTerm: number;
  readonly source: Source;
}

interface WriteOutcome {
  /** Alerts someone else changed since they were read. */
  readonly conflicts: readonly AlertLocation[];
}

const isFound = (doc: GetGetResult<Source> | MgetMultiGetError): doc is GetGetResult<Source> =>
  'found' in doc && doc.found;

const versioned = (doc: GetGetResult<Source>): VersionedAlert[] =>
  doc._seq_no === undefined || doc._primary_term === undefined
    ? []
    : [
        {
          index: doc._index,
          id: doc._id,
          seqNo: doc._seq_no,
          primaryTerm: doc._primary_term,
          source: doc._source ?? {},
        },
      ];

export class EsAlertAnnotations implements AlertAnnotations {
  constructor(
    private readonly client: EsClient,
    private readonly index: string
  ) {}

  async updateWorkflowList(
    ids: readonly string[],
    field: WorkflowListField,
    change: WorkflowListChange
  ): Promise<number> {
    let found = 0;
    for (let start = 0; start < ids.length; start += BATCH_SIZE) {
      const located = await this.locate(ids.slice(start, start + BATCH_SIZE));
      found += located.length;
      await this.rewrite(located, field, (source) => ({
        [field]: changedList(source[field], change),
      }));
    }
    return found;
  }

  async editNotes<T>(
    alertId: string,
    edit: (notes: readonly AlertNote[]) => NotesEdit<T>
  ): Promise<{ readonly result: T } | undefined> {
    const [location] = await this.locate([alertId]);
    if (location === undefined) return undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) await backoff(attempt);
      const [alert] = await this.read([location], F.ALERT_NOTES);
      if (alert === undefined) return undefined;
      const { notes, result } = edit(notesOf(alert.source));
      if (notes === undefined) return { result };
      const outcome = await this.write([{ alert, doc: { [F.ALERT_NOTES]: notes } }]);
      if (outcome.conflicts.length === 0) return { result };
    }
    throw new AlertWriteError([
      `${alertId}: changed by others on each of ${MAX_ATTEMPTS} attempts`,
    ]);
  }

  /** Where each of the ids' alerts lives; ids of no alert are left out. */
  private async locate(ids: readonly string[]): Promise<AlertLocation[]> {
    if (ids.length === 0) return [];
    const response = await this.client.search({
      index: this.index,
      allow_no_indices: true,
      ignore_unavailable: true,
      size: ids.length,
      _source: false,
      track_total_hits: false,
      query: { ids: { values: [...ids] } },
    });
    return response.hits.hits.flatMap((hit) =>
      typeof hit._id === 'string' ? [{ index: hit._index, id: hit._id }] : []
    );
  }

  /** The alerts' current `field` and version, read in real time (not from the last refresh). */
  private async read(alerts: readonly AlertLocation[], field: string): Promise<VersionedAlert[]> {
    if (alerts.length === 0) return [];
    const response = await this.client.mget<Source>({
      docs: alerts.map(({ index, id }) => ({ _index: index, _id: id })),
      _source_includes: [field],
      realtime: true,
    });
    return response.docs.flatMap((doc) => (isFound(doc) ? versioned(doc) : []));
  }

  /** Reads, changes and writes the alerts again until none was changed meanwhile. */
  private async rewrite(
    alerts: readonly AlertLocation[],
    field: string,
    change: (source: Source) => Source
  ): Promise<void> {
    let pending = alerts;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS)
        throw new AlertWriteError(
          pending.map(({ id }) => `${id}: changed by others on each of ${MAX_ATTEMPTS} attempts`)
        );
      if (attempt > 1) await backoff(attempt);
      const current = await this.read(pending, field);
      const outcome = await this.write(
        current.map((alert) => ({ alert, doc: change(alert.source) }))
      );
      pending = outcome.conflicts;
    }
  }

  /** Partial documents, each applied only if its alert is still at the version read. */
  private async write(
    updates: ReadonlyArray<{ readonly alert: VersionedAlert; readonly doc: Source }>
  ): Promise<WriteOutcome> {
    if (updates.length === 0) return { conflicts: [] };
    const operations: Array<BulkOperationContainer | { doc: Source }> = updates.flatMap(
      ({ alert, doc }) => [
        {
          update: {
            _index: alert.index,
            _id: alert.id,
            if_seq_no: alert.seqNo,
            if_primary_term: alert.primaryTerm,
          },
        },
        { doc },
      ]
    );
    const response = await this.client.bulk({ operations, refresh: 'wait_for' });
    const conflicts: AlertLocation[] = [];
    const failures: string[] = [];
    response.items.forEach((item, at) => {
      const result = item.update;
      const alert = updates[at]?.alert;
      if (result?.error === undefined || alert === undefined) return;
      if (result.status === CONFLICT) conflicts.push({ index: alert.index, id: alert.id });
      else failures.push(`${alert.id}: ${JSON.stringify(result.error)}`);
    });
    if (failures.length > 0) throw new AlertWriteError(failures);
    return { conflicts };
  }
}
