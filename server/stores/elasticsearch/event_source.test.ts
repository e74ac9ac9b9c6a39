/**
 * EsEventSource details the store differential test does not isolate, on a real cluster: the
 * rule's KQL is compiled with the index's own field types (`_field_caps`), and a real "failed to
 * create query" error is reported as a batch too large, so the executor halves and retries.
 */
import type { Client } from '@elastic/elasticsearch';
import { fromKueryExpression } from '../../../common/kql/parse';
import { TermBatchTooLargeError, type NewTermsSearch } from '../../new_terms/types';
import { describeWithElasticsearch, esTestUrl } from '../../../test/elasticsearch/es_test_env';
import { createEsClient } from './es_client';
import { EsEventSource } from './event_source';

const INDEX = `ctd-event-source-${Date.now().toString(36)}`;
const RANGE = {
  from: Date.parse('2025-03-12T11:00:00.000Z'),
  to: Date.parse('2025-03-12T12:00:00.000Z'),
};
const AT = '2025-03-12T11:30:00.000Z';

const search = (query: string, fields: string[]): NewTermsSearch => ({
  index: [INDEX],
  query: fromKueryExpression(query),
  fields,
  timestamp: { primary: '@timestamp', fallback: null },
});

describeWithElasticsearch('EsEventSource', () => {
  let client: Client;
  let source: EsEventSource;

  beforeAll(async () => {
    client = createEsClient({ url: esTestUrl() });
    source = new EsEventSource(client);
    await client.indices.create({
      index: INDEX,
      mappings: {
        properties: {
          '@timestamp': { type: 'date' },
          host: { properties: { name: { type: 'keyword' } } },
          // ECS says keyword (a `term` query); this index says text (a `match`): the cluster's type must win.
          user: { properties: { name: { type: 'text' } } },
          process: { properties: { name: { type: 'keyword' }, pid: { type: 'long' } } },
        },
      },
    });
    await client.bulk({
      refresh: true,
      operations: [
        { index: { _index: INDEX } },
        {
          '@timestamp': AT,
          host: { name: 'node-1' },
          user: { name: 'Root' },
          process: { name: 'curl', pid: 7 },
        },
        { index: { _index: INDEX } },
        {
          '@timestamp': AT,
          host: { name: 'node-2' },
          user: { name: 'alice' },
          process: { name: 'bash', pid: 8 },
        },
      ],
    });
  });

  afterAll(async () => {
    await client.indices.delete({ index: INDEX, ignore_unavailable: true });
    await client.close();
  });

  it('compiles the query with the index field types: a text field is matched through its analyzer (ROOT finds Root)', async () => {
    const page = await source.recentTerms(search('user.name:ROOT', ['process.name']), RANGE, {
      size: 10,
    });
    expect(page.terms).toEqual([['curl']]);
  });

  it('hasEvents says whether an index the patterns match holds a document', async () => {
    expect(await source.hasEvents([INDEX])).toBe(true);
    expect(await source.hasEvents([`${INDEX}*`, 'ctd-no-such-index-*'])).toBe(true);
    expect(await source.hasEvents(['ctd-no-such-index-*'])).toBe(false);
    expect(await source.hasEvents([])).toBe(false);
  });

  it('reports a query Elasticsearch fails to create as a batch too large for the executor to halve', async () => {
    const candidates = [['node-1', 'not-a-number']];
    await expect(
      source.newTerms(search('', ['host.name', 'process.pid']), RANGE, RANGE.from, candidates)
    ).rejects.toBeInstanceOf(TermBatchTooLargeError);
  });
});
