/**
 * Text fields and multi-fields in the embedded store (real DuckDB, real NDJSON ingest): the token
 * columns server/stores/duckdb/kql_to_sql.ts reads, the multi-field columns ingest derives from their parents,
 * the migration of stores written before either existed, and generated queries over both agreeing
 * with the matcher.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import fc from 'fast-check';
import { ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import { KqlCompileError } from '../../../common/kql/kql_compile_error';
import { createMatcher } from '../../../common/kql/matcher';
import { fromKueryExpression } from '../../../common/kql/parse';
import { encodeAnalyzedText } from '../../../common/es/text_analysis';
import { compileKqlToSql } from './kql_to_sql';
import { ingestObjects } from '../../../test/helpers/memory_store';
import { generatedDocuments, validQuery } from '../../../test/reliability/arbitraries';
import { EmbeddedStore } from './embedded_store';
import { indexedFieldTypes } from './field_catalog';
import { EVENTS_TABLE, FIELDS_TABLE } from './schema';
import { queryRows } from './sql_values';

const TIMESTAMP = '2025-03-12T10:00:00.000Z';
const PROPERTY_RUNS = 200;
/** ECS `user.name` is a keyword with this ignore_above; its `.text` multi-field has none. */
const USER_NAME_IGNORE_ABOVE = 1024;

const event = (id: string, fields: Record<string, unknown>): Record<string, unknown> => ({
  '@timestamp': TIMESTAMP,
  event: { id },
  ...fields,
});

/** The ids of the stored events `query` selects, through the store's own SQL. */
const select = async (store: EmbeddedStore, query: string): Promise<string[]> => {
  const predicate = compileKqlToSql(fromKueryExpression(query), store.catalog, {
    fields: indexedFieldTypes(store.catalog, store.fieldTypes),
  });
  const rows = await queryRows(
    store.database.connection,
    `SELECT _id FROM ${EVENTS_TABLE} WHERE ${predicate.sql} ORDER BY _id`,
    predicate.params
  );
  return rows.map((row) => String(row._id));
};

const openWith = async (
  events: ReadonlyArray<Record<string, unknown>>,
  dataDir?: string
): Promise<EmbeddedStore> => {
  const store = await EmbeddedStore.open(dataDir);
  const summary = await ingestObjects(store, events);
  expect(summary.rejected).toEqual([]);
  return store;
};

describe('embedded store: text fields', () => {
  const events = [
    event('a', { message: 'Hello brave new World' }),
    event('b', { message: ['nothing here', 'new brave'] }),
    event('c', { process: { name: 'bash' } }),
  ];
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await openWith(events);
  });
  afterAll(() => store.close());

  it('gives a text field a token column holding one analyzed sequence per value', async () => {
    const column = store.catalog.column('message');
    expect(column?.tokenColumn).toBe(`${column?.column}_tokens`);
    const rows = await queryRows(
      store.database.connection,
      `SELECT _id, ${column?.tokenColumn} AS tokens FROM ${EVENTS_TABLE} ORDER BY _id`
    );
    expect(rows).toEqual([
      { _id: 'a', tokens: [encodeAnalyzedText('Hello brave new World')] },
      { _id: 'b', tokens: [encodeAnalyzedText('nothing here'), encodeAnalyzedText('new brave')] },
      { _id: 'c', tokens: null },
    ]);
    const catalogRows = await queryRows(
      store.database.connection,
      `SELECT has_tokens FROM ${FIELDS_TABLE} WHERE field = 'message'`
    );
    expect(catalogRows).toEqual([{ has_tokens: true }]);
  });

  it('keeps keyword columns without tokens', () => {
    expect(store.catalog.column('process.name')?.tokenColumn).toBeUndefined();
  });

  it.each([
    ['message:hello', ['a']],
    ['message:"brave new"', ['a']],
    ['message:"new brave"', ['b']],
    ['message:wor*', ['a']],
    ['message >= "z"', []],
    ['hello', ['a']],
    ['bash', ['c']],
  ])('answers %s', async (query, ids) => {
    expect(await select(store, query)).toEqual(ids);
  });
});

describe('embedded store: multi-fields', () => {
  const longName = 'L'.repeat(USER_NAME_IGNORE_ABOVE + 1);
  const events = [
    event('cmd', { process: { command_line: 'bash -c id', name: 'sh' } }),
    event('user', { user: { name: 'Bash' } }),
    event('long', { user: { name: longName } }),
    event('after-long', { user: { name: 'root' } }),
  ];
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await openWith(events);
  });
  afterAll(() => store.close());

  it('stores a multi-field in a column of its own, typed and tokenized as the mapping says', () => {
    const column = store.catalog.column('process.command_line.text');
    expect(column).toMatchObject({
      esType: 'match_only_text',
      sourceField: 'process.command_line',
    });
    expect(column?.tokenColumn).toBeDefined();
  });

  it.each([
    ['process.command_line.text:bash', ['cmd']],
    ['process.command_line.text:"c id"', ['cmd']],
    ['user.name.text:bash', ['user']],
    ['bash', ['cmd', 'user']],
    ['not bash', ['after-long', 'long']],
    ['user.name:Bash', ['user']],
  ])('answers %s as Elasticsearch would', async (query, ids) => {
    expect(await select(store, query)).toEqual(ids);
  });

  it('indexes the multi-field of a keyword over ignore_above, which the keyword itself does not index', async () => {
    expect(await select(store, `user.name.text:${longName.toLowerCase()}`)).toEqual(['long']);
    expect(await select(store, 'user.name:*')).toEqual(['after-long', 'user']);
  });

  it('does not take the parent of a multi-field for an object (its values stay accepted)', () => {
    expect(store.catalog.isObjectPath('user.name')).toBe(false);
    expect(store.catalog.isObjectPath('user')).toBe(true);
  });
});

describe('embedded store: reopening and migrating', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-text-columns-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps token columns and multi-field parents across a reopen', async () => {
    const first = await openWith(
      [event('x', { message: 'hello', user: { name: 'L'.repeat(USER_NAME_IGNORE_ABOVE + 1) } })],
      dataDir
    );
    first.close();
    const store = await openWith(
      [event('y', { message: 'hello again', user: { name: 'root' } })],
      dataDir
    );
    try {
      expect(await select(store, 'message:hello')).toEqual(['x', 'y']);
      expect(await select(store, 'user.name:root')).toEqual(['y']);
    } finally {
      store.close();
    }
  });

  /**
   * Turns a current store into one written before token columns and `source_field` existed (its
   * events must have no field with multi-fields: such stores never stored any), with what an
   * interrupted migration would leave behind: a token column under its staging name.
   */
  const makeLegacy = async (store: EmbeddedStore): Promise<void> => {
    const { connection } = store.database;
    for (const column of store.catalog.columns()) {
      if (column.tokenColumn === undefined) continue;
      await connection.run(`ALTER TABLE ${EVENTS_TABLE} DROP COLUMN ${column.tokenColumn}`);
      await connection.run(
        `ALTER TABLE ${EVENTS_TABLE} ADD COLUMN ${column.tokenColumn}_staged VARCHAR`
      );
    }
    await connection.run(`UPDATE ${FIELDS_TABLE} SET has_tokens = false`);
    await connection.run(`ALTER TABLE ${FIELDS_TABLE} DROP COLUMN source_field`);
  };

  it('adds and backfills the token columns of a store written without them, then ingests into it', async () => {
    const legacy = await openWith(
      [
        event('old-1', { message: 'Hello World', event: { id: 'old-1', action: 'exec' } }),
        event('old-2', { message: ['first one', 'second brave one'], host: { name: 'node-1' } }),
        event('old-3', { event: { id: 'old-3', action: 'fork' } }),
      ],
      dataDir
    );
    await makeLegacy(legacy);
    legacy.close();

    // Reopened: migrated; a new event after it fills every column (token columns now come last).
    const store = await openWith(
      [
        event('new-1', {
          message: 'hello brave',
          host: { name: 'node-2' },
          process: { name: 'bash', command_line: 'bash -i' },
        }),
      ],
      dataDir
    );
    try {
      expect(await select(store, 'message:hello')).toEqual(['new-1', 'old-1']);
      expect(await select(store, 'message:"second brave"')).toEqual(['old-2']);
      expect(await select(store, 'message:bra*')).toEqual(['new-1', 'old-2']);
      expect(
        await select(
          store,
          'host.name:node-2 and process.name:bash and process.command_line.text:i'
        )
      ).toEqual(['new-1']);
      expect(await select(store, 'event.action:exec')).toEqual(['old-1']);
      const catalogRows = await queryRows(
        store.database.connection,
        `SELECT has_tokens FROM ${FIELDS_TABLE} WHERE field = 'message'`
      );
      expect(catalogRows).toEqual([{ has_tokens: true }]);
      expect(store.catalog.tableLayout().filter((name) => name.endsWith('_staged'))).toEqual([]);
    } finally {
      store.close();
    }
  });
});

describe('embedded store: generated queries over text fields and multi-fields', () => {
  const documents = generatedDocuments(60, { text: true });
  const fields = ecsFieldTypes();
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await openWith(documents.map((doc) => doc.source));
  });
  afterAll(() => store.close());

  /** The matcher's ids, or null when it refuses the query (the SQL must then refuse it too). */
  const matcherIds = (query: string): string[] | null => {
    try {
      const matches = createMatcher(fromKueryExpression(query), fields);
      return documents
        .filter((doc) => matches(doc.source))
        .map((doc) => doc.id)
        .sort();
    } catch (error) {
      if (error instanceof KqlCompileError) return null;
      throw error;
    }
  };

  const sqlIds = async (query: string): Promise<string[] | null> => {
    try {
      return await select(store, query);
    } catch (error) {
      if (error instanceof KqlCompileError) return null;
      throw error;
    }
  };

  it(`selects the matcher's documents (${PROPERTY_RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        validQuery({ text: true, cidr: false, multiFields: true }),
        async (query) => {
          expect({ query, ids: await sqlIds(query) }).toEqual({ query, ids: matcherIds(query) });
        }
      ),
      { numRuns: PROPERTY_RUNS }
    );
  });
});
