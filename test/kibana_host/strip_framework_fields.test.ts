/**
 * The host strips a reported payload exactly as Kibana's alerting framework does
 * (x-pack/platform/plugins/shared/alerting/server/alerts_client/lib/strip_framework_fields.ts over
 * alertFieldMap, @kbn/alerts-as-data-utils, main): the shared field list is pinned to Kibana's here.
 */
import {
  FRAMEWORK_STRIPPED_FIELDS,
  KIBANA_FRAMEWORK_ALERT_FIELDS,
  RULE_TYPE_SETTABLE_FRAMEWORK_FIELDS,
} from '../../server/kibana/alert_field_map';
import { stripFrameworkFields } from './strip_framework_fields';

/** Kibana's alertFieldMap has 59 fields (main, commit 027ff216); six of them a rule type may set. */
const KIBANA_FIELD_MAP_SIZE = 59;

describe('stripping framework fields from a payload', () => {
  it("uses Kibana's field map and allowed set", () => {
    expect(Object.keys(KIBANA_FRAMEWORK_ALERT_FIELDS)).toHaveLength(KIBANA_FIELD_MAP_SIZE);
    expect([...RULE_TYPE_SETTABLE_FRAMEWORK_FIELDS].sort()).toEqual(
      [
        'kibana.alert.index_pattern',
        'kibana.alert.reason',
        'kibana.alert.severity',
        'kibana.alert.url',
        'kibana.alert.workflow_status',
        'tags',
      ].sort()
    );
    expect(FRAMEWORK_STRIPPED_FIELDS).toHaveLength(
      KIBANA_FIELD_MAP_SIZE - RULE_TYPE_SETTABLE_FRAMEWORK_FIELDS.size
    );
    expect(FRAMEWORK_STRIPPED_FIELDS).toEqual(
      expect.arrayContaining([
        '@timestamp',
        'kibana.alert.uuid',
        'kibana.alert.instance.id',
        'kibana.alert.rule.parameters',
        'event.action',
        'event.kind',
        'event.original',
        'data_stream.dataset',
        'kibana.space_ids',
        'kibana.version',
        'kibana.alert.state',
      ])
    );
  });

  it('removes framework fields, flat or nested, and keeps the rest', () => {
    const payload = {
      '@timestamp': 'forged',
      'kibana.alert.uuid': 'forged',
      'kibana.alert.rule.name': 'forged',
      'kibana.alert.reason': 'kept',
      tags: ['kept'],
      event: { action: 'forged', original: 'forged', category: ['process'] },
      data_stream: { type: 'logs', dataset: 'forged', namespace: 'forged' },
      'kibana.alert.new_terms': ['kept'],
    };
    expect(stripFrameworkFields(payload)).toEqual({
      'kibana.alert.reason': 'kept',
      tags: ['kept'],
      event: { category: ['process'] },
      data_stream: {},
      'kibana.alert.new_terms': ['kept'],
    });
    expect(payload.event.action).toBe('forged');
  });

  it('follows lodash: a flat key shadows the nested path, and keys under a stripped field survive', () => {
    expect(stripFrameworkFields({ 'event.action': 'flat', event: { action: 'nested' } })).toEqual({
      event: { action: 'nested' },
    });
    expect(
      stripFrameworkFields({
        'kibana.alert.state.start': 'x',
        kibana: { alert: { state: { start: 'y' } } },
      })
    ).toEqual({
      'kibana.alert.state.start': 'x',
      kibana: { alert: {} },
    });
    expect(stripFrameworkFields(undefined)).toEqual({});
  });
});
