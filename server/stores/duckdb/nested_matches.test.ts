/**
 * Nested queries on the embedded store select exactly the events the in-process matcher (the
 * reference semantics, held to Elasticsearch by the KQL differential suite) matches: conditions
 * hold within one object of the nested field, whether the document nests its objects or spells
 * the path with dots, and inside `not` and `or`.
 */
import { ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import { createMatcher } from '../../../common/kql/matcher';
import { fromKueryExpression } from '../../../common/kql/parse';
import { memoryStoreWith } from '../../../test/helpers/memory_store';
import type { EmbeddedStore } from './embedded_store';

const INDEX = 'logs-nested-test';
const BASE = Date.parse('2025-03-12T12:00:00.000Z');

const event = (seconds: number, process: Record<string, unknown>) => ({
  '@timestamp': new Date(BASE + seconds * 1000).toISOString(),
  data_stream: { type: 'logs', dataset: 'nested', namespace: 'test' },
  process,
});

const EVENTS = [
  event(1, { name: 'packed', elf: { sections: [{ name: '.upx', virtual_size: 100 }] } }),
  event(2, {
    name: 'split',
    elf: {
      sections: [
        { name: '.upx', virtual_size: 5 },
        { name: '.text', virtual_size: 100 },
      ],
    },
  }),
  event(3, { name: 'dotted', 'elf.sections': [{ name: '.upx', virtual_size: 100 }] }),
  event(4, { name: 'plain' }),
  event(5, { name: 'names', elf: { sections: [{ name: ['.upx', '.data'], virtual_size: 7 }] } }),
];

const QUERIES = [
  'process.elf.sections:{ name: ".upx" and virtual_size: 100 }',
  'not process.elf.sections:{ name: ".upx" and virtual_size: 100 }',
  'process.elf.sections:{ name: ".upx" or virtual_size >= 100 }',
  'process.elf.sections:{ name: ".data" and virtual_size < 10 }',
  'process.name: plain or process.elf.sections:{ virtual_size: 5 }',
  'process.elf.sections:{ name: * }',
];

describe('nested queries on the embedded store', () => {
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await memoryStoreWith(EVENTS);
  });
  afterAll(() => store.close());

  it.each(QUERIES)('%s selects what the matcher selects', async (kql) => {
    const query = fromKueryExpression(kql);
    const matches = createMatcher(query, ecsFieldTypes());
    const expected = EVENTS.filter((doc) => matches(doc)).map((doc) =>
      Date.parse(doc['@timestamp'])
    );
    const times = await store.events.matchingTimestamps(
      {
        index: [INDEX.replace('-test', '*')],
        query,
        fields: [],
        timestamp: { primary: '@timestamp', fallback: null },
      },
      { from: BASE, to: BASE + 60_000 }
    );
    expect(times).toEqual(expected);
  });

  it('has events on both sides of each query', () => {
    const counts = QUERIES.map((kql) => {
      const matches = createMatcher(fromKueryExpression(kql), ecsFieldTypes());
      return EVENTS.filter((doc) => matches(doc)).length;
    });
    expect(counts.every((count) => count > 0 && count < EVENTS.length)).toBe(true);
  });
});
