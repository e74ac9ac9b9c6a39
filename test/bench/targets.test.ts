import { floorRatios } from './floor_ratios';
import type {
  ApiFigures,
  ExecutionFigures,
  FloorFigures,
  ScanFigures,
  SizeResult,
  StoreExecution,
} from './results';
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

describe('floor targets', () => {
  const rules = (a: number) => [{ ruleId: 'a', rule: 'A', alerts: a }];
  const floors = (storeEventsPerSecond: number, scanSeconds: number): FloorFigures => ({
    parse: {
      runs: 1,
      events: 20_000,
      seconds: one(0.1),
      eventsPerSecond: one(1_000_000),
      peakRssMb: one(90),
    },
    store: {
      runs: 1,
      events: 20_000,
      seconds: one(1),
      eventsPerSecond: one(storeEventsPerSecond),
      peakRssMb: one(300),
      storeMb: one(3),
    },
    scan: { runs: 1, seconds: one(scanSeconds), peakRssMb: one(100), rules: rules(6) },
  });
  const scan = (seconds: number, alerts = 6): ScanFigures => ({
    runs: 1,
    seconds: one(seconds),
    peakRssMb: one(400),
    rules: rules(alerts),
  });
  /** Ingest at 200,000 events/s into a 15 MB store, from a 60 MB file. */
  const measured = (floor: FloorFigures, scanned: ScanFigures): SizeResult => {
    const base = size(20_000, { fileMb: 60 });
    const ingest = base.ingest.map((figures) => ({ ...figures, storeMb: one(15) }));
    const parts = { fileMb: 60, ingest, floors: floor, scan: scanned };
    return { ...base, ...parts, ratios: floorRatios(parts) };
  };

  it('judges the ingest against floor 2, the scan against its floor and the store size, at any size', () => {
    const rows = evaluateTargets([measured(floors(300_000, 1), scan(2.5))], undefined);
    expect(statusOf(rows, /of DuckDB's reader floor/)).toEqual(['met']);
    expect(statusOf(rows, /scan floor/)).toEqual(['met']);
    expect(statusOf(rows, /of the NDJSON file/)).toEqual(['met']);
    expect(rows.find((row) => /reader floor/.test(row.target))?.figure).toBe(
      '66.7% (200,000 vs 300,000 events/s)'
    );
    expect(rows.find((row) => /scan floor/.test(row.target))?.figure).toBe(
      '2.5× (2,500 ms vs 1,000 ms)'
    );
    expect(rows.find((row) => /NDJSON file/.test(row.target))?.figure).toBe(
      '25.0% (15 of 60 MB; floor 2: 5.0%)'
    );
  });

  it('misses below half the floor or above 3× it, and notes differing alert counts', () => {
    const rows = evaluateTargets([measured(floors(500_000, 1), scan(3.5, 5))], undefined);
    expect(statusOf(rows, /of DuckDB's reader floor/)).toEqual(['missed']);
    const scanRow = rows.find((row) => /scan floor/.test(row.target));
    expect(scanRow?.status).toBe('missed');
    expect(scanRow?.note).toMatch(/alert counts differ/);
  });

  it("notes the preparation ceiling's share of floor 2 beside the ingest target", () => {
    const floor = { ...floors(500_000, 1) };
    const withCeiling = { ...floor, prepare: { ...floor.parse, eventsPerSecond: one(100_000) } };
    const rows = evaluateTargets([measured(withCeiling, scan(2))], undefined);
    expect(rows.find((row) => /reader floor/.test(row.target))?.note).toBe(
      'the line preparation alone reaches 20.0% of floor 2'
    );
  });

  it('has no floor rows when the floors were not measured', () => {
    const rows = evaluateTargets([size(20_000)], undefined);
    expect(rows.filter((row) => /floor|NDJSON/.test(row.target))).toEqual([]);
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
