/**
 * The store file: a new file is written in STORAGE_FORMAT_VERSION, where DuckDB compresses long
 * strings — without it `_source` (a whole Defend document per event) is stored raw — in row groups
 * of ROW_GROUP_ROWS at every open (older files stay usable); an ingest runs with its own memory
 * limit and checkpoint threshold; the file's path is never read as SQL; a second process is told
 * who holds the file.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateEvents } from '../../sample_data';
import { ingestObjects } from '../../../test/helpers/memory_store';
import { spawnCtd } from '../../../test/helpers/cli_harness';
import { INGEST_MEMORY_LIMIT, MEMORY_LIMIT_ENV, ROW_GROUP_ROWS } from './database';
import { EmbeddedStore, INGEST_AUTOMATIC_CHECKPOINT } from './embedded_store';
import { queryRows, toNumber } from './sql_values';

/** How DuckDB prints a size setting once set (e.g. "1GB" reads back as "953.6 MiB"). */
const expectedSize = async (name: string, size: string): Promise<string> => {
  const probe = await EmbeddedStore.open();
  try {
    await probe.database.connection.run(`SET ${name} = ?`, [size]);
    const [row] = await queryRows(probe.database.connection, 'SELECT current_setting(?) AS value', [
      name,
    ]);
    return String(row?.value);
  } finally {
    probe.close();
  }
};

/** The fewest events the generator makes (it plants its scenario first). */
const fewEvents = (count: number): Array<Record<string, unknown>> =>
  ([...generateEvents({ totalEvents: 300 })] as unknown as Array<Record<string, unknown>>).slice(
    0,
    count
  );

const rowGroupCount = async (store: EmbeddedStore, table: string): Promise<number> => {
  const [row] = await queryRows(
    store.database.connection,
    'SELECT count(DISTINCT row_group_id) AS n FROM pragma_storage_info(?)',
    [table]
  );
  return toNumber(row?.n ?? 0);
};

const EVENTS = 3_000;

describe('store file format', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-format-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('ingests with its own memory limit and checkpoint threshold, then restores the store’s', async () => {
    expect(process.env[MEMORY_LIMIT_ENV]).toBeUndefined();
    const store = await EmbeddedStore.open(dir);
    const setting = async (name: string): Promise<string> => {
      const [row] = await queryRows(
        store.database.connection,
        'SELECT current_setting(?) AS value',
        [name]
      );
      return String(row?.value);
    };
    try {
      const before = {
        memory: await setting('memory_limit'),
        checkpoint: await setting('checkpoint_threshold'),
      };
      const documents = [...generateEvents({ totalEvents: 1_200 })] as unknown as Array<
        Record<string, unknown>
      >;
      const lines = documents.map((document) => `${JSON.stringify(document)}\n`);
      const half = lines.length / 2;
      let duringIngest = { memory: '', checkpoint: '' };
      // The ingest pulls the second half only after this read, so it sees the setting mid-ingest
      // whatever the machine's load (a read queued from a progress callback could land after RESET).
      async function* chunks(): AsyncGenerator<Uint8Array> {
        yield Buffer.from(lines.slice(0, half).join(''));
        duringIngest = {
          memory: await setting('memory_limit'),
          checkpoint: await setting('checkpoint_threshold'),
        };
        yield Buffer.from(lines.slice(half).join(''));
      }
      const totalBytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
      const summary = await store.ingest(
        [{ name: 'halves.ndjson', chunks: chunks(), totalBytes }],
        { batchSize: 100 }
      );
      expect(summary.stored).toBe(documents.length);
      expect(duringIngest).toEqual({
        memory: await expectedSize('memory_limit', INGEST_MEMORY_LIMIT),
        checkpoint: await expectedSize('checkpoint_threshold', INGEST_AUTOMATIC_CHECKPOINT),
      });
      expect(duringIngest.memory).not.toBe(before.memory);
      expect({
        memory: await setting('memory_limit'),
        checkpoint: await setting('checkpoint_threshold'),
      }).toEqual(before);
    } finally {
      store.close();
    }
  });

  it('compresses _source with zstd in a new store file', async () => {
    const store = await EmbeddedStore.open(dir);
    try {
      const documents = [...generateEvents({ totalEvents: EVENTS })] as unknown as Array<
        Record<string, unknown>
      >;
      const summary = await ingestObjects(store, documents);
      expect(summary.stored).toBe(EVENTS);
      const rows = await queryRows(
        store.database.connection,
        `SELECT DISTINCT compression FROM pragma_storage_info('events') WHERE column_name = '_source' AND segment_type = 'VARCHAR'`
      );
      expect(rows.map((row) => String(row.compression))).toEqual(['ZSTD']);
    } finally {
      store.close();
    }
  });

  it('writes row groups of ROW_GROUP_ROWS, again after the store is reopened', async () => {
    const first = await EmbeddedStore.open(dir);
    try {
      await first.database.connection.run(
        `CREATE TABLE numbers AS SELECT range AS n FROM range(${3 * ROW_GROUP_ROWS})`
      );
      await first.database.connection.run('CHECKPOINT');
      expect(await rowGroupCount(first, 'numbers')).toBe(3);
    } finally {
      first.close();
    }
    // DuckDB does not keep the size in the file: opened without it, a checkpoint merges the groups.
    const reopened = await EmbeddedStore.open(dir);
    try {
      await reopened.database.connection.run(
        `INSERT INTO numbers SELECT range FROM range(${2 * ROW_GROUP_ROWS})`
      );
      await reopened.database.connection.run('CHECKPOINT');
      expect(await rowGroupCount(reopened, 'numbers')).toBe(5);
    } finally {
      reopened.close();
    }
  });

  it('keeps using a store file written with DuckDB’s default row groups', async () => {
    const oldRows = 150_000;
    const legacy = await DuckDBInstance.create(path.join(dir, 'ctd.duckdb'));
    const legacyConnection = await legacy.connect();
    await legacyConnection.run(`CREATE TABLE numbers AS SELECT range AS n FROM range(${oldRows})`);
    legacyConnection.closeSync();
    legacy.closeSync();

    const store = await EmbeddedStore.open(dir);
    try {
      await store.database.connection.run(
        `INSERT INTO numbers SELECT range FROM range(${ROW_GROUP_ROWS})`
      );
      await store.database.connection.run('CHECKPOINT');
      const [row] = await queryRows(
        store.database.connection,
        'SELECT count(*) AS n, sum(n) AS total FROM numbers'
      );
      const sumBelow = (count: number): number => (count * (count - 1)) / 2;
      expect({ n: toNumber(row?.n ?? 0), total: toNumber(row?.total ?? 0) }).toEqual({
        n: oldRows + ROW_GROUP_ROWS,
        total: sumBelow(oldRows) + sumBelow(ROW_GROUP_ROWS),
      });
      expect(await store.eventCount()).toBe(0);
    } finally {
      store.close();
    }
  });

  it('opens a store whose path holds SQL quotes and keywords, as a path', async () => {
    const odd = path.join(dir, "it's'); CREATE TABLE injected (i INTEGER); --");
    const store = await EmbeddedStore.open(odd);
    try {
      const summary = await ingestObjects(store, fewEvents(10));
      expect(summary.stored).toBe(10);
      const tables = await queryRows(
        store.database.connection,
        'SELECT table_name FROM duckdb_tables() ORDER BY table_name'
      );
      expect(tables.map((row) => row.table_name)).not.toContain('injected');
    } finally {
      store.close();
    }
    expect(fs.readdirSync(odd)).toContain('ctd.duckdb');
    const reopened = await EmbeddedStore.open(odd);
    try {
      expect(await reopened.eventCount()).toBe(10);
    } finally {
      reopened.close();
    }
  });

  it('tells a second process which store file is held and what to do', async () => {
    const store = await EmbeddedStore.open(dir);
    try {
      const file = path.join(dir, 'one.ndjson');
      fs.writeFileSync(file, `${JSON.stringify(fewEvents(1)[0])}\n`);
      const run = await spawnCtd(['ingest', '--data-dir', dir, file]);
      expect(run.code).not.toBe(0);
      expect(run.err).toContain(`Cannot open the event store ${path.join(dir, 'ctd.duckdb')}`);
      expect(run.err).toContain('Another ctd process');
    } finally {
      store.close();
    }
  });
});
