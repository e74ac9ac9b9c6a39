/**
 * The soak's clients. Each API client loops until the deadline over what an analyst's browser
 * does: alert searches with varying filters, sorts and pages, the histogram, an alert's
 * investigation page, the rule list, and triage (acknowledge, close with a reason, reopen). One
 * uploader posts fresh NDJSON batches meanwhile. Every answer that contradicts what the client
 * knows (a triaged alert reading back another status, an upload not storing every line) is a
 * mismatch, counted like an HTTP error.
 */
import { API_BASE_PATH } from '../../server/routes/api_types';
import { UPLOAD_PATH } from '../../server/standalone/http_server';
import { Random, cumulativeWeights, pickWeighted } from '../../server/sample_data/random';
import type { AlertPool } from './alert_pool';
import type { LoadHttpClient } from './load_http';
import { buildEventBatch, type EventBatch } from './soak_events';
import type { TriageLedger, TriageStatus } from './triage_ledger';
import { ALERT_SORT_FIELDS } from '../../common/api/alerts_api';

const ALERTS_PATH = `${API_BASE_PATH}/alerts`;
const RULES_PATH = `${API_BASE_PATH}/rules`;
const ALERT_UUID = 'kibana.alert.uuid';
const WORKFLOW_STATUS = 'kibana.alert.workflow_status';
const WORKFLOW_REASON = 'kibana.alert.workflow_reason';
/** Pause between one client's requests: a person clicking, not a benchmark spinning. */
const MAX_THINK_MS = 50;
const UPLOAD_PAUSE_MS = 250;
const HOUR_MS = 3_600_000;

const STATUS_FILTERS = [undefined, 'open', 'open,acknowledged', 'acknowledged', 'closed'] as const;
const SEVERITY_FILTERS = [undefined, 'medium', 'high', 'medium,high', 'low,critical'] as const;
const PAGE_SIZES = [10, 25, 50, 100] as const;
const MAX_PAGE = 3;
const HISTOGRAM_SHAPES = [
  { interval: '1m', rangeMs: HOUR_MS },
  { interval: '5m', rangeMs: 6 * HOUR_MS },
  { interval: '1h', rangeMs: 24 * HOUR_MS },
] as const;
const CLOSING_REASONS = ['false_positive', 'acceptable_risk', 'duplicate'] as const;

type Operation = 'search' | 'histogram' | 'detail' | 'rules' | 'triage';
const OPERATIONS: readonly Operation[] = ['search', 'histogram', 'detail', 'rules', 'triage'];
/** Relative frequency of each operation, in OPERATIONS order: mostly reading, a quarter triage. */
const OPERATION_WEIGHTS = cumulativeWeights([35, 10, 20, 10, 25]);

/** The cycle each owned alert goes through: acknowledge, close, reopen. */
const NEXT_STATUS: Readonly<Record<TriageStatus, TriageStatus>> = {
  open: 'acknowledged',
  acknowledged: 'closed',
  closed: 'open',
};

interface AlertPage {
  readonly total: number;
  readonly alerts: ReadonlyArray<Record<string, unknown>>;
}
interface Investigation {
  readonly alert: Record<string, unknown>;
}
interface RuleList {
  readonly rules: ReadonlyArray<{ readonly rule_id: string; readonly enabled: boolean }>;
}
interface UploadSummary {
  readonly stored: number;
  readonly duplicates: number;
  readonly rejectedCount: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface SoakContext {
  readonly http: LoadHttpClient;
  /** Catalog rule ids, for the rule filter. */
  readonly ruleIds: readonly string[];
  readonly clients: number;
  readonly pool: AlertPool;
  readonly ledger: TriageLedger;
  /** Date.now() after which loops stop starting requests. */
  readonly deadline: number;
}

const searchQuery = (rng: Random, ruleIds: readonly string[]): string => {
  const params = new URLSearchParams({
    sort_field: rng.pick(ALERT_SORT_FIELDS),
    sort_order: rng.chance(0.5) ? 'asc' : 'desc',
    per_page: String(rng.pick(PAGE_SIZES)),
    page: String(rng.int(0, MAX_PAGE)),
  });
  const status = rng.pick(STATUS_FILTERS);
  const severity = rng.pick(SEVERITY_FILTERS);
  if (status !== undefined) params.set('status', status);
  if (severity !== undefined) params.set('severity', severity);
  if (rng.chance(0.3)) params.set('rule_id', rng.pick(ruleIds));
  if (rng.chance(0.3)) params.set('from', new Date(Date.now() - HOUR_MS).toISOString());
  return params.toString();
};

const search = async (context: SoakContext, rng: Random): Promise<void> => {
  const page = await context.http.request<AlertPage>('search', {
    method: 'GET',
    path: `${ALERTS_PATH}?${searchQuery(rng, context.ruleIds)}`,
  });
  if (page === undefined) return;
  if (page.alerts.length > page.total)
    context.ledger.mismatch(
      `search returned ${page.alerts.length} alerts of a total of ${page.total}`
    );
  context.pool.add(page.alerts);
};

const histogram = async (context: SoakContext, rng: Random): Promise<void> => {
  const shape = rng.pick(HISTOGRAM_SHAPES);
  const now = Date.now();
  const params = new URLSearchParams({
    interval: shape.interval,
    from: String(now - shape.rangeMs),
    to: String(now),
  });
  await context.http.request('histogram', {
    method: 'GET',
    path: `${ALERTS_PATH}/_histogram?${params.toString()}`,
  });
};

const readAlert = async (
  context: SoakContext,
  id: string
): Promise<Record<string, unknown> | undefined> => {
  const investigation = await context.http.request<Investigation>('detail', {
    method: 'GET',
    path: `${ALERTS_PATH}/${encodeURIComponent(id)}`,
  });
  if (investigation === undefined) return undefined;
  if (investigation.alert[ALERT_UUID] !== id)
    context.ledger.mismatch(`alert ${id} answered with ${String(investigation.alert[ALERT_UUID])}`);
  return investigation.alert;
};

const detail = async (context: SoakContext, rng: Random): Promise<void> => {
  const id = context.pool.pick(rng);
  if (id === undefined) return search(context, rng);
  await readAlert(context, id);
};

const rules = async (context: SoakContext): Promise<void> => {
  const list = await context.http.request<RuleList>('rules', { method: 'GET', path: RULES_PATH });
  if (list !== undefined && !list.rules.every((rule) => rule.enabled))
    context.ledger.mismatch('a rule read back disabled during the soak');
};

/** Moves one alert this client owns to its next status, then reads it back. */
const triage = async (context: SoakContext, rng: Random, owner: number): Promise<void> => {
  const owned = context.pool.owned(owner, context.clients);
  if (owned.length === 0) return search(context, rng);
  const id = rng.pick(owned);
  const status = NEXT_STATUS[context.ledger.statusOf(id)];
  const reason = status === 'closed' ? rng.pick(CLOSING_REASONS) : undefined;
  const answer = await context.http.request<{ updated: number }>('triage', {
    method: 'POST',
    path: `${ALERTS_PATH}/_status`,
    json: { ids: [id], status, ...(reason ? { reason } : {}) },
  });
  if (answer === undefined) return;
  if (answer.updated !== 1)
    context.ledger.mismatch(`setting ${id} to ${status} updated ${answer.updated} alerts`);
  context.ledger.expected.set(id, status);
  context.ledger.triaged++;
  const alert = await readAlert(context, id);
  if (alert === undefined) return;
  if (
    alert[WORKFLOW_STATUS] !== status ||
    (reason !== undefined && alert[WORKFLOW_REASON] !== reason)
  ) {
    context.ledger.mismatch(
      `alert ${id} set to ${status}/${reason ?? '-'} read back ${String(alert[WORKFLOW_STATUS])}/${String(alert[WORKFLOW_REASON])}`
    );
  }
};

const runOperation = (
  operation: Operation,
  context: SoakContext,
  rng: Random,
  owner: number
): Promise<void> => {
  switch (operation) {
    case 'search':
      return search(context, rng);
    case 'histogram':
      return histogram(context, rng);
    case 'detail':
      return detail(context, rng);
    case 'rules':
      return rules(context);
    case 'triage':
      return triage(context, rng, owner);
  }
};

/** One analyst: weighted random operations until the deadline. */
export const runApiClient = async (
  context: SoakContext,
  owner: number,
  seed: number
): Promise<void> => {
  const rng = new Random(seed);
  while (Date.now() < context.deadline) {
    const operation = OPERATIONS[pickWeighted(rng, OPERATION_WEIGHTS)] ?? 'search';
    await runOperation(operation, context, rng, owner);
    await sleep(rng.int(0, MAX_THINK_MS));
  }
};

export interface UploadTally {
  batches: number;
  sent: number;
  stored: number;
  plantedTerms: number;
}

export const newUploadTally = (): UploadTally => ({
  batches: 0,
  sent: 0,
  stored: 0,
  plantedTerms: 0,
});

/** Posts one batch; every line must be stored (the ids are fresh, the documents valid). */
export const uploadBatch = async (
  context: Pick<SoakContext, 'http' | 'ledger'>,
  tally: UploadTally,
  batch: EventBatch,
  name: string
): Promise<void> => {
  tally.batches++;
  tally.sent += batch.count;
  tally.plantedTerms += batch.plantedTerms;
  const summary = await context.http.request<UploadSummary>('upload', {
    method: 'POST',
    path: `${UPLOAD_PATH}?name=${encodeURIComponent(name)}`,
    ndjson: batch.ndjson,
  });
  if (summary === undefined) return;
  tally.stored += summary.stored;
  if (summary.stored !== batch.count) {
    context.ledger.mismatch(
      `${name}: ${summary.stored} of ${batch.count} stored (${summary.duplicates} duplicates, ${summary.rejectedCount} rejected)`
    );
  }
};

export interface UploaderOptions {
  readonly batchEvents: number;
  readonly newTermsPerBatch: number;
  /** Batch numbers continue from here, so every batch's ids are fresh. */
  readonly firstBatch: number;
}

/** The ingest side: fresh batches, back to back with a short pause, until the deadline. */
export const runUploader = async (
  context: SoakContext,
  tally: UploadTally,
  options: UploaderOptions
): Promise<void> => {
  for (let batch = options.firstBatch; Date.now() < context.deadline; batch++) {
    const events = buildEventBatch(batch, {
      size: options.batchEvents,
      newTerms: options.newTermsPerBatch,
      now: new Date(),
    });
    await uploadBatch(context, tally, events, `soak-${batch}.ndjson`);
    await sleep(UPLOAD_PAUSE_MS);
  }
};
