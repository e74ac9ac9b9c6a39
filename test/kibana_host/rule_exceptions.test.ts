/**
 * Exception lists inside Kibana, driven as Kibana drives the plugin (test host over a real
 * Elasticsearch, Security's lists plugin played by fake_lists.ts): a prebuilt rule that names a
 * shared exception list stops alerting on the excepted term and keeps alerting on the others; a
 * list missing from the rule's space and a Kibana without Security each leave a warning on the
 * run, never a failed or silent one.
 */
import type { Client } from '@elastic/elasticsearch';
import * as F from '../../common/alerts/field_names';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { INTERACTIVE_RULE, generateEvents, planScenario } from '../../server/sample_data';
import { NEW_TERMS_RULE_TYPE_ID, PLUGIN_ID } from '../../server/kibana/constants';
import { LISTS_PLUGIN_UNAVAILABLE_WARNING } from '../../server/kibana/kibana_rule_exceptions';
import { missingListWarning } from '../../server/new_terms/rule_exceptions';
import { API_BASE_PATH } from '../../server/routes/api_types';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { indexEventsForTest } from '../helpers/es_events';
import { KibanaTestHost } from './kibana_test_host';

const RUN_ID = Date.now().toString(36);
const SAMPLE = { totalEvents: 3_000, seed: 11 } as const;
const ONE_DAY = '1d';
const SHARED = { id: 'shared-so', list_id: 'container-shells', type: 'detection' } as const;

interface AlertsPage {
  readonly alerts: ReadonlyArray<Record<string, unknown>>;
}

describeWithElasticsearch('exception lists inside Kibana', () => {
  let client: Client;
  const plan = planScenario(SAMPLE);
  const end = new Date(Date.parse(plan.options.end));
  const planted = plan.expected[INTERACTIVE_RULE].newTerms.map((term) => String(term.value));
  const namespaces: string[] = [];

  /** A host in its own space over its own copy of the events. */
  const hostFor = async (suffix: string, withoutSecurity = false) => {
    const namespace = `kbnexc${suffix}${RUN_ID}`;
    namespaces.push(namespace);
    const events = [...generateEvents(SAMPLE)].map((event) => ({
      ...event,
      data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace },
    }));
    await indexEventsForTest(client, events);
    const host = await KibanaTestHost.start(client, namespace, {}, { withoutSecurity });
    return { host, index: `logs-endpoint.events.process-${namespace}` };
  };

  /** The prebuilt rule over the last day in one run, naming `exceptionsList`. */
  const runRule = async (
    host: KibanaTestHost,
    index: string,
    exceptionsList: ReadonlyArray<Record<string, string>>
  ) => {
    const rule = await host.alerting.rulesClient.create({
      data: {
        name: unusualInteractiveProcessInContainer.name,
        alertTypeId: NEW_TERMS_RULE_TYPE_ID,
        consumer: PLUGIN_ID,
        enabled: true,
        tags: [],
        params: {
          ...unusualInteractiveProcessInContainer,
          index: [index],
          from: 'now-1d',
          exceptions_list: exceptionsList,
        },
        schedule: { interval: ONE_DAY },
        actions: [],
      },
    });
    const outcome = await host.alerting.runRule(rule.id, end);
    const page = (
      await host.request({
        method: 'GET',
        path: `${API_BASE_PATH}/alerts`,
        query: { per_page: '100' },
      })
    ).body as AlertsPage;
    const raised = page.alerts.map((alert) => String((alert[F.ALERT_NEW_TERMS] as unknown[])[0]));
    return { outcome, raised: raised.sort() };
  };

  beforeAll(() => {
    client = createEsClient({ url: esTestUrl() });
  });

  afterAll(async () => {
    for (const namespace of namespaces)
      await client.indices.delete({
        index: `*${namespace}*`,
        ignore_unavailable: true,
        allow_no_indices: true,
        expand_wildcards: 'all',
      });
    await client.close();
  });

  it("stops the excepted term's alert and keeps the others", async () => {
    expect(planted.length).toBeGreaterThan(1);
    const [excepted, ...kept] = planted;
    const { host, index } = await hostFor('a');
    host.lists?.createList(host.spaceId, {
      list_id: SHARED.list_id,
      name: 'Container shells',
      namespace_type: 'single',
    });
    host.lists?.createItem(host.spaceId, {
      list_id: SHARED.list_id,
      name: 'Known admin tool',
      namespace_type: 'single',
      entries: [{ field: 'process.name', operator: 'included', type: 'match', value: excepted }],
    });
    const { outcome, raised } = await runRule(host, index, [
      { ...SHARED, namespace_type: 'single' },
    ]);
    expect(outcome).toMatchObject({ errors: [], warnings: [] });
    expect(raised).toEqual([...kept].sort());
    expect(host.lists?.clientUsers).toEqual(['elastic']);
  });

  it("warns when the rule's list is not in its space, and still alerts", async () => {
    const { host, index } = await hostFor('b');
    host.lists?.createList('another-space', {
      list_id: SHARED.list_id,
      name: 'Container shells',
      namespace_type: 'single',
    });
    const reference = { ...SHARED, namespace_type: 'single' } as const;
    const { outcome, raised } = await runRule(host, index, [reference]);
    expect(outcome).toMatchObject({ errors: [], warnings: [missingListWarning(reference)] });
    expect(raised).toEqual([...planted].sort());
  });

  it('warns in a Kibana without Security (no lists plugin), and still alerts', async () => {
    const { host, index } = await hostFor('c', true);
    const { outcome, raised } = await runRule(host, index, [
      { ...SHARED, namespace_type: 'agnostic' },
    ]);
    expect(outcome).toMatchObject({ errors: [], warnings: [LISTS_PLUGIN_UNAVAILABLE_WARNING] });
    expect(raised).toEqual([...planted].sort());
  });
});
