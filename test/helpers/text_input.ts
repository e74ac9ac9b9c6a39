/** Test helper: NDJSON text as an ingest input, the way an upload or a file arrives (one chunk). */
import type { IngestInput } from '../../server/ingest/ingest_ndjson';

export const textInput = (name: string, text: string): IngestInput => {
  const bytes = new TextEncoder().encode(text);
  return {
    name,
    chunks: (async function* () {
      yield bytes;
    })(),
    totalBytes: bytes.length,
  };
};
