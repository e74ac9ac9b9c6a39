/**
 * One measurement in its own process, so that its peak RSS is its own: the harness spawns this
 * with a task as JSON in argv and reads one JSON result line from stdout.
 */
import { randomUUID } from 'crypto';
import { getPrebuiltRule } from '../../common/rules/catalog';
import { fileInput } from '../../server/ingest/ingest_ndjson';
import { DEFAULT_SPACE_ID } from '../../server/new_terms/rule_instance';
import { runNewTermsRule } from '../../server/new_terms/run_new_terms_rule';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { ALERTS_TABLE } from '../../server/stores/duckdb/schema';

export interface IngestTask {
  readonly kind: 'ingest';
  readonly file: string;
  readonly dataDir: string;
}

export interface ExecuteTask {
  readonly kind: 'execute';
  readonly dataDir: string;
  readonly ruleId: string;
  readonly startedAt: string;
  readonly runs: number;
}

export type BenchTask = IngestTask | ExecuteTask;

export interface IngestMeasurement {
  readonly durationMs: number;
  readonly stored: number;
  readonly rejected: number;
  readonly bytes: number;
  readonly peakRssMb: number;
}

export interface ExecuteMeasurement {
  readonly durationsMs: readonly number[];
  readonly termsEvaluated: number;
  readonly alerts: number;
  readonly peakRssMb: number;
}

const KB_PER_MB = 1024;
const FIVE_MINUTES_MS = 5 * 60_000;

const peakRssMb = (): number => process.resourceUsage().maxRSS / KB_PER_MB;

const runIngest = async (task: IngestTask): Promise<IngestMeasurement> => {
  const store = await EmbeddedStore.open(task.dataDir);
  try {
    const began = performance.now();
    const summary = await store.ingest([fileInput(task.file)]);
    return {
      durationMs: performance.now() - began,
      stored: summary.stored,
      rejected: summary.rejectedCount,
      bytes: summary.bytesRead,
      peakRssMb: peakRssMb(),
    };
  } finally {
    store.close();
  }
};

/** A warm-up execution first (caches, JIT), then `runs` timed ones, each starting with no alerts. */
const runExecutions = async (task: ExecuteTask): Promise<ExecuteMeasurement> => {
  const definition = getPrebuiltRule(task.ruleId);
  if (definition === undefined) throw new Error(`unknown rule_id ${task.ruleId}`);
  const store = await EmbeddedStore.open(task.dataDir);
  const startedAt = new Date(task.startedAt);
  const rule = { uuid: randomUUID(), spaceId: DEFAULT_SPACE_ID, definition };
  const durationsMs: number[] = [];
  let termsEvaluated = 0;
  let alerts = 0;
  try {
    for (let run = 0; run <= task.runs; run++) {
      await store.database.connection.run(`DELETE FROM ${ALERTS_TABLE}`);
      const began = performance.now();
      const result = await runNewTermsRule({
        rule,
        source: store.events,
        sink: store.alerts,
        startedAt,
        previousStartedAt: new Date(startedAt.getTime() - FIVE_MINUTES_MS),
        executionId: randomUUID(),
      });
      if (result.status === 'failed') throw new Error(result.errors.join(' '));
      if (run > 0) durationsMs.push(performance.now() - began);
      termsEvaluated = result.termsEvaluated;
      alerts = result.createdAlertIds.length;
    }
  } finally {
    store.close();
  }
  return { durationsMs, termsEvaluated, alerts, peakRssMb: peakRssMb() };
};

const main = async (): Promise<void> => {
  const task = JSON.parse(process.argv[2] ?? '{}') as BenchTask;
  const result = task.kind === 'ingest' ? await runIngest(task) : await runExecutions(task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
