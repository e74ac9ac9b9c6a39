/**
 * Differential test: every scenario of the shared corpus runs through the embedded DuckDB store and
 * through a real Elasticsearch, and the two must agree exactly — the same execution results, the
 * same alert ids in the same order, the same alert documents.
 */
import type { Client } from '@elastic/elasticsearch';
import type { NewTermsRuleInstance } from '../../server/new_terms/rule_instance';
import { EsAlertStore } from '../../server/stores/elasticsearch/alert_store';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { EsEventSource } from '../../server/stores/elasticsearch/event_source';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { indexEventsForTest } from '../helpers/es_events';
import { buildScenarios, type Scenario } from './new_terms_scenarios';
import {
  newTermsInCreationOrder,
  ruleOf,
  runAll,
  runEmbedded,
  type StoreRun,
} from './scenario_runner';

const RUN_ID = Date.now().toString(36);

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
        const rule = ruleOf(scenario, index, RUN_ID);
        const embedded = await runEmbedded(scenario, rule);
        const elastic = await runElasticsearch(client, scenario, rule);
        expect(embedded.results.map((result) => result.errors)).toEqual(
          embedded.results.map(() => [])
        );
        expect(elastic.results).toEqual(embedded.results);
        expect(elastic.alerts).toEqual(embedded.alerts);
        if (scenario.expectedNewTerms !== undefined)
          expect(newTermsInCreationOrder(elastic)).toEqual(scenario.expectedNewTerms);
      }
    );

    it('exercises the corpus: every scenario runs, and together they raise alerts and leave terms unalerted', async () => {
      expect(scenarios.length).toBeGreaterThanOrEqual(12);
      const runs = await Promise.all(
        scenarios.map((scenario, index) => runEmbedded(scenario, ruleOf(scenario, index, RUN_ID)))
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
