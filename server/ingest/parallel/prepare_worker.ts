/** A preparation worker thread: prepares each region it is sent and sends the result back. */
import { parentPort, workerData } from 'worker_threads';
import type { RegionRequest, WorkerSetup } from './prepare_messages';
import { RegionPreparer } from './region_preparer';

const preparer = new RegionPreparer(workerData as WorkerSetup);
parentPort?.on('message', (request: RegionRequest) => {
  parentPort?.postMessage(preparer.prepare(request));
});
