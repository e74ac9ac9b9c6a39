/**
 * A search answered by only some shards is not a complete answer: for new_terms it is a wrong one,
 * since a term whose history lives on a failed shard looks never seen before and would raise a
 * false alert. Elasticsearch still returns 200 with `_shards.failed > 0`; this turns that into an
 * error naming the failed shards, so the phase fails instead of trusting partial aggregations.
 */

/** Failures quoted in the message; the count covers the rest. */
const QUOTED_FAILURES = 3;

export interface ShardFailure {
  readonly index?: string;
  readonly shard?: number;
  readonly node?: string;
  readonly reason: string;
}

export class ShardFailureError extends Error {
  constructor(
    readonly operation: string,
    readonly failed: number,
    readonly total: number,
    readonly failures: readonly ShardFailure[]
  ) {
    super(
      `${failed} of ${total} shards failed for the ${operation}: ${describeFailures(failed, failures)}`
    );
    this.name = 'ShardFailureError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : undefined;

const reasonOf = (value: unknown): string => {
  if (!isObject(value)) return typeof value === 'string' ? value : 'unknown reason';
  const type = typeof value.type === 'string' ? value.type : 'error';
  return typeof value.reason === 'string' ? `${type}: ${value.reason}` : type;
};

const toShardFailure = (value: unknown): ShardFailure => {
  const failure = isObject(value) ? value : {};
  return {
    ...(typeof failure.index === 'string' ? { index: failure.index } : {}),
    ...(typeof failure.shard === 'number' ? { shard: failure.shard } : {}),
    ...(typeof failure.node === 'string' ? { node: failure.node } : {}),
    reason: reasonOf(failure.reason),
  };
};

const describeFailure = (failure: ShardFailure): string =>
  `[${failure.index ?? '?'}][${failure.shard ?? '?'}]${failure.node ? ` on node ${failure.node}` : ''}: ${failure.reason}`;

const describeFailures = (failed: number, failures: readonly ShardFailure[]): string => {
  if (failures.length === 0) return 'no failure details';
  const quoted = failures.slice(0, QUOTED_FAILURES).map(describeFailure).join('; ');
  return failures.length > QUOTED_FAILURES || failed > failures.length ? `${quoted}; …` : quoted;
};

/** The shard failures a search response reports; undefined when every shard answered. */
export const shardFailureOf = (
  response: unknown,
  operation: string
): ShardFailureError | undefined => {
  const shards = isObject(response) && isObject(response._shards) ? response._shards : undefined;
  const failed = asNumber(shards?.failed) ?? 0;
  if (shards === undefined || failed === 0) return undefined;
  const failures = Array.isArray(shards.failures) ? shards.failures.map(toShardFailure) : [];
  return new ShardFailureError(operation, failed, asNumber(shards.total) ?? failed, failures);
};

/** Throws when `response` (a search response) was not answered by every shard. */
export const assertAllShardsAnswered = (response: unknown, operation: string): void => {
  const error = shardFailureOf(response, operation);
  if (error) throw error;
};
