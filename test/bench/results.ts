/** The figures one benchmark invocation gathers: what the tasks measure, summarised per size. */
import type { WindowKind } from './bench_rules';
import type { Spread } from './stats';

export type StoreName = 'embedded' | 'elasticsearch';

export interface IngestFigures {
  readonly store: StoreName;
  readonly runs: number;
  readonly stored: number;
  readonly seconds: Spread;
  readonly eventsPerSecond: Spread;
  readonly mbPerSecond: Spread;
  /** Peak RSS of the process that ingests (for Elasticsearch: the bulk client). */
  readonly peakRssMb: Spread;
  /** Elasticsearch only: the JVM's peak RSS during the ingest. */
  readonly serverPeakRssMb?: number;
  /** Embedded only: size of the data directory the ingest wrote. */
  readonly storeMb?: Spread;
  readonly note?: string;
}

export interface StoreExecution {
  readonly status: string;
  readonly ms: Spread;
  /** The warm-up execution (cold caches; embedded: builds the rule's term history). */
  readonly firstMs?: number;
  readonly termsEvaluated: number;
  readonly termsPerSecond: Spread;
  readonly newTerms: number;
  readonly alerts: number;
  /** The alert cap cut the execution short (then not every term was evaluated). */
  readonly truncated: boolean;
  /** Peak RSS of the benchmark process that ran the executions. */
  readonly peakRssMb: number;
  /** Elasticsearch only: the JVM's peak RSS during the executions. */
  readonly serverPeakRssMb?: number;
}

export interface ExecutionFigures {
  readonly rule: string;
  readonly kind: 'seed' | 'bench';
  readonly window: WindowKind;
  readonly windowLabel: string;
  readonly fields: readonly string[];
  readonly embedded?: StoreExecution;
  readonly elasticsearch?: StoreExecution;
}

export interface ReplayFigures {
  readonly rule: string;
  readonly seconds: Spread;
  readonly scheduledWindows: number;
  readonly executedWindows: number;
  readonly alerts: number;
  readonly peakRssMb: number;
  readonly errors: readonly string[];
}

export interface KqlFigures {
  readonly label: string;
  readonly query: string;
  readonly parseUs: Spread;
  readonly dslUs: Spread;
  readonly sqlUs: Spread;
  readonly matcherDocsPerSecond: Spread;
  readonly documents: number;
  readonly matched: number;
}

/** Alerts one rule raised over the whole file. */
export interface RuleAlerts {
  readonly ruleId: string;
  readonly rule: string;
  readonly alerts: number;
}

/** A pass of DuckDB's own NDJSON reader over the file (floor_sql.ts). */
export interface ReaderFloorFigures {
  readonly runs: number;
  readonly events: number;
  readonly seconds: Spread;
  readonly eventsPerSecond: Spread;
  readonly peakRssMb: Spread;
}

export interface StoreFloorFigures extends ReaderFloorFigures {
  /** Size of the database file it wrote. */
  readonly storeMb: Spread;
}

/** The whole file scanned once: `ctd scan`, or the one-SQL floor (scan_floor_sql.ts). */
export interface ScanFigures {
  readonly runs: number;
  readonly seconds: Spread;
  readonly peakRssMb: Spread;
  readonly rules: readonly RuleAlerts[];
}

/** DuckDB's floors on the file the project ingests and scans, in the same invocation. */
export interface FloorFigures {
  /** Floor 1: the needed fields parsed, nothing kept. */
  readonly parse: ReaderFloorFigures;
  /** Floor 2: the needed fields and the raw line (zstd) written to a new database file. */
  readonly store: StoreFloorFigures;
  /** The project's own line preparation alone, one thread, nothing written (prepare_ceiling.ts). */
  readonly prepare?: ReaderFloorFigures;
  readonly scan: ScanFigures;
}

/** The project against the floors (floor_ratios.ts); absent where a side was not measured. */
export interface FloorRatios {
  /** Embedded ingest events/s ÷ floor 2's. */
  readonly ingestOfStoreFloor?: number;
  /** Embedded ingest events/s ÷ floor 1's. */
  readonly ingestOfParseFloor?: number;
  /** The preparation ceiling's events/s ÷ floor 2's: the most the current ingest design can reach. */
  readonly prepareOfStoreFloor?: number;
  /** Embedded ingest events/s ÷ the preparation ceiling's. */
  readonly ingestOfPrepareCeiling?: number;
  /** `ctd scan` wall ÷ the scan floor's. */
  readonly scanOverFloor?: number;
  /** Whether `ctd scan` and the scan floor raised as many alerts for every rule. */
  readonly alertsAgree?: boolean;
  /** The project's store size ÷ the NDJSON file's. */
  readonly storeShare?: number;
  /** Floor 2's file size ÷ the NDJSON file's. */
  readonly floorStoreShare?: number;
}

export interface SizeResult {
  readonly events: number;
  readonly fileMb: number;
  readonly ingest: readonly IngestFigures[];
  readonly executions: readonly ExecutionFigures[];
  readonly replays: readonly ReplayFigures[];
  readonly kql: readonly KqlFigures[];
  readonly floors?: FloorFigures;
  /** `ctd scan <file> --json`, as a user runs it. */
  readonly scan?: ScanFigures;
  readonly ratios?: FloorRatios;
}

export interface ApiRequestFigures {
  readonly label: string;
  readonly path: string;
  readonly ms: Spread;
  /** `total` of the response: alerts matching the request. */
  readonly total: number;
  readonly returned: number;
}

export interface ApiFigures {
  readonly alerts: number;
  readonly warmup: number;
  readonly requests: readonly ApiRequestFigures[];
}
