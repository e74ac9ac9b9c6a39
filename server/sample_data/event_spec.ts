/**
 * What the scenario and the noise source decide about an event before pids, ids and start times
 * are allocated (see `materialize.ts`). Keeping this layer data-only lets the planner describe
 * planted events without touching per-host counters, so `planScenario` needs no generation.
 */

import type {
  ContainerProfile,
  EntryMeta,
  PreviousImage,
  ProcessAction,
  ProcessSnapshot,
  UserRef,
} from './defend_event';

/** An executable image and its argv. `name` defaults to the executable's base name. */
export interface ImageSpec {
  readonly executable: string;
  readonly args: readonly string[];
  readonly workingDirectory: string;
  readonly name?: string;
}

/** A process that existed before the event: either long-lived (pid and start known) or short-lived. */
export type AncestorRef =
  | { readonly kind: 'fixed'; readonly snapshot: ProcessSnapshot }
  | {
      readonly kind: 'ephemeral';
      readonly image: ImageSpec;
      readonly user: UserRef;
      readonly interactive: boolean;
      /** Roughly how long before the event it started. */
      readonly ageMs: number;
    };

/** The entry leader: the process itself (`docker exec` shell), its parent (login shell), or an older ancestor. */
export type EntryRef = { readonly kind: 'self' } | { readonly kind: 'parent' } | AncestorRef;

export interface EventSpec {
  readonly action: ProcessAction;
  readonly timestampMs: number;
  /** `null`: `event.ingested` is absent. */
  readonly ingestDelayMs: number | null;
  readonly hostIndex: number;
  readonly container: ContainerProfile | null;
  readonly process: ImageSpec;
  readonly user: UserRef;
  readonly interactive: boolean;
  readonly parent: AncestorRef;
  readonly previous: PreviousImage | null;
  readonly entry: EntryRef;
  readonly entryMeta: EntryMeta;
  readonly session: 'self' | 'parent' | 'entry';
  readonly group: 'self' | 'parent';
  /** Replaces `host.os.type` (near-miss negatives on a non-Linux host). */
  readonly hostOsType?: string;
}

/** The timing half of a spec, so content makers can be written once and placed anywhere in time. */
export interface EventTiming {
  readonly timestampMs: number;
  readonly ingestDelayMs: number | null;
}

export type SpecContent = Omit<EventSpec, keyof EventTiming>;

export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export const imageName = (image: ImageSpec): string => image.name ?? baseName(image.executable);
