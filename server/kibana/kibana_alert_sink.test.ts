/**
 * What the sink reports is what Kibana stores: the payload carries no field the alerting framework
 * strips (checked with the Kibana test host's strip, which follows Kibana's
 * strip_framework_fields.ts), and the sink always answers the framework's alert-limit question, as
 * Kibana fails the run otherwise.
 */
import type { ElasticsearchClient } from '@kbn/core/server';
import * as F from '../../common/alerts/field_names';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { HostAlertsClient } from '../../test/kibana_host/alerts_client';
import type { AnyRuleType } from '../../test/kibana_host/rule_type_registry';
import { stripFrameworkFields } from '../../test/kibana_host/strip_framework_fields';
import { buildNewTermsAlert } from '../new_terms/build_alert';
import { KibanaAlertSink, toPayload } from './kibana_alert_sink';
import { createNewTermsRuleType } from './new_terms_rule_type';

const MINUTE = 60_000;
const STARTED_AT = Date.parse('2025-01-01T00:00:00.000Z');
const [DEFINITION] = PREBUILT_RULES;

const alertFor = (processName: string) => {
  if (DEFINITION === undefined) throw new Error('no prebuilt rule');
  const source = {
    '@timestamp': new Date(STARTED_AT - MINUTE).toISOString(),
    event: {
      id: `evt-${processName}`,
      kind: 'event',
      category: ['process'],
      type: ['start'],
      action: 'exec',
      original: '{"raw":true}',
    },
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'default' },
    process: { name: processName },
    container: { id: 'c1' },
    tags: ['from-source'],
  };
  return buildNewTermsAlert(
    {
      rule: { uuid: 'rule-uuid', spaceId: 'default', definition: DEFINITION },
      executionId: 'exec-1',
      startedAt: STARTED_AT,
      window: { from: STARTED_AT - 5 * MINUTE, to: STARTED_AT },
      historyStart: STARTED_AT - 7 * 24 * 60 * MINUTE,
    },
    {
      term: [processName],
      event: {
        index: 'logs-endpoint.events.process-default',
        id: `evt-${processName}`,
        source,
        timestamp: STARTED_AT - MINUTE,
      },
      firstSeen: STARTED_AT - MINUTE,
    }
  );
};

const alertsClient = (maxAlerts: number) =>
  new HostAlertsClient(
    createNewTermsRuleType() as unknown as AnyRuleType,
    {
      id: 'rule-uuid',
      name: 'r',
      consumer: 'c',
      tags: [],
      parameters: {},
      revision: 0,
      spaceId: 'default',
      executionId: 'exec-1',
    },
    new Map(),
    new Date(STARTED_AT).toISOString(),
    '9.2.0',
    maxAlerts
  );

describe('the Kibana alert sink', () => {
  it('reports nothing the framework would strip, so the stored alert keeps every field it reports', () => {
    const payload = toPayload(alertFor('bash'));
    expect(stripFrameworkFields(payload)).toEqual(payload);
    expect(payload).not.toHaveProperty([F.ALERT_UUID]);
    expect(payload).not.toHaveProperty([F.ALERT_RULE_PARAMETERS]);
    expect(payload.event).toEqual({ id: 'evt-bash', category: ['process'], type: ['start'] });
    expect(payload).toMatchObject({
      [F.ALERT_REASON]: expect.any(String) as unknown,
      [F.ALERT_SEVERITY]: DEFINITION?.severity,
      [F.ALERT_RULE_RULE_ID]: DEFINITION?.rule_id,
      [F.ALERT_NEW_TERMS]: ['bash'],
      [`${F.ALERT_ORIGINAL_EVENT}.action`]: 'exec',
      tags: ['from-source'],
    });
  });

  it('answers whether the alert limit was reached after asking for it', async () => {
    const client = alertsClient(10);
    const sink = new KibanaAlertSink(client, {} as ElasticsearchClient, '.alerts-x');
    expect(await sink.create([alertFor('bash'), alertFor('sh')])).toHaveLength(2);
    expect(() => client.checkLimitUsage()).not.toThrow();
    expect(client.hasReachedAlertLimit()).toBe(false);
  });

  it('stops at the limit without exceeding it and tells the framework', async () => {
    const client = alertsClient(1);
    const sink = new KibanaAlertSink(client, {} as ElasticsearchClient, '.alerts-x');
    expect(await sink.create([alertFor('bash'), alertFor('sh')])).toHaveLength(1);
    expect(client.hasReachedAlertLimit()).toBe(true);
    expect(() => client.checkLimitUsage()).not.toThrow();
    expect(client.alertWrites()).toHaveLength(1);
  });
});
