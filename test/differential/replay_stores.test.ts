/**
 * `ctd scan` on both stores: replaying both seed rules' schedules over the same generated Defend
 * events raises the same alerts (ids and documents) on the embedded store and on Elasticsearch,
 * and those are the generator's planted new terms.
 */
import type { Client } from '@elastic/elasticsearch';
import type { AlertDocument } from '../../common/alerts/alert_document';
import { ALERT_NEW_TERMS } from '../../common/alerts/field_names';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { NewTermsRuleInstance } from '../../server/new_terms/rule_instance';
import { generateEvents, planScenario } from '../../server/sample_data';
import { replayRule, type ReplayStore } from '../../server/replay/replay_schedule';
import { EsAlertStore } from '../../server/stores/elasticsearch/alert_store';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { EsEventSource } from '../../server/stores/elasticsearch/event_source';
import type { EmbeddedStore } from '../../server/stores/duckdb/embedded_store';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { indexEventsForTest } from '../helpers/es_events';
import { memoryStoreWith } from '../helpers/memory_store';

const GENERATOR_OPTIONS = { totalEvents: 3_000, seed: 11 };
const NAMESPACE = `replay${Date.now().toString(36)}`;
const INDEX = `logs-endpoint.events.process-${NAMESPACE}`;

/** The generated events moved to a namespace of their own, so the test's index is its own. */
const sampleEvents = (): Array<Record<string, unknown>> =>
  [...generateEvents(GENERATOR_OPTIONS)].map((event) => ({
    ...event,
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: NAMESPACE },
  }));

const ruleInstances: NewTermsRuleInstance[] = PREBUILT_RULES.map((definition) => ({
  uuid: `replay-${definition.rule_id}`,
  spaceId: NAMESPACE,
  definition: { ...definition, index: [INDEX] },
}));

const replayAll = async (store: ReplayStore): Promise<string[][]> => {
  const ids: string[][] = [];
  for (const rule of ruleInstances) {
    const summary = await replayRule(store, rule);
    expect(summary.errors).toEqual([]);
    ids.push([...summary.alertIds]);
  }
  return ids;
};

describeWithElasticsearch('ctd scan replays identically on both stores', () => {
  let client: Client;
  let embedded: EmbeddedStore;
  let esAlerts: EsAlertStore;

  beforeAll(async () => {
    const events = sampleEvents();
    client = createEsClient({ url: esTestUrl() });
    embedded = await memoryStoreWith(events);
    await indexEventsForTest(client, events);
    esAlerts = await EsAlertStore.open(client, NAMESPACE);
  });

  afterAll(async () => {
    embedded.close();
    await client.indices.delete({
      index: `*${NAMESPACE}*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    await client.close();
  });

  it('raises the same alert ids, in the same order, and the same alert documents', async () => {
    const embeddedIds = await replayAll(embedded);
    const elasticIds = await replayAll({ events: new EsEventSource(client), alerts: esAlerts });
    expect(elasticIds).toEqual(embeddedIds);

    const documents = (alerts: ReadonlyArray<{ document: AlertDocument }>) =>
      alerts.map((alert) => alert.document);
    expect(documents(await esAlerts.list())).toEqual(documents(await embedded.alerts.list()));

    const plan = planScenario(GENERATOR_OPTIONS);
    const planted = Object.values(plan.expected).flatMap((expectation) =>
      expectation.newTerms.map((term) => term.value)
    );
    const raised = (await esAlerts.list()).map(
      (alert) => (alert.document[ALERT_NEW_TERMS] as unknown[])[0]
    );
    expect([...raised].sort()).toEqual([...planted].sort());
  });
});
