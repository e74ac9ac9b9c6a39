/**
 * The host's alerting framework over a real Elasticsearch: what a rule type reports in a field the
 * framework owns never reaches the stored alert (the framework's own value does); a failed run
 * writes no alert; a run that asked for the alert limit and never answered fails with Kibana's message.
 */
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from '@kbn/core/server';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { FakeAlerting } from './fake_alerting';
import type { ReportedAlertInput } from './alerts_client';
import type { AnyRuleType } from './rule_type_registry';

const SPACE = `fakealerting${Date.now().toString(36)}`;
const CONTEXT = 'host-test';
const FEATURE = 'hostTest';
const STARTED_AT = new Date('2025-01-01T00:00:00.000Z');

const silent: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
  get: () => silent,
};

type Behaviour = (alertsClient: {
  report: (alert: ReportedAlertInput) => unknown;
  getAlertLimitValue: () => number;
}) => void;

const ruleType = (id: string, behave: Behaviour): AnyRuleType =>
  ({
    id,
    name: `Type ${id}`,
    validate: { params: { validate: (params: unknown) => params } },
    actionGroups: [{ id: 'default', name: 'Default' }],
    defaultActionGroupId: 'default',
    category: 'securitySolution',
    producer: FEATURE,
    solution: 'security',
    minimumLicenseRequired: 'basic',
    isExportable: true,
    alerts: {
      context: CONTEXT,
      mappings: {
        dynamic: false,
        fieldMap: { 'host_test.value': { type: 'keyword', required: false } },
      },
      shouldWrite: true,
      isSpaceAware: true,
    },
    executor: async ({ services }: { services: { alertsClient: Parameters<Behaviour>[0] } }) => {
      behave(services.alertsClient);
      return { state: {} };
    },
  }) as unknown as AnyRuleType;

const FORGED_PAYLOAD = {
  '@timestamp': '1999-01-01T00:00:00.000Z',
  'kibana.alert.uuid': 'forged-uuid',
  'kibana.alert.instance.id': 'forged-instance',
  'kibana.alert.status': 'recovered',
  'kibana.alert.rule.name': 'forged rule',
  'kibana.alert.rule.uuid': 'forged-rule',
  'kibana.alert.rule.parameters': { forged: true },
  'kibana.space_ids': ['forged-space'],
  'kibana.alert.workflow_tags': ['forged'],
  'kibana.alert.last_detected': '1999-01-01T00:00:00.000Z',
  event: { action: 'forged', original: 'forged', category: ['process'] },
  data_stream: { dataset: 'forged' },
  'kibana.alert.reason': 'kept reason',
  'host_test.value': 'kept value',
};

describeWithElasticsearch('the host alerting framework', () => {
  let client: Client;
  let alerting: FakeAlerting;

  const createRule = async (typeId: string): Promise<string> =>
    (
      await alerting.rulesClient.create({
        data: {
          name: `rule ${typeId}`,
          alertTypeId: typeId,
          consumer: FEATURE,
          enabled: true,
          tags: ['t'],
          params: { p: 1 },
          schedule: { interval: '5m' },
          actions: [],
        },
      })
    ).id;

  const storedAlerts = async (ruleId: string) =>
    (
      await client.search<Record<string, unknown>>({
        index: alerting.alertsAlias('forging'),
        query: { term: { 'kibana.alert.rule.uuid': ruleId } },
        size: 10,
      })
    ).hits.hits.map((hit) => ({
      id: hit._id,
      source: hit._source ?? {},
    }));

  beforeAll(() => {
    client = createEsClient({ url: esTestUrl() });
    alerting = new FakeAlerting(client, silent, SPACE);
    alerting.features.push({
      id: FEATURE,
      name: 'x',
      category: { id: 'x', label: 'x' },
      app: [],
      privileges: null,
      alerting: [
        { ruleTypeId: 'forging', consumers: [FEATURE] },
        { ruleTypeId: 'failing', consumers: [FEATURE] },
        { ruleTypeId: 'silent', consumers: [FEATURE] },
      ],
    });
    alerting.setup.registerType(
      ruleType('forging', (alerts) =>
        alerts.report({ id: 'instance-1', actionGroup: 'default', payload: FORGED_PAYLOAD })
      ) as never
    );
    alerting.setup.registerType(
      ruleType('failing', (alerts) => {
        alerts.report({ id: 'instance-1', actionGroup: 'default', payload: {} });
        throw new Error('executor failed');
      }) as never
    );
    alerting.setup.registerType(
      ruleType('silent', (alerts) => {
        alerts.getAlertLimitValue();
        alerts.report({ id: 'instance-1', actionGroup: 'default', payload: {} });
      }) as never
    );
  });

  afterAll(async () => {
    await client.indices.delete({
      index: `.internal.alerts-${CONTEXT}.alerts-${SPACE}-*`,
      ignore_unavailable: true,
      allow_no_indices: true,
      expand_wildcards: 'all',
    });
    await client.close();
  });

  it('installs the alerts index behind the space alias', async () => {
    await createRule('forging');
    expect(alerting.alertsAlias('forging')).toBe(`.alerts-${CONTEXT}.alerts-${SPACE}`);
    const aliases = await client.indices.getAlias({ name: alerting.alertsAlias('forging') });
    expect(Object.keys(aliases)).toEqual([`.internal.alerts-${CONTEXT}.alerts-${SPACE}-000001`]);
  });

  it('never stores a payload field the framework owns: the framework writes its own value', async () => {
    const ruleId = await createRule('forging');
    const outcome = await alerting.runRule(ruleId, STARTED_AT);
    expect(outcome).toEqual({ newAlerts: 1, warnings: [], errors: [] });
    const [alert] = await storedAlerts(ruleId);
    const source = alert?.source ?? {};
    expect(alert?.id).toBe(source['kibana.alert.uuid']);
    expect(source).toMatchObject({
      '@timestamp': STARTED_AT.toISOString(),
      'kibana.alert.instance.id': 'instance-1',
      'kibana.alert.status': 'active',
      'kibana.alert.rule.name': 'rule forging',
      'kibana.alert.rule.uuid': ruleId,
      'kibana.alert.rule.parameters': { p: 1 },
      'kibana.space_ids': [SPACE],
      'event.action': 'open',
      'kibana.alert.reason': 'kept reason',
      'host_test.value': 'kept value',
      event: { category: ['process'] },
    });
    expect(source['kibana.alert.uuid']).not.toBe('forged-uuid');
    for (const owned of ['kibana.alert.workflow_tags', 'kibana.alert.last_detected'])
      expect(source).not.toHaveProperty([owned]);
    // lodash `omit` leaves the emptied parent object behind.
    expect(source.data_stream).toEqual({});
    expect(JSON.stringify(source)).not.toContain('forged');
  });

  it('writes nothing for a failed run and reports the error', async () => {
    const ruleId = await createRule('failing');
    expect(await alerting.runRule(ruleId, STARTED_AT)).toEqual({
      newAlerts: 0,
      warnings: [],
      errors: ['executor failed'],
    });
    expect(await storedAlerts(ruleId)).toEqual([]);
  });

  it('fails a run that asked for the alert limit and never said whether it was reached', async () => {
    const ruleId = await createRule('silent');
    const outcome = await alerting.runRule(ruleId, STARTED_AT);
    expect(outcome.errors).toEqual([
      'Rule has not reported whether alert limit has been reached after requesting limit value!',
    ]);
    expect(outcome.newAlerts).toBe(0);
  });
});
