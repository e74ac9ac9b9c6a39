/**
 * The retrying client against a real cluster behind the fault proxy: the policy is the only layer
 * of retries (the transport's are off per request, and wrapping twice changes nothing), shard
 * failures fail a search, and members it does not wrap pass through.
 */
import type { Client } from '@elastic/elasticsearch';
import { describeWithElasticsearch, esTestUrl } from '../../../test/elasticsearch/es_test_env';
import { FaultProxy } from '../../../test/faults/fault_proxy';
import { createEsClient } from './es_client';
import { resilientClient } from './resilient_client';
import { EsRequestFailedError } from './es_request_failed_error';
import type { RetryPolicy } from './retry_policy';
import { ShardFailureError } from './shard_failures';

const INDEX = `ctd-resilient-${Date.now().toString(36)}`;
const SEARCH = { path: new RegExp(`^/${INDEX}/_search`) };
const POLICY: RetryPolicy = {
  maxRetries: 3,
  initialBackoffMs: 10,
  maxBackoffMs: 40,
  maxRetryAfterMs: 1_000,
  deadlineMs: 5_000,
};

describeWithElasticsearch('resilientClient', () => {
  let direct: Client;
  let proxy: FaultProxy;
  let proxied: Client;

  beforeAll(async () => {
    direct = createEsClient({ url: esTestUrl() });
    await direct.index({ index: INDEX, document: { message: 'hello' }, refresh: true });
    proxy = await FaultProxy.start(esTestUrl() ?? '');
    proxied = createEsClient({ url: proxy.url });
  });

  beforeEach(() => proxy.reset());

  afterAll(async () => {
    await proxy.stop();
    await proxied.close();
    await direct.indices.delete({ index: INDEX, ignore_unavailable: true });
    await direct.close();
  });

  it('makes exactly maxRetries + 1 attempts on a persistent 503, even wrapped twice over a retrying transport', async () => {
    proxy.inject({ match: SEARCH, action: { kind: 'status', status: 503 } });
    const client = resilientClient(resilientClient(proxied, POLICY), POLICY);
    await expect(client.search({ index: INDEX })).rejects.toBeInstanceOf(EsRequestFailedError);
    expect(proxy.requestsMatching(SEARCH)).toHaveLength(POLICY.maxRetries + 1);
  });

  it('answers once a retry succeeds', async () => {
    proxy.inject({ match: { ...SEARCH, times: 1 }, action: { kind: 'status', status: 429 } });
    const response = await resilientClient(proxied, POLICY).search({ index: INDEX });
    expect(response.hits.hits).toHaveLength(1);
    expect(proxy.requestsMatching(SEARCH)).toHaveLength(2);
  });

  it('fails a search some shards did not answer', async () => {
    proxy.inject({ match: SEARCH, action: { kind: 'shard-failure' } });
    await expect(resilientClient(proxied, POLICY).search({ index: INDEX })).rejects.toBeInstanceOf(
      ShardFailureError
    );
  });

  it('passes other members through untouched', async () => {
    await expect(resilientClient(proxied, POLICY).indices.exists({ index: INDEX })).resolves.toBe(
      true
    );
  });
});
