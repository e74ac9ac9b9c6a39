/**
 * Load and soak: the real standalone server on an ephemeral port while 50 API clients
 * search and triage, one uploader ingests fresh events and the scheduler keeps running both
 * rules. Bounded to CTD_SOAK_SECONDS (45 s by default, for CI); set it higher for a longer soak,
 * and CTD_SOAK_REPORT to a file for the figures as JSON.
 *
 * It must finish with no failed request, every uploaded event stored, every triage change read
 * back (during the soak over HTTP, and from the store after the server stopped), RSS under a
 * bound, DuckDB within its memory cap, no memory kept after a full GC beyond what the buffer pool
 * grew, and each rule's scheduled runs leaving no window unsearched. The rules run on the
 * catalog schedule scaled down to 5 s (soak_data_dir.ts says why), so a minute holds ~10 runs.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { API_BASE_PATH, type RuleSummary } from '../../server/routes/api_types';
import { Random } from '../../server/sample_data/random';
import type { ServerLog } from '../../server/standalone/server_log';
import {
  startStandaloneServer,
  type StandaloneServer,
} from '../../server/standalone/standalone_server';
import { AlertPool } from './alert_pool';
import {
  newUploadTally,
  runApiClient,
  runUploader,
  uploadBatch,
  type SoakContext,
  type UploadTally,
} from './load_clients';
import { LoadHttpClient, ROUTE_CLASSES } from './load_http';
import { LoadRecorder, PHASES } from './load_recorder';
import { TriageLedger } from './triage_ledger';
import { duckDbMemoryBytes, duckDbMemoryLimitBytes } from './duckdb_memory';
import { ProcessSampler, collectGarbage, type ProcessTrend } from './process_sampler';
import { probeServiceTimes } from './service_probe';
import { checkSchedule, type ScheduleCheck } from './schedule_check';
import {
  SOAK_INTERVAL_MS,
  SOAK_WINDOW_MS,
  readStoredFacts,
  seedSoakDataDir,
  type StoredFacts,
} from './soak_data_dir';
import { UPLOADED_ID_PREFIX, buildEventBatch } from './soak_events';
import {
  machineFacts,
  memoryFigures,
  publishReport,
  roundedLatency,
  toMb,
  type SoakReport,
} from './soak_report';

const SOAK_SECONDS_ENV = 'CTD_SOAK_SECONDS';
const DEFAULT_SOAK_SECONDS = 45;
const CLIENTS = 50;
/** Generated history the rules' 14-day history phase searches (the sample generator's span). */
const HISTORY_EVENTS = 5_000;
/** The scheduler checks for due rules this often; the default 15 s would be coarser than the scaled 5 s interval. */
const SCHEDULER_TICK_MS = 1_000;
const UPLOAD_BATCH_EVENTS = 50;
/** New terms per soak batch (one per rule): a steady trickle of alerts to triage. */
const NEW_TERMS_PER_BATCH = 2;
/** Before the clock starts: enough alerts that triage starts at once (a client owning none searches until new alerts reach it). */
const WARM_UP_ALERTS = 40;
const WARM_UP_NEW_TERMS = 10;
const WARM_UP_POLL_MS = 1_000;
const WARM_UP_TIMEOUT_MS = 120_000;
const PROCESS_SAMPLE_MS = 500;
const GB = 1024 ** 3;
const MB = 1024 ** 2;
/** The RSS ceiling we hold the server (with its clients) to under this load. */
const RSS_LIMIT_BYTES = 1.5 * GB;
/**
 * How much more RSS may be held after the soak than before it, each measured after a full GC,
 * beyond what DuckDB's buffer pool grew: allocator settling, not a leak. Peaks during the load
 * are reported, not judged: they carry native result memory awaiting a GC (a 30-minute soak
 * peaked at 1192 MB RSS, 822 MB after the GC). DuckDB's share is checked against its own cap:
 * with ingest running, its cache of table data grows to memory_limit by design, and pages it
 * frees may stay with the allocator, so its peak is what the allowance adds.
 */
const RSS_GROWTH_MARGIN_BYTES = 128 * MB;
/** DuckDB prints its limit rounded to a tenth of a unit, and may briefly overshoot by a block while evicting. */
const DUCKDB_LIMIT_TOLERANCE = 1.05;
/** Lets the allocator hand freed pages back before RSS is read after the final GC. */
const SETTLE_AFTER_GC_MS = 1_000;
/** Setup (history, server start) plus warm-up plus the drain of requests in flight at the deadline, on a loaded 2-core machine. */
const FIXED_TIME_BUDGET_MS = 300_000;
const SEED = 7;

interface CapturedLog extends ServerLog {
  readonly warnings: string[];
  readonly errors: string[];
}

const captureLog = (): CapturedLog => {
  const warnings: string[] = [];
  const errors: string[] = [];
  return {
    warnings,
    errors,
    info: () => undefined,
    progress: () => undefined,
    warn: (message) => warnings.push(message),
    error: (message) => errors.push(message),
  };
};

const soakSeconds = (): number => {
  const raw = process.env[SOAK_SECONDS_ENV];
  const seconds = raw === undefined ? DEFAULT_SOAK_SECONDS : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`${SOAK_SECONDS_ENV} must be a positive number of seconds (got ${raw ?? ''})`);
  return seconds;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const listRules = async (client: LoadHttpClient): Promise<readonly RuleSummary[]> =>
  (
    await client.request<{ rules: RuleSummary[] }>('rules', {
      method: 'GET',
      path: `${API_BASE_PATH}/rules`,
    })
  )?.rules ?? [];

const installAndEnable = async (client: LoadHttpClient): Promise<readonly RuleSummary[]> => {
  const answer = await client.request<{ rules: RuleSummary[] }>('rules', {
    method: 'POST',
    path: `${API_BASE_PATH}/rules/_install`,
    json: { enable: true },
  });
  return answer?.rules ?? [];
};

/** Uploads planted batches until the scheduler has turned enough of them into alerts; returns the next free batch number. */
const warmUp = async (context: SoakContext, tally: UploadTally): Promise<number> => {
  const giveUpAt = Date.now() + WARM_UP_TIMEOUT_MS;
  for (let batch = 0; Date.now() < giveUpAt; batch++) {
    await uploadBatch(
      context,
      tally,
      buildEventBatch(batch, {
        size: UPLOAD_BATCH_EVENTS,
        newTerms: WARM_UP_NEW_TERMS,
        now: new Date(),
      }),
      `warm-up-${batch}.ndjson`
    );
    await sleep(WARM_UP_POLL_MS);
    const page = await context.http.request<{
      total: number;
      alerts: Array<Record<string, unknown>>;
    }>('search', { method: 'GET', path: `${API_BASE_PATH}/alerts?per_page=1000` });
    context.pool.add(page?.alerts ?? []);
    if ((page?.total ?? 0) >= WARM_UP_ALERTS) return batch + 1;
  }
  throw new Error(
    `fewer than ${WARM_UP_ALERTS} alerts after ${WARM_UP_TIMEOUT_MS} ms of warm-up: is the scheduler running?`
  );
};

/** Memory once a full GC has run: what is held then is not garbage waiting for a collection. */
interface SettledMemory {
  readonly rssBytes: number;
  readonly duckDbBytes: number;
  readonly outsideDuckDbBytes: number;
}

interface LoadOutcome {
  readonly startedAt: Date;
  readonly seconds: number;
  readonly recorder: LoadRecorder;
  readonly process: ProcessTrend;
  readonly duckDbLimitBytes: number;
  readonly settled: { readonly before: SettledMemory; readonly after: SettledMemory };
}

/** What every client shares; the load adds its own HTTP client and deadline. */
type SoakBase = Omit<SoakContext, 'http' | 'deadline'>;

/**
 * Native DuckDB results are freed only when their JS wrappers are collected, and V8 is not told
 * their size, so between major GCs RSS carries native garbage. Comparing memory after a full GC
 * before and after the load separates a leak from garbage not collected yet.
 */
const settledMemory = async (probe: DuckDBConnection): Promise<SettledMemory> => {
  collectGarbage();
  await sleep(SETTLE_AFTER_GC_MS);
  const duckDbBytes = await duckDbMemoryBytes(probe);
  const rssBytes = process.memoryUsage().rss;
  return { rssBytes, duckDbBytes, outsideDuckDbBytes: rssBytes - duckDbBytes };
};

/** The settled RSS a soak may end with: the settled start, DuckDB's growth up to its peak, and the margin. */
const settledRssAllowance = (before: SettledMemory, duckDbPeakBytes: number): number =>
  before.rssBytes + Math.max(0, duckDbPeakBytes - before.duckDbBytes) + RSS_GROWTH_MARGIN_BYTES;

/** Every client and the uploader until the deadline, memory and CPU sampled throughout. */
const runClients = async (
  context: SoakContext,
  tally: UploadTally,
  firstBatch: number,
  sampler: ProcessSampler
): Promise<ProcessTrend> => {
  const began = Date.now();
  sampler.start();
  const clients = Array.from({ length: CLIENTS }, (_, owner) =>
    runApiClient(context, owner, SEED * 1_000 + owner)
  );
  const uploader = runUploader(context, tally, {
    batchEvents: UPLOAD_BATCH_EVENTS,
    newTermsPerBatch: NEW_TERMS_PER_BATCH,
    firstBatch,
  });
  await Promise.all([...clients, uploader]);
  return sampler.stop(began, context.deadline, PHASES);
};

/** The measured phase, with settled memory on both sides; DuckDB is probed over a second connection so a probe never queues. */
const runLoad = async (
  server: StandaloneServer,
  agent: http.Agent,
  base: SoakBase,
  seconds: number,
  tally: UploadTally,
  firstBatch: number
): Promise<LoadOutcome> => {
  const probe = await server.store.database.instance.connect();
  try {
    const duckDbLimitBytes = await duckDbMemoryLimitBytes(probe);
    const before = await settledMemory(probe);
    const startedAt = new Date();
    const deadline = startedAt.getTime() + seconds * 1000;
    const recorder = new LoadRecorder({ startMs: startedAt.getTime(), endMs: deadline });
    const context: SoakContext = {
      ...base,
      http: new LoadHttpClient(server.url, agent, recorder),
      deadline,
    };
    const trend = await runClients(
      context,
      tally,
      firstBatch,
      new ProcessSampler(PROCESS_SAMPLE_MS, () => duckDbMemoryBytes(probe))
    );
    const elapsedSeconds = (Date.now() - startedAt.getTime()) / 1000;
    const after = await settledMemory(probe);
    return {
      startedAt,
      seconds: elapsedSeconds,
      recorder,
      process: trend,
      duckDbLimitBytes,
      settled: { before, after },
    };
  } finally {
    probe.closeSync();
  }
};

/** Everything measured while the server ran. */
interface Driven {
  readonly enabledAt: number;
  readonly rules: readonly RuleSummary[];
  readonly load: LoadOutcome;
  readonly setupRecorder: LoadRecorder;
  readonly ledger: TriageLedger;
  readonly tally: UploadTally;
  readonly service: SoakReport['service_ms'];
  /** Rules still enabled with a successful last run, read after the load. */
  readonly healthyRules: readonly RuleSummary[];
}

/** Install and enable over the API, warm up, probe service times, load, probe again. */
const driveServer = async (server: StandaloneServer, seconds: number): Promise<Driven> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 2 });
  const setupRecorder = new LoadRecorder();
  const setupClient = new LoadHttpClient(server.url, agent, setupRecorder);
  const tally = newUploadTally();
  try {
    const enabledAt = Date.now();
    const rules = await installAndEnable(setupClient);
    const base: SoakBase = {
      ruleIds: rules.map((rule) => rule.rule_id),
      clients: CLIENTS,
      pool: new AlertPool(),
      ledger: new TriageLedger(),
    };
    const firstBatch = await warmUp(
      { ...base, http: setupClient, deadline: Number.POSITIVE_INFINITY },
      tally
    );
    const probedAlert = base.pool.pick(new Random(SEED)) ?? '';
    const before = await probeServiceTimes(setupClient, probedAlert);
    const load = await runLoad(server, agent, base, seconds, tally, firstBatch);
    const after = await probeServiceTimes(setupClient, probedAlert);
    const healthyRules = (await listRules(setupClient)).filter(
      (rule) => rule.enabled && rule.last_run?.status === 'succeeded'
    );
    return {
      enabledAt,
      rules,
      load,
      setupRecorder,
      ledger: base.ledger,
      tally,
      service: { before, after },
      healthyRules,
    };
  } finally {
    agent.destroy();
  }
};

/** What the stopped server's store kept: each rule's schedule checked, triaged alerts whose status differs. */
const inspectStore = async (dataDir: string, driven: Driven, stoppedAt: number) => {
  const facts = await readStoredFacts(dataDir, UPLOADED_ID_PREFIX);
  const bounds = {
    intervalMs: SOAK_INTERVAL_MS,
    windowMs: SOAK_WINDOW_MS,
    from: driven.enabledAt,
    to: stoppedAt,
  };
  const schedules = new Map(
    driven.rules.map((rule) => [
      rule.name,
      checkSchedule(
        facts.runs.filter((run) => run.ruleUuid === rule.rule_uuid),
        bounds
      ),
    ])
  );
  const staleTriage = [...driven.ledger.expected].filter(
    ([id, status]) => facts.statusOf.get(id) !== status
  );
  return { facts, schedules, staleTriage };
};

const settledFigures = (memory: SettledMemory): SoakReport['settled_mb']['before'] => ({
  rss: toMb(memory.rssBytes),
  duckdb: toMb(memory.duckDbBytes),
  outside_duckdb: toMb(memory.outsideDuckDbBytes),
});

const buildReport = (
  driven: Driven,
  facts: StoredFacts,
  schedules: ReadonlyMap<string, ScheduleCheck>
): SoakReport => {
  const { load, ledger, tally } = driven;
  const { recorder } = load;
  const latency = recorder.summaries();
  return {
    started_at: load.startedAt.toISOString(),
    duration_s: Number(load.seconds.toFixed(1)),
    clients: CLIENTS,
    machine: machineFacts(),
    requests: recorder.requests,
    requests_per_s: Number((recorder.requests / load.seconds).toFixed(1)),
    errors: recorder.errors,
    mismatches: ledger.mismatches,
    phases: recorder.phases().map((phase, i) => ({
      requests_per_s: Number(phase.requests_per_s.toFixed(1)),
      cpu_ms_per_request: Number(
        ((load.process.cpuMsByPhase[i] ?? 0) / Math.max(1, phase.latency.count)).toFixed(2)
      ),
      latency_ms: roundedLatency(phase.latency),
    })),
    latency_ms: Object.fromEntries(
      ROUTE_CLASSES.map((name) => [name, roundedLatency(latency[name])])
    ) as SoakReport['latency_ms'],
    rss_mb: memoryFigures(load.process.rss),
    heap_mb: memoryFigures(load.process.heap),
    duckdb_mb: { ...memoryFigures(load.process.duckDb), limit: toMb(load.duckDbLimitBytes) },
    outside_duckdb_mb: memoryFigures(load.process.outsideDuckDb),
    external_mb: memoryFigures(load.process.external),
    settled_mb: {
      before: settledFigures(load.settled.before),
      after: settledFigures(load.settled.after),
      rss_allowed_after: toMb(
        settledRssAllowance(load.settled.before, load.process.duckDb.peakBytes)
      ),
    },
    service_ms: driven.service,
    uploads: {
      batches: tally.batches,
      events_sent: tally.sent,
      events_stored: tally.stored,
      events_in_store: facts.uploadedEvents,
    },
    triage: { changes: ledger.triaged, alerts_checked_after_restart: ledger.expected.size },
    alerts_in_store: facts.alerts,
    rule_runs: Object.fromEntries(
      [...schedules].map(([name, check]) => [name, { ...check, problems: check.problems.length }])
    ),
  };
};

describe('the standalone server under a soak', () => {
  const seconds = soakSeconds();
  let root: string;
  let dataDir: string;
  let server: StandaloneServer | undefined;
  const log = captureLog();

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-soak-'));
    dataDir = path.join(root, 'data');
    const uiDir = path.join(root, 'ui');
    fs.mkdirSync(uiDir);
    fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><div id="root"></div>');
    await seedSoakDataDir(dataDir, HISTORY_EVENTS, new Date());
    server = await startStandaloneServer({
      dataDir,
      port: 0,
      uiDir,
      sampleData: false,
      schedulerTickMs: SCHEDULER_TICK_MS,
      log,
    });
  }, FIXED_TIME_BUDGET_MS);

  afterAll(async () => {
    await server?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it(
    `serves ${CLIENTS} clients while ingest and scheduled runs continue: no errors, bounded RSS, no window skipped`,
    async () => {
      if (server === undefined) throw new Error('the server did not start');
      const driven = await driveServer(server, seconds);
      const stoppedAt = Date.now();
      await server.close();
      server = undefined;
      const { facts, schedules, staleTriage } = await inspectStore(dataDir, driven, stoppedAt);
      publishReport(buildReport(driven, facts, schedules));

      const { load, setupRecorder, ledger, tally } = driven;
      expect(driven.rules.map((rule) => [rule.installed, rule.enabled])).toEqual([
        [true, true],
        [true, true],
      ]);
      // Everything a failure needs is in one object, so the assertion message says what went wrong.
      expect({
        errors: load.recorder.errorSamples,
        setupErrors: setupRecorder.errorSamples,
        mismatches: ledger.mismatchSamples,
        serverErrors: log.errors,
        scheduleProblems: [...schedules].flatMap(([name, check]) =>
          check.problems.map((problem) => `${name}: ${problem}`)
        ),
        staleTriage: staleTriage.slice(0, 10),
      }).toEqual({
        errors: [],
        setupErrors: [],
        mismatches: [],
        serverErrors: [],
        scheduleProblems: [],
        staleTriage: [],
      });
      expect(driven.healthyRules).toHaveLength(2);
      expect(load.process.rss.peakBytes).toBeLessThan(RSS_LIMIT_BYTES);
      const { before, after } = load.settled;
      expect(after.rssBytes).toBeLessThan(
        settledRssAllowance(before, load.process.duckDb.peakBytes)
      );
      expect(load.process.duckDb.samples).toBeGreaterThan(0);
      expect(load.process.duckDb.peakBytes).toBeLessThan(
        load.duckDbLimitBytes * DUCKDB_LIMIT_TOLERANCE
      );
      expect({ stored: tally.stored, inStore: facts.uploadedEvents }).toEqual({
        stored: tally.sent,
        inStore: tally.sent,
      });
      // The uploads' planted terms reached the scheduled runs: each rule kept alerting on fresh data.
      for (const check of schedules.values()) expect(check.alertsCreated).toBeGreaterThan(0);
      expect(ledger.triaged).toBeGreaterThan(0);
    },
    seconds * 1000 + FIXED_TIME_BUDGET_MS
  );
});
