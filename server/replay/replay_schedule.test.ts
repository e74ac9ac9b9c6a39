/**
 * `ctd scan`'s replay over generated sample data: both rules raise exactly the planted new terms
 * (value and first-seen time) and none of the near-miss negatives. And its pruning is exact: it
 * raises what running the executor at every scheduled time raises.
 */
import { ALERT_NEW_TERMS, ALERT_TERM_FIRST_SEEN } from '../../common/alerts/field_names';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { generateEvents } from '../sample_data/generate';
import { planScenario } from '../sample_data/scenario';
import { DEFAULT_SPACE_ID, type NewTermsRuleInstance } from '../new_terms/rule_instance';
import { MAX_SIGNALS_WARNING } from '../new_terms/execute_new_terms';
import { runNewTermsRule, timestampSpecFor } from '../new_terms/run_new_terms_rule';
import type { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { memoryStoreWith } from '../../test/helpers/memory_store';
import { replayRule, scheduleShape, type ReplayStore } from './replay_schedule';

const OPTIONS = { totalEvents: 3_000, seed: 7 };

describe('replayRule over generated Defend events', () => {
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await memoryStoreWith([...generateEvents(OPTIONS)]);
  });
  afterAll(() => store.close());

  const plan = planScenario(OPTIONS);

  it.each(
    Object.values(plan.expected).map((expectation) => [expectation.ruleName, expectation] as const)
  )('%s raises exactly the planted new terms', async (_name, expectation) => {
    const definition = PREBUILT_RULES.find((rule) => rule.rule_id === expectation.ruleId);
    if (definition === undefined)
      throw new Error(`rule ${expectation.ruleId} missing from the catalog`);
    const summary = await replayRule(store, {
      uuid: definition.rule_id,
      spaceId: DEFAULT_SPACE_ID,
      definition,
    });
    expect(summary.errors).toEqual([]);
    const alerts = await store.alerts.list(definition.rule_id);
    const raised = alerts
      .map((alert) => ({
        value: (alert.document[ALERT_NEW_TERMS] as unknown[])[0],
        firstSeen: alert.document[ALERT_TERM_FIRST_SEEN],
      }))
      .sort((a, b) => String(a.firstSeen).localeCompare(String(b.firstSeen)));
    expect(expectation.newTerms.length).toBeGreaterThan(0);
    expect(raised).toEqual(
      expectation.newTerms.map((term) => ({ value: term.value, firstSeen: term.firstSeen }))
    );
    const raisedValues = new Set(raised.map((alert) => alert.value));
    for (const negative of expectation.negatives) {
      if (!expectation.newTerms.some((term) => term.value === negative.value)) {
        expect(raisedValues.has(negative.value)).toBe(false);
      }
    }
    expect(summary.alertIds).toHaveLength(raised.length);
  });
});

/**
 * Pruning is exact: over data with gaps, boundary timestamps, arrays, several fields and a
 * timestamp override with fallback, the pruned replay raises exactly what running the executor
 * at every scheduled time raises (same ids in the same order, same documents).
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The first event: with no warm-up, the first scheduled execution. */
const FIRST = Date.parse('2025-03-01T00:00:00.000Z');
/** Random times snap to this grid so they land on window edges, history starts and t_k. */
const GRID = 5 * MINUTE;
const REPLAYED_DAYS = 5;
/** Day 2 holds no event at all, day 3 only the history-edge terms, so they alone decide its windows. */
const QUIET_DAYS = [2, 3];
const RANDOM_EVENTS = 320;
const RANDOM_SEED = 1_234;
const HISTORY_MS = 6 * HOUR;

interface PruningCase {
  readonly name: string;
  readonly fields: readonly string[];
  readonly from: string;
  readonly lookbackMs: number;
  readonly maxSignals: number;
  /** Whether some window reaches `max_signals`. */
  readonly truncates: boolean;
}

const PRUNING_CASES: readonly PruningCase[] = [
  // Lookback longer than the interval: windows overlap.
  {
    name: 'one array field, overlapping windows',
    fields: ['process.args'],
    from: 'now-30m',
    lookbackMs: 30 * MINUTE,
    maxSignals: 100,
    truncates: false,
  },
  // Lookback shorter than the interval: every execution adds a catch-up window.
  {
    name: 'three fields, catch-up windows, small max_signals',
    fields: ['process.parent.executable', 'process.args', 'user.name'],
    from: 'now-15m',
    lookbackMs: 15 * MINUTE,
    maxSignals: 4,
    truncates: true,
  },
];

const pruningRule = (testCase: PruningCase): NewTermsRuleInstance => {
  const base = PREBUILT_RULES[0];
  if (base === undefined) throw new Error('the catalog is empty');
  return {
    uuid: `pruning-${testCase.fields.length}`,
    spaceId: DEFAULT_SPACE_ID,
    definition: {
      ...base,
      rule_id: `pruning-${testCase.fields.length}`,
      index: ['logs-endpoint.events.process*'],
      query: 'event.category:process and event.type:start and not user.name:ignored',
      new_terms_fields: [...testCase.fields],
      history_window_start: 'now-6h',
      from: testCase.from,
      to: 'now',
      interval: '20m',
      max_signals: testCase.maxSignals,
      timestamp_override: 'event.ingested',
      timestamp_override_fallback_disabled: undefined,
    },
  };
};

/** Deterministic pseudo-random numbers (a 32-bit LCG), so the data set is the same every run. */
const randomSource = (seed: number) => {
  let state = seed;
  const next = (): number => {
    // (a × state + c) mod 2^32: Math.imul gives the product's low 32 bits, signed.
    state = (((Math.imul(state, 1_664_525) + 1_013_904_223) % 2 ** 32) + 2 ** 32) % 2 ** 32;
    return state / 2 ** 32;
  };
  const pick = <T>(values: readonly T[]): T => {
    const value = values[Math.floor(next() * values.length)];
    if (value === undefined) throw new Error('pick from an empty list');
    return value;
  };
  return { next, pick };
};

let eventSequence = 0;
/** A process start at `placedAt` (combined time): by `event.ingested`, or by `@timestamp` when `ingested` is false. */
const processStart = (
  placedAt: number,
  fields: {
    args: string | readonly string[];
    parent?: string | null;
    user?: string;
    type?: string;
  },
  ingested = true
): Record<string, unknown> => {
  eventSequence++;
  return {
    // With an ingest time, @timestamp lies earlier (backfilled) and must not decide the placement.
    '@timestamp': new Date(ingested ? placedAt - 3 * HOUR : placedAt).toISOString(),
    event: {
      id: `pruning-${eventSequence}`,
      category: ['process'],
      type: [fields.type ?? 'start'],
      ...(ingested ? { ingested: new Date(placedAt).toISOString() } : {}),
    },
    process: {
      name: 'sh',
      args: fields.args,
      ...(fields.parent === undefined || fields.parent === null
        ? {}
        : { parent: { executable: fields.parent } }),
    },
    ...(fields.user === undefined ? {} : { user: { name: fields.user } }),
  };
};

const ARGS = ['-c', '-i', 'run', '--privileged', '-e', 'rare-1', 'rare-2', 'rare-3'];
/** null: an event without the field, which forms no term for the three-field rule. */
const PARENTS = ['/usr/bin/dockerd', '/bin/bash', '/usr/sbin/sshd', null];
const USERS = ['root', 'app', 'svc', 'ignored'];
/** Small offsets that put an event on, just before or just after a grid point. */
const JITTER = [0, 0, 0, 1, -1, 7_123];

const randomEvents = (seed: number): Array<Record<string, unknown>> => {
  const random = randomSource(seed);
  const activeDays = Array.from({ length: REPLAYED_DAYS }, (_, day) => day).filter(
    (day) => !QUIET_DAYS.includes(day)
  );
  return Array.from({ length: RANDOM_EVENTS }, () => {
    const slot = Math.floor(random.next() * (DAY / GRID));
    const placedAt = FIRST + random.pick(activeDays) * DAY + slot * GRID + random.pick(JITTER);
    const args = random.next() < 0.4 ? [random.pick(ARGS), random.pick(ARGS)] : random.pick(ARGS);
    return processStart(
      Math.max(FIRST, placedAt),
      {
        args,
        parent: random.pick(PARENTS),
        user: random.pick(USERS),
        type: random.next() < 0.1 ? 'end' : 'start',
      },
      random.next() < 0.6
    );
  });
};

/** Terms that come back exactly H - L, H and H + 1 ms after their previous occurrence, and history-edge cases. */
const gapEvents = (lookbackMs: number): Array<Record<string, unknown>> => {
  const firstSeen = FIRST + DAY + 3 * HOUR + 7;
  const term = (label: string) => ({ args: [label, '-c'], parent: '/gap', user: 'root' });
  const executionTime = FIRST + 3 * DAY + 6 * HOUR; // a scheduled t_k (a multiple of the interval)
  return [
    processStart(FIRST, term('first-event')),
    ...[
      { label: 'gap-h-minus-l', gapMs: HISTORY_MS - lookbackMs },
      { label: 'gap-h', gapMs: HISTORY_MS },
      { label: 'gap-h-plus-1', gapMs: HISTORY_MS + 1 },
    ].flatMap(({ label, gapMs }) => [
      processStart(firstSeen, term(label)),
      processStart(firstSeen + gapMs, term(label), false),
    ]),
    // Seen exactly at t_k's history start, then exactly at t_k (its window's `to`).
    processStart(executionTime - HISTORY_MS, term('history-edge')),
    processStart(executionTime, term('history-edge')),
    // First seen exactly at a window's `from`.
    processStart(executionTime - lookbackMs, term('at-from'), false),
    // The smallest gap that can raise an alert, H - L + 2 ms: one before t_k's history start, then
    // one after its window's `from` (H - L + 1 cannot: no integer t_k fits between).
    processStart(executionTime + 3 * HOUR - HISTORY_MS - 1, term('tightest-gap')),
    processStart(executionTime + 3 * HOUR - lookbackMs + 1, term('tightest-gap')),
  ];
};

/** The reference: the executor at every scheduled time, previous start = previous scheduled time. */
const bruteForceReplay = async (
  store: EmbeddedStore,
  rule: NewTermsRuleInstance
): Promise<{ ids: string[]; warnings: string[]; executions: number }> => {
  const { definition } = rule;
  const { intervalMs } = scheduleShape(definition);
  const span = await store.events.timeSpan(timestampSpecFor(definition), definition.index);
  if (span === undefined) throw new Error('no events');
  const total = Math.max(1, Math.ceil((span.to - span.from) / intervalMs) + 1);
  const ids: string[] = [];
  const warnings = new Set<string>();
  for (let k = 0; k < total; k++) {
    const startedAt = span.from + k * intervalMs;
    const result = await runNewTermsRule({
      rule,
      source: store.events,
      sink: store.alerts,
      startedAt: new Date(startedAt),
      previousStartedAt: k === 0 ? null : new Date(startedAt - intervalMs),
      executionId: `replay-${definition.rule_id}-${startedAt}`,
    });
    expect(result.errors).toEqual([]);
    ids.push(...result.createdAlertIds);
    result.warnings.forEach((warning) => warnings.add(warning));
  }
  return { ids, warnings: [...warnings], executions: total };
};

/** The same store seen without the candidate query: the replay falls back to matching event times. */
const withoutCandidates = (store: EmbeddedStore): ReplayStore => {
  const { events } = store;
  return {
    alerts: store.alerts,
    events: {
      timestampGranularityMs: events.timestampGranularityMs,
      timeSpan: (timestamp, index) => events.timeSpan(timestamp, index),
      hasEvents: (index) => events.hasEvents(index),
      matchingTimestamps: (search, range) => events.matchingTimestamps(search, range),
      recentTerms: (search, range, page) => events.recentTerms(search, range, page),
      newTerms: (search, history, newAfter, candidates) =>
        events.newTerms(search, history, newAfter, candidates),
      firstDocuments: (search, range, terms) => events.firstDocuments(search, range, terms),
    },
  };
};

/**
 * Time for one pruning case: three replays of the same events, one of them executing every
 * scheduled window, which takes minutes on a loaded machine.
 */
const BRUTE_FORCE_TIMEOUT_MS = 180_000;

/** How many alerts have `label` among their new-terms values. */
const alertsOfTerm = async (store: EmbeddedStore, label: string): Promise<number> =>
  (await store.alerts.list()).filter((alert) =>
    (alert.document[ALERT_NEW_TERMS] as unknown[]).includes(label)
  ).length;

describe.each(PRUNING_CASES.map((testCase) => [testCase.name, testCase] as const))(
  'pruned replay equals the window-by-window schedule: %s',
  (_name, testCase) => {
    // Built once: every store must hold identical events (ids included) for alert ids to compare.
    const events = [...gapEvents(testCase.lookbackMs), ...randomEvents(RANDOM_SEED)];
    const stores: EmbeddedStore[] = [];
    const open = async (): Promise<EmbeddedStore> => {
      const store = await memoryStoreWith(events);
      stores.push(store);
      return store;
    };
    afterAll(() => stores.forEach((store) => store.close()));

    it(
      'raises the same alert ids in the same order and the same documents, running fewer windows',
      async () => {
        const rule = pruningRule(testCase);
        const reference = await open();
        const {
          ids: referenceIds,
          warnings: referenceWarnings,
          executions,
        } = await bruteForceReplay(reference, rule);
        const pruned = await open();
        const summary = await replayRule(pruned, rule, { warmup: 0 });
        const fallback = await open();
        const fallbackSummary = await replayRule(withoutCandidates(fallback), rule, { warmup: 0 });

        expect(summary.errors).toEqual([]);
        expect(summary.warnings).toEqual(referenceWarnings);
        expect(fallbackSummary.warnings).toEqual(referenceWarnings);
        expect(referenceWarnings.includes(MAX_SIGNALS_WARNING)).toBe(testCase.truncates);
        expect(referenceIds.length).toBeGreaterThan(0);
        expect(summary.alertIds).toEqual(referenceIds);
        expect(fallbackSummary.alertIds).toEqual(referenceIds);
        const documents = async (store: EmbeddedStore) =>
          (await store.alerts.list()).map((alert) => alert.document);
        expect(await documents(pruned)).toEqual(await documents(reference));
        expect(await documents(fallback)).toEqual(await documents(reference));

        expect(summary.scheduledExecutions).toBe(executions);
        expect(summary.executedWindows).toBeLessThan(fallbackSummary.executedWindows);
        expect(fallbackSummary.executedWindows).toBeLessThan(summary.scheduledExecutions);

        if (!testCase.truncates) {
          // First seen, then back after H - L: still in every later window's history, so raised once;
          // back after H + 1 ms: out of some window's history, so raised again.
          expect(await alertsOfTerm(pruned, 'gap-h-minus-l')).toBe(1);
          expect(await alertsOfTerm(pruned, 'gap-h-plus-1')).toBe(2);
          expect(await alertsOfTerm(pruned, 'tightest-gap')).toBe(2);
        }
      },
      BRUTE_FORCE_TIMEOUT_MS
    );
  }
);
