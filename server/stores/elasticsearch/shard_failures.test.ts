/**
 * Shard failures in a search answer: every shard answering passes, any failed shard is an error
 * naming the shards (a partial aggregation would make old terms look new).
 */
import { assertAllShardsAnswered, shardFailureOf, ShardFailureError } from './shard_failures';

const failure = (shard: number) => ({
  shard,
  index: 'logs-a',
  node: 'n1',
  reason: { type: 'node_not_connected_exception', reason: `[n1] shard ${shard}` },
});

describe('shard failures', () => {
  it('accepts answers from every shard, and answers without a _shards section', () => {
    expect(() =>
      assertAllShardsAnswered(
        { _shards: { total: 3, successful: 3, skipped: 0, failed: 0 } },
        'search'
      )
    ).not.toThrow();
    expect(shardFailureOf({ hits: { hits: [] } }, 'search')).toBeUndefined();
  });

  it('fails on any failed shard, naming the failed shards and how many of all failed', () => {
    const response = {
      _shards: { total: 5, successful: 3, failed: 2, failures: [failure(1), failure(4)] },
      aggregations: {},
    };
    const error = shardFailureOf(response, 'search of logs-a');
    expect(error).toBeInstanceOf(ShardFailureError);
    expect(error?.message).toBe(
      '2 of 5 shards failed for the search of logs-a: [logs-a][1] on node n1: node_not_connected_exception: [n1] shard 1; ' +
        '[logs-a][4] on node n1: node_not_connected_exception: [n1] shard 4'
    );
    expect(() => assertAllShardsAnswered(response, 'search of logs-a')).toThrow(ShardFailureError);
  });

  it('quotes the first three failures, and copes with failures it cannot read', () => {
    const many = {
      _shards: {
        total: 9,
        failed: 5,
        failures: [failure(0), failure(1), failure(2), failure(3), 'odd'],
      },
    };
    expect(shardFailureOf(many, 'search')?.message).toMatch(
      /^5 of 9 shards failed for the search: \[logs-a\]\[0\].*\[logs-a\]\[2\] on node n1: [^;]*; …$/
    );
    expect(shardFailureOf({ _shards: { total: 2, failed: 1 } }, 'search')?.message).toBe(
      '1 of 2 shards failed for the search: no failure details'
    );
  });
});
