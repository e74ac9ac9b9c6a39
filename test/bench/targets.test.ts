import type { ApiFigures, ExecutionFigures, SizeResult, StoreExecution } from './results';
import { spreadOf } from './stats';
import { evaluateTargets, groupByTarget } from './targets';

const one = (value: number) => spreadOf([value]);

const execution = (
  ms: number,
  terms: number,
  extra: Partial<StoreExecution> = {}
): StoreExecution => ({
  status: 'succeeded',
  ms: one(ms),
  termsEvaluated: terms,
  termsPerSecond: one(terms / (ms / 1000)),
  newTerms: 0,
  alerts: 0,
  truncated: false,
  peakRssMb: 100,
  ...extra,
});

const executions = (embeddedMs: number, esMs: number): ExecutionFigures[] => [
  {
    rule: 'A',
    kind: 'seed',
    window: 'scheduled',
    windowLabel: 'scheduled',
    fields: ['process.name'],
    embedded: execution(embeddedMs, 10),
    elasticsearch: execution(esMs, 10),
  },
  {
    rule: 'A',
    kind: 'seed',
    window: 'wide',
    windowLabel: 'wide',
    fields: ['process.name'],
    embedded: execution(2, 5_000),
  },
];

const size = (events: number, overrides: Partial<SizeResult> = {}): SizeResult => ({
  events,
  fileMb: 1,
  ingest: [
    {
      store: 'embedded',
      runs: 1,
      stored: events,
      seconds: one(1),
      eventsPerSecond: one(200_000),
      mbPerSecond: one(600),
      peakRssMb: one(700),
    },
  ],
  executions: executions(50, 400),
  replays: [
    {
      rule: 'A',
      seconds: one(8),
      scheduledWindows: 4_000,
      executedWindows: 100,
      alerts: 3,
      peakRssMb: 200,
      errors: [],
    },
  ],
  kql: [],
  ...overrides,
});

const statusOf = (rows: ReturnType<typeof evaluateTargets>, target: RegExp) =>
  rows.filter((row) => target.test(row.target)).map((row) => row.status);

describe('evaluateTargets', () => {
  it('judges ingest at any size: events/s met, peak RSS missed', () => {
    const rows = evaluateTargets([size(20_000)], undefined);
    expect(statusOf(rows, /events\/s/)).toEqual(['met']);
    expect(statusOf(rows, /peak RSS/)).toEqual(['missed']);
  });

  it('judges size-bound targets only at their size, and shows the figure elsewhere', () => {
    const small = evaluateTargets([size(20_000)], undefined);
    expect(statusOf(small, /faster than Elasticsearch/)).toEqual(['n/a']);
    expect(statusOf(small, /replay/)).toEqual(['n/a']);
    expect(statusOf(small, /one execution/)).toEqual(['n/a']);
    expect(small.find((row) => /faster/.test(row.target))?.figure).toBe('8.0× (50 ms vs 400 ms)');

    const million = evaluateTargets([size(1_000_000)], undefined);
    expect(statusOf(million, /faster than Elasticsearch/)).toEqual(['met']);
    expect(statusOf(million, /replay ≤ 10 s/)).toEqual(['met']);

    const tenMillion = evaluateTargets(
      [size(10_000_000, { executions: executions(1_500, 2_000) })],
      undefined
    );
    expect(statusOf(tenMillion, /one execution ≤ 1\.0 s/)).toEqual(['missed']);
    expect(statusOf(tenMillion, /replay ≤ 60 s/)).toEqual(['met']);
    expect(statusOf(tenMillion, /faster than Elasticsearch/)).toEqual(['n/a']);
  });

  it('judges terms/s on wide windows only, and says when the alert cap cut one short', () => {
    const rows = evaluateTargets([size(20_000)], undefined);
    expect(statusOf(rows, /terms\/s/)).toEqual(['met']);
    const truncated = size(20_000, {
      executions: [
        {
          rule: 'A',
          kind: 'seed',
          window: 'wide',
          windowLabel: 'wide',
          fields: ['x'],
          embedded: execution(100, 1_000, { truncated: true }),
        },
      ],
    });
    const row = evaluateTargets([truncated], undefined).find((r) => /terms\/s/.test(r.target));
    expect(row?.status).toBe('missed');
    expect(row?.note).toMatch(/alert cap/);
  });

  it('judges the alerts page with 100,000 alerts stored, n/a with any other count', () => {
    const api = (alerts: number, ms: number): ApiFigures => ({
      alerts,
      warmup: 1,
      requests: [{ label: 'first page', path: '/x', ms: one(ms), total: alerts, returned: 25 }],
    });
    expect(evaluateTargets([], api(100_000, 40)).map((row) => row.status)).toEqual(['met']);
    expect(evaluateTargets([], api(100_000, 140)).map((row) => row.status)).toEqual(['missed']);
    expect(evaluateTargets([], api(1_000, 40)).map((row) => row.status)).toEqual(['n/a']);
  });
});

describe('groupByTarget', () => {
  it('keeps the rows of one target together, in first-appearance order', () => {
    const row = (target: string, subject: string) => ({
      target,
      subject,
      figure: '',
      status: 'met' as const,
    });
    expect(
      groupByTarget([
        row('a', '1'),
        row('b', '1'),
        row('a', '2'),
        row('c', '1'),
        row('b', '2'),
      ]).map((r) => `${r.target}${r.subject}`)
    ).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
  });
});
