/**
 * Term histories answer phase 2 exactly as a scan of the history window does: compared on random
 * event sets (hour boundaries ±1 ms, arrays, missing fields, the event.ingested fallback, events
 * arriving late with old timestamps, fields turning into arrays) against the same store with the
 * histories switched off. Real DuckDB, in memory and on disk.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import fc from 'fast-check';
import { fromKueryExpression } from '../../../common/kql/parse';
import type { NewTermsSearch, TermTuple, TimeRange, TimestampSpec } from '../../new_terms/types';
import { ingestObjects } from '../../../test/helpers/memory_store';
import { EmbeddedStore } from './embedded_store';
import { DuckDbEventSource } from './event_source';
import { TERM_HISTORIES_TABLE } from './schema';
import { queryRows } from './sql_values';
import {
  bucketCover,
  MAX_TERM_HISTORIES,
  TERM_HISTORY_BUCKET_MS,
  TermHistories,
} from './term_history';

const HOUR = TERM_HISTORY_BUCKET_MS;
const BASE = Date.parse('2025-03-01T00:00:00.000Z');
/** Few hours, so that events, range ends and hour boundaries often coincide. */
const HOURS = 5;

const BY_TIMESTAMP: TimestampSpec = { primary: '@timestamp', fallback: null };
const BY_INGESTED: TimestampSpec = { primary: 'event.ingested', fallback: '@timestamp' };

const search = (
  fields: readonly string[],
  timestamp: TimestampSpec,
  query = 'event.category:process'
): NewTermsSearch => ({
  index: ['logs-endpoint.events.process*'],
  query: fromKueryExpression(query),
  fields,
  timestamp,
});

const SEARCHES: readonly NewTermsSearch[] = [
  search(['process.name'], BY_TIMESTAMP),
  search(['process.name'], BY_INGESTED),
  search(['process.name', 'process.args'], BY_INGESTED),
  search(
    ['user.name', 'process.name'],
    BY_TIMESTAMP,
    'event.category:process and not process.name:ls'
  ),
];

const NAMES = ['bash', 'sh', 'ls', 'curl'];
const ARGS = ['-c', '-i', 'id', 'whoami'];
const USERS = ['root', 'app'];

/** A time near an hour boundary (±1 ms) or anywhere in the hour. */
const timeArb = fc
  .tuple(
    fc.integer({ min: 0, max: HOURS }),
    fc.oneof(fc.constantFrom(0, 1, -1, HOUR - 1), fc.integer({ min: 0, max: HOUR - 1 }))
  )
  .map(([hour, offset]) => BASE + hour * HOUR + offset);

interface GeneratedEvent {
  readonly time: number;
  readonly ingestedLag: number | null;
  readonly name: string;
  readonly args: readonly string[] | string | null;
  readonly user: string | null;
  readonly category: 'process' | 'network';
}

const eventArb: fc.Arbitrary<GeneratedEvent> = fc.record({
  time: timeArb,
  ingestedLag: fc.option(fc.constantFrom(0, 1, 1_000, HOUR), { nil: null }),
  name: fc.constantFrom(...NAMES),
  args: fc.oneof(
    fc.constant(null),
    fc.constantFrom(...ARGS),
    fc.array(fc.constantFrom(...ARGS), { minLength: 1, maxLength: 3 })
  ),
  user: fc.option(fc.constantFrom(...USERS), { nil: null }),
  category: fc.constantFrom('process' as const, 'process' as const, 'network' as const),
});

let nextId = 0;
const toDocument = (event: GeneratedEvent): Record<string, unknown> => ({
  '@timestamp': new Date(event.time).toISOString(),
  event: {
    id: `e${nextId++}`,
    category: [event.category],
    ...(event.ingestedLag === null
      ? {}
      : { ingested: new Date(event.time + event.ingestedLag).toISOString() }),
  },
  process: { name: event.name, ...(event.args === null ? {} : { args: event.args }) },
  ...(event.user === null ? {} : { user: { name: event.user } }),
});

/** A history range (both ends near hour boundaries, like the events) and its window start. */
const rangeArb = fc
  .tuple(timeArb, timeArb, fc.integer({ min: 0, max: 2 * HOUR }))
  .map(([a, b, window]): { history: TimeRange; newAfter: number } => {
    const history = { from: Math.min(a, b), to: Math.max(a, b) };
    return { history, newAfter: Math.max(history.from, history.to - window) };
  });

const everyCandidate = (fields: readonly string[]): TermTuple[] => {
  const values = (field: string): readonly string[] =>
    field === 'process.name' ? [...NAMES, 'never'] : field === 'process.args' ? ARGS : USERS;
  return fields.reduce<TermTuple[]>(
    (tuples, field) => tuples.flatMap((tuple) => values(field).map((value) => [...tuple, value])),
    [[]]
  );
};

const sortedByTerm = <T extends { readonly term: TermTuple }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => JSON.stringify(a.term).localeCompare(JSON.stringify(b.term)));

const scanningSource = (store: EmbeddedStore): DuckDbEventSource =>
  new DuckDbEventSource(store.database.connection, store.catalog, store.fieldTypes, {
    termHistory: false,
  });

const expectSameAnswers = async (
  store: EmbeddedStore,
  ranges: ReadonlyArray<{ history: TimeRange; newAfter: number }>
): Promise<void> => {
  const reference = scanningSource(store);
  for (const searched of SEARCHES) {
    const candidates = everyCandidate(searched.fields);
    for (const { history, newAfter } of ranges) {
      const fromHistories = await store.events.newTerms(searched, history, newAfter, candidates);
      const fromScan = await reference.newTerms(searched, history, newAfter, candidates);
      expect(sortedByTerm(fromHistories)).toEqual(sortedByTerm(fromScan));
    }
  }
};

const historyCount = async (store: EmbeddedStore): Promise<number> => {
  const [row] = await queryRows(
    store.database.connection,
    `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${TERM_HISTORIES_TABLE}`
  );
  return Number(row?.n ?? 0);
};

describe('bucketCover', () => {
  it('splits a range into whole hours and the partial hours at both ends', () => {
    expect(bucketCover({ from: 3 * HOUR + 5, to: 7 * HOUR + 9 })).toEqual({
      firstBucket: 4,
      lastBucket: 6,
      edges: [
        { from: 3 * HOUR + 5, to: 4 * HOUR - 1 },
        { from: 7 * HOUR, to: 7 * HOUR + 9 },
      ],
    });
  });

  it('has no edges when the range is whole hours (the end is inclusive)', () => {
    expect(bucketCover({ from: 3 * HOUR, to: 5 * HOUR - 1 })).toEqual({
      firstBucket: 3,
      lastBucket: 4,
      edges: [],
    });
  });

  it('keeps a 1 ms edge on either side of whole hours', () => {
    expect(bucketCover({ from: 3 * HOUR - 1, to: 5 * HOUR })?.edges).toEqual([
      { from: 3 * HOUR - 1, to: 3 * HOUR - 1 },
      { from: 5 * HOUR, to: 5 * HOUR },
    ]);
  });

  it('is undefined when no whole hour lies inside (the range is scanned instead)', () => {
    expect(bucketCover({ from: 3 * HOUR + 1, to: 4 * HOUR })).toBeUndefined();
    expect(bucketCover({ from: 3 * HOUR, to: 4 * HOUR - 2 })).toBeUndefined();
  });
});

describe('term histories', () => {
  let store: EmbeddedStore | undefined;
  afterEach(() => {
    store?.close();
    store = undefined;
  });

  it('answer phase 2 as a scan of the history does, while events keep arriving (also late, with old times)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(eventArb, { minLength: 1, maxLength: 25 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.array(rangeArb, { minLength: 1, maxLength: 4 }),
        async (rounds, ranges) => {
          const opened = await EmbeddedStore.open();
          try {
            for (const round of rounds) {
              await ingestObjects(opened, round.map(toDocument));
              await expectSameAnswers(opened, ranges);
            }
          } finally {
            opened.close();
          }
        }
      ),
      { numRuns: 40 }
    );
  });

  it('are kept in the store file and brought up to date after it is reopened', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-term-history-'));
    try {
      const day: TimeRange = { from: BASE, to: BASE + 24 * HOUR - 1 };
      const window = { history: day, newAfter: day.to - 10 * 60_000 };
      const late = (name: string, hour: number): Record<string, unknown> =>
        toDocument({
          time: BASE + hour * HOUR + 17,
          ingestedLag: null,
          name,
          args: null,
          user: 'root',
          category: 'process',
        });
      store = await EmbeddedStore.open(dir);
      await ingestObjects(store, [late('bash', 2), late('sh', 23.99)]);
      await expectSameAnswers(store, [window]);
      const built = await historyCount(store);
      expect(built).toBeGreaterThan(0);
      store.close();

      store = await EmbeddedStore.open(dir);
      // `curl` first seen in the window, then an old `curl` arrives: it is no longer new.
      await ingestObjects(store, [late('curl', 23.995)]);
      const [searched] = SEARCHES;
      if (searched === undefined) throw new Error('no search');
      expect(
        await store.events.newTerms(searched, window.history, window.newAfter, [['curl'], ['bash']])
      ).toEqual([{ term: ['curl'], firstSeen: BASE + 23.995 * HOUR + 17 }]);
      await ingestObjects(store, [late('curl', 5)]);
      expect(
        await store.events.newTerms(searched, window.history, window.newAfter, [['curl'], ['bash']])
      ).toEqual([]);
      await expectSameAnswers(store, [window]);
      expect(await historyCount(store)).toBe(built);
    } finally {
      store?.close();
      store = undefined;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`keeps at most ${MAX_TERM_HISTORIES} histories, dropping the others with their tables`, async () => {
    store = await EmbeddedStore.open();
    await ingestObjects(store, [
      toDocument({
        time: BASE + HOUR,
        ingestedLag: null,
        name: 'bash',
        args: null,
        user: null,
        category: 'process',
      }),
    ]);
    const history: TimeRange = { from: BASE, to: BASE + 3 * HOUR };
    for (let i = 0; i <= MAX_TERM_HISTORIES; i++) {
      // Each query is a different relation, so each gets a history of its own.
      const searched = search(
        ['process.name'],
        BY_TIMESTAMP,
        `event.category:process and not process.name:other${i}`
      );
      expect(await store.events.newTerms(searched, history, BASE + 2 * HOUR, [['bash']])).toEqual(
        []
      );
    }
    expect(await historyCount(store)).toBe(MAX_TERM_HISTORIES);
    const [tables] = await queryRows(
      store.database.connection,
      `SELECT CAST(count(*) AS DOUBLE) AS n FROM duckdb_tables() WHERE table_name LIKE 'term\\_history\\_%' ESCAPE '\\'`
    );
    expect(Number(tables?.n)).toBe(MAX_TERM_HISTORIES);
  });
});

describe('TermHistories over a plain relation', () => {
  /** `(_seq, ts, v0)` rows; the relation reads them as a term history would read events. */
  const RELATION = {
    sql: 'SELECT ts, v0 FROM occurrences WHERE _seq > ? AND _seq <= ?',
    params: [],
    termCount: 1,
  };
  let store: EmbeddedStore;
  let lastSeq = 0;
  const add = async (rows: ReadonlyArray<readonly [number, string]>): Promise<void> => {
    for (const [ts, term] of rows) {
      lastSeq++;
      await store.database.connection.run('INSERT INTO occurrences VALUES (?, ?, ?)', [
        lastSeq,
        ts,
        term,
      ]);
    }
  };
  const contents = async (table: string): Promise<string[]> =>
    (
      await queryRows(
        store.database.connection,
        `SELECT v0, CAST(bucket AS DOUBLE) AS b, CAST(first_ts AS DOUBLE) AS t FROM ${table} ORDER BY ALL`
      )
    ).map((row) => `${String(row.v0)}@${Number(row.b)}=${Number(row.t)}`);
  const registry = async (): Promise<Record<string, unknown> | undefined> =>
    (
      await queryRows(
        store.database.connection,
        `SELECT CAST(covered_seq AS DOUBLE) AS covered, CAST(appended_rows AS DOUBLE) AS appended, CAST(compacted_rows AS DOUBLE) AS compacted FROM ${TERM_HISTORIES_TABLE}`
      )
    )[0];

  beforeEach(async () => {
    store = await EmbeddedStore.open();
    lastSeq = 0;
    await store.database.connection.run(
      'CREATE TABLE occurrences (_seq BIGINT, ts BIGINT, v0 VARCHAR)'
    );
  });
  afterEach(() => store.close());

  it('keeps the earliest time per term and hour, folds later rows in, and compacts repeated rows away', async () => {
    // Compaction as soon as folds appended more rows than the last compaction left.
    const histories = new TermHistories(
      store.database.connection,
      () => lastSeq,
      () => 1,
      0
    );
    await add([
      [HOUR + 5, 'bash'],
      [HOUR + 1, 'bash'],
      [2 * HOUR, 'bash'],
      [HOUR + 9, 'sh'],
    ]);
    const table = await histories.current(RELATION);
    expect(await contents(table)).toEqual(['bash@1=3600001', 'bash@2=7200000', 'sh@1=3600009']);
    expect(await registry()).toEqual({ covered: 4, appended: 0, compacted: 3 });

    // An earlier `sh` in hour 1 and a new hour: two rows appended, not yet more than the three kept.
    await add([
      [HOUR + 2, 'sh'],
      [3 * HOUR, 'ls'],
    ]);
    expect(await histories.current(RELATION)).toBe(table);
    expect(await contents(table)).toEqual([
      'bash@1=3600001',
      'bash@2=7200000',
      'ls@3=10800000',
      'sh@1=3600002',
      'sh@1=3600009',
    ]);
    expect(await registry()).toEqual({ covered: 6, appended: 2, compacted: 3 });

    // Two more appended rows make four, more than three: compacted to one row per term and hour.
    await add([
      [HOUR, 'bash'],
      [3 * HOUR + 1, 'ls'],
    ]);
    await histories.current(RELATION);
    expect(await contents(table)).toEqual([
      'bash@1=3600000',
      'bash@2=7200000',
      'ls@3=10800000',
      'sh@1=3600002',
    ]);
    expect(await registry()).toEqual({ covered: 8, appended: 0, compacted: 4 });
  });

  it('answers the same when rows are folded twice (a crash before the registry was updated)', async () => {
    const histories = new TermHistories(
      store.database.connection,
      () => lastSeq,
      () => 1,
      0
    );
    await add([[HOUR + 5, 'bash']]);
    const table = await histories.current(RELATION);
    // The fold of rows 1..1 again, as after a crash between appending and recording `_seq`.
    await store.database.connection.run(
      `INSERT INTO ${table} SELECT v0, CAST(floor(ts / ${HOUR}.0) AS BIGINT), min(ts) FROM occurrences GROUP BY ALL`
    );
    await add([[HOUR + 7, 'bash']]);
    await histories.current(RELATION);
    // Rows repeat, but the earliest time per term and hour — all that phase 2 reads — is unchanged.
    expect(await contents(table)).toEqual(['bash@1=3600005', 'bash@1=3600005', 'bash@1=3600007']);
    const [minimum] = await queryRows(
      store.database.connection,
      `SELECT CAST(min(first_ts) AS DOUBLE) AS t FROM ${table} WHERE v0 = 'bash' AND bucket = 1`
    );
    expect(Number(minimum?.t)).toBe(HOUR + 5);
  });
});
