/**
 * The writer's transactions on a real DuckDB: pending writes are visible to the connection and
 * durable only at commit, a new column is added outside the pending transaction, and a failed
 * append abandons every pending event while leaving the store usable.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { PreparedEvent, PreparedField } from '../../ingest/prepare_event';
import { eventKey } from '../../ingest/prepare_event';
import { openDatabase, type EmbeddedDatabase } from './database';
import { DuckDbEventWriter } from './event_writer';
import { FieldCatalog } from './field_catalog';
import { EVENTS_TABLE } from './schema';
import { queryRows, toNumber } from './sql_values';

const INDEX = 'logs-endpoint.events.process-default';

const keywordField = (field: string, value: string): PreparedField => ({
  field,
  esType: 'keyword',
  valueType: 'string',
  values: [value],
});

const preparedEvent = (id: string, fields: readonly PreparedField[] = []): PreparedEvent => ({
  index: INDEX,
  id,
  key: eventKey(INDEX, id),
  sourceText: JSON.stringify({ id }),
  fields,
});

const eventCount = async (database: EmbeddedDatabase): Promise<number> => {
  const [row] = await queryRows(
    database.connection,
    `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${EVENTS_TABLE}`
  );
  return toNumber(row?.n ?? 0);
};

const writerFor = async (database: EmbeddedDatabase): Promise<DuckDbEventWriter> =>
  DuckDbEventWriter.create(database.connection, await FieldCatalog.load(database.connection));

describe('DuckDbEventWriter transactions', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-writer-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps pending events visible to its connection and durable only once committed', async () => {
    const database = await openDatabase(dataDir);
    const writer = await writerFor(database);
    await writer.writePending([preparedEvent('a'), preparedEvent('b')]);
    await writer.commit();
    await writer.writePending([preparedEvent('c')]);
    expect(await eventCount(database)).toBe(3);
    // Closing with a write pending rolls it back, as a crash would.
    database.close();

    const reopened = await openDatabase(dataDir);
    try {
      expect(await eventCount(reopened)).toBe(2);
    } finally {
      reopened.close();
    }
  });

  it('commits what is pending before adding a column, and adds it outside any transaction', async () => {
    const database = await openDatabase(dataDir);
    const writer = await writerFor(database);
    await writer.writePending([preparedEvent('a', [keywordField('host.name', 'h1')])]);
    await writer.writePending([preparedEvent('b', [keywordField('container.id', 'c1')])]);
    // 'b' is still pending: closing rolls it back, but neither 'a' nor the column it needed.
    database.close();

    const reopened = await openDatabase(dataDir);
    try {
      const catalog = await FieldCatalog.load(reopened.connection);
      const hostColumn = catalog.column('host.name')?.column;
      const containerColumn = catalog.column('container.id')?.column;
      expect(catalog.tableLayout()).toContain(containerColumn);
      const rows = await queryRows(
        reopened.connection,
        `SELECT _id, ${hostColumn} AS host, ${containerColumn} AS container FROM ${EVENTS_TABLE}`
      );
      expect(rows).toEqual([{ _id: 'a', host: 'h1', container: null }]);
    } finally {
      reopened.close();
    }
  });

  it('abandons every pending event when an append fails, and stays usable', async () => {
    const database = await openDatabase(dataDir);
    try {
      const writer = await writerFor(database);
      await writer.writePending([preparedEvent('kept')]);
      await writer.commit();
      await writer.writePending([preparedEvent('pending')]);
      // A column of a type the writer never creates makes its next append fail.
      await database.connection.run(`ALTER TABLE ${EVENTS_TABLE} ADD COLUMN unexpected INTEGER`);
      await expect(writer.writePending([preparedEvent('failing')])).rejects.toThrow(
        'Cannot write a column of type INTEGER'
      );
      expect(await eventCount(database)).toBe(1);

      const fresh = await writerFor(database);
      expect(await fresh.write([preparedEvent('later'), preparedEvent('kept')])).toEqual({
        stored: 1,
        duplicates: 1,
      });
      const ids = await queryRows(
        database.connection,
        `SELECT _id FROM ${EVENTS_TABLE} ORDER BY _seq`
      );
      expect(ids.map((row) => row._id)).toEqual(['kept', 'later']);
    } finally {
      database.close();
    }
  });
});
