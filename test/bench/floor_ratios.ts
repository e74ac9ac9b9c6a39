/** The project's figures against DuckDB's floors on the same file (medians throughout). */
import type { FloorRatios, RuleAlerts, SizeResult } from './results';

export type FloorInputs = Pick<SizeResult, 'fileMb' | 'ingest' | 'floors' | 'scan'>;

/** Whether both sides raised as many alerts for every rule either names. */
export const sameAlerts = (a: readonly RuleAlerts[], b: readonly RuleAlerts[]): boolean => {
  const counts = (rules: readonly RuleAlerts[]) =>
    new Map(rules.map((rule) => [rule.ruleId, rule.alerts]));
  const left = counts(a);
  const right = counts(b);
  const ids = new Set([...left.keys(), ...right.keys()]);
  return [...ids].every((id) => left.get(id) === right.get(id));
};

/** `value ÷ base`, or nothing when a side is missing (or the base is 0). */
const ratio = (value: number | undefined, base: number | undefined): number | undefined =>
  value === undefined || base === undefined || base <= 0 ? undefined : value / base;

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const floorRatios = (size: FloorInputs): FloorRatios => {
  const ingest = size.ingest.find((figures) => figures.store === 'embedded');
  const { floors, scan } = size;
  return defined({
    ingestOfStoreFloor: ratio(ingest?.eventsPerSecond.median, floors?.store.eventsPerSecond.median),
    ingestOfParseFloor: ratio(ingest?.eventsPerSecond.median, floors?.parse.eventsPerSecond.median),
    prepareOfStoreFloor: ratio(
      floors?.prepare?.eventsPerSecond.median,
      floors?.store.eventsPerSecond.median
    ),
    ingestOfPrepareCeiling: ratio(
      ingest?.eventsPerSecond.median,
      floors?.prepare?.eventsPerSecond.median
    ),
    scanOverFloor: ratio(scan?.seconds.median, floors?.scan.seconds.median),
    alertsAgree:
      scan === undefined || floors === undefined
        ? undefined
        : sameAlerts(scan.rules, floors.scan.rules),
    storeShare: ratio(ingest?.storeMb?.median, size.fileMb),
    floorStoreShare: ratio(floors?.store.storeMb.median, size.fileMb),
  });
};
