import type { Client } from '@elastic/elasticsearch';
import { HISTORY_WINDOW_ERROR } from '../../common/rules/rule_schema';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { NEW_TERMS_RULE_TYPE_ID } from '../../server/kibana/constants';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import {
  BROWSER_HEADERS,
  dispatchKibanaRequest,
  RecordingRouter,
  type HttpCall,
} from '../kibana_host/fake_http';
import { ADMIN, KibanaTestHost } from '../kibana_host/kibana_test_host';
import { CREATE_RULE_PATH, registerAlertingRoutes, RULE_TYPES_PATH } from './alerting_routes';

const NAMESPACE = `kbnharnessalerting${Date.now().toString(36)}`;

describeWithElasticsearch("the alerting API the harness's rule form uses", () => {
  let client: Client;
  let host: KibanaTestHost;
  const router = new RecordingRouter();
  const request = (call: Omit<HttpCall, 'user' | 'headers'>) =>
    dispatchKibanaRequest(
      router.routes,
      { asCurrentUser: client, asInternalUser: client },
      { ...call, user: ADMIN, headers: BROWSER_HEADERS }
    );
  const create = (params: Record<string, unknown>, consumer = 'alerts') =>
    request({
      method: 'POST',
      path: CREATE_RULE_PATH,
      body: {
        name: 'r',
        rule_type_id: NEW_TERMS_RULE_TYPE_ID,
        consumer,
        enabled: false,
        schedule: { interval: '5m' },
        params,
      },
    });

  beforeAll(async () => {
    client = createEsClient({ url: esTestUrl() });
    host = await KibanaTestHost.start(client, NAMESPACE);
    registerAlertingRoutes(router, host.alerting);
  });

  afterAll(async () => {
    await client?.close();
  });

  it('lists the registered rule types with their action groups', async () => {
    const listed = await request({ method: 'GET', path: RULE_TYPES_PATH });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        id: NEW_TERMS_RULE_TYPE_ID,
        default_action_group_id: 'default',
        action_groups: [expect.objectContaining({ id: 'default' })],
      }),
    ]);
  });

  it("creates a rule through the rules client with the params the rule type's validator accepts", async () => {
    const ruleId = PREBUILT_RULES[0]?.rule_id ?? '';
    const created = await create({ rule_id: ruleId });
    expect(created.status).toBe(200);
    const id = (created.body as { id: string }).id;
    expect(await host.alerting.rulesClient.get({ id })).toMatchObject({
      consumer: 'alerts',
      enabled: false,
      params: { rule_id: ruleId },
    });
  });

  it("answers 400 with the rules client's message for params the validator refuses, 403 for a consumer without the privilege", async () => {
    const refused = await create({
      ...unusualInteractiveProcessInContainer,
      history_window_start: 'now-1m',
    });
    expect(refused).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: `params invalid: Invalid container threat detection rule params:\nhistory_window_start: ${HISTORY_WINDOW_ERROR}`,
      },
    });
    const forbidden = await create({ rule_id: PREBUILT_RULES[0]?.rule_id ?? '' }, 'infrastructure');
    expect(forbidden.status).toBe(403);
    expect((forbidden.body as { message: string }).message).toBe(
      `Unauthorized by "infrastructure" to create "${NEW_TERMS_RULE_TYPE_ID}" rule`
    );
  });

  it('validates the request body', async () => {
    const invalid = await request({
      method: 'POST',
      path: CREATE_RULE_PATH,
      body: { rule_type_id: NEW_TERMS_RULE_TYPE_ID },
    });
    expect(invalid.status).toBe(400);
    expect((invalid.body as { message: string }).message).toMatch(/^\[request body\]: /);
  });
});
