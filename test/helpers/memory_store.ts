/** Test helper: an in-memory embedded store loaded from event objects (real DuckDB, no mocks). */
import {
  EmbeddedStore,
  type EmbeddedIngestOptions,
} from '../../server/stores/duckdb/embedded_store';
import type { IngestSummary } from '../../server/ingest/ingest_ndjson';
import { textInput } from './text_input';

export const ingestObjects = async (
  store: EmbeddedStore,
  events: ReadonlyArray<Record<string, unknown>>
): Promise<IngestSummary> => {
  const text = events.map((event) => JSON.stringify(event)).join('\n');
  return store.ingest([textInput('test.ndjson', text)]);
};

export const ingestText = (
  store: EmbeddedStore,
  text: string,
  options: EmbeddedIngestOptions = {}
): Promise<IngestSummary> => store.ingest([textInput('test.ndjson', text)], options);

export const memoryStoreWith = async (
  events: ReadonlyArray<Record<string, unknown>>
): Promise<EmbeddedStore> => {
  const store = await EmbeddedStore.open();
  await ingestObjects(store, events);
  return store;
};
