/**
 * Builders for Elastic Defend Linux process documents (`fork` / `exec` / `end`) in Defend's nested
 * ECS shape (docs/sample_data.md#the-event-shapes-it-follows). They are pure: every id, pid and
 * time is decided by the caller, so the same input always yields the same document.
 */

import { formatIso } from './iso_time';

/** Any JSON value an ECS document may hold. */
export type EcsValue = string | number | boolean | null | EcsValue[] | EcsObject;

export interface EcsObject {
  [field: string]: EcsValue;
}

/** One event document; assignable to `Record<string, unknown>`. */
export type EcsEvent = EcsObject;

export type ProcessAction = 'fork' | 'exec' | 'end';

export interface UserRef {
  readonly id: string;
  readonly name: string;
}

/** `/dev/pts/N` is char device major 136 (first block of Unix98 ptys). */
export const PTS_MAJOR = 136;

/** A process image as the kernel saw it at one point in time. */
export interface ProcessSnapshot {
  readonly pid: number;
  readonly entityId: string;
  readonly startMs: number;
  /** `startMs` formatted once per snapshot (a snapshot often fills several fields). */
  readonly start: string;
  readonly name: string;
  readonly executable: string;
  readonly args: readonly string[];
  readonly workingDirectory: string;
  readonly interactive: boolean;
  /** `/dev/pts/<ttyMinor>` when interactive; ignored otherwise. */
  readonly ttyMinor: number;
  readonly user: UserRef;
  readonly group: UserRef;
}

/** The image replaced by an exec (`process.previous`), e.g. `runc init` before a `docker exec` shell. */
export interface PreviousImage {
  readonly executable: string;
  readonly args: readonly string[];
}

export interface EntryMeta {
  /** Elastic Defend values: container, init, sshd, ssm, kubelet, teleport, terminal, console, unknown. */
  readonly type: string;
  readonly sourceIp?: string;
}

/** Host-level parts of a document, frozen and shared by every event of that host. */
export interface HostProfile {
  readonly name: string;
  readonly agentId: string;
  /** Prefix of every `entity_id` minted on this host (Defend derives them from the agent id). */
  readonly entityPrefix: string;
  readonly host: EcsObject;
  readonly agent: EcsObject;
}

export interface ContainerProfile {
  readonly id: string;
  readonly name: string;
  readonly container: EcsObject;
}

export interface DefendEventInput {
  readonly action: ProcessAction;
  readonly timestampMs: number;
  /** `event.ingested` = timestamp + delay; `null` leaves the field out (rules then fall back to `@timestamp`). */
  readonly ingestDelayMs: number | null;
  readonly eventId: string;
  readonly sequence: number;
  readonly host: HostProfile;
  readonly container: ContainerProfile | null;
  readonly process: ProcessSnapshot;
  readonly parent: ProcessSnapshot;
  readonly previous: PreviousImage | null;
  readonly entryLeader: ProcessSnapshot;
  readonly entryMeta: EntryMeta;
  /** The entry leader's own parent (pid/entity/start only, as Defend reports it). */
  readonly entryLeaderParent: ProcessSnapshot | null;
  readonly sessionLeader: ProcessSnapshot;
  readonly groupLeader: ProcessSnapshot;
  /** Only for `end` events. */
  readonly exitCode?: number;
}

const deepFreeze = <T extends EcsValue>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
    Object.freeze(value);
  }
  return value;
};

/** Freezes shared sub-documents so a consumer mutating one event cannot silently change others. */
export const frozenEcs = <T extends EcsObject>(value: T): T => deepFreeze(value);

const ECS_VERSION = frozenEcs({ version: '8.10.0' });
const DATA_STREAM = frozenEcs({
  type: 'logs',
  dataset: 'endpoint.events.process',
  namespace: 'default',
});
const CATEGORY = ['process'];
const TYPE_START = ['start'];
const TYPE_END = ['end'];

export const PROCESS_DATASET = 'endpoint.events.process';

const userObject = (user: UserRef): EcsObject => ({ id: user.id, name: user.name });

/** Most argv arrays are shared catalog constants, so their joined form is computed once. */
const commandLines = new WeakMap<readonly string[], string>();

export const commandLine = (args: readonly string[]): string => {
  let joined = commandLines.get(args);
  if (joined === undefined) {
    joined = args.join(' ');
    commandLines.set(args, joined);
  }
  return joined;
};

/** The fields every process-like object carries (process, parent, leaders). */
const coreFields = (snapshot: ProcessSnapshot): EcsObject => {
  const fields: EcsObject = {
    name: snapshot.name,
    executable: snapshot.executable,
    args: snapshot.args.slice(),
    args_count: snapshot.args.length,
    command_line: commandLine(snapshot.args),
    pid: snapshot.pid,
    start: snapshot.start,
    entity_id: snapshot.entityId,
    interactive: snapshot.interactive,
    working_directory: snapshot.workingDirectory,
  };
  if (snapshot.interactive) {
    fields.tty = { char_device: { major: PTS_MAJOR, minor: snapshot.ttyMinor } };
  }
  return fields;
};

const withIdentity = (snapshot: ProcessSnapshot, fields: EcsObject): EcsObject => {
  fields.user = userObject(snapshot.user);
  fields.group = userObject(snapshot.group);
  return fields;
};

const leaderFields = (leader: ProcessSnapshot, process: ProcessSnapshot): EcsObject => {
  const fields = withIdentity(leader, coreFields(leader));
  fields.same_as_process = leader.entityId === process.entityId;
  return fields;
};

const entryMetaFields = (meta: EntryMeta): EcsObject =>
  meta.sourceIp === undefined
    ? { type: meta.type }
    : { type: meta.type, source: { ip: meta.sourceIp } };

const entryLeaderFields = (input: DefendEventInput): EcsObject => {
  const fields = leaderFields(input.entryLeader, input.process);
  fields.entry_meta = entryMetaFields(input.entryMeta);
  const parent = input.entryLeaderParent;
  if (parent !== null) {
    fields.parent = { pid: parent.pid, entity_id: parent.entityId, start: parent.start };
  }
  return fields;
};

const processFields = (input: DefendEventInput): EcsObject => {
  const fields = withIdentity(input.process, coreFields(input.process));
  fields.parent = coreFields(input.parent);
  if (input.previous !== null) {
    fields.previous = [
      {
        executable: input.previous.executable,
        args: input.previous.args.slice(),
        args_count: input.previous.args.length,
      },
    ];
  }
  fields.entry_leader = entryLeaderFields(input);
  fields.session_leader = leaderFields(input.sessionLeader, input.process);
  fields.group_leader = leaderFields(input.groupLeader, input.process);
  if (input.action === 'end') {
    fields.end = formatIso(input.timestampMs);
    fields.exit_code = input.exitCode ?? 0;
  }
  return fields;
};

const eventFields = (input: DefendEventInput, timestamp: string): EcsObject => {
  const fields: EcsObject = {
    kind: 'event',
    module: 'endpoint',
    dataset: PROCESS_DATASET,
    category: CATEGORY.slice(),
    type: input.action === 'end' ? TYPE_END.slice() : TYPE_START.slice(),
    action: input.action,
    id: input.eventId,
    sequence: input.sequence,
    created: timestamp,
  };
  if (input.ingestDelayMs !== null) {
    fields.ingested = formatIso(input.timestampMs + input.ingestDelayMs);
  }
  return fields;
};

/** One Defend process document. `user`/`group` at the top level are the process's effective ids. */
export const buildProcessEvent = (input: DefendEventInput): EcsEvent => {
  const timestamp = formatIso(input.timestampMs);
  const doc: EcsEvent = {
    '@timestamp': timestamp,
    agent: input.host.agent,
    data_stream: DATA_STREAM,
    ecs: ECS_VERSION,
    host: input.host.host,
    event: eventFields(input, timestamp),
    user: userObject(input.process.user),
    group: userObject(input.process.group),
  };
  if (input.container !== null) {
    doc.container = input.container.container;
  }
  doc.process = processFields(input);
  return doc;
};
