/** Test helper: an in-memory embedded store loaded from event objects (real DuckDB, no mocks). */
import {
  EmbeddedStore,
  type EmbeddedIngestOptions,
} from '../../server/stores/duckdb/embedded_store';
import type { IngestSummary } from '../../server/ingest/ingest_ndjson';

async function* chunksOf(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

export const ingestObjects = async (
  store: EmbeddedStore,
  events: ReadonlyArray<Record<string, unknown>>
): Promise<IngestSummary> => {
  const text = events.map((event) => JSON.stringify(event)).join('\n');
  return store.ingest([{ name: 'test.ndjson', chunks: chunksOf(text), totalBytes: text.length }]);
};

export const ingestText = (
  store: EmbeddedStore,
  text: string,
  options: EmbeddedIngestOptions = {}
): Promise<IngestSummary> =>
  store.ingest([{ name: 'test.ndjson', chunks: chunksOf(text), totalBytes: text.length }], options);

export const memoryStoreWith = async (
  events: ReadonlyArray<Record<string, unknown>>
): Promise<EmbeddedStore> => {
  const store = await EmbeddedStore.open();
  await ingestObjects(store, events);
  return store;
};
