/**
 * Worker threads preparing regions of lines, and the log of what accepted regions changed in the
 * preparation state (prepare_messages.ts). A worker that fails (an error, an exit) is dropped and
 * the regions it held come back unprepared, to be sent to another worker, or prepared on this
 * thread once none is left: a failing worker never loses a line.
 */
import type { Worker } from 'worker_threads';
import type { LineRegion } from './line_regions';
import {
  isNoChange,
  type RegionRequest,
  type RegionResult,
  type StateChange,
  type WorkerSetup,
} from './prepare_messages';
import { RegionPreparer } from './region_preparer';
import { startWorker } from './worker_script';

/** Regions queued per worker: one being prepared, one waiting, so a worker never idles between them. */
export const REGIONS_PER_WORKER = 2;

interface PoolWorker {
  readonly thread: Worker;
  /** Log entries sent to this worker so far. */
  sent: number;
  readonly waiting: Map<number, (result: RegionResult | undefined) => void>;
}

export class PreparePool {
  private readonly log: StateChange[] = [];
  private workers: PoolWorker[];
  private here: RegionPreparer | undefined;
  /** Log entries the preparer on this thread has taken on. */
  private hereSent = 0;

  constructor(
    private readonly setup: WorkerSetup,
    workerCount: number
  ) {
    this.workers = Array.from({ length: workerCount }, () => this.spawn());
  }

  /** The log's length: a result prepared against another version is out of date. */
  get version(): number {
    return this.log.length;
  }

  /** Regions worth keeping in flight. */
  get window(): number {
    return Math.max(1, this.workers.length * REGIONS_PER_WORKER);
  }

  isCurrent(result: RegionResult): boolean {
    return result.version === this.log.length;
  }

  /** Prepares `region` in the least busy worker; undefined when that worker failed (or none is left). */
  prepare(region: LineRegion, regionId: number): Promise<RegionResult | undefined> {
    const worker = this.leastBusy();
    if (worker === undefined) return Promise.resolve(this.prepareHere(region, regionId));
    const request = this.request(region, regionId, worker.sent);
    worker.sent = this.log.length;
    return new Promise((resolve) => {
      worker.waiting.set(regionId, resolve);
      // A copy goes: the caller keeps the region in case it must be prepared again.
      worker.thread.postMessage({ ...request, bytes: region.bytes.slice() });
    });
  }

  /** A current result's change joins the log. */
  accept(result: RegionResult): void {
    if (!isNoChange(result.change)) this.log.push(result.change);
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
  }

  /** On this thread, against the whole log. */
  private prepareHere(region: LineRegion, regionId: number): RegionResult {
    this.here ??= new RegionPreparer(this.setup);
    const result = this.here.prepare(this.request(region, regionId, this.hereSent));
    this.hereSent = this.log.length;
    return result;
  }

  private request(region: LineRegion, regionId: number, sent: number): RegionRequest {
    return {
      regionId,
      version: this.log.length,
      newChanges: this.log.slice(sent),
      bytes: region.bytes,
      firstLineNumber: region.firstLineNumber,
      endsWithNewline: region.endsWithNewline,
    };
  }

  private leastBusy(): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    for (const worker of this.workers)
      if (best === undefined || worker.waiting.size < best.waiting.size) best = worker;
    return best;
  }

  private spawn(): PoolWorker {
    // No heap limit: a worker reaching one can abort the whole process, not only itself.
    const thread = startWorker(__dirname, 'prepare_worker', { workerData: this.setup });
    const worker: PoolWorker = { thread, sent: 0, waiting: new Map() };
    thread.on('message', (result: RegionResult) => {
      const resolve = worker.waiting.get(result.regionId);
      worker.waiting.delete(result.regionId);
      resolve?.(result);
    });
    const fail = (): void => this.drop(worker);
    thread.on('error', fail);
    thread.on('exit', fail);
    return worker;
  }

  private drop(worker: PoolWorker): void {
    this.workers = this.workers.filter((other) => other !== worker);
    for (const resolve of worker.waiting.values()) resolve(undefined);
    worker.waiting.clear();
  }
}
