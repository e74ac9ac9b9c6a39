/**
 * The soak's data directory, prepared before the server starts, and read back after it stops.
 *
 * The server has no schedule override (the scheduler runs each installed rule on the interval
 * stored with it, and the install API copies the catalog's 5m), so a one-minute soak would see
 * no scheduled run. The directory is therefore seeded with generated history and both catalog
 * rules installed *disabled* with the same schedule scaled down (interval 5s, look-back 10s);
 * the soak then installs and enables them through the API, which keeps an installed definition.
 */
import { PREBUILT_RULES } from '../../common/rules/catalog';
import {
  formatRuleErrors,
  parseRuleDefinition,
  type NewTermsRuleDefinition,
} from '../../common/rules/rule_schema';
import { generateEvents } from '../../server/sample_data';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { DuckDbRuleStore } from '../../server/stores/duckdb/rule_store';
import { ALERTS_TABLE, EVENTS_TABLE } from '../../server/stores/duckdb/schema';
import { queryRows, toNumber } from '../../server/stores/duckdb/sql_values';

/** Catalog: interval 5m, from now-9m (4m look-back). Scaled: several runs a minute, a look-back of two intervals. */
export const SOAK_INTERVAL = '5s';
export const SOAK_INTERVAL_MS = 5_000;
export const SOAK_FROM = 'now-15s';
/** The span one run searches (from → now): consecutive starts further apart leave time unsearched. */
export const SOAK_WINDOW_MS = 15_000;
const NDJSON_BATCH_LINES = 1_000;

export const soakSchedule = (definition: NewTermsRuleDefinition): NewTermsRuleDefinition => {
  const parsed = parseRuleDefinition({ ...definition, interval: SOAK_INTERVAL, from: SOAK_FROM });
  if (!parsed.ok)
    throw new Error(
      `soak schedule for ${definition.name} is invalid: ${formatRuleErrors(parsed.errors)}`
    );
  return parsed.rule;
};

async function* ndjsonChunks(
  events: Iterable<Record<string, unknown>>
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let batch: string[] = [];
  for (const event of events) {
    batch.push(JSON.stringify(event));
    if (batch.length < NDJSON_BATCH_LINES) continue;
    yield encoder.encode(`${batch.join('\n')}\n`);
    batch = [];
  }
  if (batch.length > 0) yield encoder.encode(`${batch.join('\n')}\n`);
}

/** Generated history ending now, and both rules installed disabled on the soak schedule; returns the events stored. */
export const seedSoakDataDir = async (
  dataDir: string,
  historyEvents: number,
  now: Date
): Promise<number> => {
  const store = await EmbeddedStore.open(dataDir);
  try {
    const summary = await store.ingest([
      {
        name: 'soak history',
        chunks: ndjsonChunks(generateEvents({ totalEvents: historyEvents, end: now })),
        totalBytes: 0,
      },
    ]);
    const rules = new DuckDbRuleStore(store.database.connection);
    for (const definition of PREBUILT_RULES)
      await rules.install(soakSchedule(definition), false, now);
    return summary.stored;
  } finally {
    store.close();
  }
};

export interface RecordedRun {
  readonly ruleUuid: string;
  readonly startedAt: number;
  readonly status: string;
  readonly alertsCreated: number;
  readonly durationMs: number;
  readonly message: string | null;
}

export interface StoredFacts {
  readonly runs: readonly RecordedRun[];
  readonly uploadedEvents: number;
  readonly alerts: number;
  readonly statusOf: ReadonlyMap<string, string>;
}

const toRun = (row: Record<string, unknown>): RecordedRun => ({
  ruleUuid: String(row.rule_uuid),
  startedAt: toNumber(row.started_at),
  status: String(row.status),
  alertsCreated: toNumber(row.alerts_created),
  durationMs: toNumber(row.duration_ms),
  // A VARCHAR column: a string or NULL.
  message: typeof row.message === 'string' ? row.message : null,
});

/** What the stopped server left on disk: its run history, the uploaded events, every alert's status. */
export const readStoredFacts = async (
  dataDir: string,
  uploadedIdPrefix: string
): Promise<StoredFacts> => {
  const store = await EmbeddedStore.open(dataDir);
  try {
    const { connection } = store.database;
    const runs = await queryRows(
      connection,
      `SELECT rule_uuid, CAST(started_at AS DOUBLE) AS started_at, status, alerts_created, duration_ms, message
         FROM rule_runs ORDER BY rule_uuid, started_at`
    );
    const uploaded = await queryRows(
      connection,
      `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${EVENTS_TABLE} WHERE starts_with(_id, ?)`,
      [uploadedIdPrefix]
    );
    const alerts = await queryRows(connection, `SELECT id, workflow_status FROM ${ALERTS_TABLE}`);
    return {
      runs: runs.map(toRun),
      uploadedEvents: toNumber(uploaded[0]?.n ?? 0),
      alerts: alerts.length,
      statusOf: new Map(alerts.map((row) => [String(row.id), String(row.workflow_status)])),
    };
  } finally {
    store.close();
  }
};
