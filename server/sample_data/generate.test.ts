import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import type { EcsEvent } from './defend_event';
import { generateEvents } from './generate';
import { writeNdjson } from './ndjson_writer';
import { INTERACTIVE_RULE, PRIVILEGED_RULE } from './planted';
import type { RuleKey } from './planted';
import { planScenario } from './scenario';
import type { GeneratorOptions, ScenarioPlan } from './scenario';

const SMALL: GeneratorOptions = { totalEvents: 2000 };
const MS_PER_DAY = 86_400_000;

/** Reads a dotted path through nested objects (the generator never emits dotted keys). */
const get = (doc: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[key]
          : undefined,
      doc
    );

const has = (doc: unknown, path: string, value: string): boolean => {
  const field = get(doc, path);
  return Array.isArray(field) ? field.includes(value) : field === value;
};

/** The two rule queries, hand-written: an oracle independent of the project's KQL engine. */
const MATCHES: Record<RuleKey, (doc: EcsEvent) => boolean> = {
  [INTERACTIVE_RULE]: (doc) =>
    has(doc, 'event.category', 'process') &&
    has(doc, 'host.os.type', 'linux') &&
    has(doc, 'event.type', 'start') &&
    has(doc, 'event.action', 'exec') &&
    has(doc, 'process.entry_leader.entry_meta.type', 'container') &&
    get(doc, 'process.interactive') === true,
  [PRIVILEGED_RULE]: (doc) =>
    has(doc, 'host.os.type', 'linux') &&
    has(doc, 'event.category', 'process') &&
    has(doc, 'event.type', 'start') &&
    has(doc, 'event.action', 'exec') &&
    has(doc, 'process.name', 'docker') &&
    has(doc, 'process.args', 'run') &&
    has(doc, 'process.args', '--privileged'),
};

const FIELD: Record<RuleKey, string> = {
  [INTERACTIVE_RULE]: 'process.name',
  [PRIVILEGED_RULE]: 'process.parent.executable',
};

/** A time field's text: the generator writes every time as an ISO 8601 string. */
const isoText = (value: unknown): string => {
  if (typeof value !== 'string')
    throw new Error(`not an ISO 8601 string: ${JSON.stringify(value)}`);
  return value;
};

/** The rules' timestamp_override: event.ingested, falling back to @timestamp. */
const effectiveTime = (doc: EcsEvent): number =>
  Date.parse(String(get(doc, 'event.ingested') ?? get(doc, '@timestamp')));

const collect = (options: GeneratorOptions): EcsEvent[] => [...generateEvents(options)];

const firstSeenByTerm = (docs: readonly EcsEvent[], rule: RuleKey): Map<string, number> => {
  const firstSeen = new Map<string, number>();
  for (const doc of docs) {
    if (MATCHES[rule](doc)) {
      const term = String(get(doc, FIELD[rule]));
      firstSeen.set(term, Math.min(firstSeen.get(term) ?? Infinity, effectiveTime(doc)));
    }
  }
  return firstSeen;
};

const writeToString = async (options: GeneratorOptions): Promise<Buffer> => {
  const dir = mkdtempSync(join(tmpdir(), 'ctd-gen-'));
  try {
    const file = join(dir, 'events.ndjson');
    await writeNdjson(generateEvents(options), file);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('generateEvents determinism', () => {
  it('writes byte-identical NDJSON for the same seed', async () => {
    const [a, b] = await Promise.all([
      writeToString({ ...SMALL, seed: 7 }),
      writeToString({ ...SMALL, seed: 7 }),
    ]);
    expect(a.length).toBeGreaterThan(0);
    expect(a.equals(b)).toBe(true);
  });

  it('writes different output for a different seed', async () => {
    const [a, b] = await Promise.all([
      writeToString({ ...SMALL, seed: 7 }),
      writeToString({ ...SMALL, seed: 8 }),
    ]);
    expect(a.equals(b)).toBe(false);
  });

  it('plans the same ground truth as often as asked', () => {
    expect(planScenario(SMALL)).toEqual(planScenario(SMALL));
  });
});

describe('generateEvents volume and time', () => {
  const plan = planScenario(SMALL);
  const docs = collect(SMALL);

  it('yields exactly totalEvents documents', () => {
    expect(docs).toHaveLength(2000);
    expect(collect({ totalEvents: 2345, seed: 3 })).toHaveLength(2345);
    expect(plan.fixedEvents + plan.noiseEvents).toBe(2000);
  });

  it('yields events in @timestamp order inside [end - days, end)', () => {
    const start = Date.parse(plan.start);
    const end = Date.parse(plan.end);
    expect(end - start).toBe(14 * MS_PER_DAY);
    let previous = start;
    for (const doc of docs) {
      const timestamp = Date.parse(isoText(doc['@timestamp']));
      expect(timestamp).toBeGreaterThanOrEqual(previous);
      expect(timestamp).toBeLessThan(end);
      previous = timestamp;
    }
  });

  it('is a lazy generator, not an array', () => {
    const events = generateEvents(SMALL);
    expect(Array.isArray(events)).toBe(false);
    expect(events.next().done).toBe(false);
  });

  it('streams 100k events in order without holding them', () => {
    let count = 0;
    let outOfOrder = 0;
    let previous = '';
    for (const doc of generateEvents({ totalEvents: 100_000, seed: 11 })) {
      const timestamp = isoText(doc['@timestamp']);
      outOfOrder += timestamp < previous ? 1 : 0;
      previous = timestamp;
      count++;
    }
    expect(count).toBe(100_000);
    expect(outOfOrder).toBe(0);
  });
});

describe('generateEvents document shape', () => {
  const docs = collect(SMALL);

  const expectProcessObject = (value: unknown): void => {
    expect(typeof get(value, 'pid')).toBe('number');
    expect(typeof get(value, 'entity_id')).toBe('string');
    expect(typeof get(value, 'executable')).toBe('string');
    expect(typeof get(value, 'name')).toBe('string');
    expect(typeof get(value, 'start')).toBe('string');
    expect(typeof get(value, 'interactive')).toBe('boolean');
    const args = get(value, 'args');
    expect(Array.isArray(args)).toBe(true);
    expect(get(value, 'args_count')).toBe((args as unknown[]).length);
    expect(get(value, 'command_line')).toBe((args as unknown[]).join(' '));
    expect(get(value, 'tty') !== undefined).toBe(get(value, 'interactive') === true);
  };

  it('carries the Elastic Defend process fields on every event', () => {
    for (const doc of docs) {
      const timestamp = Date.parse(isoText(doc['@timestamp']));
      expect(Number.isNaN(timestamp)).toBe(false);
      expect(get(doc, 'event.created')).toBe(doc['@timestamp']);
      expect(get(doc, 'event.category')).toEqual(['process']);
      expect(['fork', 'exec', 'end']).toContain(get(doc, 'event.action'));
      expect(get(doc, 'event.type')).toEqual([
        get(doc, 'event.action') === 'end' ? 'end' : 'start',
      ]);
      expect(get(doc, 'event.dataset')).toBe('endpoint.events.process');
      expect(typeof get(doc, 'event.sequence')).toBe('number');
      expect(get(doc, 'data_stream')).toEqual({
        type: 'logs',
        dataset: 'endpoint.events.process',
        namespace: 'default',
      });
      expect(get(doc, 'agent.type')).toBe('endpoint');
      expect(typeof get(doc, 'host.name')).toBe('string');
      expect(typeof get(doc, 'host.id')).toBe('string');
      expect(Array.isArray(get(doc, 'host.ip'))).toBe(true);
      expect(typeof get(doc, 'host.os.type')).toBe('string');
      expect(typeof get(doc, 'user.id')).toBe('string');
      expect(typeof get(doc, 'group.name')).toBe('string');
      expectProcessObject(get(doc, 'process'));
      expectProcessObject(get(doc, 'process.parent'));
      for (const leader of ['entry_leader', 'session_leader', 'group_leader']) {
        expectProcessObject(get(doc, `process.${leader}`));
        expect(typeof get(doc, `process.${leader}.same_as_process`)).toBe('boolean');
      }
      expect(typeof get(doc, 'process.entry_leader.entry_meta.type')).toBe('string');
      if (get(doc, 'process.entry_leader.entry_meta.type') === 'container') {
        expect(typeof get(doc, 'container.id')).toBe('string');
      }
      if (get(doc, 'process.parent.name') === 'runc' && get(doc, 'event.action') === 'exec') {
        expect(get(doc, 'process.previous')).toEqual([
          { executable: '/usr/bin/runc', args: ['runc', 'init'], args_count: 2 },
        ]);
      }
      const ingested = get(doc, 'event.ingested');
      if (ingested !== undefined) {
        const delay = Date.parse(isoText(ingested)) - timestamp;
        expect(delay).toBeGreaterThanOrEqual(200);
        expect(delay).toBeLessThanOrEqual(3000);
      }
    }
  });

  it('gives every event a unique event.id and entity ids that identify processes', () => {
    expect(new Set(docs.map((doc) => get(doc, 'event.id'))).size).toBe(docs.length);
    for (const doc of docs) {
      expect(get(doc, 'process.entry_leader.same_as_process')).toBe(
        get(doc, 'process.entry_leader.entity_id') === get(doc, 'process.entity_id')
      );
    }
  });

  it('mixes host, container, docker, fork and end events', () => {
    const share = (predicate: (doc: EcsEvent) => boolean): number =>
      docs.filter(predicate).length / docs.length;
    expect(share((doc) => doc.container === undefined)).toBeGreaterThan(0.4);
    expect(
      share(
        (doc) =>
          get(doc, 'process.entry_leader.entry_meta.type') === 'container' &&
          get(doc, 'process.interactive') === false
      )
    ).toBeGreaterThan(0.15);
    expect(share((doc) => get(doc, 'event.action') === 'fork')).toBeGreaterThan(0.03);
    expect(share((doc) => get(doc, 'event.action') === 'end')).toBeGreaterThan(0.03);
    expect(docs.some((doc) => has(doc, 'process.args', '--privileged=true'))).toBe(true);
    expect(
      docs.some((doc) => has(doc, 'process.args', 'ps') && get(doc, 'process.name') === 'docker')
    ).toBe(true);
  });

  it('leaves event.ingested out of a controllable fraction of events', () => {
    const missing = (options: GeneratorOptions): number =>
      collect(options).filter((doc) => get(doc, 'event.ingested') === undefined).length;
    expect(missing({ ...SMALL, missingIngestedRatio: 0.2 })).toBeGreaterThan(200);
    // Only the planted socat event lacks it when the ratio is zero.
    expect(missing({ ...SMALL, missingIngestedRatio: 0 })).toBe(1);
  });
});

describe('ground truth', () => {
  const cases: ReadonlyArray<readonly [string, GeneratorOptions]> = [
    ['2k events, default seed', SMALL],
    [
      '5k events, 20 days, seed 99',
      { totalEvents: 5000, days: 20, seed: 99, hosts: 5, distinctParents: 40 },
    ],
  ];

  describe.each(cases)('%s', (_name, options) => {
    const plan: ScenarioPlan = planScenario(options);
    const docs = collect(options);
    const warmUpEnd = Date.parse(plan.warmUpEnd);
    const lastDayStart = Date.parse(plan.lastDayStart);
    const end = Date.parse(plan.end);

    it.each<RuleKey>([INTERACTIVE_RULE, PRIVILEGED_RULE])(
      '%s: the terms new after warm-up are exactly the planted ones',
      (rule) => {
        const firstSeen = firstSeenByTerm(docs, rule);
        const newAfterWarmUp = [...firstSeen]
          .filter(([, time]) => time > warmUpEnd)
          .map(([value, time]) => ({ value, firstSeen: new Date(time).toISOString() }));
        const planted = plan.expected[rule].newTerms.map(({ value, firstSeen: seen }) => ({
          value,
          firstSeen: seen,
        }));
        expect(planted.length).toBeGreaterThanOrEqual(4);
        expect(newAfterWarmUp.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen))).toEqual(
          planted
        );
      }
    );

    it.each<RuleKey>([INTERACTIVE_RULE, PRIVILEGED_RULE])(
      '%s: planted terms first occur in the last day and never earlier',
      (rule) => {
        for (const term of plan.expected[rule].newTerms) {
          const first = Date.parse(term.timestamp);
          expect(first).toBeGreaterThan(lastDayStart);
          expect(first).toBeLessThan(end);
          const earlier = docs.filter(
            (doc) =>
              Date.parse(isoText(doc['@timestamp'])) < first && has(doc, FIELD[rule], term.value)
          );
          expect(earlier).toEqual([]);
        }
      }
    );

    it.each<RuleKey>([INTERACTIVE_RULE, PRIVILEGED_RULE])(
      '%s: routine terms are seeded on the first day and recur',
      (rule) => {
        const firstSeen = firstSeenByTerm(docs, rule);
        const routine = plan.expected[rule].routineTerms;
        expect(routine.length).toBeGreaterThanOrEqual(4);
        for (const term of routine) {
          expect(new Date(firstSeen.get(term.value) ?? NaN).toISOString()).toBe(term.firstSeen);
          expect(Date.parse(term.firstSeen)).toBeLessThanOrEqual(warmUpEnd);
          const lastDayMatch = docs.some(
            (doc) =>
              Date.parse(isoText(doc['@timestamp'])) >= lastDayStart &&
              MATCHES[rule](doc) &&
              has(doc, FIELD[rule], term.value)
          );
          expect(lastDayMatch).toBe(true);
        }
      }
    );

    it.each<RuleKey>([INTERACTIVE_RULE, PRIVILEGED_RULE])(
      '%s: planted negatives are present and never alert',
      (rule) => {
        const firstSeen = firstSeenByTerm(docs, rule);
        const negatives = plan.expected[rule].negatives;
        expect(negatives.length).toBeGreaterThanOrEqual(5);
        for (const negative of negatives) {
          const event = docs.find(
            (doc) =>
              doc['@timestamp'] === negative.timestamp && has(doc, FIELD[rule], negative.value)
          );
          expect(event).toBeDefined();
          expect(event !== undefined && MATCHES[rule](event)).toBe(negative.matchesQuery);
          if (negative.matchesQuery) {
            expect(firstSeen.get(negative.value) ?? Infinity).toBeLessThanOrEqual(warmUpEnd);
          } else {
            expect(firstSeen.has(negative.value)).toBe(false);
          }
        }
      }
    );
  });

  it('plants nothing when plantedPositives is false', () => {
    const options = { ...SMALL, plantedPositives: false };
    const plan = planScenario(options);
    const docs = collect(options);
    for (const rule of [INTERACTIVE_RULE, PRIVILEGED_RULE] as const) {
      expect(plan.expected[rule].newTerms).toEqual([]);
      expect(plan.expected[rule].negatives).toEqual([]);
      const warmUpEnd = Date.parse(plan.warmUpEnd);
      expect([...firstSeenByTerm(docs, rule).values()].every((time) => time <= warmUpEnd)).toBe(
        true
      );
    }
  });

  it('rejects volumes below the planned events and spans shorter than two days', () => {
    expect(() => planScenario({ totalEvents: 10 })).toThrow(RangeError);
    expect(() => planScenario({ ...SMALL, days: 1 })).toThrow(RangeError);
    expect(() => planScenario({ ...SMALL, containersPerHost: 0 })).toThrow(RangeError);
  });
});
