/**
 * The store file's format: a new file is written in STORAGE_FORMAT_VERSION, where DuckDB compresses
 * long strings — without it `_source` (a whole Defend document per event) is stored raw.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { generateEvents } from '../../sample_data';
import { ingestObjects } from '../../../test/helpers/memory_store';
import { EmbeddedStore, INGEST_CHECKPOINT_THRESHOLD } from './embedded_store';
import { queryRows } from './sql_values';

/** How DuckDB prints a checkpoint threshold once set (e.g. "1GB" reads back as "953.6 MiB"). */
const expectedSize = async (size: string): Promise<string> => {
  const probe = await EmbeddedStore.open();
  try {
    await probe.database.connection.run('SET checkpoint_threshold = ?', [size]);
    const [row] = await queryRows(probe.database.connection, "SELECT current_setting('checkpoint_threshold') AS value");
    return String(row?.value);
  } finally {
    probe.close();
  }
};

const EVENTS = 3_000;

describe('store file format', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-format-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('ingests with its own checkpoint threshold, then restores the store’s', async () => {
    const store = await EmbeddedStore.open(dir);
    const setting = async (name: string): Promise<string> => {
      const [row] = await queryRows(store.database.connection, 'SELECT current_setting(?) AS value', [name]);
      return String(row?.value);
    };
    try {
      const before = { memory: await setting('memory_limit'), checkpoint: await setting('checkpoint_threshold') };
      const documents = [...generateEvents({ totalEvents: 1_200 })] as unknown as Array<Record<string, unknown>>;
      const lines = documents.map((document) => `${JSON.stringify(document)}\n`);
      const half = lines.length / 2;
      let duringIngest = '';
      // The ingest pulls the second half only after this read, so it sees the setting mid-ingest
      // whatever the machine's load (a read queued from a progress callback could land after RESET).
      async function* chunks(): AsyncGenerator<Uint8Array> {
        yield Buffer.from(lines.slice(0, half).join(''));
        duringIngest = await setting('checkpoint_threshold');
        yield Buffer.from(lines.slice(half).join(''));
      }
      const totalBytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
      const summary = await store.ingest([{ name: 'halves.ndjson', chunks: chunks(), totalBytes }], { batchSize: 100 });
      expect(summary.stored).toBe(documents.length);
      expect(duringIngest).toBe(await expectedSize(INGEST_CHECKPOINT_THRESHOLD));
      expect({ memory: await setting('memory_limit'), checkpoint: await setting('checkpoint_threshold') }).toEqual(before);
    } finally {
      store.close();
    }
  });

  it('compresses _source in a new store file', async () => {
    const store = await EmbeddedStore.open(dir);
    try {
      const documents = [...generateEvents({ totalEvents: EVENTS })] as unknown as Array<Record<string, unknown>>;
      const summary = await ingestObjects(store, documents);
      expect(summary.stored).toBe(EVENTS);
      const rows = await queryRows(
        store.database.connection,
        `SELECT DISTINCT compression FROM pragma_storage_info('events') WHERE column_name = '_source' AND segment_type = 'VARCHAR'`
      );
      const methods = rows.map((row) => String(row.compression));
      expect(methods.length).toBeGreaterThan(0);
      expect(methods).not.toContain('Uncompressed');
    } finally {
      store.close();
    }
  });
});
