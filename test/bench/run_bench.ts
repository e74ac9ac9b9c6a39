/**
 * `npm run bench`: the engine's performance figures from one invocation per size — ingest, one
 * execution of each rule (embedded store and a real Elasticsearch side by side, same data, same
 * run), replay of the whole history, KQL parse/compile/match, the alerts API with 100,000
 * alerts stored, and ingest and `ctd scan` against DuckDB's own NDJSON reader on the same file
 * (the floors), each checked against the targets in targets.ts.
 *
 * Each measurement runs in its own process (so peak RSS is its own); each figure is the median of
 * several runs after a warm-up, with min and max. Results print as Markdown and are appended to
 * docs/benchmark_history.md with the date, machine, versions and method (not with --no-append);
 * BENCHMARKS.md keeps only the current figures, copied from there by hand. The work
 * directory keeps the generated NDJSON files, ingested stores and the alerts store, and reuses them
 * when the same size is asked again. Never part of `npm test`.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Command } from 'commander';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { DEFAULT_END, generateEvents, writeNdjson } from '../../server/sample_data';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { queryRows } from '../../server/stores/duckdb/sql_values';
import { EVENTS_INDEX_PATTERNS } from '../../server/stores/elasticsearch/bulk_ingest';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import {
  benchRules,
  THREE_FIELD_QUERY,
  WIDE_FROM,
  WIDE_MAX_SIGNALS,
  windowLabel,
  type BenchRule,
} from './bench_rules';
import type {
  ApiMeasurement,
  BenchTask,
  EsIngestMeasurement,
  EsTarget,
  ExecuteMeasurement,
  IngestMeasurement,
  KqlMeasurement,
  ReplayMeasurement,
} from './bench_task';
import { checkedOutCommit, describeBuild, readBuildStamp } from './build_stamp';
import { fingerprintOf, isCached, readMarker, removeCached, writeMarker } from './cache';
import { floorRatios } from './floor_ratios';
import type {
  ReaderFloorMeasurement,
  ScanFloorMeasurement,
  StoreFloorMeasurement,
} from './floor_tasks';
import { describeMachine } from './machine';
import { BENCH_PARTS, parseCount, parseCounts, selectParts, type BenchPart } from './options';
import { BENCHMARK_HISTORY_FILE, markdownReport } from './report';
import type {
  ApiFigures,
  ExecutionFigures,
  FloorFigures,
  IngestFigures,
  KqlFigures,
  ReaderFloorFigures,
  ReplayFigures,
  ScanFigures,
  SizeResult,
  StoreExecution,
} from './results';
import type { ScanMeasurement } from './scan_task';
import type { PrepareCeilingMeasurement } from './prepare_ceiling';
import { ratesPerSecond, spreadOf } from './stats';
import { evaluateTargets } from './targets';

const ROOT = path.join(__dirname, '..', '..', '..');
const TASK_SCRIPT = path.join(__dirname, 'bench_task.js');
const PROVISIONER = path.join(ROOT, 'test', 'elasticsearch', 'provision_elasticsearch.js');
const BYTES_PER_MB = 1024 * 1024;
const MS_PER_SECOND = 1000;
const EMBEDDED_STORE_KIND = 'embedded-store';
const KQL_WARMUP_CALLS = 500;
const KQL_BATCHES = 50;
const TASK_OUTPUT_LIMIT = 64 * BYTES_PER_MB;

interface CliOptions {
  readonly events: string;
  readonly runs: string;
  readonly ingestRuns?: string;
  readonly workDir: string;
  readonly append: boolean;
  readonly only?: string;
  readonly skip?: string;
  readonly skipEs?: boolean;
  readonly esUrl?: string;
  readonly esHeap?: string;
  readonly alerts: string;
  readonly apiRequests: string;
  readonly apiWarmup: string;
  readonly kqlIterations: string;
  readonly matcherEvents: string;
  readonly fresh?: boolean;
}

interface Settings {
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly ingestRuns: number;
  readonly workDir: string;
  readonly parts: ReadonlySet<BenchPart>;
  readonly alerts: number;
  readonly apiRequests: number;
  readonly apiWarmup: number;
  readonly kqlIterations: number;
  readonly matcherEvents: number;
  readonly fresh: boolean;
}

interface ElasticsearchNode extends EsTarget {
  readonly version: string;
  readonly heapMb?: number;
  readonly provisioned: boolean;
  stop(): Promise<void>;
}

/** What test/elasticsearch/provision_elasticsearch.js exports (plain CommonJS, no types). */
interface Provisioner {
  /** `heap`: a JVM size such as `2g` (the test setup default is 512m). */
  startElasticsearch(options?: { readonly stopOnExit?: boolean; readonly heap?: string }): Promise<{
    readonly url: string;
    readonly pid: number;
    readonly version: string;
    stop(): Promise<void>;
  }>;
}

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

const count = (value: number): string => Math.round(value).toLocaleString('en-US');

/** Runs one task in a fresh Node process; the task goes in on stdin, the result comes back as the last stdout line. */
const runTask = <T>(task: BenchTask): T => {
  const child = spawnSync(process.execPath, ['--expose-gc', TASK_SCRIPT], {
    input: JSON.stringify(task),
    encoding: 'utf8',
    maxBuffer: TASK_OUTPUT_LIMIT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (child.error) throw child.error;
  if (child.status !== 0)
    throw new Error(`benchmark task ${task.kind} failed (exit ${child.status ?? child.signal})`);
  const lastLine = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(lastLine) as T;
};

// ---------------------------------------------------------------- sample data and stores

const sampleFile = async (settings: Settings, events: number): Promise<string> => {
  const file = path.join(settings.workDir, `events-${events}.ndjson`);
  if (fs.existsSync(file) && !settings.fresh) {
    log(`reusing ${file}`);
    return file;
  }
  log(`generating ${count(events)} events into ${file} …`);
  const partial = `${file}.partial`;
  await writeNdjson(generateEvents({ totalEvents: events }), partial);
  fs.renameSync(partial, file);
  return file;
};

/** Reads the file once so every measured run starts with it in the page cache. */
const warmPageCache = (file: string): void => {
  const descriptor = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(4 * BYTES_PER_MB);
  try {
    while (fs.readSync(descriptor, buffer, 0, buffer.length, null) > 0);
  } finally {
    fs.closeSync(descriptor);
  }
};

/** Ingests into a scratch directory; the result becomes the cached store of this size. */
const ingestOnce = (file: string, storeDir: string, events: number): IngestMeasurement => {
  const scratch = `${storeDir}.run`;
  fs.rmSync(scratch, { recursive: true, force: true });
  const result = runTask<IngestMeasurement>({ kind: 'ingest', file, dataDir: scratch });
  if (result.rejected > 0) throw new Error(`ingest rejected ${result.rejected} generated events`);
  removeCached(storeDir);
  fs.renameSync(scratch, storeDir);
  writeMarker(storeDir, {
    kind: EMBEDDED_STORE_KIND,
    count: events,
    source: fingerprintOf(file),
    details: { stored: result.stored },
  });
  return result;
};

const measureIngest = (
  file: string,
  storeDir: string,
  events: number,
  runs: number
): IngestFigures => {
  // The cached store is about to be replaced: free its disk space before the runs.
  removeCached(storeDir);
  const measurements: IngestMeasurement[] = [];
  for (let run = 1; run <= runs; run++) {
    const result = ingestOnce(file, storeDir, events);
    log(
      `  ingest ${run}/${runs}: ${count(result.stored)} events in ${(result.durationMs / MS_PER_SECOND).toFixed(1)} s`
    );
    measurements.push(result);
  }
  const seconds = measurements.map((m) => m.durationMs / MS_PER_SECOND);
  const storeBytes = measurements
    .map((m) => m.storeBytes)
    .filter((bytes): bytes is number => bytes !== undefined);
  return {
    store: 'embedded',
    runs,
    stored: measurements[0]?.stored ?? 0,
    seconds: spreadOf(seconds),
    eventsPerSecond: spreadOf(measurements.map((m) => m.stored / (m.durationMs / MS_PER_SECOND))),
    mbPerSecond: spreadOf(
      measurements.map((m) => m.bytes / BYTES_PER_MB / (m.durationMs / MS_PER_SECOND))
    ),
    peakRssMb: spreadOf(measurements.map((m) => m.peakRssMb)),
    ...(storeBytes.length > 0
      ? { storeMb: spreadOf(storeBytes.map((bytes) => bytes / BYTES_PER_MB)) }
      : {}),
  };
};

/** The ingested store of this size, from the cache or (unmeasured) ingested now; returns its event count. */
const ensureStore = (file: string, storeDir: string, events: number): number => {
  const expected = { kind: EMBEDDED_STORE_KIND, count: events, source: fingerprintOf(file) };
  if (isCached(storeDir, expected)) {
    log(`reusing the ingested store ${storeDir}`);
  } else {
    log(
      `no ingested store of ${count(events)} events in the work dir: ingesting once (not measured) …`
    );
    ingestOnce(file, storeDir, events);
  }
  const stored = readMarker(storeDir)?.details?.stored;
  return typeof stored === 'number' ? stored : events;
};

// ---------------------------------------------------------------- floors and scan

/** `runs` results of a task, each from a new process (a cold pass over the file, as a user's). */
const repeatTask = <T>(label: string, runs: number, task: BenchTask): T[] =>
  Array.from({ length: runs }, (_, i) => {
    const result = runTask<T & { durationMs: number }>(task);
    log(`  ${label} ${i + 1}/${runs}: ${(result.durationMs / MS_PER_SECOND).toFixed(2)} s`);
    return result;
  });

const readerFloorFigures = (
  measurements: readonly ReaderFloorMeasurement[]
): ReaderFloorFigures => ({
  runs: measurements.length,
  events: measurements[0]?.events ?? 0,
  seconds: spreadOf(measurements.map((m) => m.durationMs / MS_PER_SECOND)),
  eventsPerSecond: spreadOf(measurements.map((m) => m.events / (m.durationMs / MS_PER_SECOND))),
  peakRssMb: spreadOf(measurements.map((m) => m.peakRssMb)),
});

const scanFigures = (
  measurements: ReadonlyArray<ScanMeasurement | ScanFloorMeasurement>
): ScanFigures => ({
  runs: measurements.length,
  seconds: spreadOf(measurements.map((m) => m.durationMs / MS_PER_SECOND)),
  peakRssMb: spreadOf(measurements.map((m) => m.peakRssMb)),
  rules: measurements[measurements.length - 1]?.rules ?? [],
});

/** DuckDB's reader floors and the one-SQL scan floor on the file, `runs` new processes each. */
const measureFloors = (settings: Settings, file: string, events: number): FloorFigures => {
  const runs = settings.ingestRuns;
  const tempDir = path.join(settings.workDir, 'floor-tmp');
  const storeFile = path.join(settings.workDir, `floor-store-${events}.duckdb`);
  log(`DuckDB's own NDJSON reader on the same file (${runs} runs each, new processes)`);
  const parse = repeatTask<ReaderFloorMeasurement>('floor 1 (parse)', runs, {
    kind: 'floor-parse',
    file,
    tempDir,
  });
  const store = repeatTask<StoreFloorMeasurement>('floor 2 (columns + zstd line)', runs, {
    kind: 'floor-store',
    file,
    tempDir,
    storeFile,
  });
  const prepare = repeatTask<PrepareCeilingMeasurement>('preparation ceiling (JavaScript)', runs, {
    kind: 'prepare-ceiling',
    file,
  });
  const scan = repeatTask<ScanFloorMeasurement>('scan floor (one SQL)', runs, {
    kind: 'scan-floor',
    file,
    tempDir,
  });
  fs.rmSync(tempDir, { recursive: true, force: true });
  return {
    parse: readerFloorFigures(parse),
    store: {
      ...readerFloorFigures(store),
      storeMb: spreadOf(store.map((m) => m.storeBytes / BYTES_PER_MB)),
    },
    prepare: readerFloorFigures(prepare),
    scan: scanFigures(scan),
  };
};

const measureScan = (settings: Settings, file: string): ScanFigures => {
  const runs = settings.ingestRuns;
  log(`\`ctd scan <file> --json\` (${runs} runs, new processes)`);
  return scanFigures(repeatTask<ScanMeasurement>('scan', runs, { kind: 'scan', file }));
};

// ---------------------------------------------------------------- Elasticsearch

const describeNode = async (url: string): Promise<{ version: string; heapMb?: number }> => {
  const client = createEsClient({ url });
  try {
    const info = await client.nodes.info({ metric: 'jvm' });
    const node = Object.values(info.nodes)[0];
    const heap = node?.jvm?.mem?.heap_max_in_bytes;
    return {
      version: node?.version ?? 'unknown',
      ...(typeof heap === 'number' ? { heapMb: heap / BYTES_PER_MB } : {}),
    };
  } finally {
    await client.close();
  }
};

const HEAP_SIZE = /^(\d+)([mg])$/i;

const startNode = async (
  esUrl: string | undefined,
  heap: string | undefined
): Promise<ElasticsearchNode> => {
  if (esUrl !== undefined) {
    const url = esUrl.replace(/\/+$/, '');
    return { url, provisioned: false, ...(await describeNode(url)), stop: async () => undefined };
  }
  if (heap !== undefined && !HEAP_SIZE.test(heap))
    throw new Error(`--es-heap takes a JVM size such as 512m or 2g (got "${heap}")`);
  log('provisioning a single-node Elasticsearch for the comparison …');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs), loaded by path only when needed
  const provisioner = require(PROVISIONER) as Provisioner;
  const es = await provisioner.startElasticsearch(heap === undefined ? {} : { heap });
  try {
    const described = await describeNode(es.url);
    if (heap !== undefined && described.heapMb !== undefined) {
      const [, amount = '0', unit = 'm'] = HEAP_SIZE.exec(heap) ?? [];
      const askedMb = Number(amount) * (unit.toLowerCase() === 'g' ? 1024 : 1);
      // The JVM reports a little less than -Xmx; anything far off means the provisioner ignored the option.
      if (Math.abs(described.heapMb - askedMb) > askedMb * 0.1) {
        log(
          `warning: asked for a ${heap} heap, the node has ${count(described.heapMb)} MB (the provisioner does not support a heap option yet)`
        );
      }
    }
    return {
      url: es.url,
      pgid: es.pid,
      provisioned: true,
      ...described,
      version: es.version,
      stop: () => es.stop(),
    };
  } catch (error) {
    await es.stop();
    throw error;
  }
};

const esEventCount = async (url: string): Promise<number> => {
  const client = createEsClient({ url });
  try {
    const response = await client.count({
      index: EVENTS_INDEX_PATTERNS.join(','),
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    return response.count;
  } finally {
    await client.close();
  }
};

/** The cluster holds this size's events (reused when it already holds exactly as many); the ingest figure when it ingested. */
const ensureEsEvents = async (
  node: ElasticsearchNode,
  file: string,
  stored: number
): Promise<IngestFigures | undefined> => {
  if ((await esEventCount(node.url)) === stored) {
    log(`Elasticsearch already holds the ${count(stored)} events: reusing them`);
    return undefined;
  }
  log(`ingesting into Elasticsearch (bulk, as \`ctd ingest --es\`) …`);
  const result = runTask<EsIngestMeasurement>({ kind: 'es-ingest', file, es: node });
  if (result.stored !== stored)
    throw new Error(`Elasticsearch stored ${result.stored} events, the embedded store ${stored}`);
  const seconds = result.durationMs / MS_PER_SECOND;
  log(
    `  ${count(result.stored)} events in ${seconds.toFixed(1)} s, force merge ${(result.mergeMs / MS_PER_SECOND).toFixed(1)} s`
  );
  return {
    store: 'elasticsearch',
    runs: 1,
    stored: result.stored,
    seconds: spreadOf([seconds]),
    eventsPerSecond: spreadOf([result.stored / seconds]),
    mbPerSecond: spreadOf([result.bytes / BYTES_PER_MB / seconds]),
    peakRssMb: spreadOf([result.peakRssMb]),
    ...(result.serverPeakRssMb === undefined ? {} : { serverPeakRssMb: result.serverPeakRssMb }),
    note: `1 run: setup for §2, then force-merged to 1 segment in ${(result.mergeMs / MS_PER_SECOND).toFixed(1)} s`,
  };
};

// ---------------------------------------------------------------- the parts

const storeExecution = (measurement: ExecuteMeasurement): StoreExecution => ({
  status: measurement.status,
  ms: spreadOf(measurement.durationsMs),
  firstMs: measurement.firstMs,
  termsEvaluated: measurement.termsEvaluated,
  termsPerSecond: spreadOf(ratesPerSecond(measurement.termsEvaluated, measurement.durationsMs)),
  newTerms: measurement.newTerms,
  alerts: measurement.alerts,
  truncated: measurement.truncated,
  peakRssMb: measurement.peakRssMb,
  ...(measurement.serverPeakRssMb === undefined
    ? {}
    : { serverPeakRssMb: measurement.serverPeakRssMb }),
});

const measureExecution = (
  rule: BenchRule,
  storeDir: string,
  runs: number,
  node: ElasticsearchNode | undefined
): ExecutionFigures => {
  const base = {
    definition: rule.definition,
    startedAt: DEFAULT_END.toISOString(),
    runs,
    dataDir: storeDir,
  };
  log(`one execution of "${rule.label}" (${windowLabel(rule)}): 1 warm-up + ${runs} runs`);
  const embedded = storeExecution(
    runTask<ExecuteMeasurement>({ kind: 'execute', store: 'embedded', ...base })
  );
  log(`  embedded: ${embedded.ms.median.toFixed(1)} ms, ${count(embedded.termsEvaluated)} terms`);
  const elasticsearch =
    node === undefined
      ? undefined
      : storeExecution(
          runTask<ExecuteMeasurement>({
            kind: 'execute',
            store: 'elasticsearch',
            es: node,
            ...base,
          })
        );
  if (elasticsearch)
    log(
      `  Elasticsearch: ${elasticsearch.ms.median.toFixed(1)} ms, ${count(elasticsearch.termsEvaluated)} terms`
    );
  return {
    rule: rule.label,
    kind: rule.kind,
    window: rule.window,
    windowLabel: windowLabel(rule),
    fields: rule.definition.new_terms_fields,
    embedded,
    ...(elasticsearch ? { elasticsearch } : {}),
  };
};

const measureReplays = (storeDir: string, runs: number): ReplayFigures[] =>
  PREBUILT_RULES.map((definition) => {
    log(`replay of "${definition.name}" over the whole history: 1 warm-up + ${runs} runs`);
    const result = runTask<ReplayMeasurement>({
      kind: 'replay',
      dataDir: storeDir,
      ruleId: definition.rule_id,
      runs,
    });
    return {
      rule: definition.name,
      seconds: spreadOf(result.durationsMs.map((ms) => ms / MS_PER_SECOND)),
      scheduledWindows: result.scheduledWindows,
      executedWindows: result.executedWindows,
      alerts: result.alerts,
      peakRssMb: result.peakRssMb,
      errors: result.errors,
    };
  });

const KQL_QUERIES = [
  ...PREBUILT_RULES.map((rule, i) => ({
    label: `seed ${String.fromCharCode(65 + i)} (${rule.name})`,
    query: rule.query,
  })),
  { label: 'bench 3-field rule', query: THREE_FIELD_QUERY },
];

const measureKql = (
  settings: Settings,
  file: string,
  storeDir: string,
  events: number
): KqlFigures[] => {
  const perBatch = Math.max(1, Math.round(settings.kqlIterations / KQL_BATCHES));
  const matcherEvents = Math.min(events, settings.matcherEvents);
  log(
    `KQL: ${KQL_BATCHES} × ${perBatch} parse/compile calls per query; matcher over ${count(matcherEvents)} events × ${settings.runs} runs`
  );
  const result = runTask<KqlMeasurement>({
    kind: 'kql',
    dataDir: storeDir,
    file,
    queries: KQL_QUERIES,
    sampling: { warmup: KQL_WARMUP_CALLS, batches: KQL_BATCHES, perBatch },
    runs: settings.runs,
    matcherEvents,
  });
  return result.queries.map((query) => ({
    label: query.label,
    query: query.query,
    parseUs: spreadOf(query.parseUs),
    dslUs: spreadOf(query.dslUs),
    sqlUs: spreadOf(query.sqlUs),
    matcherDocsPerSecond: spreadOf(ratesPerSecond(result.documents, query.matcherMs)),
    documents: result.documents,
    matched: query.matched,
  }));
};

const benchSize = async (
  settings: Settings,
  events: number,
  node: ElasticsearchNode | undefined
): Promise<SizeResult> => {
  const { parts, runs } = settings;
  const file = await sampleFile(settings, events);
  warmPageCache(file);
  const storeDir = path.join(settings.workDir, `store-${events}`);
  if (settings.fresh) removeCached(storeDir);
  const ingest: IngestFigures[] = [];
  if (parts.has('ingest')) {
    log(
      `ingest of ${count(events)} events (${settings.ingestRuns} runs, each a new process writing a new store)`
    );
    ingest.push(measureIngest(file, storeDir, events, settings.ingestRuns));
  }
  const floors = parts.has('floors') ? measureFloors(settings, file, events) : undefined;
  const scan = parts.has('scan') ? measureScan(settings, file) : undefined;
  const needsStore = parts.has('execute') || parts.has('replay') || parts.has('kql');
  const stored = needsStore ? ensureStore(file, storeDir, events) : 0;
  const executions: ExecutionFigures[] = [];
  if (parts.has('execute')) {
    if (node) {
      const esIngest = await ensureEsEvents(node, file, stored);
      if (esIngest) ingest.push(esIngest);
    }
    for (const rule of benchRules()) executions.push(measureExecution(rule, storeDir, runs, node));
  }
  const fileMb = fs.statSync(file).size / BYTES_PER_MB;
  return {
    events,
    fileMb,
    ingest,
    executions,
    replays: parts.has('replay') ? measureReplays(storeDir, runs) : [],
    kql: parts.has('kql') ? measureKql(settings, file, storeDir, events) : [],
    ...(floors ? { floors } : {}),
    ...(scan ? { scan } : {}),
    ...(floors || scan ? { ratios: floorRatios({ fileMb, ingest, floors, scan }) } : {}),
  };
};

const benchApi = (settings: Settings): ApiFigures => {
  const dataDir = path.join(settings.workDir, `alerts-${settings.alerts}`);
  if (settings.fresh) removeCached(dataDir);
  log(
    `alerts API: ${count(settings.alerts)} alerts, ${settings.apiWarmup} warm-up + ${settings.apiRequests} requests each`
  );
  const result = runTask<ApiMeasurement>({
    kind: 'api',
    dataDir,
    alerts: settings.alerts,
    warmup: settings.apiWarmup,
    requests: settings.apiRequests,
    end: DEFAULT_END.toISOString(),
  });
  if (result.prepared === 'inserted')
    log(
      `  inserted the alerts in ${(result.insertMs / MS_PER_SECOND).toFixed(1)} s (cached for next time)`
    );
  return {
    alerts: result.alerts,
    warmup: settings.apiWarmup,
    requests: result.requests.map((request) => ({
      label: request.label,
      path: request.path,
      ms: spreadOf(request.durationsMs),
      total: request.total,
      returned: request.returned,
    })),
  };
};

// ---------------------------------------------------------------- report

const packageVersion = (name: string): string => {
  try {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')
    ) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
};

const duckDbLibraryVersion = async (): Promise<string> => {
  const store = await EmbeddedStore.open();
  try {
    const rows = await queryRows(store.database.connection, 'SELECT version() AS v');
    const version = rows[0]?.v;
    // version() is VARCHAR, so DuckDB gives a string.
    return typeof version === 'string' ? version : 'unknown';
  } finally {
    store.close();
  }
};

const versionsOf = async (node: ElasticsearchNode | undefined): Promise<string[]> => [
  `Node ${process.version}`,
  `@duckdb/node-api ${packageVersion('@duckdb/node-api')} (DuckDB ${await duckDbLibraryVersion()})`,
  `@elastic/elasticsearch ${packageVersion('@elastic/elasticsearch')}`,
  ...(node
    ? [
        `Elasticsearch ${node.version} (${node.provisioned ? 'single node provisioned by the bench' : `existing cluster ${node.url}`}` +
          `${node.heapMb === undefined ? '' : `, ${count(node.heapMb)} MB heap`})`,
      ]
    : []),
  describeBuild(readBuildStamp(path.join(ROOT, 'dist')), checkedOutCommit(ROOT)),
];

const methodOf = (settings: Settings, node: ElasticsearchNode | undefined): string[] => {
  const { parts, runs } = settings;
  const method = [
    `Sample data from the deterministic generator (default seed, 14 days ending ${DEFAULT_END.toISOString()}). ` +
      `Every measurement runs in a new Node process, so peak RSS (\`maxRSS\`) is its own. Figures: median (min–max) of ${runs} ` +
      'measured runs after a warm-up unless a row says otherwise. The work directory keeps NDJSON files and ingested stores, ' +
      'reused when the same size is asked again.',
  ];
  if (parts.has('ingest')) {
    method.push(
      `**Ingest**: ${settings.ingestRuns} run(s), each a new process writing a new store file through \`EmbeddedStore.open(dir)\` + ` +
        '`ingest`, with the NDJSON file already in the page cache; events/s counts stored events, MB/s NDJSON bytes read.'
    );
  }
  if (parts.has('execute')) {
    method.push(
      `**Execution**: the rule as \`ctd run\` executes it (\`runNewTermsRule\`, previous run 5 minutes earlier, no gap) at ${DEFAULT_END.toISOString()}, ` +
        'one unmeasured warm-up execution first, alerts cleared before every execution. "Scheduled" is the rule\'s own window (now-9m..now); ' +
        `"wide" is the same rule with from=${WIDE_FROM} (history still from now-14d) and max_signals ${count(WIDE_MAX_SIGNALS)}, so that ` +
        'terms/s is measured over thousands of terms. Terms evaluated and terms/s are what the executor reports (phase-1 term tuples). ' +
        (node
          ? 'Elasticsearch runs the same executor through its event source and alert index, on the same NDJSON file bulk-ingested as ' +
            '`ctd ingest --es` does and force-merged to one segment; its shard request cache is cleared before every execution. ' +
            'ES peak RSS: the bench process (client) and the JVM (`VmHWM`, reset before the task).'
          : 'Elasticsearch was skipped.')
    );
  }
  if (parts.has('replay')) {
    method.push(
      `**Replay**: \`replayRule(store, rule, { warmup: 0 })\` (\`ctd scan --warmup 0\`) over the whole history of the embedded store, ` +
        'after one unmeasured replay in the same process; alerts cleared before each replay.'
    );
  }
  if (parts.has('kql')) {
    method.push(
      `**KQL**: µs per call of \`fromKueryExpression\`, \`toElasticsearchQuery\` (ECS types) and \`compileKqlToSql\` (the ingested store's ` +
        `columns), median of ${KQL_BATCHES} batches of ${Math.max(1, Math.round(settings.kqlIterations / KQL_BATCHES))} calls after ` +
        `${KQL_WARMUP_CALLS} warm-up calls; matcher: \`createMatcher\` (ECS types) over the generated events (at most the first ` +
        `${count(settings.matcherEvents)}), each chunk of 10,000 parsed once then matched ${runs} times per query after a warm-up pass, ` +
        'only matching timed.'
    );
  }
  if (parts.has('api')) {
    method.push(
      `**Alerts API**: ${count(settings.alerts)} synthetic alerts (the executor's alert documents for generated events, both seed rules, ` +
        '70% open / 20% acknowledged / 10% closed) inserted through `DuckDbAlertStore`, then `GET` of the alerts search route through the ' +
        `real standalone HTTP server from the same process: ${settings.apiWarmup} warm-up then ${settings.apiRequests} timed requests each ` +
        '(full response read).'
    );
  }
  if (parts.has('floors')) {
    method.push(
      `**Floors** (§6): DuckDB's own NDJSON reader on the same file, ${settings.ingestRuns} run(s) each in a new process, ` +
        "`threads` 2, `memory_limit` 1GB, wall from opening DuckDB to the last row read. The needed fields: the rules' query, " +
        'new terms and timestamp fields, what the alerts table shows, and the `data_stream` triple (the index). ' +
        '**Floor 1**: `read_ndjson(file, columns = {…nested STRUCTs…})` with `count`/`sum(len(…))` over every field, so each ' +
        'is extracted. **Floor 2**: each line read whole (`read_csv` with a `\\x01` delimiter, no quoting), parsed once with ' +
        '`from_json` and inserted, the fields as columns and the line as `VARCHAR USING COMPRESSION zstd`, into a new database ' +
        "file (storage version as the store's), then `CHECKPOINT`; size = that file. **Scan floor**: one statement over the lines " +
        "computing both prebuilt rules' alerts: each rule's KQL compiled by the project's `compileKqlToSql` against the flat " +
        "columns, terms first seen at or after data start + the `--warmup auto` warm-up − the rule's lookback, and their " +
        "first events' raw lines (test/bench/scan_floor_sql.ts); building the statement is not timed. **Preparation ceiling**: " +
        "the ingest's own read-and-prepare loop (`preparedLines` under the line guard, as for a new store) over the file on one " +
        'thread, nothing written (test/bench/prepare_ceiling.ts); no ingest of the current design can be faster. Ratios: the ' +
        "embedded ingest's events/s (§1, same invocation) ÷ each reader floor's, the ceiling's ÷ floor 2's; the store's data " +
        'directory ÷ the NDJSON file.'
    );
  }
  if (parts.has('scan')) {
    method.push(
      `**Scan** (§6): \`ctd scan <file> --json\` (default \`--warmup auto\`, scratch store in the OS temp directory) through ` +
        `the compiled CLI's \`runCli\` in a new benchmark process, ${settings.ingestRuns} run(s); wall of the command, peak RSS of ` +
        'the process (which also loaded the benchmark task module), alerts per rule from its JSON.'
    );
  }
  return method;
};

// ---------------------------------------------------------------- main

const parseSettings = (options: CliOptions): Settings => {
  const runs = parseCount(options.runs, '--runs');
  const parts = selectParts(options.only, options.skip);
  const needsEvents = ['ingest', 'execute', 'replay', 'kql', 'floors', 'scan'].some((part) =>
    parts.has(part as BenchPart)
  );
  return {
    sizes: needsEvents ? parseCounts(options.events, '--events') : [],
    runs,
    ingestRuns:
      options.ingestRuns === undefined ? runs : parseCount(options.ingestRuns, '--ingest-runs'),
    workDir: path.resolve(options.workDir),
    parts,
    alerts: parseCount(options.alerts, '--alerts'),
    apiRequests: parseCount(options.apiRequests, '--api-requests'),
    apiWarmup: parseCount(options.apiWarmup, '--api-warmup'),
    kqlIterations: parseCount(options.kqlIterations, '--kql-iterations'),
    matcherEvents: parseCount(options.matcherEvents, '--matcher-events'),
    fresh: options.fresh === true,
  };
};

const main = async (): Promise<void> => {
  const program = new Command('bench')
    .description('the engine benchmarks (BENCHMARKS.md); build first (npm run build)')
    .option(
      '--events <n,...>',
      'event counts to benchmark, comma-separated (20000, 20k, 1M)',
      '1000000'
    )
    .option('--runs <n>', 'measured runs per figure', '3')
    .option(
      '--ingest-runs <n>',
      'measured runs of the whole-file passes: ingest, floors, scan (default: --runs)'
    )
    .option('--only <parts>', `run only these parts: ${BENCH_PARTS.join(',')}`)
    .option('--skip <parts>', 'skip these parts')
    .option('--skip-es', 'no Elasticsearch comparison in the execution part')
    .option(
      '--es-url <url>',
      'use this cluster instead of provisioning one; its logs-endpoint.events.* indices are REPLACED'
    )
    .option(
      '--es-heap <size>',
      'heap of the provisioned node, e.g. 2g (needs provisioner support; the report shows the real heap)'
    )
    .option('--alerts <n>', 'alerts stored for the API part', '100000')
    .option('--api-requests <n>', 'timed requests per API figure', '20')
    .option('--api-warmup <n>', 'warm-up requests per API figure', '5')
    .option('--kql-iterations <n>', 'timed parse/compile calls per query', '5000')
    .option('--matcher-events <n>', 'at most this many events through the KQL matcher', '1000000')
    .option(
      '--work-dir <dir>',
      'where sample files and stores are kept and reused',
      path.join(os.tmpdir(), 'ctd-bench')
    )
    .option('--fresh', 'regenerate and re-ingest instead of reusing the work directory')
    .option('--no-append', `print only; do not append to ${BENCHMARK_HISTORY_FILE}`)
    .parse(process.argv);
  const options = program.opts<CliOptions>();
  const settings = parseSettings(options);
  fs.mkdirSync(settings.workDir, { recursive: true });
  const useEs =
    settings.parts.has('execute') && options.skipEs !== true && settings.sizes.length > 0;
  const node = useEs ? await startNode(options.esUrl, options.esHeap) : undefined;
  const sizes: SizeResult[] = [];
  let api: ApiFigures | undefined;
  let versions: string[];
  try {
    if (node)
      log(
        `Elasticsearch ${node.version} at ${node.url}${node.heapMb === undefined ? '' : ` (${count(node.heapMb)} MB heap)`}`
      );
    for (const events of settings.sizes) sizes.push(await benchSize(settings, events, node));
    if (settings.parts.has('api')) api = benchApi(settings);
    versions = await versionsOf(node);
  } finally {
    await node?.stop();
  }
  const report = markdownReport({
    date: new Date(),
    machine: describeMachine(),
    versions,
    command: ['npm run bench --', ...process.argv.slice(2)].join(' '),
    method: methodOf(settings, node),
    sizes,
    ...(api ? { api } : {}),
    targets: evaluateTargets(sizes, api),
  });
  process.stdout.write(`\n${report}\n`);
  if (options.append) {
    fs.appendFileSync(path.join(ROOT, BENCHMARK_HISTORY_FILE), `\n${report}`);
    log(`appended to ${BENCHMARK_HISTORY_FILE}`);
  }
};

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
