/**
 * Event lookups against a real Elasticsearch, events indexed through the production bulk ingest:
 * one event by exact index and id, and searches ordered by (combined) timestamp, index name and
 * `_seq_no` — with a timestamp fallback as two searches merged, and past the result window with
 * `search_after`.
 */
import type { Client } from '@elastic/elasticsearch';
import { fromKueryExpression } from '../../../common/kql/parse';
import { describeWithElasticsearch, esTestUrl } from '../../../test/elasticsearch/es_test_env';
import { indexEventsForTest } from '../../../test/helpers/es_events';
import {
  EXPECTED_NC_PREVALENCE,
  PREVALENCE_COUNT_FIELDS,
  prevalenceEvents,
} from '../../../test/helpers/prevalence_events';
import type { EventLookupRequest } from '../store_contract';
import type { TimestampSpec } from '../../new_terms/types';
import { createEsClient } from './es_client';
import { EsEventLookups } from './event_lookups';

const RUN_ID = Date.now().toString(36);
const NAMESPACE = `lookups${RUN_ID}`;
const MINUTE = 60_000;
const BASE = Date.parse('2025-03-12T10:00:00.000Z');
const at = (minutes: number): number => BASE + minutes * MINUTE;
const iso = (ms: number): string => new Date(ms).toISOString();

const PROCESS = `logs-endpoint.events.process-${NAMESPACE}`;
const NETWORK = `logs-endpoint.events.network-${NAMESPACE}`;
const BY_TIMESTAMP: TimestampSpec = { primary: '@timestamp', fallback: null };
const BY_INGESTED: TimestampSpec = { primary: 'event.ingested', fallback: '@timestamp' };

const event = (
  id: string,
  dataset: 'process' | 'network',
  minute: number,
  extra: { ingested?: number; name?: string } = {}
): Record<string, unknown> => ({
  '@timestamp': iso(at(minute)),
  data_stream: { type: 'logs', dataset: `endpoint.events.${dataset}`, namespace: NAMESPACE },
  event: {
    id,
    category: [dataset],
    ...(extra.ingested === undefined ? {} : { ingested: iso(extra.ingested) }),
  },
  process: { name: extra.name ?? 'bash' },
});

const EVENTS = [
  event('p1', 'process', 0),
  event('n1', 'network', 0),
  event('p2', 'process', 0, { name: 'sh' }),
  event('p3', 'process', 1, { ingested: at(5) }),
  event('n2', 'network', 2),
  event('p4', 'process', 6, { ingested: at(3), name: 'sh' }),
  event('p5', 'process', 9),
];

const lookup = (overrides: Partial<EventLookupRequest> = {}): EventLookupRequest => ({
  index: [`logs-endpoint.events.*-${NAMESPACE}`],
  query: fromKueryExpression(''),
  range: { from: at(0), to: at(10) },
  timestamp: BY_TIMESTAMP,
  size: 100,
  sortOrder: 'asc',
  ...overrides,
});

describeWithElasticsearch('EsEventLookups', () => {
  let client: Client;
  let lookups: EsEventLookups;

  beforeAll(async () => {
    client = createEsClient({ url: esTestUrl() });
    lookups = new EsEventLookups(client);
    await indexEventsForTest(client, EVENTS);
  });
  afterAll(async () => {
    await client.indices.delete({
      index: `*${NAMESPACE}*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    await client.close();
  });

  const ids = async (
    overrides: Partial<EventLookupRequest> = {},
    on: EsEventLookups = lookups
  ): Promise<string[]> =>
    (await on.searchEvents(lookup(overrides))).events.map((found) => found.id);

  it('gets an event by its exact index and id, with its @timestamp', async () => {
    expect(await lookups.getEvent(PROCESS, 'p3')).toEqual({
      index: PROCESS,
      id: 'p3',
      source: EVENTS[3],
      timestamp: at(1),
    });
    expect(await lookups.getEvent(NETWORK, 'p3')).toBeUndefined();
    expect(await lookups.getEvent(`logs-endpoint.events.*-${NAMESPACE}`, 'p3')).toBeUndefined();
    expect(await lookups.getEvent(PROCESS, 'nope')).toBeUndefined();
    expect(await lookups.getEvent(`no-such-index-${RUN_ID}`, 'p3')).toBeUndefined();
  });

  it('orders by timestamp, then index name, then _seq_no; descending reverses it', async () => {
    const ascending = ['n1', 'p1', 'p2', 'p3', 'n2', 'p4', 'p5'];
    expect(await ids()).toEqual(ascending);
    expect(await ids({ sortOrder: 'desc' })).toEqual([...ascending].reverse());
  });

  it('merges the primary and fallback searches by the combined timestamp', async () => {
    const result = await lookups.searchEvents(lookup({ timestamp: BY_INGESTED }));
    expect(result.total).toBe(7);
    expect(result.events.map((found) => [found.id, found.timestamp])).toEqual([
      ['n1', at(0)],
      ['p1', at(0)],
      ['p2', at(0)],
      ['n2', at(2)],
      ['p4', at(3)],
      ['p3', at(5)],
      ['p5', at(9)],
    ]);
    expect(await ids({ timestamp: BY_INGESTED, sortOrder: 'desc', size: 3 })).toEqual([
      'p5',
      'p3',
      'p4',
    ]);
  });

  it('limits to size, counts every match, and reads past the result window with search_after', async () => {
    expect(
      await lookups.searchEvents(lookup({ size: 2, range: { from: at(0), to: at(2) } }))
    ).toMatchObject({
      total: 5,
      events: [{ id: 'n1' }, { id: 'p1' }],
    });
    expect(await lookups.searchEvents(lookup({ size: 0 }))).toEqual({ total: 7, events: [] });
    const narrow = new EsEventLookups(client, { resultWindow: 2 });
    for (const timestamp of [BY_TIMESTAMP, BY_INGESTED]) {
      for (const sortOrder of ['asc', 'desc'] as const) {
        expect(await narrow.searchEvents(lookup({ timestamp, sortOrder, size: 6 }))).toEqual(
          await lookups.searchEvents(lookup({ timestamp, sortOrder, size: 6 }))
        );
      }
    }
  });

  it('pages: an offset skips that many events in the order asked, with and without a fallback', async () => {
    for (const timestamp of [BY_TIMESTAMP, BY_INGESTED]) {
      for (const sortOrder of ['asc', 'desc'] as const) {
        const all = await ids({ timestamp, sortOrder });
        for (const offset of [0, 2, 5, 7])
          expect(await ids({ timestamp, sortOrder, size: 3, offset })).toEqual(
            all.slice(offset, offset + 3)
          );
      }
    }
    await expect(lookups.searchEvents(lookup({ offset: -1 }))).rejects.toThrow(RangeError);
  });

  it('counts distinct values exactly and spans the first to the last event holding a term', async () => {
    const namespace = `${NAMESPACE}spread`;
    await indexEventsForTest(client, prevalenceEvents(namespace));
    const prevalence = (query: string, timestamp: TimestampSpec, on = lookups) =>
      on.fieldPrevalence({
        index: [`logs-endpoint.events.*-${namespace}`],
        query: fromKueryExpression(query),
        timestamp,
        countFields: PREVALENCE_COUNT_FIELDS,
      });
    expect(await prevalence('process.name : "nc"', BY_TIMESTAMP)).toEqual(
      EXPECTED_NC_PREVALENCE.byTimestamp
    );
    expect(await prevalence('process.name : "nc"', BY_INGESTED)).toEqual(
      EXPECTED_NC_PREVALENCE.byIngested
    );
    // Composite pages of one value: every count is read across pages.
    const paged = new EsEventLookups(client, { distinctPageSize: 1 });
    expect(await prevalence('process.name : "nc"', BY_TIMESTAMP, paged)).toEqual(
      EXPECTED_NC_PREVALENCE.byTimestamp
    );
    expect(await prevalence('process.name : "nope"', BY_TIMESTAMP)).toEqual({
      events: 0,
      distinct: { 'host.name': 0, 'container.id': 0, 'container.image.name': 0, 'no.such': 0 },
      firstSeen: null,
      lastSeen: null,
    });
  });

  it('filters by KQL and index pattern', async () => {
    expect(await ids({ query: fromKueryExpression('process.name : "sh"') })).toEqual(['p2', 'p4']);
    expect(await ids({ index: [`logs-endpoint.events.network-${NAMESPACE}`] })).toEqual([
      'n1',
      'n2',
    ]);
    expect(await ids({ index: [] })).toEqual([]);
    expect(await ids({ timestamp: { primary: 'no.such.field', fallback: null } })).toEqual([]);
  });
});
