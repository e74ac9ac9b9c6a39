/**
 * The generation plan and its ground truth.
 *
 * Timeline of a data set spanning [end - days, end]:
 * - warm-up (first minutes): one event for every routine term of both rules. On a fresh data set
 *   every term is "new" the first time it is seen (there is no history before the span), so a scan
 *   over the whole span alerts once per routine term here; after warm-up they are all known.
 * - every following day: each routine term once more (a CI runner's privileged build, a
 *   `docker exec -it … bash`), so they stay inside any history window, whatever `days` is.
 * - noise (after warm-up, whole span): routine terms only, see `noise.ts`.
 * - last day: the planted positives (first-seen strictly inside the last day, never earlier) and
 *   near-miss negatives, spread between one hour after its start and one hour before `end`.
 */

import {
  CONTAINER_SHELLS,
  CORE_PRIVILEGED_PARENTS,
  ROUTINE_CONTAINER_COMMANDS,
  ciAgentParent,
} from './catalog';
import type { RoutinePrivilegedParent } from './catalog';
import { containerShellCommand, dockerExecProcess, privilegedRun } from './activities';
import type { EventSpec, SpecContent } from './event_spec';
import { imageName } from './event_spec';
import { buildFleet } from './fleet';
import type { Fleet, HostRuntime } from './fleet';
import { formatIso } from './iso_time';
import type { NoiseConfig } from './noise';
import { INTERACTIVE_RULE, NEGATIVE_STORIES, POSITIVE_STORIES, PRIVILEGED_RULE } from './planted';
import type { NearMissKind, PlantedEvent, RuleKey, Story } from './planted';
import { Random } from './random';

export const DEFAULT_SEED = 20_250_312;
/** Fixed so that default output is reproducible; callers wanting "recent" data pass `new Date()`. */
export const DEFAULT_END = new Date('2025-03-12T12:00:00.000Z');
export const DEFAULT_DAYS = 14;
export const DEFAULT_TOTAL_EVENTS = 100_000;
export const DEFAULT_CONTAINERS_PER_HOST = 4;
export const DEFAULT_MISSING_INGESTED_RATIO = 0.01;

const MS_PER_SECOND = 1000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Noise starts after this; all warm-up events fit well inside it. */
export const WARM_UP_MS = 10 * 60_000;
const WARM_UP_FIRST_OFFSET_MS = 2 * MS_PER_SECOND;
const WARM_UP_STEP_MS = 500;
/** Planted stories stay this far from the last day's edges (runs look back 9 minutes). */
const LAST_DAY_MARGIN_MS = MS_PER_HOUR;
const MIN_INGEST_DELAY_MS = 200;
const MAX_INGEST_DELAY_MS = 3000;
const EVENTS_PER_HOST = 5000;
const MAX_DEFAULT_HOSTS = 2000;
const EVENTS_PER_PARENT = 25_000;
const MIN_DEFAULT_PARENTS = 8;
const MAX_DEFAULT_PARENTS = 300;
/** One CI agent running daily privileged builds per this many host-agent parents. */
const PARENTS_PER_CI_AGENT = 10;

export interface GeneratorOptions {
  readonly seed?: number;
  /** The span ends here (exclusive). */
  readonly end?: Date;
  /** History length in days (≥ 2: the last day holds the planted events). */
  readonly days?: number;
  /** Exact number of documents produced. */
  readonly totalEvents?: number;
  readonly hosts?: number;
  readonly containersPerHost?: number;
  /** Distinct long-running host parents (cardinality of `process.parent.executable`). */
  readonly distinctParents?: number;
  /** Plant the last-day positives and near-miss negatives (default true). */
  readonly plantedPositives?: boolean;
  /** Fraction of noise events without `event.ingested`. */
  readonly missingIngestedRatio?: number;
}

export interface ResolvedOptions {
  readonly seed: number;
  readonly end: string;
  readonly days: number;
  readonly totalEvents: number;
  readonly hosts: number;
  readonly containersPerHost: number;
  readonly distinctParents: number;
  readonly plantedPositives: boolean;
  readonly missingIngestedRatio: number;
}

/** A planted term that must alert: the first occurrence is what a new_terms run reports. */
export interface PlantedTerm {
  readonly value: string;
  /** `event.ingested` of the first occurrence, or its `@timestamp` when ingested is absent (timestamp_override fallback). */
  readonly firstSeen: string;
  readonly timestamp: string;
  readonly ingested: string | null;
  readonly occurrences: number;
  readonly hostName: string;
  readonly description: string;
}

export interface PlantedNegative {
  readonly nearMiss: NearMissKind;
  /** The value of the rule's new-terms field on the event. */
  readonly value: string;
  readonly matchesQuery: boolean;
  readonly timestamp: string;
  readonly hostName: string;
  readonly description: string;
}

export interface RoutineTerm {
  readonly value: string;
  /** Effective time of the warm-up occurrence: the term's first occurrence in the data set. */
  readonly firstSeen: string;
}

export interface RuleExpectation {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly field: string;
  /** Exactly the terms new after warm-up, sorted by firstSeen. */
  readonly newTerms: readonly PlantedTerm[];
  readonly negatives: readonly PlantedNegative[];
  /** Terms seen from warm-up on; new only against an empty history. */
  readonly routineTerms: readonly RoutineTerm[];
}

export interface ScenarioPlan {
  readonly options: ResolvedOptions;
  readonly start: string;
  readonly end: string;
  /** Every routine term has been seen by then; noise begins here. */
  readonly warmUpEnd: string;
  readonly lastDayStart: string;
  readonly fixedEvents: number;
  readonly noiseEvents: number;
  readonly expected: Readonly<Record<RuleKey, RuleExpectation>>;
}

export const RULES: Readonly<
  Record<RuleKey, { readonly ruleId: string; readonly ruleName: string; readonly field: string }>
> = {
  [INTERACTIVE_RULE]: {
    ruleId: '7020ff25-76d7-4a7d-b95b-266cf27d70e8',
    ruleName: 'Unusual Interactive Process Launched in a Container',
    field: 'process.name',
  },
  [PRIVILEGED_RULE]: {
    ruleId: 'a80d96cd-1164-41b3-9852-ef58724be496',
    ruleName: 'Privileged Docker Container Creation',
    field: 'process.parent.executable',
  },
};

const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value));

const requireInteger = (name: string, value: number, min: number): number => {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
  return value;
};

export const resolveOptions = (options: GeneratorOptions = {}): ResolvedOptions => {
  const totalEvents = requireInteger('totalEvents', options.totalEvents ?? DEFAULT_TOTAL_EVENTS, 1);
  const days = options.days ?? DEFAULT_DAYS;
  if (!Number.isFinite(days) || days < 2) {
    throw new RangeError(`days must be ≥ 2 (the last day holds the planted events), got ${days}`);
  }
  const end = options.end ?? DEFAULT_END;
  if (Number.isNaN(end.getTime())) {
    throw new RangeError('end is not a valid date');
  }
  const missingIngestedRatio = options.missingIngestedRatio ?? DEFAULT_MISSING_INGESTED_RATIO;
  if (!(missingIngestedRatio >= 0 && missingIngestedRatio <= 1)) {
    throw new RangeError(`missingIngestedRatio must be in [0, 1], got ${missingIngestedRatio}`);
  }
  return {
    seed: requireInteger('seed', options.seed ?? DEFAULT_SEED, 0),
    end: end.toISOString(),
    days,
    totalEvents,
    hosts: requireInteger(
      'hosts',
      options.hosts ?? clamp(Math.ceil(totalEvents / EVENTS_PER_HOST), 2, MAX_DEFAULT_HOSTS),
      1
    ),
    containersPerHost: requireInteger(
      'containersPerHost',
      options.containersPerHost ?? DEFAULT_CONTAINERS_PER_HOST,
      1
    ),
    distinctParents: requireInteger(
      'distinctParents',
      options.distinctParents ??
        clamp(Math.ceil(totalEvents / EVENTS_PER_PARENT), MIN_DEFAULT_PARENTS, MAX_DEFAULT_PARENTS),
      1
    ),
    plantedPositives: options.plantedPositives ?? true,
    missingIngestedRatio,
  };
};

/** Everything `generateEvents` needs; `planScenario` exposes only the ground truth part. */
export interface Scenario {
  readonly plan: ScenarioPlan;
  readonly fleet: Fleet;
  /** Warm-up, daily routine and planted events, in time order. */
  readonly fixed: readonly EventSpec[];
  readonly noise: NoiseConfig;
  readonly noiseStartMs: number;
  readonly endMs: number;
  readonly rng: Random;
}

interface RoutineTermEvent {
  readonly rule: RuleKey;
  readonly value: string;
  readonly make: (host: HostRuntime, rng: Random) => SpecContent;
}

const routineTermEvents = (
  privilegedParents: readonly RoutinePrivilegedParent[]
): RoutineTermEvent[] => [
  ...CONTAINER_SHELLS.map(
    (shell): RoutineTermEvent => ({
      rule: INTERACTIVE_RULE,
      value: imageName(shell),
      make: (host: HostRuntime, rng: Random) =>
        dockerExecProcess(host, rng.pick(host.containers), shell, true),
    })
  ),
  ...ROUTINE_CONTAINER_COMMANDS.map(
    (command): RoutineTermEvent => ({
      rule: INTERACTIVE_RULE,
      value: imageName(command),
      make: (host: HostRuntime, rng: Random) =>
        containerShellCommand(host, rng.pick(host.containers), command),
    })
  ),
  ...privilegedParents.map(
    (routine): RoutineTermEvent => ({
      rule: PRIVILEGED_RULE,
      value: routine.parent.executable,
      make: (host: HostRuntime) => privilegedRun(host, routine),
    })
  ),
];

const ingestDelay = (rng: Random): number => rng.int(MIN_INGEST_DELAY_MS, MAX_INGEST_DELAY_MS);

interface Placed {
  readonly spec: EventSpec;
  readonly planted: PlantedEvent | null;
}

interface Timeline {
  readonly placed: Placed[];
  readonly routine: Record<RuleKey, Map<string, number>>;
}

const placeRoutine = (
  fleet: Fleet,
  terms: readonly RoutineTermEvent[],
  startMs: number,
  endMs: number,
  days: number,
  rng: Random
): Timeline => {
  const placed: Placed[] = [];
  const routine: Record<RuleKey, Map<string, number>> = {
    [INTERACTIVE_RULE]: new Map(),
    [PRIVILEGED_RULE]: new Map(),
  };
  terms.forEach((term, index) => {
    const timestampMs = startMs + WARM_UP_FIRST_OFFSET_MS + index * WARM_UP_STEP_MS;
    const ingestDelayMs = ingestDelay(rng);
    placed.push({
      spec: { ...term.make(rng.pick(fleet.hosts), rng), timestampMs, ingestDelayMs },
      planted: null,
    });
    routine[term.rule].set(term.value, timestampMs + ingestDelayMs);
  });
  for (let day = 1; day < Math.ceil(days); day++) {
    for (const term of terms) {
      const timestampMs = startMs + day * MS_PER_DAY + rng.int(0, MS_PER_DAY - 1);
      if (timestampMs < endMs) {
        placed.push({
          spec: {
            ...term.make(rng.pick(fleet.hosts), rng),
            timestampMs,
            ingestDelayMs: ingestDelay(rng),
          },
          planted: null,
        });
      }
    }
  }
  return { placed, routine };
};

/** Spreads the stories over the last day in a seed-dependent order, one per equal slot. */
const placeStories = (
  fleet: Fleet,
  stories: readonly Story[],
  lastDayStartMs: number,
  endMs: number,
  rng: Random
): Placed[] => {
  const order = stories.map((story) => ({ story, key: rng.next() })).sort((a, b) => a.key - b.key);
  const firstMs = lastDayStartMs + LAST_DAY_MARGIN_MS;
  const slotMs = Math.floor((endMs - LAST_DAY_MARGIN_MS - firstMs) / Math.max(1, order.length));
  const placed: Placed[] = [];
  order.forEach(({ story }, slot) => {
    const host = rng.pick(fleet.hosts);
    const baseMs = firstMs + slot * slotMs + rng.int(0, Math.floor(slotMs / 4));
    for (const planted of story({ rng, host, container: rng.pick(host.containers) })) {
      const timestampMs = baseMs + planted.offsetMs;
      const ingestDelayMs = planted.ingested ? ingestDelay(rng) : null;
      placed.push({ spec: { ...planted.content, timestampMs, ingestDelayMs }, planted });
    }
  });
  return placed;
};

const effectiveMs = (spec: EventSpec): number => spec.timestampMs + (spec.ingestDelayMs ?? 0);

const hostNameOf = (fleet: Fleet, spec: EventSpec): string =>
  fleet.host(spec.hostIndex).profile.name;

const plantedTerms = (fleet: Fleet, placed: readonly Placed[], rule: RuleKey): PlantedTerm[] => {
  const byValue = new Map<string, Placed[]>();
  for (const item of placed) {
    const term = item.planted?.term;
    if (term !== undefined && term.rule === rule) {
      byValue.set(term.value, [...(byValue.get(term.value) ?? []), item]);
    }
  }
  const terms = [...byValue.entries()].map(([value, items]): PlantedTerm => {
    const first = items.reduce((a, b) => (effectiveMs(b.spec) < effectiveMs(a.spec) ? b : a));
    const { spec } = first;
    return {
      value,
      firstSeen: formatIso(effectiveMs(spec)),
      timestamp: formatIso(spec.timestampMs),
      ingested: spec.ingestDelayMs === null ? null : formatIso(effectiveMs(spec)),
      occurrences: items.length,
      hostName: hostNameOf(fleet, spec),
      description: first.planted?.term?.description ?? '',
    };
  });
  return terms.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
};

const plantedNegatives = (
  fleet: Fleet,
  placed: readonly Placed[],
  rule: RuleKey
): PlantedNegative[] =>
  placed.flatMap(({ spec, planted }) => {
    const mark = planted?.negative;
    return mark === undefined || mark.rule !== rule
      ? []
      : [
          {
            nearMiss: mark.nearMiss,
            value: mark.value,
            matchesQuery: mark.matchesQuery,
            timestamp: formatIso(spec.timestampMs),
            hostName: hostNameOf(fleet, spec),
            description: mark.description,
          },
        ];
  });

const expectation = (
  fleet: Fleet,
  placed: readonly Placed[],
  timeline: Timeline,
  rule: RuleKey
): RuleExpectation => ({
  ...RULES[rule],
  newTerms: plantedTerms(fleet, placed, rule),
  negatives: plantedNegatives(fleet, placed, rule),
  routineTerms: [...timeline.routine[rule].entries()].map(([value, firstMs]) => ({
    value,
    firstSeen: formatIso(firstMs),
  })),
});

export const buildScenario = (options: GeneratorOptions = {}): Scenario => {
  const resolved = resolveOptions(options);
  const rng = new Random(resolved.seed);
  const endMs = Date.parse(resolved.end);
  const startMs = endMs - Math.round(resolved.days * MS_PER_DAY);
  const lastDayStartMs = endMs - MS_PER_DAY;
  const fleet = buildFleet(resolved.hosts, resolved.containersPerHost, startMs, rng.fork('fleet'));
  const privilegedParents = [
    ...CORE_PRIVILEGED_PARENTS,
    ...Array.from(
      { length: Math.floor(resolved.distinctParents / PARENTS_PER_CI_AGENT) },
      (_, index) => ciAgentParent(index)
    ),
  ];
  const planRng = rng.fork('plan');
  const timeline = placeRoutine(
    fleet,
    routineTermEvents(privilegedParents),
    startMs,
    endMs,
    resolved.days,
    planRng
  );
  const stories = resolved.plantedPositives ? [...POSITIVE_STORIES, ...NEGATIVE_STORIES] : [];
  const planted = placeStories(fleet, stories, lastDayStartMs, endMs, planRng);
  const placed = [...timeline.placed, ...planted].sort(
    (a, b) => a.spec.timestampMs - b.spec.timestampMs
  );
  const noiseEvents = resolved.totalEvents - placed.length;
  if (noiseEvents < 0) {
    throw new RangeError(
      `totalEvents ${resolved.totalEvents} is below the ${placed.length} planned events (warm-up, daily routine, planted)`
    );
  }
  const plan: ScenarioPlan = {
    options: resolved,
    start: formatIso(startMs),
    end: resolved.end,
    warmUpEnd: formatIso(startMs + WARM_UP_MS),
    lastDayStart: formatIso(lastDayStartMs),
    fixedEvents: placed.length,
    noiseEvents,
    expected: {
      [INTERACTIVE_RULE]: expectation(fleet, planted, timeline, INTERACTIVE_RULE),
      [PRIVILEGED_RULE]: expectation(fleet, planted, timeline, PRIVILEGED_RULE),
    },
  };
  return {
    plan,
    fleet,
    fixed: placed.map(({ spec }) => spec),
    noise: {
      fleet,
      distinctParents: resolved.distinctParents,
      routinePrivilegedParents: privilegedParents,
    },
    noiseStartMs: startMs + WARM_UP_MS,
    endMs,
    rng,
  };
};

/** The ground truth for `generateEvents(options)` with the same options, without generating. */
export const planScenario = (options: GeneratorOptions = {}): ScenarioPlan =>
  buildScenario(options).plan;
