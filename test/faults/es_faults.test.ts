/**
 * Elasticsearch faults during new_terms runs, injected by a real HTTP proxy in front of the real
 * test cluster: unreachable, too slow, 429, persistent 503, partial shard failures and connections
 * reset during the alert write. Each run must either recover within its bounded retries and raise
 * exactly the alerts of a fault-free reference run, or end 'failed' with a message naming the
 * step and the cause, without false or duplicate alerts; the next run with gap catch-up from the
 * last successful run raises what the failed run missed.
 */
import type { Client } from '@elastic/elasticsearch';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import {
  runNewTermsRule,
  type RuleExecutionResult,
} from '../../server/new_terms/run_new_terms_rule';
import type { NewTermsRuleInstance } from '../../server/new_terms/rule_instance';
import { EsAlertStore } from '../../server/stores/elasticsearch/alert_store';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { EsEventSource } from '../../server/stores/elasticsearch/event_source';
import type { RetryPolicy } from '../../server/stores/elasticsearch/retry_policy';
import { DAY, EventFactory, MINUTE, NOW } from '../differential/new_terms_scenarios';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { indexEventsForTest } from '../helpers/es_events';
import { closedPortUrl, FaultProxy, type FaultMatcher } from './fault_proxy';

const RUN_ID = Date.now().toString(36);
const events = new EventFactory(`faults${RUN_ID}`);

/** Short backoffs so the suite stays quick; the shape (3 retries, doubling, jitter) is production's. */
const POLICY: RetryPolicy = {
  maxRetries: 3,
  initialBackoffMs: 40,
  maxBackoffMs: 320,
  maxRetryAfterMs: 2_000,
  deadlineMs: 10_000,
  requestTimeoutMs: 10_000,
};
const ATTEMPTS = POLICY.maxRetries + 1;
/** Sum of the smallest and of the largest backoffs of 3 retries (ceilings 40, 80, 160 ms; equal jitter). */
const MIN_TOTAL_BACKOFF_MS = (40 + 80 + 160) / 2;
const MAX_TOTAL_BACKOFF_MS = 40 + 80 + 160;
/** Per-attempt timeout of the slow-cluster test and how late the proxy answers there. */
const SHORT_TIMEOUT_MS = 800;
const SLOW_ANSWER_MS = 2_500;
/** Slack for the requests themselves on a busy 2-core machine. */
const REQUEST_SLACK_MS = 3_000;

const EVENT_SEARCH: FaultMatcher = { path: new RegExp(`^/${events.index}/_search`) };
const RECENT_TERMS_SEARCH: FaultMatcher = { ...EVENT_SEARCH, body: /"composite"/ };
const HISTORY_SEARCH: FaultMatcher = { ...EVENT_SEARCH, body: /"first_seen"/ };
const ALERT_WRITE: FaultMatcher = { method: /POST|PUT/, path: /^\/_bulk/ };

/**
 * A schedule every 5 minutes (window now-9m..now) with one run, T0 + 5m, that fails. 'curl' is
 * only in that run's window; 'bash' is in the history, so it never alerts.
 */
const T0 = NOW;
const RUN_1 = { startedAt: T0, previousStartedAt: T0 - 5 * MINUTE };
const RUN_2 = { startedAt: T0 + 5 * MINUTE, previousStartedAt: T0 };
const RUN_3 = { startedAt: T0 + 12 * MINUTE, previousStartedAt: T0 + 5 * MINUTE };
const EVENTS = [
  events.interactive(T0 - 3 * DAY, 'bash'),
  events.interactive(T0 - 2 * MINUTE, 'bash'),
  events.interactive(T0 - 2 * MINUTE, 'nc'),
  events.interactive(T0 - 3 * MINUTE, 'socat'),
  events.interactive(T0 + 1 * MINUTE, 'curl'),
  events.interactive(T0 + 10 * MINUTE, 'wget'),
];

/** One rule instance everywhere: alert ids hash its space and uuid, so they compare across sinks. */
const RULE: NewTermsRuleInstance = {
  uuid: 'faults-rule',
  spaceId: `faults-${RUN_ID}`,
  definition: { ...unusualInteractiveProcessInContainer, index: [events.index] },
};

interface Execution {
  readonly startedAt: number;
  readonly previousStartedAt: number | null;
}

interface Target {
  readonly source: EsEventSource;
  readonly alerts: EsAlertStore;
}

const execute = (target: Target, execution: Execution): Promise<RuleExecutionResult> =>
  runNewTermsRule({
    rule: RULE,
    source: target.source,
    sink: target.alerts,
    startedAt: new Date(execution.startedAt),
    previousStartedAt:
      execution.previousStartedAt === null ? null : new Date(execution.previousStartedAt),
    executionId: `faults-${execution.startedAt}`,
  });

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

/** Every stored alert (its id is its deterministic alert uuid), in id order. */
const storedIds = async (client: Client, alerts: EsAlertStore): Promise<string[]> => {
  await client.indices.refresh({
    index: alerts.index,
    ignore_unavailable: true,
    allow_no_indices: true,
  });
  const response = await client.search({
    index: alerts.index,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 1_000,
    _source: false,
  });
  return sorted(response.hits.hits.map((hit) => String(hit._id)));
};

describeWithElasticsearch('new_terms runs under Elasticsearch faults', () => {
  let direct: Client;
  let proxy: FaultProxy;
  let proxied: Client;
  /** Alert ids of the fault-free reference runs, by run. */
  const reference = new Map<Execution, readonly string[]>();
  let space = 0;

  /** Source and alerts through the proxy (or `client`), writing to a fresh alerts index. */
  const target = async (
    client: Client = proxied,
    policy: RetryPolicy = POLICY
  ): Promise<Target> => {
    space++;
    return {
      source: new EsEventSource(client, policy),
      alerts: await EsAlertStore.open(client, `faults-${RUN_ID}-${space}`, policy),
    };
  };

  const expected = (...runs: Execution[]): string[] =>
    sorted(runs.flatMap((run) => reference.get(run) ?? []));

  beforeAll(async () => {
    direct = createEsClient({ url: esTestUrl() });
    await indexEventsForTest(direct, EVENTS);
    proxy = await FaultProxy.start(esTestUrl() ?? '');
    proxied = createEsClient({ url: proxy.url });
    const clean = await target(direct);
    for (const run of [RUN_1, RUN_2, RUN_3]) {
      const result = await execute(clean, run);
      expect(result.status).toBe('succeeded');
      reference.set(run, result.createdAlertIds);
    }
    // nc and socat in run 1, curl only in run 2, wget in run 3.
    expect([RUN_1, RUN_2, RUN_3].map((run) => reference.get(run)?.length)).toEqual([2, 1, 1]);
  });

  beforeEach(async () => {
    await proxy.restart();
    proxy.reset();
  });

  afterAll(async () => {
    await proxy.stop();
    await proxied.close();
    await direct.indices.delete({
      index: `*${RUN_ID}*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    await direct.close();
  });

  it('retries 429 Too Many Requests and succeeds with exactly the reference alerts', async () => {
    const faulty = await target();
    proxy.inject({
      match: { ...HISTORY_SEARCH, times: 2 },
      action: { kind: 'status', status: 429 },
    });
    const result = await execute(faulty, RUN_1);
    expect(result).toMatchObject({ status: 'succeeded', errors: [] });
    expect(sorted(result.createdAlertIds)).toEqual(expected(RUN_1));
    expect(await storedIds(direct, faulty.alerts)).toEqual(expected(RUN_1));
    expect(
      proxy.requestsMatching(HISTORY_SEARCH).map((request) => request.fault ?? 'forwarded')
    ).toEqual(['status', 'status', 'forwarded']);
  });

  it('honours Retry-After on a 429', async () => {
    const faulty = await target();
    proxy.inject({
      match: { ...HISTORY_SEARCH, times: 1 },
      action: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    });
    const result = await execute(faulty, RUN_1);
    expect(result.status).toBe('succeeded');
    const [rejected, accepted] = proxy.requestsMatching(HISTORY_SEARCH);
    expect((accepted?.at ?? 0) - (rejected?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('fails after bounded retries on a persistent 503, naming the step, the status and the attempts', async () => {
    const faulty = await target();
    proxy.inject({ match: RECENT_TERMS_SEARCH, action: { kind: 'status', status: 503 } });
    const result = await execute(faulty, RUN_1);
    expect(result.status).toBe('failed');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      new RegExp(
        `^Window 2025-03-12T11:51:00.000Z – 2025-03-12T12:00:00.000Z: recent terms search failed: Elasticsearch returned 503 Service Unavailable ` +
          `\\(no_shard_available_action_exception: No shard available for \\[search\\]\\) for the search of ${events.index} after 3 retries ` +
          `\\(4 attempts in \\d+\\.\\d s\\)\\. No alerts were written by this run\\.$`
      )
    );
    const attempts = proxy.requestsMatching(RECENT_TERMS_SEARCH);
    expect(attempts).toHaveLength(ATTEMPTS);
    const elapsed = (attempts[ATTEMPTS - 1]?.at ?? 0) - (attempts[0]?.at ?? 0);
    expect(elapsed).toBeGreaterThanOrEqual(MIN_TOTAL_BACKOFF_MS);
    expect(elapsed).toBeLessThan(MAX_TOTAL_BACKOFF_MS + REQUEST_SLACK_MS);
    expect(await storedIds(direct, faulty.alerts)).toEqual([]);
  });

  it('fails on timeouts after bounded retries when Elasticsearch answers too late', async () => {
    const faulty = await target(proxied, { ...POLICY, requestTimeoutMs: SHORT_TIMEOUT_MS });
    proxy.inject({ match: HISTORY_SEARCH, action: { kind: 'delay', ms: SLOW_ANSWER_MS } });
    const result = await execute(faulty, RUN_1);
    expect(result.status).toBe('failed');
    expect(result.errors[0]).toMatch(
      /: history search failed: Elasticsearch did not answer in time \(.*\) for the search of .* after 3 retries \(4 attempts in \d+\.\d s\)/
    );
    expect(proxy.requestsMatching(HISTORY_SEARCH)).toHaveLength(ATTEMPTS);
    expect(result.durationMs).toBeLessThan(
      ATTEMPTS * SHORT_TIMEOUT_MS + MAX_TOTAL_BACKOFF_MS + REQUEST_SLACK_MS
    );
    expect(await storedIds(direct, faulty.alerts)).toEqual([]);
  });

  it('fails when Elasticsearch is unreachable from the start', async () => {
    const nowhere = createEsClient({ url: await closedPortUrl() });
    try {
      const faulty: Target = {
        source: new EsEventSource(nowhere, POLICY),
        alerts: (await target()).alerts,
      };
      const result = await execute(faulty, RUN_1);
      expect(result.status).toBe('failed');
      expect(result.errors[0]).toMatch(
        /: recent terms search failed: Elasticsearch is unreachable \(.*ECONNREFUSED.*\) for the field caps request of .* after 3 retries \(4 attempts/
      );
      expect(result.durationMs).toBeLessThan(MAX_TOTAL_BACKOFF_MS + REQUEST_SLACK_MS);
    } finally {
      await nowhere.close();
    }
  });

  it('fails when Elasticsearch goes away mid-run, raising no alert', async () => {
    const faulty = await target();
    proxy.inject({ match: HISTORY_SEARCH, action: { kind: 'stop' } });
    const result = await execute(faulty, RUN_1);
    expect(result.status).toBe('failed');
    expect(result.errors[0]).toMatch(
      /: history search failed: Elasticsearch is unreachable \(.*\) for the search of .* after 3 retries \(4 attempts/
    );
    // The first attempt reached the proxy; the 3 retries found the port closed.
    expect(proxy.requestsMatching(HISTORY_SEARCH)).toHaveLength(1);
    expect(await storedIds(direct, faulty.alerts)).toEqual([]);
  });

  it('does not trust a search answered by only some shards: the phase fails and raises no alert', async () => {
    const faulty = await target();
    proxy.inject({ match: HISTORY_SEARCH, action: { kind: 'shard-failure' } });
    const result = await execute(faulty, RUN_1);
    expect(result.status).toBe('failed');
    expect(result.createdAlertIds).toEqual([]);
    expect(result.errors[0]).toContain(
      `history search failed: 1 of 2 shards failed for the search of ${events.index}: ` +
        `[${events.index}][1] on node fault-proxy-node: node_not_connected_exception: [fault-proxy-node] injected shard failure`
    );
    // Not retried: the same shard would most likely fail the same query again.
    expect(proxy.requestsMatching(HISTORY_SEARCH)).toHaveLength(1);
    expect(await storedIds(direct, faulty.alerts)).toEqual([]);
  });

  it('recovers a bulk write whose answer was lost: no duplicates, the run reports every alert it wrote', async () => {
    const faulty = await target();
    proxy.inject({ match: { ...ALERT_WRITE, times: 1 }, action: { kind: 'reset-after-forward' } });
    const result = await execute(faulty, RUN_1);
    expect(result.status).toBe('succeeded');
    expect(sorted(result.createdAlertIds)).toEqual(expected(RUN_1));
    expect(await storedIds(direct, faulty.alerts)).toEqual(expected(RUN_1));
    expect(
      proxy.requestsMatching(ALERT_WRITE).map((request) => request.fault ?? 'forwarded')
    ).toEqual(['reset-after-forward', 'forwarded']);
  });

  it('re-sends only the bulk items Elasticsearch rejected with 429, and writes each alert once', async () => {
    const faulty = await target();
    proxy.inject({
      match: { ...ALERT_WRITE, times: 1 },
      action: { kind: 'reject-bulk-items', count: 1 },
    });
    const result = await execute(faulty, RUN_1);
    expect(result).toMatchObject({ status: 'succeeded', errors: [] });
    expect(sorted(result.createdAlertIds)).toEqual(expected(RUN_1));
    expect(await storedIds(direct, faulty.alerts)).toEqual(expected(RUN_1));
    const writes = proxy
      .requestsMatching(ALERT_WRITE)
      .map(
        (request) => request.body.split('\n').filter((line) => line.startsWith('{"create"')).length
      );
    expect(writes).toEqual([2, 1]);
  });

  it('a write whose items keep being rejected fails the run, reporting the alerts it did store', async () => {
    const faulty = await target();
    proxy.inject({ match: ALERT_WRITE, action: { kind: 'reject-bulk-items', count: 1 } });
    const failed = await execute(faulty, RUN_1);
    expect(failed.status).toBe('failed');
    expect(failed.createdAlertIds).toHaveLength(1);
    expect(failed.errors[0]).toMatch(
      new RegExp(
        ': alert write failed: Elasticsearch rejected 1 of 2 alert\\(s\\) with 429 \\(es_rejected_execution_exception: .*\\) for the alert write to ctd-alerts-faults-\\S+ ' +
          'after 3 retries \\(4 attempts in \\d+\\.\\d s\\); 1 of 2 alert\\(s\\) were stored\\. 1 alert\\(s\\) were written before the failure; '
      )
    );
    expect(proxy.requestsMatching(ALERT_WRITE)).toHaveLength(ATTEMPTS);
    expect(await storedIds(direct, faulty.alerts)).toEqual(sorted(failed.createdAlertIds));

    proxy.reset();
    const rerun = await execute(faulty, RUN_1);
    expect(rerun.status).toBe('succeeded');
    expect(await storedIds(direct, faulty.alerts)).toEqual(expected(RUN_1));
  });

  it('a run whose alert writes keep being reset fails; the next run writes every missed alert once', async () => {
    const faulty = await target();
    proxy.inject({ match: ALERT_WRITE, action: { kind: 'reset' } });
    const failed = await execute(faulty, RUN_1);
    expect(failed.status).toBe('failed');
    expect(failed.errors[0]).toMatch(
      /: alert write failed: The connection to Elasticsearch failed \(.*\) for the alert write to ctd-alerts-faults-.* after 3 retries \(4 attempts/
    );
    expect(proxy.requestsMatching(ALERT_WRITE)).toHaveLength(ATTEMPTS);
    expect(await storedIds(direct, faulty.alerts)).toEqual([]);

    proxy.reset();
    // The next scheduled run, catching up from the last successful run (before RUN_1).
    const next = await execute(faulty, {
      startedAt: RUN_2.startedAt,
      previousStartedAt: RUN_1.previousStartedAt,
    });
    expect(next.status).toBe('succeeded');
    expect(await storedIds(direct, faulty.alerts)).toEqual(expected(RUN_1, RUN_2));
  });

  it('a run failing after some alerts were written reports them, and the next run adds the rest without duplicates', async () => {
    const faulty = await target();
    // Two windows (catch-up for RUN_1 and RUN_2's own); the first window's write goes through.
    proxy.inject({ match: { ...ALERT_WRITE, skip: 1 }, action: { kind: 'reset' } });
    const failed = await execute(faulty, {
      startedAt: RUN_2.startedAt,
      previousStartedAt: RUN_1.previousStartedAt,
    });
    expect(failed.status).toBe('failed');
    expect(sorted(failed.createdAlertIds)).toEqual(expected(RUN_1));
    expect(failed.errors[0]).toMatch(
      /^Window 2025-03-12T11:56:00.000Z – 2025-03-12T12:05:00.000Z: alert write failed: .* 2 alert\(s\) were written before the failure; a run covering this window again does not duplicate them\.$/
    );

    proxy.reset();
    const next = await execute(faulty, {
      startedAt: RUN_3.startedAt,
      previousStartedAt: RUN_1.previousStartedAt,
    });
    expect(next.windows).toHaveLength(3); // a 17-minute gap: two catch-up windows and the run's own
    expect(next.status).toBe('succeeded');
    expect(sorted(next.createdAlertIds)).toEqual(expected(RUN_2, RUN_3));
    expect(await storedIds(direct, faulty.alerts)).toEqual(expected(RUN_1, RUN_2, RUN_3));
  });

  it('gap catch-up: after a failed scheduled run, the next run from the last successful start raises what it missed', async () => {
    const faulty = await target();
    expect((await execute(faulty, RUN_1)).status).toBe('succeeded');

    await proxy.stop(); // Elasticsearch unreachable for the whole of RUN_2
    const missed = await execute(faulty, RUN_2);
    expect(missed.status).toBe('failed');
    expect(missed.errors[0]).toContain('Elasticsearch is unreachable');

    await proxy.restart();
    const lastSuccessful = RUN_1.startedAt;
    const next = await execute(faulty, {
      startedAt: RUN_3.startedAt,
      previousStartedAt: lastSuccessful,
    });
    expect(next.windows.map((window) => window.range)).toEqual([
      { from: T0 - 2 * MINUTE, to: T0 + 7 * MINUTE },
      { from: T0 + 3 * MINUTE, to: T0 + 12 * MINUTE },
    ]);
    expect(sorted(next.createdAlertIds)).toEqual(expected(RUN_2, RUN_3));
    expect(await storedIds(direct, faulty.alerts)).toEqual(expected(RUN_1, RUN_2, RUN_3));

    // Counting the failed run's start as the previous one would lose 'curl' for good.
    const naive = await target();
    expect((await execute(naive, RUN_1)).status).toBe('succeeded');
    const afterFailed = await execute(naive, RUN_3);
    expect(afterFailed.windows).toHaveLength(1);
    expect(await storedIds(direct, naive.alerts)).toEqual(expected(RUN_1, RUN_3));
  });
});
