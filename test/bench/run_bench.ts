/**
 * `npm run bench`: ingest and rule-execution benchmarks over the deterministic sample data. Each
 * measurement runs in its own process (so peak RSS is its own); each figure is the median of
 * several runs after a warm-up, with min and max. Results print as a table and are appended to
 * BENCHMARKS.md with the date, machine, versions and method. Never part of `npm test`.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Command } from 'commander';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { DEFAULT_END, generateEvents, writeNdjson } from '../../server/sample_data';
import type { BenchTask, ExecuteMeasurement, IngestMeasurement } from './bench_task';
import { describeMachine } from './machine';
import { formatSpread, spreadOf, type Spread } from './stats';

const ROOT = path.join(__dirname, '..', '..', '..');
const TASK_SCRIPT = path.join(__dirname, 'bench_task.js');
const DEFAULT_RUNS = 3;
const DEFAULT_SIZES = '1000000';
const BYTES_PER_MB = 1024 * 1024;
const MS_PER_SECOND = 1000;

interface BenchOptions {
  readonly events: string;
  readonly runs: string;
  readonly workDir: string;
  readonly append: boolean;
}

interface SizeResult {
  readonly events: number;
  readonly fileMb: number;
  readonly ingestSeconds: Spread;
  readonly eventsPerSecond: Spread;
  readonly mbPerSecond: Spread;
  readonly ingestPeakRssMb: Spread;
  readonly executions: ReadonlyArray<{ readonly rule: string; readonly ms: Spread; readonly terms: number; readonly alerts: number; readonly peakRssMb: number }>;
}

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const fixed = (digits: number) => (value: number): string => value.toFixed(digits);

const runTask = <T>(task: BenchTask): T => {
  const child = spawnSync(process.execPath, ['--expose-gc', TASK_SCRIPT, JSON.stringify(task)], {
    encoding: 'utf8',
    maxBuffer: 16 * BYTES_PER_MB,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`benchmark task ${task.kind} failed (exit ${child.status})`);
  const lastLine = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(lastLine) as T;
};

const sampleFile = async (workDir: string, events: number): Promise<string> => {
  const file = path.join(workDir, `events-${events}.ndjson`);
  if (fs.existsSync(file)) return file;
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

const measureIngest = (file: string, dataDir: string, runs: number): IngestMeasurement[] => {
  const measurements: IngestMeasurement[] = [];
  for (let run = 1; run <= runs; run++) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const result = runTask<IngestMeasurement>({ kind: 'ingest', file, dataDir });
    if (result.rejected > 0) throw new Error(`ingest rejected ${result.rejected} generated events`);
    log(`  ingest ${run}/${runs}: ${count(result.stored)} events in ${(result.durationMs / MS_PER_SECOND).toFixed(1)} s`);
    measurements.push(result);
  }
  return measurements;
};

const benchSize = async (events: number, runs: number, workDir: string): Promise<SizeResult> => {
  const file = await sampleFile(workDir, events);
  warmPageCache(file);
  const dataDir = path.join(workDir, `store-${events}`);
  log(`ingest of ${count(events)} events (${runs} runs, each into a new store)`);
  const ingests = measureIngest(file, dataDir, runs);
  const seconds = ingests.map((m) => m.durationMs / MS_PER_SECOND);
  const executions = PREBUILT_RULES.map((rule) => {
    log(`one scheduled execution of "${rule.name}" (1 warm-up + ${runs} runs)`);
    const result = runTask<ExecuteMeasurement>({ kind: 'execute', dataDir, ruleId: rule.rule_id, startedAt: DEFAULT_END.toISOString(), runs });
    return { rule: rule.name, ms: spreadOf(result.durationsMs), terms: result.termsEvaluated, alerts: result.alerts, peakRssMb: result.peakRssMb };
  });
  return {
    events,
    fileMb: fs.statSync(file).size / BYTES_PER_MB,
    ingestSeconds: spreadOf(seconds),
    eventsPerSecond: spreadOf(ingests.map((m) => m.stored / (m.durationMs / MS_PER_SECOND))),
    mbPerSecond: spreadOf(ingests.map((m) => m.bytes / BYTES_PER_MB / (m.durationMs / MS_PER_SECOND))),
    ingestPeakRssMb: spreadOf(ingests.map((m) => m.peakRssMb)),
    executions,
  };
};

const packageVersion = (name: string): string => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
};

const markdownReport = (results: readonly SizeResult[], runs: number): string => {
  const machine = describeMachine();
  const lines = [
    `## ${new Date().toISOString().slice(0, 10)} — embedded store (DuckDB)`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}. ` +
      `Node ${machine.node}, @duckdb/node-api ${packageVersion('@duckdb/node-api')}.`,
    '',
    `Method: \`npm run bench -- --events ${results.map((r) => r.events).join(',')} --runs ${runs}\`. Sample data from the ` +
      'deterministic generator (default seed, 14 days). Each ingest run is a new process writing a new store file, ' +
      'with the NDJSON file already in the page cache; each execution figure follows one unmeasured warm-up ' +
      `execution in the same process, at ${DEFAULT_END.toISOString()} with no gap. Figures: median (min–max) of ${runs} runs.`,
    '',
    '| events | file | ingest wall | events/s | MB/s | ingest peak RSS |',
    '|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${count(r.events)} | ${r.fileMb.toFixed(0)} MB | ${formatSpread(r.ingestSeconds, (v) => `${v.toFixed(1)} s`)} | ` +
        `${formatSpread(r.eventsPerSecond, count)} | ${formatSpread(r.mbPerSecond, fixed(1))} | ${formatSpread(r.ingestPeakRssMb, (v) => `${count(v)} MB`)} |`
    ),
    '',
    '| events | rule | one execution | terms evaluated | alerts | peak RSS |',
    '|---:|---|---:|---:|---:|---:|',
    ...results.flatMap((r) =>
      r.executions.map(
        (e) =>
          `| ${count(r.events)} | ${e.rule} | ${formatSpread(e.ms, (v) => `${v.toFixed(0)} ms`)} | ${count(e.terms)} | ${e.alerts} | ${count(e.peakRssMb)} MB |`
      )
    ),
    '',
  ];
  return lines.join('\n');
};

const main = async (): Promise<void> => {
  const program = new Command('bench')
    .option('--events <n,...>', 'event counts to benchmark, comma-separated', DEFAULT_SIZES)
    .option('--runs <n>', 'measured runs per figure', String(DEFAULT_RUNS))
    .option('--work-dir <dir>', 'where sample files and stores go', path.join(os.tmpdir(), 'ctd-bench'))
    .option('--no-append', 'print only; do not append to BENCHMARKS.md')
    .parse(process.argv);
  const options = program.opts<BenchOptions>();
  const sizes = options.events.split(',').map((value) => Number(value.trim()));
  const runs = Number(options.runs);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(runs) || runs < 1) {
    throw new Error('--events takes positive integers, --runs a positive integer');
  }
  fs.mkdirSync(options.workDir, { recursive: true });
  const results: SizeResult[] = [];
  for (const size of sizes) results.push(await benchSize(size, runs, options.workDir));
  const report = markdownReport(results, runs);
  process.stdout.write(`\n${report}\n`);
  if (options.append) {
    fs.appendFileSync(path.join(ROOT, 'BENCHMARKS.md'), `\n${report}`);
    log('appended to BENCHMARKS.md');
  }
};

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
