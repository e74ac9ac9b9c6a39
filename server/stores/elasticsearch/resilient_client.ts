/**
 * The client the stores run rule executions with: the given client (ours or Kibana's scoped one)
 * with `search`, `bulk` and `fieldCaps` retried by one explicit `RetryPolicy` (the transport's own
 * retries turned off per request, so attempts do not multiply), and every search checked for
 * shard failures. Everything else passes through untouched.
 */
import type { TransportRequestOptions } from '@elastic/elasticsearch';
import type { EsClient } from './es_client';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from './retry_policy';
import { assertAllShardsAnswered } from './shard_failures';

type SearchParams = Parameters<EsClient['search']>[0];
type BulkParams = Parameters<EsClient['bulk']>[0];
type FieldCapsParams = Parameters<EsClient['fieldCaps']>[0];

/** Clients this module produced: wrapping one again would multiply the attempts. */
const resilientClients = new WeakSet<object>();

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const indexText = (index: unknown): string => {
  if (Array.isArray(index)) return index.join(',');
  return typeof index === 'string' ? index : '';
};

/** The index a bulk request writes to (its own, or the first operation's), for messages. */
const bulkIndex = (params: BulkParams): string => {
  const own = indexText(params?.index);
  if (own !== '') return own;
  const operations: unknown = isObject(params) ? (params.operations ?? params.body) : undefined;
  const first: unknown = Array.isArray(operations) ? operations[0] : undefined;
  const action = isObject(first) ? Object.values(first)[0] : undefined;
  return isObject(action) ? indexText(action._index) : '';
};

const operationName = (what: string, index: string): string =>
  index === '' ? what : `${what} of ${index}`;

/** A search response, also when the caller asked for `{ meta: true }`. */
const responseBody = (response: unknown): unknown =>
  isObject(response) && 'meta' in response && 'body' in response ? response.body : response;

/** Transport options of one attempt: no transport retries (the policy retries), the policy's timeout. */
export const perAttemptOptions = (
  policy: RetryPolicy,
  options?: TransportRequestOptions
): TransportRequestOptions => ({
  ...options,
  maxRetries: 0,
  ...(policy.requestTimeoutMs === undefined ? {} : { requestTimeout: policy.requestTimeoutMs }),
});

export const resilientClient = (
  client: EsClient,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY
): EsClient => {
  if (resilientClients.has(client)) return client;
  const perAttempt = (options: TransportRequestOptions | undefined): TransportRequestOptions =>
    perAttemptOptions(policy, options);

  const search = (params: SearchParams, options?: TransportRequestOptions): Promise<unknown> => {
    const operation = operationName('search', indexText(params?.index));
    return withRetries(
      operation,
      async () => {
        const response: unknown = await client.search(params, perAttempt(options));
        // Not retried: a shard failing the same query again is more likely than not.
        assertAllShardsAnswered(responseBody(response), operation);
        return response;
      },
      policy
    );
  };
  const bulk = (params: BulkParams, options?: TransportRequestOptions): Promise<unknown> =>
    withRetries(
      operationName('bulk request', bulkIndex(params)),
      () => client.bulk(params, perAttempt(options)),
      policy
    );
  const fieldCaps = (
    params: FieldCapsParams,
    options?: TransportRequestOptions
  ): Promise<unknown> =>
    withRetries(
      operationName('field caps request', indexText(params?.index)),
      () => client.fieldCaps(params, perAttempt(options)),
      policy
    );

  const overrides = new Map<PropertyKey, unknown>([
    ['search', search],
    ['bulk', bulk],
    ['fieldCaps', fieldCaps],
  ]);
  const wrapped = new Proxy(client, {
    get: (target, property) =>
      overrides.has(property)
        ? overrides.get(property)
        : (Reflect.get(target, property) as unknown),
  });
  resilientClients.add(wrapped);
  return wrapped;
};
