/**
 * Proves the provisioned Elasticsearch works end to end over plain HTTP: mapping, indexing with
 * refresh, a term query on a keyword field, and index deletion.
 */
import { describeWithElasticsearch, esTestUrl } from './es_test_env';

interface EsResponse {
  status: number;
  body: unknown;
}

interface SearchBody {
  hits: {
    total: { value: number };
    hits: Array<{ _id: string; _source: { 'process.name': string } }>;
  };
}

// Unique per run, so a shared ES_URL cluster never sees two runs collide.
const INDEX = `ctd-smoke-${process.pid}-${Date.now()}`;

function baseUrl(): string {
  const url = esTestUrl();
  if (!url) throw new Error('ES_URL is not set');
  return url;
}

async function es(method: string, path: string, body?: object): Promise<EsResponse> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function termSearch(value: string): Promise<SearchBody> {
  const { status, body } = await es('POST', `/${INDEX}/_search`, {
    query: { term: { 'process.name': value } },
  });
  expect(status).toBe(200);
  return body as SearchBody;
}

describeWithElasticsearch('Elasticsearch smoke test', () => {
  beforeAll(async () => {
    const created = await es('PUT', `/${INDEX}`, {
      mappings: { properties: { 'process.name': { type: 'keyword' } } },
    });
    expect(created.status).toBe(200);
    for (const [id, name] of [
      ['1', 'bash'],
      ['2', 'nginx'],
    ]) {
      const indexed = await es('PUT', `/${INDEX}/_doc/${id}?refresh=true`, {
        'process.name': name,
      });
      expect(indexed.status).toBe(201);
    }
  });

  afterAll(async () => {
    const deleted = await es('DELETE', `/${INDEX}`);
    expect(deleted.status).toBe(200);
    expect((await es('GET', `/${INDEX}`)).status).toBe(404);
  });

  it('finds exactly the document whose keyword equals the term', async () => {
    const { hits } = await termSearch('bash');
    expect(hits.total.value).toBe(1);
    expect(hits.hits.map((hit) => [hit._id, hit._source['process.name']])).toEqual([['1', 'bash']]);
  });

  it('does not analyse keywords: a partial or differently cased value matches nothing', async () => {
    expect((await termSearch('bas')).hits.total.value).toBe(0);
    expect((await termSearch('BASH')).hits.total.value).toBe(0);
  });
});
