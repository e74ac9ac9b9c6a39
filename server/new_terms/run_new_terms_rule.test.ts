/**
 * The new_terms executor end to end over the real embedded store: each scenario ingests events,
 * runs scheduled executions and checks which alerts exist, with which ids and fields.
 */
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import type { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { memoryStoreWith } from '../../test/helpers/memory_store';
import { buildAlertId } from './alert_id';
import { MAX_SIGNALS_WARNING } from './execute_new_terms';
import { runNewTermsRule, type RuleExecutionResult } from './run_new_terms_rule';
import type { NewTermsRuleInstance } from './rule_instance';
import type { NewTermsEventSource } from '../stores/store_contract';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = Date.parse('2025-03-12T12:00:00.000Z');
const INDEX = 'logs-endpoint.events.process-default';

let sequence = 0;
/** An interactive exec inside a container that matches rule A's query. */
const exec = (
  at: number,
  name: unknown,
  extra: Record<string, unknown> = {}
): Record<string, unknown> => {
  sequence++;
  return {
    '@timestamp': new Date(at - 1000).toISOString(),
    event: {
      id: `evt-${sequence}`,
      category: ['process'],
      type: ['start'],
      action: 'exec',
      ingested: new Date(at).toISOString(),
    },
    host: { name: 'node-1', os: { type: 'linux' } },
    container: { id: 'c0ffee' },
    user: { name: 'root' },
    process: { name, interactive: true, entry_leader: { entry_meta: { type: 'container' } } },
    ...extra,
  };
};

const ruleWith = (overrides: Partial<NewTermsRuleDefinition> = {}): NewTermsRuleInstance => ({
  uuid: 'rule-uuid-1',
  spaceId: 'default',
  definition: { ...unusualInteractiveProcessInContainer, ...overrides },
});

const run = (
  store: EmbeddedStore,
  rule: NewTermsRuleInstance,
  startedAt: number,
  previousStartedAt: number | null = null
): Promise<RuleExecutionResult> =>
  runNewTermsRule({
    rule,
    source: store.events,
    sink: store.alerts,
    startedAt: new Date(startedAt),
    previousStartedAt: previousStartedAt === null ? null : new Date(previousStartedAt),
    executionId: `exec-${startedAt}`,
  });

const alertTerms = async (store: EmbeddedStore): Promise<unknown[]> =>
  (await store.alerts.list()).map((alert) => alert.document['kibana.alert.new_terms']);

describe('runNewTermsRule over the embedded store', () => {
  let store: EmbeddedStore | undefined;
  afterEach(() => store?.close());

  it('alerts on a term first seen in the window, not on one already in the history window', async () => {
    store = await memoryStoreWith([
      exec(NOW - 3 * DAY, 'bash'),
      exec(NOW - 2 * MINUTE, 'bash'),
      exec(NOW - 2 * MINUTE, 'nc'),
    ]);
    const result = await run(store, ruleWith(), NOW);
    expect(result.status).toBe('succeeded');
    expect(await alertTerms(store)).toEqual([['nc']]);
    const [alert] = await store.alerts.list();
    expect(alert?.id).toBe(
      buildAlertId({
        index: INDEX,
        id: `evt-${sequence}`,
        spaceId: 'default',
        ruleUuid: 'rule-uuid-1',
        newTerms: ['nc'],
      })
    );
    expect(alert?.document).toMatchObject({
      'kibana.alert.rule.rule_id': unusualInteractiveProcessInContainer.rule_id,
      'kibana.alert.severity': 'medium',
      'kibana.alert.risk_score': 47,
      'kibana.alert.workflow_status': 'open',
      'kibana.alert.original_time': new Date(NOW - 2 * MINUTE - 1000).toISOString(),
      'kibana.alert.original_event.action': 'exec',
      'event.kind': 'signal',
      '@timestamp': new Date(NOW).toISOString(),
      'container_threat_detection.new_terms.window_start': new Date(NOW - 9 * MINUTE).toISOString(),
      'container_threat_detection.new_terms.history_window_start': new Date(
        NOW - 14 * DAY
      ).toISOString(),
      'container_threat_detection.new_terms.first_seen': new Date(NOW - 2 * MINUTE).toISOString(),
    });
  });

  it('does not alert on a term first seen exactly at `from` (new means strictly after)', async () => {
    store = await memoryStoreWith([exec(NOW - 9 * MINUTE, 'socat'), exec(NOW - MINUTE, 'socat')]);
    await run(store, ruleWith(), NOW);
    expect(await alertTerms(store)).toEqual([]);
  });

  it('raises one alert per new value of an array field, and none for a document missing the field', async () => {
    store = await memoryStoreWith([
      exec(NOW - 5 * DAY, 'known'),
      exec(NOW - MINUTE, ['known', 'curl', 'wget']),
      exec(NOW - MINUTE, undefined),
    ]);
    await run(store, ruleWith(), NOW);
    expect((await alertTerms(store)).sort()).toEqual([['curl'], ['wget']]);
  });

  it('combines up to three fields, every combination of their values', async () => {
    store = await memoryStoreWith([
      exec(NOW - 2 * DAY, 'bash', { user: { name: 'root' } }),
      exec(NOW - MINUTE, 'bash', { user: { name: ['root', 'mallory'] } }),
    ]);
    const rule = ruleWith({ new_terms_fields: ['process.name', 'user.name', 'host.name'] });
    await run(store, rule, NOW);
    expect(await alertTerms(store)).toEqual([['bash', 'mallory', 'node-1']]);
  });

  it('caps alerts at max_signals with a warning', async () => {
    store = await memoryStoreWith(['a', 'b', 'c', 'd'].map((name) => exec(NOW - MINUTE, name)));
    const result = await run(store, ruleWith({ max_signals: 2 }), NOW);
    expect(result.createdAlertIds).toHaveLength(2);
    expect(result.warnings).toContain(MAX_SIGNALS_WARNING);
    expect(result.status).toBe('partial failure');
    expect(await store.alerts.count()).toBe(2);
  });

  it('searches a multi-field page at once yet creates the alerts of Kibana’s 500-term batches, in order, cut at max_signals', async () => {
    const NAMES = ['a', 'B', 'z', 'é', '\u{1D518}', 'sh'];
    const events = Array.from({ length: 1_300 }, (_, i) =>
      exec(NOW - MINUTE - (i % 7) * 1000, NAMES[i % NAMES.length], { user: { name: `user-${i}` } })
    );
    // Every 5th combination was seen before the window: not new, so batches have gaps.
    const seen = events
      .filter((_, i) => i % 5 === 0)
      .map((event) =>
        exec(NOW - 3 * DAY, (event.process as { name: string }).name, { user: event.user })
      );
    const rule = (maxSignals: number): NewTermsRuleInstance =>
      ruleWith({ new_terms_fields: ['process.name', 'user.name'], max_signals: maxSignals });
    const batched = await memoryStoreWith([...seen, ...events]);
    const atOnce = await memoryStoreWith([...seen, ...events]);
    // The same store without `termsPerSearch`: Kibana's batches of 500.
    const batchedSource = {
      recentTerms: batched.events.recentTerms.bind(batched.events),
      newTerms: batched.events.newTerms.bind(batched.events),
      firstDocuments: batched.events.firstDocuments.bind(batched.events),
    };
    const runBatched = (maxSignals: number): Promise<RuleExecutionResult> =>
      runNewTermsRule({
        rule: rule(maxSignals),
        source: batchedSource,
        sink: batched.alerts,
        startedAt: new Date(NOW),
        previousStartedAt: null,
        executionId: `exec-batched-${maxSignals}`,
      });
    try {
      expect(atOnce.events.termsPerSearch).toBeGreaterThan(1_300);
      // Then again with room for more: the alerts of the first run are skipped, not counted.
      for (const maxSignals of [300, 700]) {
        const inBatches = await runBatched(maxSignals);
        const whole = await run(atOnce, rule(maxSignals), NOW);
        expect(whole.createdAlertIds).toHaveLength(maxSignals);
        expect(whole.warnings).toContain(MAX_SIGNALS_WARNING);
        expect(whole.createdAlertIds).toEqual(inBatches.createdAlertIds);
      }
      expect(await alertTerms(atOnce)).toEqual(await alertTerms(batched));
    } finally {
      batched.close();
      atOnce.close();
    }
  });

  describe('several phase-1 pages per search (pagesPerSearch)', () => {
    /** What the executor reports that depends on paging: the alerts, in order, and the counts. */
    const outcome = (result: RuleExecutionResult) => ({
      createdAlertIds: result.createdAlertIds,
      termsEvaluated: result.termsEvaluated,
      windows: result.windows.map(({ createdAlerts, termsEvaluated, newTerms, truncated }) => ({
        createdAlerts,
        termsEvaluated,
        newTerms,
        truncated,
      })),
      warnings: result.warnings,
    });

    /** The same store, one Kibana page per search: the reference. */
    const pageByPage = (paged: EmbeddedStore): NewTermsEventSource => ({
      termsPerSearch: paged.events.termsPerSearch,
      recentTerms: paged.events.recentTerms.bind(paged.events),
      newTerms: paged.events.newTerms.bind(paged.events),
      firstDocuments: paged.events.firstDocuments.bind(paged.events),
    });

    const compareRuns = async (
      events: ReadonlyArray<Record<string, unknown>>,
      rule: (maxSignals: number) => NewTermsRuleInstance,
      pageSize: number,
      maxSignalsInTurn: readonly number[]
    ): Promise<void> => {
      const reference = await memoryStoreWith(events);
      const chunked = await memoryStoreWith(events);
      try {
        expect(chunked.events.pagesPerSearch).toBeGreaterThan(1);
        for (const maxSignals of maxSignalsInTurn) {
          const execute = (
            target: EmbeddedStore,
            source: NewTermsEventSource
          ): Promise<RuleExecutionResult> =>
            runNewTermsRule({
              rule: rule(maxSignals),
              source,
              sink: target.alerts,
              startedAt: new Date(NOW),
              previousStartedAt: null,
              executionId: `exec-pages-${maxSignals}`,
              pageSize,
            });
          const expected = outcome(await execute(reference, pageByPage(reference)));
          const actual = outcome(await execute(chunked, chunked.events));
          expect(actual).toEqual(expected);
        }
        expect(await alertTerms(chunked)).toEqual(await alertTerms(reference));
      } finally {
        reference.close();
        chunked.close();
      }
    };

    it('gives a single-field rule the alerts, order, counts and cut of one page at a time', async () => {
      // 260 names over 11 pages of 25; each name in 1–4 events (the in-page order); every 5th seen before.
      const events = Array.from({ length: 260 }, (_, i) => `name-${(i * 7919) % 260}`).flatMap(
        (name, i) => [
          ...Array.from({ length: (i % 4) + 1 }, (_, n) => exec(NOW - MINUTE - n * 1000, name)),
          ...(i % 5 === 0 ? [exec(NOW - 3 * DAY, name)] : []),
        ]
      );
      await compareRuns(
        events,
        (maxSignals) => ruleWith({ max_signals: maxSignals }),
        25,
        [37, 120, 1_000]
      );
    });

    it('gives a multi-field rule the alerts, order, counts and cut of one page at a time', async () => {
      const NAMES = ['a', 'B', 'z', 'é', '\u{1D518}', 'sh'];
      const events = Array.from({ length: 1_300 }, (_, i) =>
        exec(NOW - MINUTE - (i % 7) * 1000, NAMES[i % NAMES.length], {
          user: { name: `user-${i}` },
        })
      );
      const seen = events
        .filter((_, i) => i % 5 === 0)
        .map((event) =>
          exec(NOW - 3 * DAY, (event.process as { name: string }).name, { user: event.user })
        );
      // Pages of 120: a search carries 1,200 terms, more than one 500-term batch.
      const rule = (maxSignals: number): NewTermsRuleInstance =>
        ruleWith({ new_terms_fields: ['process.name', 'user.name'], max_signals: maxSignals });
      await compareRuns([...seen, ...events], rule, 120, [300, 700, 2_000]);
    });
  });

  it('never duplicates an alert across overlapping executions', async () => {
    store = await memoryStoreWith([exec(NOW - MINUTE, 'nsenter')]);
    const first = await run(store, ruleWith(), NOW);
    const second = await run(store, ruleWith(), NOW + 5 * MINUTE, NOW);
    expect(first.createdAlertIds).toHaveLength(1);
    expect(second.createdAlertIds).toHaveLength(0);
    expect(await store.alerts.count()).toBe(1);
  });

  it('falls back to @timestamp when event.ingested is missing', async () => {
    const withoutIngested = exec(NOW - MINUTE, 'python3');
    const event = withoutIngested.event as Record<string, unknown>;
    delete event.ingested;
    store = await memoryStoreWith([withoutIngested]);
    await run(store, ruleWith(), NOW);
    expect(await alertTerms(store)).toEqual([['python3']]);
    await store.alerts.list();
    const noFallback = await run(
      store,
      { ...ruleWith({ timestamp_override_fallback_disabled: true }), uuid: 'rule-uuid-2' },
      NOW
    );
    expect(noFallback.createdAlertIds).toEqual([]);
  });

  it('fails with Kibana’s message when the history window does not start before `from`', async () => {
    store = await memoryStoreWith([exec(NOW - MINUTE, 'bash')]);
    const result = await run(store, ruleWith({ history_window_start: 'now-5m' }), NOW);
    expect(result.status).toBe('failed');
    expect(result.errors[0]).toContain("'historyWindowStart' must be earlier than 'from'");
  });

  it('catches up missed windows after a late run and warns about what is still uncovered', async () => {
    const late = NOW - 60 * MINUTE;
    store = await memoryStoreWith([
      exec(NOW - 20 * MINUTE, 'catchup'),
      exec(late - 30 * MINUTE, 'lost'),
    ]);
    const result = await run(store, ruleWith(), NOW, late);
    expect(result.windows).toHaveLength(5);
    expect(result.windows[0]?.range).toEqual({ from: NOW - 29 * MINUTE, to: NOW - 20 * MINUTE });
    expect(await alertTerms(store)).toEqual([['catchup']]);
    expect(result.gap?.remainingGapMs).toBe(31 * MINUTE);
    expect(result.warnings.join(' ')).toContain('signals may have been missed');
  });
});
