/**
 * The run history inside Kibana (test host over a real Elasticsearch): GET
 * /rules/{rule_id}/_executions reads the rules client's execution log (the event log double,
 * execution_log.ts) and answers the standalone server's shape, with what the event log cannot say
 * (windows, terms evaluated, a gap's range) null; bad parameters get a 400 naming them.
 */
import type { Client } from '@elastic/elasticsearch';
import type { RuleExecutionsPage } from '../../common/api/executions_api';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { generateEvents } from '../../server/sample_data';
import { API_BASE_PATH } from '../../server/routes/api_types';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { indexEventsForTest } from '../helpers/es_events';
import { KibanaTestHost, VIEWER } from './kibana_test_host';

const RUN_ID = Date.now().toString(36);
const NAMESPACE = `kbnruns${RUN_ID}`;
const EVENTS_INDEX = `logs-endpoint.events.process-${NAMESPACE}`;
const MINUTE_MS = 60_000;
const RULE_ID = PREBUILT_RULES[0]?.rule_id ?? '';

describeWithElasticsearch('the run history in a Kibana test host', () => {
  let client: Client;
  let host: KibanaTestHost;
  const now = Date.now();

  const executions = async (query: Record<string, string> = {}) =>
    host.request({
      method: 'GET',
      path: `${API_BASE_PATH}/rules/${encodeURIComponent(RULE_ID)}/_executions`,
      query,
      user: VIEWER,
    });

  beforeAll(async () => {
    client = createEsClient({ url: esTestUrl() });
    const events = [...generateEvents({ totalEvents: 300, seed: 7, end: new Date(now) })].map(
      (event) => ({
        ...event,
        data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: NAMESPACE },
      })
    );
    await indexEventsForTest(client, events);
    host = await KibanaTestHost.start(client, NAMESPACE);
    const [id = ''] = await host.createPrebuiltRules(EVENTS_INDEX);
    // On time, then three hours late: catch-up cannot reach back that far, a gap is reported.
    await host.alerting.runRule(id, new Date(now - 3 * 60 * MINUTE_MS - 5 * MINUTE_MS));
    await host.alerting.runRule(id, new Date(now - 3 * 60 * MINUTE_MS));
    await host.alerting.runRule(id, new Date(now - MINUTE_MS));
  });

  afterAll(async () => {
    await client.indices.delete({
      index: `*${NAMESPACE}*`,
      ignore_unavailable: true,
      allow_no_indices: true,
      expand_wildcards: 'all',
    });
    await client.close();
  });

  it("lists the rule's executions from the event log, newest first, in the API's shape", async () => {
    const answer = await executions();
    expect(answer.status).toBe(200);
    const page = answer.body as RuleExecutionsPage;
    expect(page).toMatchObject({ page: 0, per_page: 20, total: 3 });
    const [late, onTime] = page.executions;
    expect(page.executions.map((execution) => execution.started_at)).toEqual(
      [now - MINUTE_MS, now - 3 * 60 * MINUTE_MS, now - 185 * MINUTE_MS].map((ms) =>
        new Date(ms).toISOString()
      )
    );
    expect(late).toMatchObject({
      status: 'warning',
      windows: null,
      terms_evaluated: null,
      errors: [],
    });
    expect(late?.warnings.join(' ')).toContain('signals may have been missed');
    expect(late?.gap).toEqual({ from: null, to: null, duration_ms: expect.any(Number) as number });
    expect(onTime).toMatchObject({ status: 'succeeded', warnings: [], errors: [], gap: null });
    expect(page.gaps).toEqual([
      {
        execution_id: late?.execution_id,
        reported_at: late?.started_at,
        ...late?.gap,
      },
    ]);
  });

  it('pages and filters by status through the execution log', async () => {
    const second = (await executions({ page: '1', per_page: '2' })).body as RuleExecutionsPage;
    expect(second.total).toBe(3);
    expect(second.executions).toHaveLength(1);
    const warned = (await executions({ status: 'partial failure,warning' }))
      .body as RuleExecutionsPage;
    expect(warned.executions.map((execution) => execution.status)).toEqual(['warning']);
    const failed = (await executions({ status: 'failed' })).body as RuleExecutionsPage;
    expect(failed).toMatchObject({ total: 0, executions: [] });
  });

  it('answers 400 naming a bad parameter, and 404 for a rule not installed', async () => {
    for (const [query, named] of [
      [{ per_page: '101' }, 'per_page is at most 100'],
      [{ page: '-1' }, 'page'],
      [{ status: 'sucess' }, 'status must be one of succeeded, warning, partial failure, failed'],
      [{ sort: 'timestamp' }, 'sort is not a parameter of this route'],
    ] as const) {
      const answer = await executions(query);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(named);
    }
    const missing = await host.request({
      method: 'GET',
      path: `${API_BASE_PATH}/rules/no-such-rule/_executions`,
    });
    expect(missing.status).toBe(404);
    expect(host.handlerErrors).toEqual([]);
  });
});
