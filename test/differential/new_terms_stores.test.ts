/**
 * Differential test: every scenario of the shared corpus runs through the embedded DuckDB store and
 * through a real Elasticsearch, and the two must agree exactly — the same execution results, the
 * same alert ids in the same order, the same alert documents.
 */
import type { Client } from '@elastic/elasticsearch';
import type { AlertDocument } from '../../common/alerts/alert_document';
import {
  runNewTermsRule,
  type RuleExecutionResult,
} from '../../server/new_terms/run_new_terms_rule';
import type { NewTermsRuleInstance } from '../../server/new_terms/rule_instance';
import { EsAlertStore } from '../../server/stores/elasticsearch/alert_store';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { EsEventSource } from '../../server/stores/elasticsearch/event_source';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { indexEventsForTest } from '../helpers/es_events';
import { memoryStoreWith } from '../helpers/memory_store';
import { buildScenarios, type Scenario } from './new_terms_scenarios';
import type { AlertSink, NewTermsEventSource } from '../../server/stores/store_contract';

const RUN_ID = Date.now().toString(36);

/**
 * What both stores must agree on. Timing and the number of searches are the store's own cost: the
 * embedded store searches several phase-1 pages at once and Elasticsearch one page at a time.
 */
type ComparedResult = Omit<RuleExecutionResult, 'durationMs' | 'searches'>;

interface StoreRun {
  readonly results: readonly ComparedResult[];
  readonly alerts: readonly AlertDocument[];
}

const ruleOf = (scenario: Scenario, index: number): NewTermsRuleInstance => ({
  uuid: `diff-rule-${index}`,
  // Each scenario writes to its own alerts index in Elasticsearch.
  spaceId: `diff-${RUN_ID}-${index}`,
  definition: scenario.rule,
});

const runAll = async (
  scenario: Scenario,
  rule: NewTermsRuleInstance,
  source: NewTermsEventSource,
  sink: AlertSink
): Promise<ComparedResult[]> => {
  const results: ComparedResult[] = [];
  for (const [position, execution] of scenario.executions.entries()) {
    const {
      durationMs: _timing,
      searches: _searches,
      ...result
    } = await runNewTermsRule({
      rule,
      source,
      sink,
      startedAt: new Date(execution.startedAt),
      previousStartedAt:
        execution.previousStartedAt === null ? null : new Date(execution.previousStartedAt),
      executionId: `diff-exec-${position}`,
      ...(scenario.pageSize === undefined ? {} : { pageSize: scenario.pageSize }),
    });
    results.push(result);
  }
  return results;
};

const runEmbedded = async (scenario: Scenario, rule: NewTermsRuleInstance): Promise<StoreRun> => {
  const store = await memoryStoreWith(scenario.events);
  try {
    const results = await runAll(scenario, rule, store.events, store.alerts);
    return { results, alerts: (await store.alerts.list()).map((alert) => alert.document) };
  } finally {
    store.close();
  }
};

const runElasticsearch = async (
  client: Client,
  scenario: Scenario,
  rule: NewTermsRuleInstance
): Promise<StoreRun> => {
  await indexEventsForTest(client, scenario.events);
  const alerts = await EsAlertStore.open(client, rule.spaceId);
  const results = await runAll(scenario, rule, new EsEventSource(client), alerts);
  return { results, alerts: (await alerts.list()).map((alert) => alert.document) };
};

describeWithElasticsearch(
  'new_terms gives identical alerts on the embedded store and on Elasticsearch',
  () => {
    const scenarios = buildScenarios((index) => `diff${RUN_ID}s${index}`);
    let client: Client;

    beforeAll(() => {
      client = createEsClient({ url: esTestUrl() });
    });

    afterAll(async () => {
      await client.indices.delete({
        index: `*${RUN_ID}*`,
        ignore_unavailable: true,
        allow_no_indices: true,
      });
      await client.close();
    });

    it.each(scenarios.map((scenario, index) => [scenario.name, scenario, index] as const))(
      '%s',
      async (_name, scenario, index) => {
        const rule = ruleOf(scenario, index);
        const embedded = await runEmbedded(scenario, rule);
        const elastic = await runElasticsearch(client, scenario, rule);
        expect(embedded.results.map((result) => result.errors)).toEqual(
          embedded.results.map(() => [])
        );
        expect(elastic.results).toEqual(embedded.results);
        expect(elastic.alerts).toEqual(embedded.alerts);
      }
    );

    it('exercises the corpus: every scenario runs, and together they raise alerts and leave terms unalerted', async () => {
      expect(scenarios.length).toBeGreaterThanOrEqual(12);
      const runs = await Promise.all(
        scenarios.map((scenario, index) => runEmbedded(scenario, ruleOf(scenario, index)))
      );
      const alertCounts = runs.map((run) => run.alerts.length);
      expect(alertCounts.filter((count) => count > 0).length).toBeGreaterThanOrEqual(
        scenarios.length - 1
      );
      expect(runs.some((run) => run.results.some((result) => result.warnings.length > 0))).toBe(
        true
      );
    });
  }
);
