/**
 * One measurement in its own process, so that its peak RSS is its own: the harness spawns this
 * with a task as JSON in argv and reads one JSON result line from stdout (progress goes to stderr).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import readline from 'readline';
import { randomUUID } from 'crypto';
import type { Client } from '@elastic/elasticsearch';
import { ALERT_UUID } from '../../common/alerts/field_names';
import type { WorkflowStatus } from '../../common/alerts/workflow_status';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import { fromKueryExpression } from '../../common/kql/parse';
import { createMatcher } from '../../common/kql/matcher';
import { toElasticsearchQuery } from '../../common/kql/to_dsl';
import { compileKqlToSql } from '../../server/stores/duckdb/kql_to_sql';
import { API_BASE_PATH } from '../../common/api/api_types';
import { PREBUILT_RULES, getPrebuiltRule } from '../../common/rules/catalog';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { fileInput } from '../../server/ingest/ingest_ndjson';
import { DEFAULT_SPACE_ID, type NewTermsRuleInstance } from '../../server/new_terms/rule_instance';
import {
  runNewTermsRule,
  type RuleExecutionResult,
} from '../../server/new_terms/run_new_terms_rule';
import { replayRule } from '../../server/replay/replay_schedule';
import { silentLog } from '../../server/standalone/server_log';
import { startStandaloneServer } from '../../server/standalone/standalone_server';
import { indexedFieldTypes } from '../../server/stores/duckdb/field_catalog';
import { ALERTS_TABLE } from '../../server/stores/duckdb/schema';
import { dropTermHistories } from '../../server/stores/duckdb/term_history';
import { alertsIndexName } from '../../server/stores/elasticsearch/alerts_index';
import { EVENTS_INDEX_PATTERNS } from '../../server/stores/elasticsearch/bulk_ingest';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { openStore } from '../../server/stores/open_store';
import { isCached, removeCached, writeMarker } from './cache';
import { directoryBytes } from './disk_usage';
import { runFloor, type FloorTask } from './floor_tasks';
import { groupPeakRssMb, ownPeakRssMb, resetGroupPeakRss } from './process_memory';
import { sampleOperation, type OperationSampling } from './stats';
import { runScan, type ScanTask } from './scan_task';
import { runPrepareCeiling, type PrepareCeilingTask } from './prepare_ceiling';
import { syntheticAlerts } from './synthetic_alerts';
import type { AlertSink, NewTermsEventSource } from '../../server/stores/store_contract';

export interface IngestTask {
  readonly kind: 'ingest';
  readonly file: string;
  readonly dataDir: string;
}

export interface EsTarget {
  readonly url: string;
  /** Process group of the node when the harness runs it (for the JVM's peak RSS). */
  readonly pgid?: number;
}

export interface EsIngestTask {
  readonly kind: 'es-ingest';
  readonly file: string;
  readonly es: EsTarget;
}

export interface ExecuteTask {
  readonly kind: 'execute';
  readonly store: 'embedded' | 'elasticsearch';
  readonly dataDir: string;
  readonly es?: EsTarget;
  readonly definition: NewTermsRuleDefinition;
  readonly startedAt: string;
  readonly runs: number;
}

export interface ReplayTask {
  readonly kind: 'replay';
  readonly dataDir: string;
  readonly ruleId: string;
  readonly runs: number;
}

export interface KqlTask {
  readonly kind: 'kql';
  readonly dataDir: string;
  readonly file: string;
  readonly queries: ReadonlyArray<{ readonly label: string; readonly query: string }>;
  readonly sampling: OperationSampling;
  /** Matcher passes over the events (after one warm-up pass over the first chunk). */
  readonly runs: number;
  readonly matcherEvents: number;
}

export interface ApiTask {
  readonly kind: 'api';
  readonly dataDir: string;
  readonly alerts: number;
  readonly warmup: number;
  readonly requests: number;
  /** The sample data's end: the filtered request asks for the last days before it. */
  readonly end: string;
}

export type BenchTask =
  | IngestTask
  | EsIngestTask
  | ExecuteTask
  | ReplayTask
  | KqlTask
  | ApiTask
  | FloorTask
  | PrepareCeilingTask
  | ScanTask;

export interface IngestMeasurement {
  readonly durationMs: number;
  readonly stored: number;
  readonly rejected: number;
  readonly bytes: number;
  readonly peakRssMb: number;
  /** Embedded store: the data directory's size once the store is closed. */
  readonly storeBytes?: number;
}

export interface EsIngestMeasurement extends IngestMeasurement {
  readonly mergeMs: number;
  readonly serverPeakRssMb?: number;
}

export interface ExecuteMeasurement {
  readonly durationsMs: readonly number[];
  /** The unmeasured first execution: caches cold; on the embedded store it builds the term history. */
  readonly firstMs: number;
  readonly status: string;
  readonly termsEvaluated: number;
  readonly newTerms: number;
  readonly alerts: number;
  readonly truncated: boolean;
  readonly errors: readonly string[];
  readonly peakRssMb: number;
  readonly serverPeakRssMb?: number;
}

export interface ReplayMeasurement {
  readonly durationsMs: readonly number[];
  readonly scheduledWindows: number;
  readonly executedWindows: number;
  readonly alerts: number;
  readonly errors: readonly string[];
  readonly peakRssMb: number;
}

export interface KqlMeasurement {
  readonly queries: ReadonlyArray<{
    readonly label: string;
    readonly query: string;
    readonly parseUs: readonly number[];
    readonly dslUs: readonly number[];
    readonly sqlUs: readonly number[];
    readonly matcherMs: readonly number[];
    readonly matched: number;
  }>;
  readonly documents: number;
}

export interface ApiMeasurement {
  readonly alerts: number;
  readonly prepared: 'cached' | 'inserted';
  readonly insertMs: number;
  readonly requests: ReadonlyArray<{
    readonly label: string;
    readonly path: string;
    readonly durationsMs: readonly number[];
    readonly total: number;
    readonly returned: number;
  }>;
}

const FIVE_MINUTES_MS = 5 * 60_000;
const DAY_MS = 24 * 3_600_000;
/**
 * Force merge and large bulk refreshes of a million events outlast the client's default timeout.
 * It is the client's own timeout: undici's header timeout comes from it, so a longer per-request
 * `requestTimeout` still failed a 1M force merge after 120 s.
 */
const LONG_REQUEST_TIMEOUT_MS = 60 * 60_000;
const EVENTS_PATTERN = EVENTS_INDEX_PATTERNS.join(',');
const MATCHER_CHUNK = 10_000;
/** Read buffer for the NDJSON documents file: 1 MiB, far fewer reads than the 64 KiB default. */
const DOCUMENTS_READ_BYTES = 1024 * 1024;
const ALERT_INSERT_BATCH = 1_000;
const SYNTHETIC_ALERTS_KIND = 'synthetic-alerts';
/** Fixed rule instance ids, so the cached alerts store and the filtered request agree across runs. */
const SYNTHETIC_RULE_UUIDS = [
  '5f0b7c62-0d6e-4d0e-8a55-3f1f6b7f0a01',
  '5f0b7c62-0d6e-4d0e-8a55-3f1f6b7f0a02',
];
const FILTER_DAYS = 7;

const log = (message: string): void => {
  process.stderr.write(`    ${message}\n`);
};

const esClient = (es: EsTarget, requestTimeoutMs?: number): Client =>
  createEsClient({ url: es.url, ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }) });

// ---------------------------------------------------------------- ingest

const runIngest = async (task: IngestTask): Promise<IngestMeasurement> => {
  const store = await openStore({ kind: 'embedded', dataDir: task.dataDir });
  let measured: Omit<IngestMeasurement, 'storeBytes'>;
  try {
    const began = performance.now();
    const summary = await store.ingest([fileInput(task.file)]);
    measured = {
      durationMs: performance.now() - began,
      stored: summary.stored,
      rejected: summary.rejectedCount,
      bytes: summary.bytesRead,
      peakRssMb: ownPeakRssMb(),
    };
  } finally {
    store.close();
  }
  // Closed: DuckDB has checkpointed, so the size is the store's, not a write-ahead log's.
  return { ...measured, storeBytes: directoryBytes(task.dataDir) };
};

/** Names of the existing indices a pattern matches (deleting by name works whatever `destructive_requires_name` says). */
const indicesMatching = async (client: Client, pattern: string): Promise<string[]> =>
  Object.keys(
    await client.indices.get({
      index: pattern,
      ignore_unavailable: true,
      allow_no_indices: true,
      expand_wildcards: ['open', 'closed'],
    })
  );

/**
 * Replaces the cluster's events with the file's through the bulk ingest `ctd ingest --es` uses,
 * then force-merges them to one segment, as a read-mostly history index would be.
 */
const runEsIngest = async (task: EsIngestTask): Promise<EsIngestMeasurement> => {
  const client = esClient(task.es, LONG_REQUEST_TIMEOUT_MS);
  const store = await openStore({ kind: 'elasticsearch', client });
  try {
    const existing = await indicesMatching(client, EVENTS_PATTERN);
    if (existing.length > 0) await client.indices.delete({ index: existing });
    if (task.es.pgid !== undefined) resetGroupPeakRss(task.es.pgid);
    const began = performance.now();
    const summary = await store.ingest([fileInput(task.file)]);
    const durationMs = performance.now() - began;
    const serverPeakRssMb = task.es.pgid === undefined ? undefined : groupPeakRssMb(task.es.pgid);
    const merging = performance.now();
    await client.indices.forcemerge({ index: EVENTS_PATTERN, max_num_segments: 1 });
    await client.indices.refresh({ index: EVENTS_PATTERN });
    return {
      durationMs,
      stored: summary.stored,
      rejected: summary.rejectedCount,
      bytes: summary.bytesRead,
      peakRssMb: ownPeakRssMb(),
      mergeMs: performance.now() - merging,
      ...(serverPeakRssMb === undefined ? {} : { serverPeakRssMb }),
    };
  } finally {
    await store.close();
  }
};

// ---------------------------------------------------------------- one scheduled execution

interface ExecutionTarget {
  readonly source: NewTermsEventSource;
  readonly sink: AlertSink;
  /** Back to the state before any execution: without the alerts `created` wrote, no cached results. */
  reset(created: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

const embeddedTarget = async (dataDir: string): Promise<ExecutionTarget> => {
  const store = await openStore({ kind: 'embedded', dataDir });
  // Histories persist in the store: without this only the first invocation would pay for the build.
  await dropTermHistories(store.database.connection);
  return {
    source: store.events,
    sink: store.alerts,
    reset: async () => {
      await store.database.connection.run(`DELETE FROM ${ALERTS_TABLE}`);
    },
    close: async () => store.close(),
  };
};

const elasticsearchTarget = async (es: EsTarget): Promise<ExecutionTarget> => {
  const client = esClient(es);
  const store = await openStore({ kind: 'elasticsearch', client, spaceId: DEFAULT_SPACE_ID });
  return {
    source: store.events,
    sink: store.alerts,
    reset: async (created) => {
      // By id: delete_by_query is in a module the minimal test distribution lacks, and deleting the
      // index would make the next execution pay for creating it.
      if (created.length > 0) {
        const index = alertsIndexName(DEFAULT_SPACE_ID);
        await client.bulk({
          operations: created.map((id) => ({ delete: { _index: index, _id: id } })),
          refresh: true,
        });
      }
      // The shard request cache would answer a repeated aggregation without running it.
      await client.indices.clearCache({ index: EVENTS_PATTERN, request: true });
    },
    close: async () => store.close(),
  };
};

/** A warm-up execution first (caches, JIT), then `runs` timed ones, each starting with no alerts. */
const runExecutions = async (task: ExecuteTask): Promise<ExecuteMeasurement> => {
  if (task.store === 'elasticsearch' && task.es === undefined)
    throw new Error('an Elasticsearch execution needs es');
  const target =
    task.store === 'elasticsearch' && task.es
      ? await elasticsearchTarget(task.es)
      : await embeddedTarget(task.dataDir);
  const pgid = task.store === 'elasticsearch' ? task.es?.pgid : undefined;
  if (pgid !== undefined) resetGroupPeakRss(pgid);
  const startedAt = new Date(task.startedAt);
  const rule: NewTermsRuleInstance = {
    uuid: randomUUID(),
    spaceId: DEFAULT_SPACE_ID,
    definition: task.definition,
  };
  const durationsMs: number[] = [];
  let firstMs = 0;
  let last: RuleExecutionResult | undefined;
  try {
    for (let run = 0; run <= task.runs; run++) {
      await target.reset(last?.createdAlertIds ?? []);
      const began = performance.now();
      const result = await runNewTermsRule({
        rule,
        source: target.source,
        sink: target.sink,
        startedAt,
        previousStartedAt: new Date(startedAt.getTime() - FIVE_MINUTES_MS),
        executionId: randomUUID(),
      });
      const elapsed = performance.now() - began;
      if (result.status === 'failed')
        throw new Error(`${task.definition.name} on ${task.store}: ${result.errors.join(' ')}`);
      if (run > 0) durationsMs.push(elapsed);
      else firstMs = elapsed;
      last = result;
    }
  } finally {
    await target.close();
  }
  const serverPeakRssMb = pgid === undefined ? undefined : groupPeakRssMb(pgid);
  return {
    durationsMs,
    firstMs,
    status: last?.status ?? 'failed',
    termsEvaluated: last?.termsEvaluated ?? 0,
    newTerms: last?.windows.reduce((sum, window) => sum + window.newTerms, 0) ?? 0,
    alerts: last?.createdAlertIds.length ?? 0,
    truncated: last?.windows.some((window) => window.truncated) ?? false,
    errors: last?.errors ?? [],
    peakRssMb: ownPeakRssMb(),
    ...(serverPeakRssMb === undefined ? {} : { serverPeakRssMb }),
  };
};

// ---------------------------------------------------------------- replay

/**
 * `ctd scan`'s replay of the whole history (warm-up 0): one unmeasured replay (JIT, DuckDB's
 * buffers and prepared queries), then `runs` timed ones, each starting with no alerts.
 */
const runReplays = async (task: ReplayTask): Promise<ReplayMeasurement> => {
  const definition = getPrebuiltRule(task.ruleId);
  if (definition === undefined) throw new Error(`unknown rule_id ${task.ruleId}`);
  const store = await openStore({ kind: 'embedded', dataDir: task.dataDir });
  const rule: NewTermsRuleInstance = { uuid: randomUUID(), spaceId: DEFAULT_SPACE_ID, definition };
  const durationsMs: number[] = [];
  let scheduledWindows = 0;
  let executedWindows = 0;
  let alerts = 0;
  const errors = new Set<string>();
  try {
    for (let run = 0; run <= task.runs; run++) {
      await store.database.connection.run(`DELETE FROM ${ALERTS_TABLE}`);
      const began = performance.now();
      const summary = await replayRule(store, rule, { warmup: 0 });
      const elapsed = performance.now() - began;
      log(`replay ${run === 0 ? 'warm-up' : `${run}/${task.runs}`}: ${elapsed.toFixed(0)} ms`);
      if (run === 0) continue;
      durationsMs.push(elapsed);
      scheduledWindows = summary.scheduledExecutions;
      executedWindows = summary.executedWindows;
      alerts = summary.alertIds.length;
      summary.errors.forEach((error) => errors.add(error));
    }
  } finally {
    store.close();
  }
  return {
    durationsMs,
    scheduledWindows,
    executedWindows,
    alerts,
    errors: [...errors],
    peakRssMb: ownPeakRssMb(),
  };
};

// ---------------------------------------------------------------- KQL

async function* documentChunks(
  file: string,
  limit: number
): AsyncGenerator<Array<Record<string, unknown>>> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file, { highWaterMark: DOCUMENTS_READ_BYTES }),
    crlfDelay: Infinity,
  });
  let chunk: Array<Record<string, unknown>> = [];
  let taken = 0;
  for await (const line of lines) {
    if (line.trim().length === 0) continue;
    chunk.push(JSON.parse(line) as Record<string, unknown>);
    taken++;
    if (chunk.length === MATCHER_CHUNK) {
      yield chunk;
      chunk = [];
    }
    if (taken >= limit) break;
  }
  lines.close();
  if (chunk.length > 0) yield chunk;
}

interface CompiledQuery {
  readonly label: string;
  readonly query: string;
  readonly parseUs: readonly number[];
  readonly dslUs: readonly number[];
  readonly sqlUs: readonly number[];
  readonly matcher: (doc: Record<string, unknown>) => boolean;
  /** Total matching time of each pass, summed over chunks. */
  readonly matcherMs: number[];
  matched: number;
}

/** Parse and compile timings per query; SQL compiles against the ingested store's columns, as the store does. */
const compileQueries = async (task: KqlTask): Promise<CompiledQuery[]> => {
  const fields = ecsFieldTypes();
  const store = await openStore({ kind: 'embedded', dataDir: task.dataDir });
  try {
    const sqlFields = indexedFieldTypes(store.catalog, store.fieldTypes);
    return task.queries.map(({ label, query }) => {
      const ast = fromKueryExpression(query);
      return {
        label,
        query,
        parseUs: sampleOperation(() => fromKueryExpression(query), task.sampling),
        dslUs: sampleOperation(() => toElasticsearchQuery(ast, fields), task.sampling),
        sqlUs: sampleOperation(
          () => compileKqlToSql(ast, store.catalog, { fields: sqlFields }),
          task.sampling
        ),
        matcher: createMatcher(ast, fields),
        matcherMs: new Array<number>(task.runs).fill(0),
        matched: 0,
      };
    });
  } finally {
    store.close();
  }
};

/**
 * Parse and compile times per query (µs per call, one sample per batch), and the matcher's
 * throughput over the generated events, read in chunks so memory stays flat at any size: each
 * chunk is parsed once, then matched `runs` times per query; only the matching is timed.
 */
const runKql = async (task: KqlTask): Promise<KqlMeasurement> => {
  const compiled = await compileQueries(task);
  let documents = 0;
  let warmedUp = false;
  for await (const chunk of documentChunks(task.file, task.matcherEvents)) {
    for (const query of compiled) {
      if (!warmedUp) for (const doc of chunk) query.matcher(doc);
      for (let run = 0; run < task.runs; run++) {
        let matched = 0;
        const began = performance.now();
        for (const doc of chunk) if (query.matcher(doc)) matched++;
        query.matcherMs[run] = (query.matcherMs[run] ?? 0) + performance.now() - began;
        if (run === 0) query.matched += matched;
      }
    }
    warmedUp = true;
    documents += chunk.length;
  }
  return {
    documents,
    queries: compiled.map(({ label, query, parseUs, dslUs, sqlUs, matcherMs, matched }) => ({
      label,
      query,
      parseUs,
      dslUs,
      sqlUs,
      matcherMs,
      matched,
    })),
  };
};

// ---------------------------------------------------------------- alerts API

const syntheticRules = (): NewTermsRuleInstance[] =>
  PREBUILT_RULES.map((definition, i) => ({
    uuid: SYNTHETIC_RULE_UUIDS[i] ?? randomUUID(),
    spaceId: DEFAULT_SPACE_ID,
    definition,
  }));

/** Inserts `count` synthetic alerts through the alert store, then triages some of them. */
const prepareAlerts = async (dataDir: string, count: number): Promise<void> => {
  removeCached(dataDir);
  const store = await openStore({ kind: 'embedded', dataDir });
  try {
    const byStatus = new Map<WorkflowStatus, string[]>();
    let batch: Array<Record<string, unknown>> = [];
    let inserted = 0;
    const flush = async () => {
      inserted += (await store.alerts.create(batch)).length;
      batch = [];
      if (inserted % (ALERT_INSERT_BATCH * 10) === 0)
        log(`${inserted.toLocaleString('en-US')} alerts inserted`);
    };
    for (const { document, status } of syntheticAlerts(count, syntheticRules())) {
      batch.push(document);
      const ids = byStatus.get(status) ?? [];
      ids.push(String(document[ALERT_UUID]));
      byStatus.set(status, ids);
      if (batch.length === ALERT_INSERT_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    if (inserted !== count)
      throw new Error(`inserted ${inserted} alerts, expected ${count} (duplicate ids?)`);
    for (const [status, ids] of byStatus) {
      if (status === 'open') continue;
      await store.alerts.setWorkflowStatus({
        ids,
        status,
        ...(status === 'closed' ? { reason: 'false_positive' as const } : {}),
        user: 'bench',
        at: new Date(),
      });
    }
    await store.database.connection.run('CHECKPOINT');
  } finally {
    store.close();
  }
  writeMarker(dataDir, { kind: SYNTHETIC_ALERTS_KIND, count });
};

const timedGet = async (
  url: string,
  headers: Record<string, string>
): Promise<{ ms: number; total: number; returned: number }> => {
  const began = performance.now();
  const response = await fetch(url, { headers });
  const text = await response.text();
  const ms = performance.now() - began;
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { total?: number; alerts?: unknown[] };
  return { ms, total: body.total ?? -1, returned: body.alerts?.length ?? 0 };
};

/** First-page latency of the alerts search route through the real standalone HTTP server. */
const runApi = async (task: ApiTask): Promise<ApiMeasurement> => {
  let prepared: ApiMeasurement['prepared'] = 'cached';
  let insertMs = 0;
  if (!isCached(task.dataDir, { kind: SYNTHETIC_ALERTS_KIND, count: task.alerts })) {
    log(`inserting ${task.alerts.toLocaleString('en-US')} synthetic alerts into ${task.dataDir}`);
    const began = performance.now();
    await prepareAlerts(task.dataDir, task.alerts);
    insertMs = performance.now() - began;
    prepared = 'inserted';
  }
  const uiDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-bench-ui-'));
  const server = await startStandaloneServer({
    dataDir: task.dataDir,
    port: 0,
    uiDir,
    sampleData: false,
    schedulerTickMs: DAY_MS,
    log: silentLog(),
  });
  const end = new Date(task.end);
  const ruleId = PREBUILT_RULES[0]?.rule_id ?? '';
  const filtered = new URLSearchParams({
    status: 'open',
    rule_id: ruleId,
    from: new Date(end.getTime() - FILTER_DAYS * DAY_MS).toISOString(),
    to: end.toISOString(),
  });
  const requests = [
    {
      label: 'first page, default sort (@timestamp desc, 25 per page)',
      path: `${API_BASE_PATH}/alerts`,
    },
    {
      label: `filtered: status open, one rule, last ${FILTER_DAYS} days`,
      path: `${API_BASE_PATH}/alerts?${filtered.toString()}`,
    },
  ];
  // A server that requires its API key (bound beyond loopback) says which; on loopback it needs none.
  const { apiKey } = server as { readonly apiKey?: string };
  const headers: Record<string, string> =
    apiKey === undefined ? {} : { authorization: `ApiKey ${apiKey}` };
  try {
    const results = [];
    for (const request of requests) {
      const url = `${server.url}${request.path}`;
      for (let i = 0; i < task.warmup; i++) await timedGet(url, headers);
      const durationsMs: number[] = [];
      let last = { ms: 0, total: 0, returned: 0 };
      for (let i = 0; i < task.requests; i++) {
        last = await timedGet(url, headers);
        durationsMs.push(last.ms);
      }
      results.push({ ...request, durationsMs, total: last.total, returned: last.returned });
    }
    return { alerts: task.alerts, prepared, insertMs, requests: results };
  } finally {
    await server.close();
    fs.rmSync(uiDir, { recursive: true, force: true });
  }
};

// ---------------------------------------------------------------- entry

const run = (task: BenchTask): Promise<unknown> => {
  switch (task.kind) {
    case 'ingest':
      return runIngest(task);
    case 'es-ingest':
      return runEsIngest(task);
    case 'execute':
      return runExecutions(task);
    case 'replay':
      return runReplays(task);
    case 'kql':
      return runKql(task);
    case 'api':
      return runApi(task);
    case 'floor-parse':
    case 'floor-store':
    case 'scan-floor':
      return runFloor(task);
    case 'prepare-ceiling':
      return runPrepareCeiling(task);
    case 'scan':
      return runScan(task);
    default:
      return Promise.reject(new Error(`unknown task ${JSON.stringify(task)}`));
  }
};

const main = async (): Promise<void> => {
  // The harness writes the task to stdin (a rule definition can outgrow a command-line argument).
  const task = JSON.parse(process.argv[2] ?? fs.readFileSync(0, 'utf8')) as BenchTask;
  const result = await run(task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    process.exit(1);
  });
}
