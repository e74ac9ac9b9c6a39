/**
 * The stored-key filter and the writer's duplicate check without a primary key: the filter built
 * by SQL from the table equals the filter built key by key in JS, it never rules out a stored key,
 * and the writer stores each key once across batches, re-ingests and filter growth. Real DuckDB.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import fc from 'fast-check';
import type { PreparedEvent } from '../../ingest/prepare_event';
import { eventKey } from '../../ingest/prepare_event';
import { openDatabase, type EmbeddedDatabase } from './database';
import { DuckDbEventWriter } from './event_writer';
import { FieldCatalog } from './field_catalog';
import { StoredKeyFilter } from './key_filter';
import { EVENTS_TABLE } from './schema';
import { queryRows, toNumber } from './sql_values';

const SMALL_FILTER = { minBitCount: 2 ** 10 };
const INDEX = 'logs-endpoint.events.process-default';

const preparedEvent = (id: string): PreparedEvent => ({
  index: INDEX,
  id,
  key: eventKey(INDEX, id),
  sourceText: JSON.stringify({ id }),
  fields: [],
});

const withDatabase = async (
  check: (database: EmbeddedDatabase, writer: DuckDbEventWriter) => Promise<void>
): Promise<void> => {
  const database = await openDatabase();
  try {
    const writer = await DuckDbEventWriter.create(
      database.connection,
      await FieldCatalog.load(database.connection),
      SMALL_FILTER
    );
    await check(database, writer);
  } finally {
    database.close();
  }
};

const storedCounts = async (
  database: EmbeddedDatabase
): Promise<{ rows: number; keys: number }> => {
  const [row] = await queryRows(
    database.connection,
    `SELECT CAST(count(*) AS DOUBLE) AS rows, CAST(count(DISTINCT _key) AS DOUBLE) AS keys FROM ${EVENTS_TABLE}`
  );
  return { rows: toNumber(row?.rows ?? 0), keys: toNumber(row?.keys ?? 0) };
};

const ids = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, offset) => `event-${from + offset}`);

describe('StoredKeyFilter', () => {
  it('built from the table by SQL sets exactly the bits that adding the same keys in JS sets', async () => {
    await withDatabase(async (database, writer) => {
      await writer.write(ids(0, 40).map(preparedEvent));
      const empty = await openDatabase();
      try {
        const inJs = await StoredKeyFilter.load(empty.connection, SMALL_FILTER);
        for (const id of ids(0, 40)) inJs.add(eventKey(INDEX, id));
        const bySql = await StoredKeyFilter.load(database.connection, SMALL_FILTER);
        expect(bySql.bitCount).toBe(inJs.bitCount);
        expect(bySql.equals(inJs)).toBe(true);
        inJs.add(eventKey(INDEX, 'one more'));
        expect(bySql.equals(inJs)).toBe(false);
      } finally {
        empty.close();
      }
    });
  });

  it('never rules out a stored key, and rules out nearly every other key', async () => {
    await withDatabase(async (database, writer) => {
      await writer.write(ids(0, 3_000).map(preparedEvent));
      const filter = await StoredKeyFilter.load(database.connection, SMALL_FILTER);
      expect(ids(0, 3_000).every((id) => filter.mightContain(eventKey(INDEX, id)))).toBe(true);
      const falsePositives = ids(1_000_000, 20_000).filter((id) =>
        filter.mightContain(eventKey(INDEX, id))
      ).length;
      // 20–40 bits per key and 10 hashes give ~1e-4 or less; 20 in 20,000 would mean a broken hash.
      expect(falsePositives).toBeLessThan(20);
    });
  });

  it('sizes itself to 20–40 bits per stored key and reports when it is overfull', async () => {
    await withDatabase(async (database, writer) => {
      await writer.write(ids(0, 1_000).map(preparedEvent));
      const filter = await StoredKeyFilter.load(database.connection, SMALL_FILTER);
      expect(filter.bitCount).toBe(2 ** 15);
      expect(filter.isOverfull).toBe(false);
      for (const id of ids(1_000, 638)) filter.add(eventKey(INDEX, id));
      expect(filter.isOverfull).toBe(false);
      filter.add(eventKey(INDEX, 'the 1,639th key'));
      expect(filter.isOverfull).toBe(true);
    });
  });
});

describe('DuckDbEventWriter duplicate check', () => {
  it('stores each key once over random batches, repeats and re-ingests while the filter grows', async () => {
    const batchesArb = fc.array(
      fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 300 }),
      {
        minLength: 1,
        maxLength: 8,
      }
    );
    await fc.assert(
      fc.asyncProperty(batchesArb, async (batches) => {
        await withDatabase(async (database, writer) => {
          const seen = new Set<number>();
          for (const batch of batches) {
            const result = await writer.write(batch.map((n) => preparedEvent(`event-${n}`)));
            const fresh = new Set(batch.filter((n) => !seen.has(n)));
            fresh.forEach((n) => seen.add(n));
            expect(result).toEqual({ stored: fresh.size, duplicates: batch.length - fresh.size });
          }
          expect(await storedCounts(database)).toEqual({ rows: seen.size, keys: seen.size });
        });
      }),
      // Shrinking batches of hundreds of keys takes minutes; the failing case is printed as found.
      { numRuns: 25, endOnFailure: true }
    );
  });

  it('finds the keys stored before the store was reopened', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-key-filter-'));
    try {
      const first = await openDatabase(dataDir);
      const firstWriter = await DuckDbEventWriter.create(
        first.connection,
        await FieldCatalog.load(first.connection),
        SMALL_FILTER
      );
      await firstWriter.write(ids(0, 500).map(preparedEvent));
      first.close();
      const reopened = await openDatabase(dataDir);
      try {
        const writer = await DuckDbEventWriter.create(
          reopened.connection,
          await FieldCatalog.load(reopened.connection),
          SMALL_FILTER
        );
        expect(await writer.write(ids(250, 500).map(preparedEvent))).toEqual({
          stored: 250,
          duplicates: 250,
        });
        expect(await storedCounts(reopened)).toEqual({ rows: 750, keys: 750 });
      } finally {
        reopened.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
