/**
 * The strict Kibana test host over the real Elasticsearch, with alerts to look at: generated
 * Defend process events ingested into a namespace's data stream, the plugin started, both prebuilt
 * rules created and run on their 5-minute schedule through the hours where the generator plants its
 * stories (as test/kibana_host/plugin.test.ts does).
 */
import type { Client } from '@elastic/elasticsearch';
import { generateEvents, planScenario } from '../../server/sample_data';
import { indexEventsForTest } from '../helpers/es_events';
import { KibanaTestHost } from '../kibana_host/kibana_test_host';

const FIVE_MINUTES = 5 * 60_000;
const DAY = 24 * 60 * 60_000;

export interface HostWithAlerts {
  readonly host: KibanaTestHost;
  readonly eventsIndex: string;
  /** Ids of the rules created for the prebuilt catalog. */
  readonly ruleIds: readonly string[];
}

export const eventsIndexOf = (namespace: string): string =>
  `logs-endpoint.events.process-${namespace}`;

/**
 * `sample.end` defaults to now: the app's alerts page shows the last 30 days of the browser's clock
 * (the standalone server loads its sample data ending now for the same reason).
 */
export const startHostWithAlerts = async (
  client: Client,
  namespace: string,
  {
    totalEvents,
    seed,
    end: sampleEnd = new Date(),
  }: { totalEvents: number; seed: number; end?: Date }
): Promise<HostWithAlerts> => {
  const sample = { totalEvents, seed, end: sampleEnd };
  const plan = planScenario(sample);
  const end = Date.parse(plan.options.end);
  const events = [...generateEvents(sample)].map((event) => ({
    ...event,
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace },
  }));
  await indexEventsForTest(client, events);
  const host = await KibanaTestHost.start(client, namespace);
  const eventsIndex = eventsIndexOf(namespace);
  const ruleIds = await host.createPrebuiltRules(eventsIndex);
  for (let at = end - DAY; at <= end; at += FIVE_MINUTES) {
    for (const [id, outcome] of await host.runEnabledRules(new Date(at))) {
      if (outcome.errors.length > 0)
        throw new Error(
          `rule ${id} failed at ${new Date(at).toISOString()}: ${outcome.errors.join('; ')}`
        );
    }
  }
  return { host, eventsIndex, ruleIds };
};
