/**
 * One wide event must not break later ingests. Against a real store file at
 * the ingest's memory limit (256 MB): Defend batches, one event with hundreds of new fields, then
 * batches that do not fill whole row groups (a lone event, odd sizes) and an event turning the new
 * fields into lists. Before the column budget, 20 new fields were enough for the next commit or
 * checkpoint to fail with DuckDB's "failed to pin block", and every later write failed.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DuckDBInstance } from '@duckdb/node-api';
import { fromKueryExpression } from '../../common/kql/parse';
import { compileKqlToSql } from '../../server/stores/duckdb/kql_to_sql';
import type { IngestSummary } from '../../server/ingest/ingest_ndjson';
import { generateEvents } from '../../server/sample_data';
import {
  COLUMNS_LIMIT_BYTES,
  DEFAULT_BLOCK_BYTES,
  NEW_COLUMNS_BUDGET_BYTES,
} from '../../server/stores/duckdb/column_budget';
import { MEMORY_LIMIT_ENV } from '../../server/stores/duckdb/database';
import { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { indexedFieldTypes } from '../../server/stores/duckdb/field_catalog';
import { queryRows, toNumber } from '../../server/stores/duckdb/sql_values';
import { ingestText } from '../helpers/memory_store';

const DEFEND_EVENTS = 3_200;
/** Sizes that leave row groups partly filled: each commit then appends to a row group not yet checkpointed. */
const BATCH_SIZES = [400, 150, 1, 350] as const;
const WIDE_TIMEOUT_MS = 120_000;
const WIDE_TIMESTAMP = '2025-03-10T12:00:00.000Z';

const defendLines: string[] = [...generateEvents({ totalEvents: DEFEND_EVENTS })].map((event) =>
  JSON.stringify(event)
);

/** One event whose `custom` object holds `width` new keyword fields (lists of two when `asLists`). */
const wideEvent = (
  id: string,
  width: number,
  options: { readonly prefix?: string; readonly asLists?: boolean } = {}
): string => {
  const custom: Record<string, unknown> = {};
  for (let i = 0; i < width; i++)
    custom[`${options.prefix ?? 'field'}_${i}`] =
      options.asLists === true ? [`a${i}`, `b${i}`] : `v${i}`;
  return JSON.stringify({ '@timestamp': WIDE_TIMESTAMP, event: { id }, custom });
};

const ids = async (store: EmbeddedStore, kql: string): Promise<string[]> => {
  const fragment = compileKqlToSql(fromKueryExpression(kql), store.catalog, {
    fields: indexedFieldTypes(store.catalog, store.fieldTypes),
  });
  const rows = await queryRows(
    store.database.connection,
    `SELECT _id FROM events WHERE ${fragment.sql} ORDER BY _id`,
    fragment.params
  );
  return rows.map((row) => String(row._id));
};

const expectAllStored = (summary: IngestSummary, lines: number): void => {
  expect({ stored: summary.stored, rejected: summary.rejected }).toEqual({
    stored: lines,
    rejected: [],
  });
};

describe('a store keeps taking events whatever columns earlier events added', () => {
  let dir: string;
  beforeEach(() => {
    // Ingests then run at INGEST_MEMORY_LIMIT (256 MB), the limit the failure was seen at.
    expect(process.env[MEMORY_LIMIT_ENV]).toBeUndefined();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-wide-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([250, 400, 990])(
    'stores every later batch after one event with %i new fields',
    async (width) => {
      const store = await EmbeddedStore.open(dir);
      try {
        let next = 0;
        const ingestDefend = async (count: number): Promise<void> => {
          const lines = defendLines.slice(next, next + count);
          next += count;
          expectAllStored(await ingestText(store, lines.join('\n')), lines.length);
        };
        await ingestDefend(BATCH_SIZES[0]);
        expectAllStored(await ingestText(store, wideEvent('wide-1', width)), 1);
        await ingestDefend(BATCH_SIZES[1]);
        await ingestDefend(BATCH_SIZES[2]);
        expectAllStored(await ingestText(store, wideEvent('wide-2', width, { asLists: true })), 1);
        await ingestDefend(BATCH_SIZES[3]);

        expect(await store.eventCount()).toBe(next + 2);
        expect(store.catalog.pinnedColumnBytes).toBeLessThanOrEqual(COLUMNS_LIMIT_BYTES);
        // Indexed wide fields are searchable like any other; both wide events hold field_0.
        expect(await ids(store, 'custom.field_0:*')).toEqual(['wide-1', 'wide-2']);
      } finally {
        store.close();
      }
      // And the store opens again with every event.
      const reopened = await EmbeddedStore.open(dir);
      try {
        expect(await reopened.eventCount()).toBe(
          BATCH_SIZES.reduce((sum, size) => sum + size, 0) + 2
        );
      } finally {
        reopened.close();
      }
    },
    WIDE_TIMEOUT_MS
  );

  it(
    'keeps fields beyond the column budget in _source, unsearchable, and leaves room for ECS fields',
    async () => {
      const store = await EmbeddedStore.open(dir);
      try {
        expectAllStored(await ingestText(store, defendLines.slice(0, 500).join('\n')), 500);
        const flood = [
          wideEvent('flood-1', 800, { prefix: 'a' }),
          wideEvent('flood-2', 800, { prefix: 'b' }),
        ];
        expectAllStored(await ingestText(store, flood.join('\n')), 2);
        const unindexed = new Set(store.catalog.unindexedFields().map((field) => field.field));
        expect(unindexed.size).toBeGreaterThan(0);
        expect(store.catalog.pinnedColumnBytes).toBeLessThanOrEqual(NEW_COLUMNS_BUDGET_BYTES);

        // The first fields got columns, the last did not; both are in _source.
        expect(unindexed.has('custom.a_0')).toBe(false);
        expect(unindexed.has('custom.b_799')).toBe(true);
        expect(await ids(store, 'custom.a_0:v0')).toEqual(['flood-1']);
        expect(await ids(store, 'custom.b_799:v799')).toEqual([]);
        const [row] = await queryRows(
          store.database.connection,
          `SELECT _source FROM events WHERE _id = 'flood-2'`
        );
        const source = JSON.parse(String(row?._source)) as { custom: Record<string, unknown> };
        expect(source.custom.b_799).toBe('v799');

        // An ECS field first seen after the flood still gets a column: custom fields have their own share.
        const network = JSON.stringify({
          '@timestamp': WIDE_TIMESTAMP,
          event: { id: 'net-1' },
          destination: { ip: '10.0.0.7', port: 443 },
        });
        expectAllStored(await ingestText(store, network), 1);
        expect(await ids(store, 'destination.ip:10.0.0.7 and destination.port:443')).toEqual([
          'net-1',
        ]);

        // A later value of an unindexed field is still checked against its type, as Elasticsearch would.
        const mistyped = JSON.stringify({
          '@timestamp': WIDE_TIMESTAMP,
          event: { id: 'bad-1' },
          custom: { b_799: { nested: true } },
        });
        const summary = await ingestText(store, mistyped);
        expect(summary.stored).toBe(0);
        expect(summary.rejectedCount).toBe(1);

        expectAllStored(await ingestText(store, defendLines.slice(500, 1_500).join('\n')), 1_000);
        expect(await store.eventCount()).toBe(1_500 + 3);
      } finally {
        store.close();
      }
    },
    WIDE_TIMEOUT_MS
  );
});

describe('the column budget with 256 KiB blocks (store files made before, in-memory stores)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-wide-legacy-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const survivesWideEvent = async (store: EmbeddedStore): Promise<void> => {
    expectAllStored(await ingestText(store, defendLines.slice(0, 700).join('\n')), 700);
    expectAllStored(await ingestText(store, wideEvent('wide-256k', 400)), 1);
    expectAllStored(await ingestText(store, defendLines.slice(700, 701).join('\n')), 1);
    expectAllStored(
      await ingestText(store, wideEvent('wide-256k-lists', 400, { asLists: true })),
      1
    );
    expectAllStored(await ingestText(store, defendLines.slice(701, 1_400).join('\n')), 699);
    expect(store.catalog.pinnedColumnBytes).toBeLessThanOrEqual(COLUMNS_LIMIT_BYTES);
    expect(await store.eventCount()).toBe(1_402);
  };

  it(
    'takes a wide event into a store file with 256 KiB blocks and keeps ingesting',
    async () => {
      // A file DuckDB made with its default block size, as every store file before this change.
      const legacy = await DuckDBInstance.create(path.join(dir, 'ctd.duckdb'));
      legacy.closeSync();
      const store = await EmbeddedStore.open(dir);
      try {
        const [row] = await queryRows(
          store.database.connection,
          'SELECT CAST(block_size AS DOUBLE) AS size FROM pragma_database_size() WHERE database_name = current_database()'
        );
        expect(toNumber(row?.size)).toBe(DEFAULT_BLOCK_BYTES);
        await survivesWideEvent(store);
      } finally {
        store.close();
      }
    },
    WIDE_TIMEOUT_MS
  );

  it(
    'takes a wide event into an in-memory store and keeps ingesting',
    async () => {
      const store = await EmbeddedStore.open();
      try {
        await survivesWideEvent(store);
      } finally {
        store.close();
      }
    },
    WIDE_TIMEOUT_MS
  );
});
