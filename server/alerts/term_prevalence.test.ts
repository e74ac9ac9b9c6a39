/**
 * A term's prevalence over a real in-memory DuckDB: the alert's term (one value per new-terms
 * field, multi-field terms matched together), counted over all stored events of the rule's indices.
 */
import * as F from '../../common/alerts/field_names';
import type { AlertDocument } from '../../common/alerts/alert_document';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import type { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { memoryStoreWith } from '../../test/helpers/memory_store';
import { termOf, termPrevalence } from './term_prevalence';

const [prebuilt] = PREBUILT_RULES;
if (prebuilt === undefined) throw new Error('the catalog has no rules');
const rule: NewTermsRuleDefinition = {
  ...prebuilt,
  index: ['logs-*'],
  new_terms_fields: ['process.name'],
  timestamp_override: undefined,
};
const T = Date.parse('2025-03-12T10:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

const event = (id: string, hour: number, name: string, host: string, container?: string) => ({
  '@timestamp': iso(T + hour * 3_600_000),
  event: { id },
  data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'default' },
  process: { name, user: { name: 'root' } },
  host: { name: host },
  ...(container === undefined ? {} : { container: { id: container, image: { name: 'nginx' } } }),
});

const EVENTS = [
  event('e1', 0, 'nc', 'h1', 'c1'),
  event('e2', 5, 'nc', 'h2', 'c2'),
  event('e3', 9, 'nc', 'h2'),
  event('e4', 1, 'sh', 'h3', 'c3'),
];

const alertOf = (fields: Record<string, unknown>): AlertDocument => ({
  [F.ALERT_RULE_PARAMETERS]: rule,
  ...fields,
});

describe('termPrevalence', () => {
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await memoryStoreWith(EVENTS);
  });
  afterAll(() => store.close());

  it('pairs the recorded fields with the values, else takes the rule’s fields', () => {
    expect(
      termOf(
        { [F.ALERT_NEW_TERMS_FIELDS]: ['host.name', 'process.pid'], [F.ALERT_NEW_TERMS]: ['h', 7] },
        rule
      )
    ).toEqual([
      { field: 'host.name', value: 'h' },
      { field: 'process.pid', value: '7' },
    ]);
    expect(termOf({ [F.ALERT_NEW_TERMS]: ['nc'] }, rule)).toEqual([
      { field: 'process.name', value: 'nc' },
    ]);
    expect(termOf({ [F.ALERT_NEW_TERMS]: ['a', 'b'] }, rule)).toBeNull();
    expect(termOf({ [F.ALERT_NEW_TERMS]: [{ nested: 1 }] }, rule)).toBeNull();
  });

  it('counts the hosts, containers and images that ran the term, and when it was first and last seen', async () => {
    expect(
      await termPrevalence(alertOf({ [F.ALERT_NEW_TERMS]: ['nc'] }), rule, store.lookups)
    ).toEqual({
      term: [{ field: 'process.name', value: 'nc' }],
      events: 3,
      distinct: { 'host.name': 2, 'container.id': 2, 'container.image.name': 1 },
      first_seen: iso(T),
      last_seen: iso(T + 9 * 3_600_000),
    });
  });

  it('matches every part of a multi-field term', async () => {
    const twoFields = { ...rule, new_terms_fields: ['process.name', 'host.name'] };
    const alert = {
      [F.ALERT_RULE_PARAMETERS]: twoFields,
      [F.ALERT_NEW_TERMS_FIELDS]: ['process.name', 'host.name'],
      [F.ALERT_NEW_TERMS]: ['nc', 'h2'],
    };
    expect(await termPrevalence(alert, twoFields, store.lookups)).toMatchObject({
      events: 2,
      distinct: { 'host.name': 1, 'container.id': 1 },
      first_seen: iso(T + 5 * 3_600_000),
    });
  });

  it('is all zeros without a term or a rule', async () => {
    const nothing = {
      events: 0,
      distinct: { 'host.name': 0, 'container.id': 0, 'container.image.name': 0 },
      first_seen: null,
      last_seen: null,
    };
    expect(await termPrevalence(alertOf({}), rule, store.lookups)).toEqual({
      term: [],
      ...nothing,
    });
    expect(
      await termPrevalence(
        alertOf({ [F.ALERT_NEW_TERMS_FIELDS]: ['process.name'], [F.ALERT_NEW_TERMS]: ['nc'] }),
        null,
        store.lookups
      )
    ).toEqual({
      term: [{ field: 'process.name', value: 'nc' }],
      ...nothing,
    });
  });
});
