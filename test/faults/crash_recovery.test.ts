/**
 * The embedded store survives a SIGKILL: a real `ctd` child process is killed in the middle of an
 * ingest and in the middle of a rule replay, then the store is reopened here. Nothing the child had
 * reported as stored may be missing, nothing may be stored twice, and finishing the work (ingest
 * the same file again, replay again) must end exactly where an uninterrupted run ends.
 */
import type { ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { generateEvents, writeNdjson } from '../../server/sample_data';
import { fileInput } from '../../server/ingest/ingest_ndjson';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { startCtdProcess } from '../helpers/cli_harness';
import { alertIds, storeStats } from './store_facts';

/** Enough events that an ingest runs for several progress intervals on a slow CI machine. */
const INGEST_EVENTS = 30_000;
const REPLAY_EVENTS = 6_000;
const PROGRESS_STORED = /([\d,]+) stored/;
const CHILD_TIMEOUT_MS = 120_000;
/** Kill points, as fractions of an uninterrupted scan's wall time (process start-up included). */
const REPLAY_KILL_POINTS = [0.5, 0.7, 0.85, 0.95] as const;

jest.setTimeout(600_000);

let workDir: string;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-crash-'));
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

const eventsFile = async (name: string, totalEvents: number): Promise<string> => {
  const file = path.join(workDir, name);
  await writeNdjson(generateEvents({ totalEvents }), file);
  return file;
};

/** stderr is drained and printed when the child fails. */
const startCtd = (args: readonly string[]): ChildProcess => {
  const child = startCtdProcess(args);
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  child.once('exit', (code) => {
    if (code !== null && code !== 0)
      process.stderr.write(`ctd ${args.join(' ')} exited ${code}:\n${stderr.join('')}\n`);
  });
  return child;
};

/** How the child ended: `0` for success, the signal's name when killed. */
const exited = (child: ChildProcess): Promise<number | NodeJS.Signals | null> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('ctd child did not exit in time')),
      CHILD_TIMEOUT_MS
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? code);
    });
  });

/** Calls `onLine` for each stderr line of the child. */
const onStderrLine = (child: ChildProcess, onLine: (line: string) => void): void => {
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(onLine);
  });
};

describe('SIGKILL during an ingest', () => {
  it('keeps every event reported as stored, stores none twice, and a re-ingest completes the file', async () => {
    const file = await eventsFile('ingest.ndjson', INGEST_EVENTS);
    const dataDir = path.join(workDir, 'ingest-store');
    const child = startCtd(['ingest', '--data-dir', dataDir, file]);
    let reportedStored = -1;
    onStderrLine(child, (line) => {
      const match = PROGRESS_STORED.exec(line);
      if (match && reportedStored < 0) {
        reportedStored = Number((match[1] ?? '').replace(/,/g, ''));
        child.kill('SIGKILL');
      }
    });
    const signal = await exited(child);

    expect(signal).toBe('SIGKILL');
    expect(reportedStored).toBeGreaterThan(0);
    const afterCrash = await storeStats(dataDir);
    expect(afterCrash.events).toBeGreaterThanOrEqual(reportedStored);
    expect(afterCrash.events).toBeLessThan(INGEST_EVENTS);
    expect(afterCrash.distinctKeys).toBe(afterCrash.events);

    const store = await EmbeddedStore.open(dataDir);
    const summary = await store.ingest([fileInput(file)]).finally(() => store.close());
    expect(summary.rejectedCount).toBe(0);
    expect(summary.duplicates).toBe(afterCrash.events);
    expect(summary.stored + summary.duplicates).toBe(INGEST_EVENTS);
    expect(await storeStats(dataDir)).toEqual({
      events: INGEST_EVENTS,
      distinctKeys: INGEST_EVENTS,
    });
  });
});

describe('SIGKILL during a rule replay', () => {
  let file: string;
  let referenceIds: string[];
  let referenceScanMs: number;
  const outcomes: Array<{
    point: number;
    ended: number | NodeJS.Signals | null;
    alertsAfterCrash: number;
  }> = [];

  beforeAll(async () => {
    file = await eventsFile('replay.ndjson', REPLAY_EVENTS);
    const referenceDir = path.join(workDir, 'replay-reference');
    const ingest = startCtd(['ingest', '--data-dir', referenceDir, file]);
    expect(await exited(ingest)).toBe(0);
    const began = Date.now();
    const reference = startCtd(['scan', '--data-dir', referenceDir, '--warmup', '0', '--json']);
    expect(await exited(reference)).toBe(0);
    referenceScanMs = Date.now() - began;
    referenceIds = await alertIds(referenceDir);
  });

  afterAll(() => {
    // Timing on a loaded machine varies: at least one kill must have landed before the scan ended.
    expect(outcomes.some((outcome) => outcome.ended === 'SIGKILL')).toBe(true);
    process.stderr.write(
      `replay kill outcomes (reference scan ${referenceScanMs} ms): ${JSON.stringify(outcomes)}\n`
    );
  });

  it('has a reference run that raises alerts to lose', () => {
    expect(referenceIds.length).toBeGreaterThan(0);
  });

  it.each(REPLAY_KILL_POINTS)(
    'killed at %f of the scan: no duplicate or foreign alert, and a second replay completes the set',
    async (point) => {
      const dataDir = path.join(workDir, `replay-${point}`);
      const ingest = startCtd(['ingest', '--data-dir', dataDir, file]);
      expect(await exited(ingest)).toBe(0);

      const child = startCtd(['scan', '--data-dir', dataDir, '--warmup', '0', '--json']);
      const timer = setTimeout(() => child.kill('SIGKILL'), Math.round(point * referenceScanMs));
      const ended = await exited(child);
      clearTimeout(timer);

      const afterCrash = await alertIds(dataDir);
      outcomes.push({ point, ended, alertsAfterCrash: afterCrash.length });
      expect(new Set(afterCrash).size).toBe(afterCrash.length);
      expect(afterCrash.filter((id) => !referenceIds.includes(id))).toEqual([]);
      expect((await storeStats(dataDir)).events).toBe(REPLAY_EVENTS);

      const rerun = startCtd(['scan', '--data-dir', dataDir, '--warmup', '0', '--json']);
      expect(await exited(rerun)).toBe(0);
      expect(await alertIds(dataDir)).toEqual(referenceIds);
    }
  );
});
