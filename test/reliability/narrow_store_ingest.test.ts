/**
 * A scan's scratch store gives columns only to the fields its rules search
 * (server/replay/scan_indexed_fields.ts). Every other field must still be validated and typed as
 * before: on random files of good and bad lines (every bad line kind, type-poisoning lines, custom
 * fields), a store indexing one field stores and refuses exactly the lines a full store does, with
 * the same reasons, and a query on an indexed field finds the same events.
 */
import fc from 'fast-check';
import type { IngestInput, IngestSummary } from '../../server/ingest/ingest_ndjson';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import type { IndexedFieldFilter } from '../../server/stores/duckdb/field_catalog';
import { queryRows } from '../../server/stores/duckdb/sql_values';
import {
  BAD_LINE_KINDS,
  POISONING_LINE_KINDS,
  fileChunks,
  plannedFile,
  type PlannedFile,
} from './arbitraries';
import { EXTREME_BAD_LINE_KINDS } from './extreme_lines';
import { chunksInput, textInput } from '../helpers/text_input';

const RUNS = 40;
const ONLY_PROCESS_NAME: IndexedFieldFilter = (field) => field === 'process.name';

const inputOf = (file: PlannedFile): IngestInput => chunksInput('planned.ndjson', fileChunks(file));

interface Outcome {
  readonly summary: Omit<IngestSummary, 'durationMs'>;
  readonly ids: string[];
  readonly byProcessName: string[];
}

const ingestInto = async (file: PlannedFile, indexes?: IndexedFieldFilter): Promise<Outcome> => {
  const store = await EmbeddedStore.open(undefined, undefined, indexes);
  try {
    const { durationMs: _durationMs, ...summary } = await store.ingest([inputOf(file)], {
      batchSize: file.batchSize,
    });
    const ids = (
      await queryRows(store.database.connection, 'SELECT _id FROM events ORDER BY _id')
    ).map((row) => String(row._id));
    const column = store.catalog.column('process.name');
    const byProcessName =
      column === undefined
        ? []
        : (
            await queryRows(
              store.database.connection,
              `SELECT _id FROM events WHERE ${column.column} IS NOT NULL ORDER BY _id`
            )
          ).map((row) => String(row._id));
    return { summary, ids, byProcessName };
  } finally {
    store.close();
  }
};

describe('a store indexing only some fields', () => {
  it('stores and refuses the same lines, for the same reasons, as a store indexing all', async () => {
    await fc.assert(
      fc.asyncProperty(
        plannedFile({
          idPrefix: 'n',
          tags: true,
          badKinds: [...BAD_LINE_KINDS, ...POISONING_LINE_KINDS, ...EXTREME_BAD_LINE_KINDS],
        }),
        async (file) => {
          const full = await ingestInto(file);
          const narrow = await ingestInto(file, ONLY_PROCESS_NAME);
          expect(narrow).toEqual(full);
        }
      ),
      { numRuns: RUNS }
    );
  }, 300_000);

  it('keeps the other fields typed without columns', async () => {
    const store = await EmbeddedStore.open(undefined, undefined, ONLY_PROCESS_NAME);
    try {
      const lines = [
        JSON.stringify({ '@timestamp': '2026-01-01T00:00:00Z', process: { name: 'sh', pid: 7 } }),
        JSON.stringify({ '@timestamp': '2026-01-01T00:00:01Z', process: { name: 'sh', pid: 'x' } }),
      ];
      const summary = await store.ingest([textInput('typed.ndjson', lines.join('\n'))]);
      expect(summary.stored).toBe(1);
      expect(summary.rejected.map((line) => line.reason)).toEqual([
        'field process.pid of type long cannot hold "x"',
      ]);
      expect(store.catalog.column('process.pid')).toBeUndefined();
      expect(store.catalog.esTypeOf('process.pid')).toBe('long');
      expect(store.catalog.column('process.name')).toBeDefined();
    } finally {
      store.close();
    }
  });
});
