/**
 * Event lookups over a real in-memory DuckDB loaded through the production ingest: one event by
 * index and id, and searches by KQL, index pattern and time range ordered by (combined) timestamp,
 * index and ingest order, with the size limit and the total.
 */
import { fromKueryExpression } from '../../../common/kql/parse';
import type { EventLookupRequest } from '../store_contract';
import type { TimestampSpec } from '../../new_terms/types';
import { memoryStoreWith } from '../../../test/helpers/memory_store';
import {
  EXPECTED_NC_PREVALENCE,
  PREVALENCE_COUNT_FIELDS,
  prevalenceEvents,
} from '../../../test/helpers/prevalence_events';
import type { EmbeddedStore } from './embedded_store';
import { DuckDbEventLookups } from './event_lookups';

const MINUTE = 60_000;
const BASE = Date.parse('2025-03-12T10:00:00.000Z');
const at = (minutes: number): number => BASE + minutes * MINUTE;
const iso = (ms: number): string => new Date(ms).toISOString();

const PROCESS = 'logs-endpoint.events.process-default';
const NETWORK = 'logs-endpoint.events.network-default';
const BY_TIMESTAMP: TimestampSpec = { primary: '@timestamp', fallback: null };
const BY_INGESTED: TimestampSpec = { primary: 'event.ingested', fallback: '@timestamp' };

const event = (
  id: string,
  dataset: 'process' | 'network',
  minute: number,
  extra: Record<string, unknown> = {}
): Record<string, unknown> => ({
  '@timestamp': iso(at(minute)),
  data_stream: { type: 'logs', dataset: `endpoint.events.${dataset}`, namespace: 'default' },
  event: {
    id,
    category: [dataset],
    ...(extra.ingested === undefined ? {} : { ingested: extra.ingested }),
  },
  process: { name: extra.name ?? 'bash' },
  'host.name': 'node-1',
});

/** In ingest order: ties on the timestamp across and within indices, some events ingested late. */
const EVENTS = [
  event('p1', 'process', 0),
  event('n1', 'network', 0),
  event('p2', 'process', 0, { name: 'sh' }),
  event('p3', 'process', 1, { ingested: iso(at(5)) }),
  event('n2', 'network', 2),
  event('p4', 'process', 6, { ingested: iso(at(3)), name: 'sh' }),
  event('p5', 'process', 9),
];

const lookup = (overrides: Partial<EventLookupRequest> = {}): EventLookupRequest => ({
  index: ['logs-endpoint.events.*'],
  query: fromKueryExpression(''),
  range: { from: at(0), to: at(10) },
  timestamp: BY_TIMESTAMP,
  size: 100,
  sortOrder: 'asc',
  ...overrides,
});

describe('DuckDbEventLookups', () => {
  let store: EmbeddedStore;
  let lookups: DuckDbEventLookups;

  beforeAll(async () => {
    store = await memoryStoreWith(EVENTS);
    lookups = new DuckDbEventLookups(store.database.connection, store.catalog);
  });
  afterAll(() => store.close());

  const ids = async (overrides: Partial<EventLookupRequest> = {}): Promise<string[]> =>
    (await lookups.searchEvents(lookup(overrides))).events.map((found) => found.id);

  describe('getEvent', () => {
    it('returns the stored event with its @timestamp', async () => {
      expect(await lookups.getEvent(PROCESS, 'p3')).toEqual({
        index: PROCESS,
        id: 'p3',
        source: EVENTS[3],
        timestamp: at(1),
      });
    });

    it('needs the exact index: another index, a pattern or an unknown id find nothing', async () => {
      expect(await lookups.getEvent(NETWORK, 'p3')).toBeUndefined();
      expect(await lookups.getEvent('logs-endpoint.events.*', 'p3')).toBeUndefined();
      expect(await lookups.getEvent(PROCESS, 'nope')).toBeUndefined();
    });
  });

  describe('searchEvents', () => {
    it('orders by timestamp, then index name, then ingest order; descending reverses it', async () => {
      const ascending = ['n1', 'p1', 'p2', 'p3', 'n2', 'p4', 'p5'];
      expect(await ids()).toEqual(ascending);
      expect(await ids({ sortOrder: 'desc' })).toEqual([...ascending].reverse());
    });

    it('places events by the combined timestamp with a fallback, and returns it', async () => {
      const result = await lookups.searchEvents(lookup({ timestamp: BY_INGESTED }));
      expect(result.events.map((found) => [found.id, found.timestamp])).toEqual([
        ['n1', at(0)],
        ['p1', at(0)],
        ['p2', at(0)],
        ['n2', at(2)],
        ['p4', at(3)],
        ['p3', at(5)],
        ['p5', at(9)],
      ]);
    });

    it('limits to size and counts every match; the range is inclusive', async () => {
      expect(
        await lookups.searchEvents(lookup({ size: 2, range: { from: at(0), to: at(2) } }))
      ).toMatchObject({
        total: 5,
        events: [{ id: 'n1' }, { id: 'p1' }],
      });
      expect(await lookups.searchEvents(lookup({ size: 0 }))).toEqual({ total: 7, events: [] });
      await expect(lookups.searchEvents(lookup({ size: -1 }))).rejects.toThrow(RangeError);
    });

    it('pages: an offset skips that many events in the order asked', async () => {
      const ascending = ['n1', 'p1', 'p2', 'p3', 'n2', 'p4', 'p5'];
      expect(await ids({ size: 3, offset: 3 })).toEqual(ascending.slice(3, 6));
      expect(await ids({ size: 3, offset: 6, sortOrder: 'desc' })).toEqual(['n1']);
      expect(await lookups.searchEvents(lookup({ size: 3, offset: 7 }))).toEqual({
        total: 7,
        events: [],
      });
      await expect(lookups.searchEvents(lookup({ offset: -1 }))).rejects.toThrow(RangeError);
    });

    it('filters by KQL and index pattern', async () => {
      expect(await ids({ query: fromKueryExpression('process.name : "sh"') })).toEqual([
        'p2',
        'p4',
      ]);
      expect(await ids({ index: ['logs-endpoint.events.network-*'] })).toEqual(['n1', 'n2']);
      expect(await ids({ index: [] })).toEqual([]);
      expect(await ids({ query: fromKueryExpression('process.name : "x\' OR 1=1 --"') })).toEqual(
        []
      );
    });

    it('finds nothing when no event has the timestamp fields', async () => {
      expect(
        await lookups.searchEvents(
          lookup({ timestamp: { primary: 'no.such.field', fallback: null } })
        )
      ).toEqual({ total: 0, events: [] });
    });
  });

  describe('fieldPrevalence', () => {
    let spread: EmbeddedStore;
    let spreadLookups: DuckDbEventLookups;
    beforeAll(async () => {
      spread = await memoryStoreWith(prevalenceEvents('default'));
      spreadLookups = new DuckDbEventLookups(spread.database.connection, spread.catalog);
    });
    afterAll(() => spread.close());

    const prevalence = (query: string, timestamp: TimestampSpec = BY_TIMESTAMP) =>
      spreadLookups.fieldPrevalence({
        index: ['logs-endpoint.events.*'],
        query: fromKueryExpression(query),
        timestamp,
        countFields: PREVALENCE_COUNT_FIELDS,
      });

    it('counts the matching events, each distinct value of every field (lists too) and the time span', async () => {
      expect(await prevalence('process.name : "nc"')).toEqual(EXPECTED_NC_PREVALENCE.byTimestamp);
      expect(await prevalence('process.name : "nc"', BY_INGESTED)).toEqual(
        EXPECTED_NC_PREVALENCE.byIngested
      );
    });

    it('counts zero of a field no event has, and nothing for a term no event holds', async () => {
      const none = await prevalence('process.name : "nope"');
      expect(none).toEqual({
        events: 0,
        distinct: { 'host.name': 0, 'container.id': 0, 'container.image.name': 0, 'no.such': 0 },
        firstSeen: null,
        lastSeen: null,
      });
      expect(
        await spreadLookups.fieldPrevalence({
          index: [],
          query: fromKueryExpression('process.name : "nc"'),
          timestamp: BY_TIMESTAMP,
          countFields: ['host.name'],
        })
      ).toEqual({ events: 0, distinct: { 'host.name': 0 }, firstSeen: null, lastSeen: null });
    });
  });
});
