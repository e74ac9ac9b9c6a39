/** What the fault tests check in a store after the fault: event rows against distinct keys, alert ids. */
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { EVENTS_TABLE } from '../../server/stores/duckdb/schema';
import { queryRows, toNumber } from '../../server/stores/duckdb/sql_values';

export interface EventFacts {
  readonly events: number;
  readonly distinctKeys: number;
}

/** Stored events and distinct (index, id) keys: equal when no event is stored twice. */
export const storeStats = async (dataDir: string): Promise<EventFacts> => {
  const store = await EmbeddedStore.open(dataDir);
  try {
    const rows = await queryRows(
      store.database.connection,
      `SELECT count(*) AS events, count(DISTINCT _key) AS keys FROM ${EVENTS_TABLE}`
    );
    return { events: toNumber(rows[0]?.events ?? 0), distinctKeys: toNumber(rows[0]?.keys ?? 0) };
  } finally {
    store.close();
  }
};

/** Stored alert ids, sorted. */
export const alertIds = async (dataDir: string): Promise<string[]> => {
  const store = await EmbeddedStore.open(dataDir);
  try {
    return (await store.alerts.list()).map((alert) => alert.id).sort();
  } finally {
    store.close();
  }
};
