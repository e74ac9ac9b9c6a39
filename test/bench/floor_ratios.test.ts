import { floorRatios, sameAlerts } from './floor_ratios';
import type { FloorFigures, IngestFigures, ScanFigures } from './results';
import { spreadOf } from './stats';

const one = (value: number) => spreadOf([value]);

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

const rules = (a: number, b: number) => [
  { ruleId: 'a', rule: 'A', alerts: a },
  { ruleId: 'b', rule: 'B', alerts: b },
];

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
    storeMb: one(3),
  },
  scan: { runs: 1, seconds: one(0.25), peakRssMb: one(200), rules: rules(6, 4) },
};

const scan: ScanFigures = { runs: 1, seconds: one(7.5), peakRssMb: one(450), rules: rules(6, 4) };

describe('floorRatios', () => {
  it('sets the project against each floor, and the stores against the file', () => {
    expect(floorRatios({ fileMb: 60, ingest: [ingest], floors, scan })).toEqual({
      ingestOfStoreFloor: 0.2,
      ingestOfParseFloor: 0.025,
      scanOverFloor: 30,
      alertsAgree: true,
      storeShare: 0.5,
      floorStoreShare: 0.05,
    });
  });

  it('leaves out what a missing side cannot give', () => {
    expect(floorRatios({ fileMb: 60, ingest: [], floors, scan: undefined })).toEqual({
      floorStoreShare: 0.05,
    });
    expect(floorRatios({ fileMb: 60, ingest: [ingest], floors: undefined, scan })).toEqual({
      storeShare: 0.5,
    });
  });

  it('sets the ingest and floor 2 against the preparation ceiling when it was measured', () => {
    const prepare = { ...floors.parse, eventsPerSecond: one(10_000) };
    const ratios = floorRatios({
      fileMb: 60,
      ingest: [ingest],
      floors: { ...floors, prepare },
      scan,
    });
    expect(ratios.prepareOfStoreFloor).toBe(0.4);
    expect(ratios.ingestOfPrepareCeiling).toBe(0.5);
  });

  it('says when the scan and its floor raised different alert counts', () => {
    const differing = { ...scan, rules: rules(6, 3) };
    expect(floorRatios({ fileMb: 60, ingest: [], floors, scan: differing }).alertsAgree).toBe(
      false
    );
  });
});

describe('sameAlerts', () => {
  it('compares per rule, a rule only one side names included', () => {
    expect(sameAlerts(rules(1, 2), [...rules(1, 2)].reverse())).toBe(true);
    expect(sameAlerts(rules(1, 2), rules(1, 2).slice(0, 1))).toBe(false);
    expect(sameAlerts([], [])).toBe(true);
  });
});
