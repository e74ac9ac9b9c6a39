import { floorRatios } from './floor_ratios';
import { cell, markdownReport, millis, percent, times } from './report';
import type { FloorFigures, IngestFigures, ScanFigures, SizeResult } from './results';
import { spreadOf } from './stats';

describe('markdownReport', () => {
  const report = markdownReport({
    date: new Date('2026-11-23T10:00:00Z'),
    machine: { cpu: 'Test CPU', cores: 2, memoryGb: 24, os: 'Linux 6 (x64)', node: 'v20.0.0' },
    versions: ['Node v20.0.0', 'Elasticsearch 8.19.21'],
    command: 'npm run bench -- --events 20000 --runs 2',
    method: ['How it was measured.'],
    sizes: [
      {
        events: 20_000,
        fileMb: 61,
        ingest: [
          {
            store: 'embedded',
            runs: 2,
            stored: 20_000,
            seconds: spreadOf([10, 12]),
            eventsPerSecond: spreadOf([2_000, 1_667]),
            mbPerSecond: spreadOf([6.1, 5.1]),
            peakRssMb: spreadOf([500, 520]),
          },
        ],
        executions: [
          {
            rule: 'Rule | A',
            kind: 'seed',
            window: 'scheduled',
            windowLabel: 'scheduled: now-9m..now',
            fields: ['process.name'],
            embedded: {
              status: 'succeeded',
              ms: spreadOf([20, 30]),
              firstMs: 412,
              termsEvaluated: 14,
              termsPerSecond: spreadOf([700, 466]),
              newTerms: 0,
              alerts: 0,
              truncated: false,
              peakRssMb: 150,
            },
            elasticsearch: {
              status: 'succeeded',
              ms: spreadOf([100, 120]),
              termsEvaluated: 14,
              termsPerSecond: spreadOf([140, 116]),
              newTerms: 0,
              alerts: 0,
              truncated: false,
              peakRssMb: 120,
              serverPeakRssMb: 1_100,
            },
          },
        ],
        replays: [],
        kql: [],
      },
    ],
    targets: [
      {
        target: 'ingest ≥ 150,000 events/s',
        subject: '20,000 events',
        figure: '1,833 events/s',
        status: 'missed',
      },
    ],
  });

  it('heads the section with the date and sizes, then machine, versions and method', () => {
    const lines = report.split('\n');
    expect(lines[0]).toBe('## 2026-11-23 — 20,000 events');
    expect(report).toContain('Machine: Test CPU, 2 cores, 24 GB RAM, Linux 6 (x64).');
    expect(report).toContain('Versions: Node v20.0.0, Elasticsearch 8.19.21.');
    expect(report).toContain('Method: `npm run bench -- --events 20000 --runs 2`.');
  });

  it('puts both stores of an execution on one row, with the ratio, and escapes pipes', () => {
    const row = report.split('\n').find((line) => line.includes('Rule \\| A'));
    expect(row).toContain('25.0 ms (20.0 ms–30.0 ms)');
    expect(row).toContain('110 ms (100 ms–120 ms)');
    expect(row).toContain('4.4×');
    expect(row).toContain('120 MB + JVM 1,100 MB');
    // Only the embedded run reported its cold first execution.
    expect(row).toContain('first run: embedded 412 ms');
    expect(row).not.toContain('ES undefined');
  });

  it('prints only the sections that were measured, and the targets with their status', () => {
    expect(report).toContain('### 1. Ingest');
    expect(report).not.toContain('### 3. Replay');
    expect(report).not.toContain('### 5. Alerts API');
    expect(report).not.toContain('### 6.');
    expect(report).toContain(
      '| ingest ≥ 150,000 events/s | 20,000 events | 1,833 events/s | missed |'
    );
  });
});

describe('the floors section', () => {
  const one = (value: number) => spreadOf([value]);
  const rules = (a: number, b: number) => [
    { ruleId: 'a', rule: 'Rule A', alerts: a },
    { ruleId: 'b', rule: 'Rule B', alerts: b },
  ];
  const ingest: IngestFigures = {
    store: 'embedded',
    runs: 1,
    stored: 20_000,
    seconds: one(4),
    eventsPerSecond: one(5_000),
    mbPerSecond: one(15),
    peakRssMb: one(300),
    storeMb: one(30),
  };
  const floors: FloorFigures = {
    parse: {
      runs: 1,
      events: 20_000,
      seconds: one(0.1),
      eventsPerSecond: one(200_000),
      peakRssMb: one(90),
    },
    store: {
      runs: 1,
      events: 20_000,
      seconds: one(0.8),
      eventsPerSecond: one(25_000),
      peakRssMb: one(400),
      storeMb: one(3.5),
    },
    scan: { runs: 1, seconds: one(0.25), peakRssMb: one(200), rules: rules(6, 4) },
  };
  const reportWith = (scan: ScanFigures | undefined, floorFigures = floors): string => {
    const parts = { fileMb: 60, ingest: [ingest], floors: floorFigures, scan };
    const size: SizeResult = {
      events: 20_000,
      executions: [],
      replays: [],
      kql: [],
      ...parts,
      ratios: floorRatios(parts),
    };
    return markdownReport({
      date: new Date('2026-11-23T10:00:00Z'),
      machine: { cpu: 'Test CPU', cores: 2, memoryGb: 24, os: 'Linux 6 (x64)', node: 'v20.0.0' },
      versions: [],
      command: 'npm run bench -- --only ingest,floors,scan',
      method: [],
      sizes: [size],
      targets: [],
    });
  };
  const rowOf = (report: string, label: string) =>
    report.split('\n').find((line) => line.includes(label)) ?? '';

  it('puts the ingest beside both reader floors, with each ratio and store share', () => {
    const report = reportWith({
      runs: 1,
      seconds: one(7.5),
      peakRssMb: one(450),
      rules: rules(6, 4),
    });
    expect(report).toContain(
      "### 6. Against DuckDB's own NDJSON reader: same file, same invocation"
    );
    expect(rowOf(report, '`ctd ingest`')).toContain('| 30.0 MB (50.0%) | — |');
    expect(rowOf(report, 'floor 1:')).toMatch(/\| 200,000 \|.*\| 2\.5% \|$/);
    expect(rowOf(report, 'floor 2:')).toContain('| 3.5 MB (5.8%) | 20.0% |');
    expect(rowOf(report, 'line preparation alone')).toBe('');
  });

  it('shows the preparation ceiling with the share of it the ingest reaches', () => {
    const prepare = { ...floors.parse, eventsPerSecond: one(10_000) };
    const report = reportWith(undefined, { ...floors, prepare });
    expect(rowOf(report, 'line preparation alone')).toMatch(/\| 10,000 \|.*\| — \| 50\.0% \|$/);
  });

  it('puts the scan beside its floor with both alert counts, and flags a difference', () => {
    const agreeing = reportWith({
      runs: 1,
      seconds: one(7.5),
      peakRssMb: one(450),
      rules: rules(6, 4),
    });
    expect(rowOf(agreeing, '`ctd scan <file> --json`')).toContain('Rule A: 6; Rule B: 4');
    expect(rowOf(agreeing, 'scan floor:')).toMatch(/Rule A: 6; Rule B: 4 \| 30\.0× \| {2}\|$/);
    const differing = reportWith({
      runs: 1,
      seconds: one(7.5),
      peakRssMb: one(450),
      rules: rules(6, 3),
    });
    expect(rowOf(differing, 'scan floor:')).toContain('alert counts differ from `ctd scan`');
  });
});

describe('cells and units', () => {
  it('keeps a table cell on one line and its pipes escaped', () => {
    expect(cell('a | b\n  c')).toBe('a \\| b c');
  });

  it('shows shares and ratios with one decimal', () => {
    expect(percent(0.0583)).toBe('5.8%');
    expect(times(29.96)).toBe('30.0×');
  });

  it('shows small latencies with more precision than large ones', () => {
    expect(millis(1.234)).toBe('1.23 ms');
    expect(millis(42.42)).toBe('42.4 ms');
    expect(millis(1234.5)).toBe('1,235 ms');
  });
});
