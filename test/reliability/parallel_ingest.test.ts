/**
 * Preparing lines on worker threads (server/ingest/parallel/) must change nothing but speed: on
 * random files of good and bad lines (every bad line kind, type-poisoning lines whose verdict
 * depends on the lines before them, extreme lines), cut into regions as small as a few bytes so
 * that most regions are prepared against a state an earlier region then changed, a store ingesting
 * with workers stores and refuses exactly what one preparing on its own thread does: the same
 * summary (reasons and line numbers included), the same events and `_source`, the same field
 * types, and the same fields counted toward each index's limit.
 */
import fc from 'fast-check';
import type { IngestInput, IngestSummary } from '../../server/ingest/ingest_ndjson';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { namedFieldFilter } from '../../server/stores/duckdb/field_catalog';
import { INDEX_FIELDS_TABLE } from '../../server/stores/duckdb/schema';
import { queryRows } from '../../server/stores/duckdb/sql_values';
import {
  BAD_LINE_KINDS,
  POISONING_LINE_KINDS,
  fileChunks,
  plannedFile,
  type PlannedFile,
} from './arbitraries';
import { EXTREME_BAD_LINE_KINDS } from './extreme_lines';
import { chunksInput } from '../helpers/text_input';

const RUNS = 25;
const WORKERS = 2;

interface Outcome {
  readonly summary: Omit<IngestSummary, 'durationMs'>;
  readonly events: string[];
  readonly types: Array<readonly [string, string]>;
  readonly columns: string[];
  readonly indexFields: string[];
}

const rows = async (store: EmbeddedStore, sql: string): Promise<string[]> =>
  (await queryRows(store.database.connection, sql)).map((row) =>
    JSON.stringify(row, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value
    )
  );

const ingestInto = async (
  inputs: () => IngestInput[],
  options: { readonly workers?: number; readonly regionBytes?: number; readonly batchSize?: number }
): Promise<Outcome> => {
  const store = await EmbeddedStore.open(
    undefined,
    undefined,
    namedFieldFilter(new Set(['process.name', 'custom.tag']))
  );
  try {
    const { durationMs: _durationMs, ...summary } = await store.ingest(inputs(), options);
    const { types } = store.catalog.knownFields();
    return {
      summary,
      events: await rows(store, 'SELECT _index, _id, _source, _seq FROM events ORDER BY _seq'),
      types: [...types].sort(([a], [b]) => a.localeCompare(b)),
      columns: store.catalog.columns().map((column) => `${column.field}:${column.esType}`),
      indexFields: await rows(
        store,
        `SELECT index_name, path, is_object FROM ${INDEX_FIELDS_TABLE} ORDER BY index_name, path`
      ),
    };
  } finally {
    store.close();
  }
};

describe('ingest with lines prepared on worker threads', () => {
  it('stores and refuses the same lines, for the same reasons, as preparing them on one thread', async () => {
    await fc.assert(
      fc.asyncProperty(
        plannedFile({
          idPrefix: 'p',
          tags: true,
          badKinds: [...BAD_LINE_KINDS, ...POISONING_LINE_KINDS, ...EXTREME_BAD_LINE_KINDS],
        }),
        fc.integer({ min: 1, max: 400 }),
        async (file: PlannedFile, regionBytes) => {
          const inputs = (): IngestInput[] => [chunksInput('planned.ndjson', fileChunks(file))];
          const serial = await ingestInto(inputs, { batchSize: file.batchSize });
          const parallel = await ingestInto(inputs, {
            batchSize: file.batchSize,
            workers: WORKERS,
            regionBytes,
          });
          expect(parallel).toEqual(serial);
        }
      ),
      { numRuns: RUNS }
    );
  }, 600_000);

  it('stores every good line read before an input fails, then fails the ingest', async () => {
    const lines = Array.from({ length: 6 }, (_, at) =>
      JSON.stringify({ '@timestamp': '2026-01-01T00:00:00Z', event: { id: `f${at}` } })
    );
    const store = await EmbeddedStore.open(undefined, undefined, namedFieldFilter(new Set()));
    try {
      const failing: IngestInput = {
        name: 'broken.ndjson',
        chunks: (async function* () {
          // Six whole lines and the start of a seventh, then the connection resets.
          yield new TextEncoder().encode(`${lines.join('\n')}\n{"@timest`);
          throw new Error('connection reset while uploading');
        })(),
        totalBytes: 2 ** 20,
      };
      await expect(store.ingest([failing], { workers: WORKERS })).rejects.toThrow(
        'connection reset while uploading'
      );
      expect(await store.eventCount()).toBe(6);
    } finally {
      store.close();
    }
  });

  it("counts fields toward each index's limit in file order across regions and inputs", async () => {
    // ECS's template counts 3,407 fields and each line adds 3,001 (its object, 3,000 leaves) to
    // the one index both files write: two lines fit, every later one would cross 10,000, in
    // whichever region and input it lies; a refused line's fields are never counted.
    const wide = (at: number, prefix: string): string =>
      JSON.stringify({
        '@timestamp': '2026-01-01T00:00:00Z',
        event: { id: `${prefix}-${at}` },
        [prefix]: Object.fromEntries(
          Array.from({ length: 3_000 }, (_, field) => [`f${at}_${field}`, field])
        ),
      });
    const file = (prefix: string): Uint8Array =>
      new TextEncoder().encode(
        `${Array.from({ length: 5 }, (_, at) => wide(at, prefix)).join('\n')}\n`
      );
    const inputs = (): IngestInput[] => [
      chunksInput('first.ndjson', [file('wa')]),
      chunksInput('second.ndjson', [file('wb')]),
    ];
    const serial = await ingestInto(inputs, {});
    const parallel = await ingestInto(inputs, { workers: WORKERS, regionBytes: 10_000 });
    expect(serial.summary.stored).toBe(2);
    expect(serial.summary.rejectedCount).toBe(8);
    expect(parallel).toEqual(serial);
  }, 120_000);
});
