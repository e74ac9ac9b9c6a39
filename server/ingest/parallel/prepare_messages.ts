/**
 * What the ingest's main thread and its preparation workers send each other. Preparation depends
 * on the lines before it only through a small state (the types dynamic mapping chose, object
 * paths, the fields each index counts toward its limit), so a worker prepares a region against the
 * state as of a version of the shared log of what accepted regions added; the main thread accepts
 * a region's result only if no region before it added anything since (else it is prepared again).
 */
import type { FieldSpec } from '../../../common/ecs/field_types';
import type {
  IndexField,
  KnownFieldsSnapshot,
  OmittedField,
  PendingFields,
  PreparedField,
} from '../prepare_event';

/** What one region's accepted lines added to the preparation state. */
export interface StateChange extends PendingFields {
  readonly indexFields: readonly IndexField[];
}

export const isNoChange = (change: StateChange): boolean =>
  change.types.length === 0 && change.objectPaths.length === 0 && change.indexFields.length === 0;

export interface WorkerSetup {
  readonly fieldSpecs: readonly FieldSpec[];
  readonly defaultIndex: string | undefined;
  readonly known: KnownFieldsSnapshot;
  /** The fields whose values the store reads; the others travel as OmittedField only. */
  readonly valueFields: readonly string[];
}

export interface RegionRequest {
  readonly regionId: number;
  /** The log's length the region is prepared against. */
  readonly version: number;
  /** Log entries this worker has not been sent yet, up to `version`. */
  readonly newChanges: readonly StateChange[];
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly firstLineNumber: number;
  readonly endsWithNewline: boolean;
}

/** An event as it crosses threads: only the kept fields' values, the others as indices into the region's table. */
export interface TransferredEvent {
  readonly line: number;
  readonly index: string;
  readonly id: string;
  readonly key: bigint;
  readonly sourceText: string;
  readonly fields: readonly PreparedField[];
  readonly omitted: Uint32Array;
}

export interface RejectedOutcome {
  readonly line: number;
  readonly reason: string;
}

export interface InternalFailure {
  readonly line: number;
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
}

export interface RegionResult {
  readonly regionId: number;
  readonly version: number;
  readonly linesRead: number;
  readonly blankLines: number;
  readonly bytesRead: number;
  readonly events: readonly TransferredEvent[];
  readonly rejected: readonly RejectedOutcome[];
  readonly omittedTable: readonly OmittedField[];
  readonly change: StateChange;
  readonly internalFailures: readonly InternalFailure[];
}
