/**
 * The ceiling of the project's own ingest design: every line read and prepared by the same code
 * an ingest runs (`preparedLines` under the line guard: parse, Elasticsearch-faithful validation,
 * coercion, `_id`), on one thread, with nothing written. An ingest into any store can be no faster
 * than this, so its ratio to floor 2 bounds the ingest's own. It leaves out only the store's checks
 * (duplicates, the total-fields limit), which makes it a true upper bound.
 */
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import { fileInput } from '../../server/ingest/ingest_ndjson';
import { GuardedPreparer } from '../../server/ingest/line_guard';
import { EventPreparer, type KnownFields } from '../../server/ingest/prepare_event';
import { newTally, preparedLines } from '../../server/ingest/prepared_lines';
import { ownPeakRssMb } from './process_memory';

export interface PrepareCeilingTask {
  readonly kind: 'prepare-ceiling';
  readonly file: string;
}

export interface PrepareCeilingMeasurement {
  readonly durationMs: number;
  /** Lines prepared into events (the ones an ingest would hand its store). */
  readonly events: number;
  readonly rejected: number;
  readonly peakRssMb: number;
}

/** A new store's knowledge: no field typed or made an object by earlier events. */
const NEW_STORE: KnownFields = {
  esTypeOf: () => undefined,
  isObjectPath: () => false,
};

export const runPrepareCeiling = async (
  task: PrepareCeilingTask
): Promise<PrepareCeilingMeasurement> => {
  const preparer = new GuardedPreparer(new EventPreparer(ecsFieldTypes(), NEW_STORE));
  const tally = newTally();
  let events = 0;
  const began = performance.now();
  const lines = preparedLines(fileInput(task.file), preparer, tally, () => {
    tally.rejectedCount++;
  });
  for (let next = await lines.next(); next.done !== true; next = await lines.next()) events++;
  return {
    durationMs: performance.now() - began,
    events,
    rejected: tally.rejectedCount,
    peakRssMb: ownPeakRssMb(),
  };
};
