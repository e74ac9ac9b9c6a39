/**
 * `preparedLines` on worker threads: the same events, rejections, counts and internal-error
 * reports, in the same order, for the same input. Regions of the input are prepared ahead by the
 * pool's workers while the caller writes; a region's result is taken only when every region
 * before it has been, and only if it was prepared against the state they left (else it is
 * prepared again), so dynamic mapping and the field limit see the lines in file order.
 */
import type { InternalErrorLog } from '../internal_error_log';
import type { IngestInput } from '../ingest_ndjson';
import type { KnownFields, OmittedField, PreparedEvent } from '../prepare_event';
import type { IngestTally, PreparedLine } from '../prepared_lines';
import { lineRegions, type LineRegion } from './line_regions';
import type { RegionResult, TransferredEvent } from './prepare_messages';
import type { PreparePool } from './prepare_pool';

/** Bytes of input per region: ~300 Defend events, a few milliseconds of a worker's time. */
export const REGION_BYTES = 1024 * 1024;
/**
 * Bytes of input in flight at most (a region is held here and copied to its worker): huge lines
 * are not read ahead beyond this, so memory stays near one thread's (a region always goes).
 */
export const MAX_IN_FLIGHT_BYTES = 64 * 1024 * 1024;

interface InFlight {
  readonly region: LineRegion;
  readonly regionId: number;
  pending: Promise<RegionResult | undefined>;
}

/** A region's omitted-field lists, each turned into fields once (events of one shape share one list). */
type OmittedLists = Map<Uint32Array, readonly OmittedField[]>;

const omittedFieldsOf = (
  omitted: Uint32Array,
  result: RegionResult,
  lists: OmittedLists
): readonly OmittedField[] => {
  let fields = lists.get(omitted);
  if (fields === undefined) {
    fields = Array.from(omitted, (position) => {
      const field = result.omittedTable[position];
      if (field === undefined) throw new RangeError(`no omitted field at ${position}`);
      return field;
    });
    lists.set(omitted, fields);
  }
  return fields;
};

const preparedEvent = (
  event: TransferredEvent,
  result: RegionResult,
  lists: OmittedLists
): PreparedEvent => {
  const { index, id, key, sourceText, fields, omitted } = event;
  if (omitted.length === 0) return { index, id, key, sourceText, fields };
  return {
    index,
    id,
    key,
    sourceText,
    fields,
    omittedFields: omittedFieldsOf(omitted, result, lists),
  };
};

export interface ParallelLineSinks {
  readonly tally: IngestTally;
  readonly reject: (lineNumber: number, reason: string) => void;
  readonly errors: InternalErrorLog;
  readonly known: KnownFields;
  readonly regionBytes: number;
}

/** Counts, rejections and internal errors of an accepted region; its events in line order. */
function* outcomesOf(
  input: IngestInput,
  result: RegionResult,
  sinks: ParallelLineSinks
): Generator<PreparedLine> {
  const { tally, reject, errors } = sinks;
  tally.linesRead += result.linesRead;
  tally.blankLines += result.blankLines;
  tally.bytesRead += result.bytesRead;
  for (const failure of result.internalFailures) {
    const error = Object.assign(new Error(failure.message), {
      name: failure.name,
      stack: failure.stack,
    });
    errors.log({ file: input.name, line: failure.line, error });
  }
  const { events, rejected } = result;
  let next = 0;
  const rejectBefore = (line: number): void => {
    for (let rejection = rejected[next]; rejection !== undefined && rejection.line < line; ) {
      reject(rejection.line, rejection.reason);
      rejection = rejected[++next];
    }
  };
  const lists: OmittedLists = new Map();
  for (const event of events) {
    rejectBefore(event.line);
    yield { lineNumber: event.line, event: preparedEvent(event, result, lists) };
  }
  rejectBefore(Number.POSITIVE_INFINITY);
}

export async function* parallelPreparedLines(
  input: IngestInput,
  pool: PreparePool,
  sinks: ParallelLineSinks
): AsyncGenerator<PreparedLine> {
  const regions = lineRegions(input.chunks, sinks.regionBytes);
  const queue: InFlight[] = [];
  let regionId = 0;
  let ended = false;
  let inFlightBytes = 0;
  /** The input's own failure, thrown once every region read before it has been yielded. */
  let readFailure: { readonly error: unknown } | undefined;
  const fill = async (): Promise<void> => {
    while (
      !ended &&
      queue.length < pool.window &&
      (queue.length === 0 || inFlightBytes < MAX_IN_FLIGHT_BYTES)
    ) {
      let next: IteratorResult<LineRegion>;
      try {
        next = await regions.next();
      } catch (error) {
        readFailure = { error };
        ended = true;
        return;
      }
      if (next.done === true) ended = true;
      else {
        const id = regionId++;
        inFlightBytes += next.value.bytes.length;
        queue.push({ region: next.value, regionId: id, pending: pool.prepare(next.value, id) });
      }
    }
  };
  await fill();
  for (let head = queue[0]; head !== undefined; head = queue[0]) {
    const result = await head.pending;
    if (result === undefined || !pool.isCurrent(result)) {
      head.pending = pool.prepare(head.region, head.regionId);
      continue;
    }
    queue.shift();
    inFlightBytes -= head.region.bytes.length;
    pool.accept(result);
    sinks.known.adoptIndexFields?.(result.change.indexFields);
    // The next regions are sent before this one's events are written.
    await fill();
    yield* outcomesOf(input, result, sinks);
  }
  if (readFailure !== undefined) throw readFailure.error;
}
