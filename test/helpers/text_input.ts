/** Test helpers: NDJSON text or bytes as an ingest input, the way an upload or a file arrives. */
import type { IngestInput } from '../../server/ingest/ingest_ndjson';

/** An input delivering `chunks` one after another. */
export const chunksInput = (name: string, chunks: readonly Uint8Array[]): IngestInput => ({
  name,
  chunks: (async function* () {
    for (const chunk of chunks) yield chunk;
  })(),
  totalBytes: chunks.reduce((sum, chunk) => sum + chunk.length, 0),
});

/** Text delivered as one chunk. */
export const textInput = (name: string, text: string): IngestInput =>
  chunksInput(name, [new TextEncoder().encode(text)]);
