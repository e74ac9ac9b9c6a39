/**
 * The store file's format: a new file is written in STORAGE_FORMAT_VERSION, where DuckDB compresses
 * long strings — without it `_source` (a whole Defend document per event) is stored raw.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { generateEvents } from '../../sample_data';
import { ingestObjects } from '../../../test/helpers/memory_store';
import { EmbeddedStore } from './embedded_store';
import { queryRows } from './sql_values';

const EVENTS = 3_000;

describe('store file format', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-format-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

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
