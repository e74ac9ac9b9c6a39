/**
 * Turns an `EventSpec` into a document: allocates pids, start times, entity ids, `event.id` and
 * `event.sequence` from per-host counters. Holds O(hosts) state, never anything per event.
 */

import { buildProcessEvent, frozenEcs } from './defend_event';
import type {
  DefendEventInput,
  EcsEvent,
  EcsObject,
  ProcessSnapshot,
  UserRef,
} from './defend_event';
import type { AncestorRef, EventSpec, ImageSpec } from './event_spec';
import { imageName } from './event_spec';
import { BASE64_ALPHABET, encodeBase64Number, entityId } from './fleet';
import type { Fleet, HostRuntime } from './fleet';
import { formatIso } from './iso_time';
import type { Random } from './random';

/** Linux default `pid_max` on 64-bit; pids wrap above the range used by boot-time daemons. */
const PID_MAX = 4_194_304;
const PID_WRAP_FLOOR = 3000;
const MAX_PID_STEP = 40;
const MAX_TTY_MINOR = 7;
/** exec follows the fork within this many ms (83 ms in the docker exec example; docs/sample_data.md). */
const MAX_FORK_TO_EXEC_MS = 150;
const MAX_PROCESS_RUNTIME_MS = 90_000;
const EVENT_ID_HOST_DIGITS = 4;
const EVENT_ID_RANDOM_DIGITS = 12;
const EVENT_ID_SEQUENCE_DIGITS = 8;

export class Materializer {
  private readonly nextPid: Float64Array;
  private readonly sequence: Float64Array;
  private readonly eventIdPrefix: string[];
  private readonly osOverrides = new Map<string, EcsObject>();

  constructor(
    private readonly fleet: Fleet,
    private readonly rng: Random
  ) {
    const hostCount = fleet.hosts.length;
    this.nextPid = new Float64Array(hostCount);
    this.sequence = new Float64Array(hostCount);
    this.eventIdPrefix = [];
    for (let index = 0; index < hostCount; index++) {
      this.nextPid[index] = rng.int(PID_WRAP_FLOOR, PID_MAX / 4);
      this.sequence[index] = rng.int(10_000, 500_000);
      // The host index digits make ids unique across hosts; the random part only looks like Defend's.
      this.eventIdPrefix.push(
        rng.chars(EVENT_ID_RANDOM_DIGITS, BASE64_ALPHABET) +
          encodeBase64Number(index, EVENT_ID_HOST_DIGITS)
      );
    }
  }

  build(spec: EventSpec): EcsEvent {
    const doc = buildProcessEvent(this.input(spec));
    if (spec.hostOsType !== undefined) {
      doc.host = this.hostWithOsType(spec.hostIndex, spec.hostOsType);
    }
    return doc;
  }

  private input(spec: EventSpec): DefendEventInput {
    const host = this.fleet.host(spec.hostIndex);
    const ttyMinor = this.rng.int(0, MAX_TTY_MINOR);
    const process = this.ownSnapshot(spec, host, ttyMinor);
    const parent = this.ancestor(spec.parent, host, process, ttyMinor);
    const entryLeader = this.entryLeader(spec, host, process, parent, ttyMinor);
    const sessionLeader =
      spec.session === 'self' ? process : spec.session === 'parent' ? parent : entryLeader;
    const sequence = (this.sequence[spec.hostIndex] ?? 0) + 1;
    this.sequence[spec.hostIndex] = sequence;
    return {
      action: spec.action,
      timestampMs: spec.timestampMs,
      ingestDelayMs: spec.ingestDelayMs,
      eventId:
        (this.eventIdPrefix[spec.hostIndex] ?? '') +
        encodeBase64Number(sequence, EVENT_ID_SEQUENCE_DIGITS),
      sequence,
      host: host.profile,
      container: spec.container,
      process,
      parent,
      previous: spec.previous,
      entryLeader,
      entryMeta: spec.entryMeta,
      entryLeaderParent: this.entryLeaderParent(spec, host, entryLeader, parent),
      sessionLeader,
      groupLeader: spec.group === 'self' ? process : parent,
      ...(spec.action === 'end' ? { exitCode: 0 } : {}),
    };
  }

  private allocatePid(hostIndex: number): number {
    let pid = (this.nextPid[hostIndex] ?? PID_WRAP_FLOOR) + this.rng.int(1, MAX_PID_STEP);
    if (pid >= PID_MAX) {
      pid = PID_WRAP_FLOOR;
    }
    this.nextPid[hostIndex] = pid;
    return pid;
  }

  private ownSnapshot(spec: EventSpec, host: HostRuntime, ttyMinor: number): ProcessSnapshot {
    const pid = this.allocatePid(spec.hostIndex);
    const startMs =
      spec.action === 'fork'
        ? spec.timestampMs
        : spec.action === 'exec'
          ? spec.timestampMs - this.rng.int(1, MAX_FORK_TO_EXEC_MS)
          : spec.timestampMs - this.rng.int(10, MAX_PROCESS_RUNTIME_MS);
    return this.snapshot(host, spec.process, pid, startMs, spec.user, spec.interactive, ttyMinor);
  }

  private snapshot(
    host: HostRuntime,
    image: ImageSpec,
    pid: number,
    startMs: number,
    user: UserRef,
    interactive: boolean,
    ttyMinor: number
  ): ProcessSnapshot {
    return {
      pid,
      entityId: entityId(host.profile, pid, startMs),
      startMs,
      start: formatIso(startMs),
      name: imageName(image),
      executable: image.executable,
      args: image.args,
      workingDirectory: image.workingDirectory,
      interactive,
      ttyMinor,
      user,
      group: user,
    };
  }

  /** A short-lived ancestor gets a slightly lower pid and an earlier start than its descendant. */
  private ancestor(
    ref: AncestorRef,
    host: HostRuntime,
    child: ProcessSnapshot,
    ttyMinor: number
  ): ProcessSnapshot {
    if (ref.kind === 'fixed') {
      return ref.snapshot;
    }
    const pid = Math.max(2, child.pid - this.rng.int(1, MAX_PID_STEP));
    const startMs = child.startMs - Math.floor(ref.ageMs * (0.5 + this.rng.next()));
    return this.snapshot(host, ref.image, pid, startMs, ref.user, ref.interactive, ttyMinor);
  }

  private entryLeader(
    spec: EventSpec,
    host: HostRuntime,
    process: ProcessSnapshot,
    parent: ProcessSnapshot,
    ttyMinor: number
  ): ProcessSnapshot {
    switch (spec.entry.kind) {
      case 'self':
        return process;
      case 'parent':
        return parent;
      default:
        return this.ancestor(spec.entry, host, parent, ttyMinor);
    }
  }

  /** Defend reports only pid, entity id and start of the entry leader's parent. */
  private entryLeaderParent(
    spec: EventSpec,
    host: HostRuntime,
    entryLeader: ProcessSnapshot,
    parent: ProcessSnapshot
  ): ProcessSnapshot | null {
    if (spec.entry.kind === 'self') {
      return parent;
    }
    return entryLeader.pid > 1 ? this.olderRelative(host, entryLeader) : null;
  }

  private olderRelative(host: HostRuntime, leader: ProcessSnapshot): ProcessSnapshot {
    const pid = Math.max(1, leader.pid - 1);
    const startMs = leader.startMs - 191;
    return {
      ...leader,
      pid,
      startMs,
      start: formatIso(startMs),
      entityId: entityId(host.profile, pid, startMs),
    };
  }

  private hostWithOsType(hostIndex: number, osType: string): EcsObject {
    const key = `${hostIndex}:${osType}`;
    const cached = this.osOverrides.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const host = this.fleet.host(hostIndex).profile.host;
    const os = host.os;
    const base = os !== null && typeof os === 'object' && !Array.isArray(os) ? os : {};
    const overridden = frozenEcs({ ...host, os: { ...base, type: osType } });
    this.osOverrides.set(key, overridden);
    return overridden;
  }
}
