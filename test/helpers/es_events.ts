/**
 * Test helper: indexes event objects into a real Elasticsearch the way `ctd ingest --es` does —
 * through the production bulk ingest, so each event gets the same `_index` and `_id` as in the
 * embedded store — and fails the test on any rejected line.
 */
import type { Client } from '@elastic/elasticsearch';
import { ingestNdjsonToElasticsearch } from '../../server/stores/elasticsearch/bulk_ingest';
import { textInput } from './text_input';

export const indexEventsForTest = async (
  client: Client,
  events: ReadonlyArray<Record<string, unknown>>
): Promise<void> => {
  const text = events.map((event) => JSON.stringify(event)).join('\n');
  const summary = await ingestNdjsonToElasticsearch(client, [textInput('test.ndjson', text)]);
  if (summary.rejectedCount > 0)
    throw new Error(`Elasticsearch rejected test events: ${JSON.stringify(summary.rejected)}`);
};
