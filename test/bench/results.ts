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

export interface SizeResult {
  readonly events: number;
  readonly fileMb: number;
  readonly ingest: readonly IngestFigures[];
  readonly executions: readonly ExecutionFigures[];
  readonly replays: readonly ReplayFigures[];
  readonly kql: readonly KqlFigures[];
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
