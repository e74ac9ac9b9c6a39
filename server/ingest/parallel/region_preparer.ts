/**
 * Prepares regions of lines as `preparedLines` prepares a stream, against the state the main
 * thread's log describes (see prepare_messages.ts): the store's knowledge at the ingest's start
 * plus every change accepted regions made. Runs in a worker thread, or on the main thread when no
 * worker is left.
 */
import { createFieldTypeMap } from '../../../common/ecs/ecs_field_types';
import type { FieldTypeMap } from '../../../common/ecs/field_types';
import { IndexFieldLimit } from '../../stores/duckdb/mapping_limit';
import { GuardedPreparer } from '../line_guard';
import { linesOfRegion } from '../ndjson_lines';
import {
  EventPreparer,
  type KnownFields,
  type PreparedEvent,
  type PreparedField,
} from '../prepare_event';
import { newTally, prepareReadLine } from '../prepared_lines';
import { OmittedTable } from './omitted_table';
import {
  isNoChange,
  type InternalFailure,
  type RegionRequest,
  type RegionResult,
  type RejectedOutcome,
  type StateChange,
  type TransferredEvent,
  type WorkerSetup,
} from './prepare_messages';

interface PreparationState {
  readonly events: EventPreparer;
  readonly limit: IndexFieldLimit | undefined;
  readonly failures: InternalFailure[];
  readonly guarded: GuardedPreparer;
}

export class RegionPreparer {
  private readonly fieldTypes: FieldTypeMap;
  private readonly valueFields: ReadonlySet<string>;
  private readonly log: StateChange[] = [];
  private state: PreparationState;
  /** Reused for each event's omitted positions. */
  private readonly scratch: number[] = [];
  /** The state holds a change of its own the log may not (yet) have: rebuilt before the next region. */
  private ownChange = false;

  constructor(private readonly setup: WorkerSetup) {
    this.fieldTypes = createFieldTypeMap(setup.fieldSpecs);
    this.valueFields = new Set(setup.valueFields);
    this.state = this.build();
  }

  prepare(request: RegionRequest): RegionResult {
    this.log.push(...request.newChanges);
    if (this.ownChange) this.state = this.build();
    else for (const change of request.newChanges) this.adopt(this.state, change);
    const outcome = this.prepareLines(request);
    const added = this.state.events.takeAdded();
    const change: StateChange = {
      ...added,
      indexFields: this.state.limit?.takeAdmitted() ?? [],
    };
    this.ownChange = !isNoChange(change);
    return {
      regionId: request.regionId,
      version: request.version,
      ...outcome,
      change,
      internalFailures: this.state.failures.splice(0),
    };
  }

  private prepareLines(
    request: RegionRequest
  ): Omit<RegionResult, 'regionId' | 'version' | 'change' | 'internalFailures'> {
    const events: TransferredEvent[] = [];
    const rejected: RejectedOutcome[] = [];
    const table = new OmittedTable();
    const tally = newTally();
    const lines = linesOfRegion(request.bytes, request.firstLineNumber, request.endsWithNewline);
    for (const line of lines) {
      const outcome = prepareReadLine(line, this.state.guarded, '', tally);
      if (outcome === undefined) continue;
      if ('event' in outcome) events.push(this.transferred(line.lineNumber, outcome.event, table));
      else rejected.push({ line: line.lineNumber, reason: outcome.reason });
    }
    const { linesRead, blankLines, bytesRead } = tally;
    return { linesRead, blankLines, bytesRead, events, rejected, omittedTable: table.entries };
  }

  private transferred(line: number, event: PreparedEvent, table: OmittedTable): TransferredEvent {
    const fields: PreparedField[] = [];
    const omitted = this.scratch;
    omitted.length = 0;
    for (const prepared of event.fields) {
      if (this.valueFields.has(prepared.field)) fields.push(prepared);
      else omitted.push(table.positionOf(prepared));
    }
    const { index, id, key, sourceText } = event;
    return { line, index, id, key, sourceText, fields, omitted: table.listOf(omitted) };
  }

  /** The store's knowledge at the ingest's start, with every logged change taken on. */
  private build(): PreparationState {
    const { known, defaultIndex } = this.setup;
    const types = new Map(known.types);
    const objectPaths = new Set(known.objectPaths);
    const limit =
      known.indexFields === undefined
        ? undefined
        : IndexFieldLimit.fromFields(this.fieldTypes, known.indexFields);
    const knownFields: KnownFields = {
      esTypeOf: (field) => types.get(field),
      isObjectPath: (path) => objectPaths.has(path),
      ...(limit === undefined
        ? {}
        : { mappingLimitProblem: (index, source) => limit.admit(index, source) }),
    };
    const failures: InternalFailure[] = [];
    const events = new EventPreparer(this.fieldTypes, knownFields, defaultIndex);
    const guarded = new GuardedPreparer(events, ({ line, error }) =>
      failures.push(internalFailure(line, error))
    );
    const state = { events, limit, failures, guarded };
    for (const change of this.log) this.adopt(state, change);
    return state;
  }

  private adopt(state: PreparationState, change: StateChange): void {
    state.events.adopt(change);
    state.limit?.adopt(change.indexFields);
    // Adopted fields are not this worker's to report.
    state.limit?.takeAdmitted();
  }
}

const internalFailure = (line: number, error: unknown): InternalFailure =>
  error instanceof Error
    ? { line, name: error.name, message: error.message, stack: error.stack }
    : { line, name: 'Error', message: String(error), stack: undefined };
