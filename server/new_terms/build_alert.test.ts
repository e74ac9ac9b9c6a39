/**
 * The alert document of `buildNewTermsAlert`, field by field against what Security Solution writes
 * for a new_terms alert. Each test names, beside its checks, the Kibana file it follows. Paths are
 * in elastic/kibana, abbreviated as in docs/new_terms.md:
 *   SEC = x-pack/solutions/security/plugins/security_solution
 *   NT  = SEC/server/lib/detection_engine/rule_types/new_terms
 *   FU  = SEC/server/lib/detection_engine/rule_types/factories/utils
 *   RR  = x-pack/platform/plugins/shared/rule_registry/server/utils
 */
import objectHash from 'object-hash';
import * as F from '../../common/alerts/field_names';
import type { AlertDocument } from '../../common/alerts/alert_document';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import {
  ALERT_PRODUCER,
  buildNewTermsAlert,
  NEW_TERMS_RULE_TYPE_ID,
  type AlertBuildContext,
} from './build_alert';
import type { SourceEvent, TermTuple } from './types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const STARTED_AT = Date.parse('2025-03-12T12:00:00.000Z');
const EVENT_TIME = STARTED_AT - 2 * MINUTE;
const INDEX = '.ds-logs-endpoint.events.process-default-2025.03.12-000001';
const EVENT_ID = 'Yq3ue6XdoYqkAV3m0001';
const RULE_UUID = 'b1f6f4d2-3c1a-4c9e-9a57-0f1f8a6d2e11';
const SPACE = 'soc';
const EXECUTION_ID = 'e7d0c1a2-9f3b-4b6e-8d21-5a4c3b2a1f00';
const CUSTOM_RULE_ID = 'd9b7a0c3-1e2f-4a5b-8c6d-7e8f9a0b1c2d';

const prebuilt = (): NewTermsRuleDefinition => {
  const [definition] = PREBUILT_RULES;
  if (definition === undefined) throw new Error('the catalog has no prebuilt rule');
  return definition;
};

/** An Elastic Defend process event as the stores return its `_source`. */
const defendEvent = (): Record<string, unknown> => ({
  '@timestamp': new Date(EVENT_TIME).toISOString(),
  event: {
    id: 'evt-1',
    kind: 'event',
    category: ['process'],
    type: ['start'],
    action: 'exec',
    dataset: 'endpoint.events.process',
    module: 'endpoint',
    ingested: new Date(EVENT_TIME + 1000).toISOString(),
  },
  data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'default' },
  host: { name: 'node-1', os: { type: 'linux' } },
  user: { name: 'root' },
  process: {
    name: 'nc',
    interactive: true,
    parent: { name: 'bash' },
    entry_leader: { entry_meta: { type: 'container' } },
  },
  container: { id: 'c0ffee' },
});

interface BuildOptions {
  readonly source?: Record<string, unknown>;
  readonly definition?: NewTermsRuleDefinition;
  readonly term?: TermTuple;
}

const contextFor = (definition: NewTermsRuleDefinition): AlertBuildContext => ({
  rule: { uuid: RULE_UUID, spaceId: SPACE, definition },
  executionId: EXECUTION_ID,
  startedAt: STARTED_AT,
  window: { from: STARTED_AT - 9 * MINUTE, to: STARTED_AT },
  historyStart: STARTED_AT - 14 * DAY,
});

const eventOf = (source: Record<string, unknown>): SourceEvent => ({
  index: INDEX,
  id: EVENT_ID,
  source,
  timestamp: EVENT_TIME,
});

const build = (options: BuildOptions = {}): AlertDocument =>
  buildNewTermsAlert(contextFor(options.definition ?? prebuilt()), {
    term: options.term ?? ['nc'],
    event: eventOf(options.source ?? defendEvent()),
    firstSeen: EVENT_TIME,
  });

const field = (alert: AlertDocument, name: string): unknown => alert[name];
const EXECUTION_START = new Date(STARTED_AT).toISOString();

describe('buildNewTermsAlert, field by field against Security Solution', () => {
  it('dates the alert at the execution start, as a scheduled run', () => {
    const alert = build();
    // FU/build_alert.ts: TIMESTAMP; ALERT_INTENDED_TIMESTAMP = the timestamp when not a manual run;
    // ALERT_RULE_EXECUTION_TYPE = 'scheduled' without an intended timestamp. Kibana reads the clock
    // where we use the execution start.
    expect(field(alert, '@timestamp')).toBe(EXECUTION_START);
    expect(field(alert, F.ALERT_INTENDED_TIMESTAMP)).toBe(EXECUTION_START);
    expect(field(alert, F.ALERT_RULE_EXECUTION_TYPE)).toBe('scheduled');
    // RR/create_persistence_rule_type_wrapper.ts (augmentAlerts): start, last_detected and
    // execution.timestamp are the write time.
    expect(field(alert, F.ALERT_START)).toBe(EXECUTION_START);
    expect(field(alert, F.ALERT_LAST_DETECTED)).toBe(EXECUTION_START);
    expect(field(alert, F.ALERT_RULE_EXECUTION_TIMESTAMP)).toBe(EXECUTION_START);
    // RR/get_common_alert_fields.ts: ALERT_RULE_EXECUTION_UUID = the execution id.
    expect(field(alert, F.ALERT_RULE_EXECUTION_UUID)).toBe(EXECUTION_ID);
  });

  it('is an event of kind signal, and the source’s own event.kind is dropped, dotted or nested', () => {
    // FU/build_alert.ts: EVENT_KIND = 'signal'. FU/transform_hit_to_alert.ts: an existing
    // `event.kind` is unset before the alert fields are merged in.
    const nested = build();
    expect(field(nested, 'event.kind')).toBe('signal');
    expect(field(nested, 'event')).not.toHaveProperty('kind');
    const dotted = build({ source: { ...defendEvent(), 'event.kind': 'event' } });
    expect(field(dotted, 'event.kind')).toBe('signal');
  });

  it('belongs to the rule’s space', () => {
    // FU/build_alert.ts: SPACE_IDS = [spaceId].
    expect(field(build(), F.SPACE_IDS)).toEqual([SPACE]);
  });

  it('has the id Kibana computes: object-hash of index, id, version, space:rule and the terms', () => {
    // NT/wrap_new_terms_alerts.ts: objectHash([_index, _id, String(_version), `${spaceId}:${alertId}`,
    // newTerms]). NT/build_new_terms_aggregation.ts: the top_hits never ask for _version, so it is
    // the string "undefined".
    const alert = build({ term: ['nc'] });
    const expected = objectHash([INDEX, EVENT_ID, 'undefined', `${SPACE}:${RULE_UUID}`, ['nc']]);
    expect(field(alert, F.ALERT_UUID)).toBe(expected);
    // NT/wrap_new_terms_alerts.test.ts: the same layout gives Kibana's own expected id for its mock
    // hit (index myFakeSignalIndex, _version 1) and rule 04128c15-….
    const kibanaVector = objectHash([
      'myFakeSignalIndex',
      'd5e8eb51-a6a0-456d-8a15-4b79bfec3d71',
      '1',
      'default:04128c15-0d1b-4716-a4c5-46997ac7f3bd',
      ['127.0.0.1'],
    ]);
    expect(kibanaVector).toBe('a36d9fe6fe4b2f65058fb1a487733275f811af58');
  });

  it('starts active and open, untagged and unassigned, with no workflow change recorded', () => {
    const alert = build();
    // FU/build_alert.ts: ALERT_STATUS active, ALERT_WORKFLOW_STATUS open, ALERT_WORKFLOW_TAGS [],
    // ALERT_WORKFLOW_ASSIGNEE_IDS []; workflow_reason/_user/_status_updated_at are set on triage only.
    expect(alert).toMatchObject({
      [F.ALERT_STATUS]: 'active',
      [F.ALERT_WORKFLOW_STATUS]: 'open',
      [F.ALERT_WORKFLOW_TAGS]: [],
      [F.ALERT_WORKFLOW_ASSIGNEE_IDS]: [],
    });
    expect(alert).not.toHaveProperty([F.ALERT_WORKFLOW_REASON]);
    expect(alert).not.toHaveProperty([F.ALERT_WORKFLOW_USER]);
    expect(alert).not.toHaveProperty([F.ALERT_WORKFLOW_STATUS_UPDATED_AT]);
  });

  it('descends from the source event: one ancestor of type event at depth 0, without a rule', () => {
    const alert = build();
    // FU/build_alert.ts buildParent: { id, type: 'event', index, depth: 0, rule: undefined };
    // depth = max parent depth + 1 (FU/build_alert.test.ts "builds a parent … does not exist").
    expect(field(alert, F.ALERT_ANCESTORS)).toStrictEqual([
      { id: EVENT_ID, type: 'event', index: INDEX, depth: 0 },
    ]);
    expect(field(alert, F.ALERT_DEPTH)).toBe(1);
  });

  it('descends from an alert source through that alert’s own ancestors', () => {
    const ancestor = { id: 'evt-0', type: 'event', index: 'logs-a', depth: 0 };
    const source = {
      ...defendEvent(),
      [F.ALERT_UUID]: 'parent-alert',
      [F.ALERT_DEPTH]: 1,
      [F.ALERT_RULE_UUID]: 'parent-rule',
      [F.ALERT_ANCESTORS]: [ancestor],
    };
    const alert = build({ source });
    // FU/build_alert.ts buildParent/buildAncestors: a source with kibana.alert.uuid is a 'signal'
    // parent with its depth and rule, appended to its own ancestors (FU/build_alert.test.ts).
    expect(field(alert, F.ALERT_ANCESTORS)).toStrictEqual([
      ancestor,
      { id: EVENT_ID, type: 'signal', index: INDEX, depth: 1, rule: 'parent-rule' },
    ]);
    expect(field(alert, F.ALERT_DEPTH)).toBe(2);
  });

  it('reads a legacy signal parent from signal.*', () => {
    const ancestor = { id: 'evt-0', type: 'event', index: 'logs-a', depth: 0 };
    const source = {
      ...defendEvent(),
      signal: { depth: 1, rule: { id: 'legacy-rule' }, ancestors: [ancestor] },
    };
    // FU/build_alert.ts + rule_types/utils/utils.ts getField/racFieldMappings: signal.depth,
    // signal.rule.id and signal.ancestors stand in for the kibana.alert fields.
    expect(field(build({ source }), F.ALERT_ANCESTORS)).toStrictEqual([
      ancestor,
      { id: EVENT_ID, type: 'signal', index: INDEX, depth: 1, rule: 'legacy-rule' },
    ]);
  });

  it('keeps the source time as an ISO date in original_time', () => {
    const source = { ...defendEvent(), '@timestamp': '2025-03-12T11:58:00.123456789+01:00' };
    // rule_types/utils/utils.ts getValidDateFromDoc: @timestamp parsed to a Date, toISOString().
    expect(field(build({ source }), F.ALERT_ORIGINAL_TIME)).toBe('2025-03-12T10:58:00.123Z');
    expect(field(build(), F.ALERT_ORIGINAL_TIME)).toBe(new Date(EVENT_TIME).toISOString());
    // Kibana leaves the field out without a valid @timestamp; we keep the event's ordering time.
    const { '@timestamp': _dropped, ...withoutTimestamp } = defendEvent();
    expect(field(build({ source: withoutTimestamp }), F.ALERT_ORIGINAL_TIME)).toBe(
      new Date(EVENT_TIME).toISOString()
    );
  });

  it('copies every event.* leaf to kibana.alert.original_event, arrays kept, kind included', () => {
    const source = {
      ...defendEvent(),
      'event.outcome': 'success',
      event: { ...(defendEvent().event as object), custom: { flag: true } },
    };
    const alert = build({ source });
    // FU/traverse_and_mutate_doc.ts: alertingNamespaceCopyMap event → ALERT_ORIGINAL_EVENT, each
    // value flattened with flattenWithPrefix (objects become dotted keys, arrays stay arrays), before
    // transform_hit_to_alert.ts unsets event.kind.
    const copies = Object.fromEntries(
      Object.entries(alert).filter(([name]) => name.startsWith(`${F.ALERT_ORIGINAL_EVENT}.`))
    );
    expect(copies).toStrictEqual({
      'kibana.alert.original_event.id': 'evt-1',
      'kibana.alert.original_event.kind': 'event',
      'kibana.alert.original_event.category': ['process'],
      'kibana.alert.original_event.type': ['start'],
      'kibana.alert.original_event.action': 'exec',
      'kibana.alert.original_event.dataset': 'endpoint.events.process',
      'kibana.alert.original_event.module': 'endpoint',
      'kibana.alert.original_event.ingested': new Date(EVENT_TIME + 1000).toISOString(),
      'kibana.alert.original_event.custom.flag': true,
      'kibana.alert.original_event.outcome': 'success',
    });
  });

  it('copies data_stream.* to kibana.alert.original_data_stream', () => {
    const alert = build();
    // FU/traverse_and_mutate_doc.ts: data_stream → ALERT_ORIGINAL_DATA_STREAM
    // (SEC/common/field_maps/8.19.0/alerts.ts maps the three fields).
    expect(alert).toMatchObject({
      'kibana.alert.original_data_stream.type': 'logs',
      'kibana.alert.original_data_stream.dataset': 'endpoint.events.process',
      'kibana.alert.original_data_stream.namespace': 'default',
      data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'default' },
    });
  });

  it('copies the source without kibana.*, signal and threshold_result, and without empty values', () => {
    const source = {
      ...defendEvent(),
      kibana: { alert: { severity: 'low' } },
      'kibana.space_ids': ['other'],
      signal: { status: 'open' },
      threshold_result: { count: 3 },
      process: { name: 'nc', args: [], parent: {}, env: [[], { a: [] }, 'X=1'] },
      labels: {},
    };
    const alert = build({ source });
    // FU/traverse_and_mutate_doc.ts: bannedFields ['kibana', 'signal', 'threshold_result', …]
    // remove every top-level key of those namespaces; empty arrays and objects are deleted.
    expect(alert).not.toHaveProperty('kibana');
    expect(alert).not.toHaveProperty('signal');
    expect(alert).not.toHaveProperty('threshold_result');
    expect(alert).not.toHaveProperty('labels');
    expect(field(alert, F.SPACE_IDS)).toEqual([SPACE]);
    expect(field(alert, F.ALERT_SEVERITY)).toBe(prebuilt().severity);
    expect(field(alert, 'process')).toStrictEqual({ name: 'nc', env: ['X=1'] });
    // Everything else of the source is kept as it was.
    expect(alert).toMatchObject({
      host: { name: 'node-1', os: { type: 'linux' } },
      user: { name: 'root' },
    });
  });

  it('explains itself with Kibana’s reason sentence', () => {
    // rule_types/utils/reason_formatters.ts buildReasonMessageForNewTermsAlert (alert_reason.test.ts
    // checks the sentence in detail).
    expect(field(build(), F.ALERT_REASON)).toBe(
      'process event with process nc, parent process bash, by root on node-1' +
        ` created medium alert ${prebuilt().name}.`
    );
  });

  it('takes severity and risk score from the rule, on the alert and in the rule snapshot', () => {
    const alert = build();
    // FU/build_alert.ts: ALERT_SEVERITY/ALERT_RISK_SCORE (no overrides: the rule's),
    // kibana.alert.rule.severity / risk_score.
    expect(alert).toMatchObject({
      [F.ALERT_SEVERITY]: 'medium',
      [F.ALERT_RISK_SCORE]: 47,
      [F.ALERT_RULE_SEVERITY]: 'medium',
      [F.ALERT_RULE_RISK_SCORE]: 47,
    });
  });

  it('records the new term’s values in field order', () => {
    // NT/wrap_new_terms_alerts.ts: ALERT_NEW_TERMS = newTerms.
    expect(field(build({ term: ['nc', 'root', 7] }), F.ALERT_NEW_TERMS)).toEqual(['nc', 'root', 7]);
  });

  it('snapshots the rule parameters in snake_case as Kibana converts them', () => {
    const definition = prebuilt();
    // FU/build_alert.ts: ALERT_RULE_PARAMETERS = commonParamsCamelToSnake without output_index plus
    // typeSpecificCamelToSnake (SEC/server/lib/detection_engine/rule_management/logic/
    // detection_rules_client/converters/common_params_camel_to_snake.ts and
    // type_specific_camel_to_snake.ts, new_terms case); the [] lists are apply_rule_defaults.ts'
    // RULE_DEFAULTS; immutable/rule_source of an untouched prebuilt rule (normalize_rule_source.ts,
    // create_default_external_rule_source.ts).
    expect(field(build(), F.ALERT_RULE_PARAMETERS)).toStrictEqual({
      description: definition.description,
      risk_score: definition.risk_score,
      severity: definition.severity,
      note: definition.note,
      license: definition.license,
      timestamp_override: definition.timestamp_override,
      author: definition.author,
      false_positives: definition.false_positives,
      from: definition.from,
      rule_id: definition.rule_id,
      max_signals: definition.max_signals,
      threat: definition.threat,
      to: definition.to,
      references: definition.references,
      version: definition.version,
      exceptions_list: [],
      risk_score_mapping: [],
      severity_mapping: [],
      immutable: true,
      rule_source: {
        type: 'external',
        is_customized: false,
        customized_fields: [],
        has_base_version: true,
      },
      related_integrations: definition.related_integrations,
      required_fields: definition.required_fields,
      setup: definition.setup,
      type: 'new_terms',
      query: definition.query,
      new_terms_fields: definition.new_terms_fields,
      history_window_start: definition.history_window_start,
      index: definition.index,
      language: 'kuery',
    });
  });

  it('snapshots the rule’s fields from its definition', () => {
    const definition = prebuilt();
    const alert = build();
    // FU/build_alert.ts buildAlertFields: the kibana.alert.rule.* fields from ruleParams and
    // ruleConfig (name, tags, schedule.interval), with actions [] and Kibana's defaults for
    // exceptions_list and the risk/severity mappings.
    expect(alert).toMatchObject({
      [F.ALERT_RULE_UUID]: RULE_UUID,
      [F.ALERT_RULE_RULE_ID]: definition.rule_id,
      [F.ALERT_RULE_NAME]: definition.name,
      [F.ALERT_RULE_TYPE]: 'new_terms',
      [F.ALERT_RULE_DESCRIPTION]: definition.description,
      [F.ALERT_RULE_AUTHOR]: definition.author,
      [F.ALERT_RULE_LICENSE]: definition.license,
      [F.ALERT_RULE_NOTE]: definition.note,
      [F.ALERT_RULE_FALSE_POSITIVES]: definition.false_positives,
      [F.ALERT_RULE_REFERENCES]: definition.references,
      [F.ALERT_RULE_TAGS]: definition.tags,
      [F.ALERT_RULE_THREAT]: definition.threat,
      [F.ALERT_RULE_FROM]: definition.from,
      [F.ALERT_RULE_TO]: definition.to,
      [F.ALERT_RULE_INTERVAL]: definition.interval,
      [F.ALERT_RULE_INDICES]: definition.index,
      [F.ALERT_RULE_MAX_SIGNALS]: definition.max_signals,
      [F.ALERT_RULE_TIMESTAMP_OVERRIDE]: definition.timestamp_override,
      [F.ALERT_RULE_VERSION]: definition.version,
      [F.ALERT_RULE_IMMUTABLE]: true,
      [F.ALERT_RULE_ACTIONS]: [],
      [F.ALERT_RULE_EXCEPTIONS_LIST]: [],
      [F.ALERT_RULE_RISK_SCORE_MAPPING]: [],
      [F.ALERT_RULE_SEVERITY_MAPPING]: [],
    });
  });

  it('describes the running rule: enabled, no user, Security Solution’s consumer', () => {
    const alert = build();
    // FU/build_alert.ts: ALERT_RULE_ENABLED = ruleConfig.enabled (an executing rule is enabled),
    // ALERT_RULE_CREATED_BY/UPDATED_BY = user ?? '', ALERT_RULE_CONSUMER = SERVER_APP_ID 'siem'.
    expect(alert).toMatchObject({
      [F.ALERT_RULE_ENABLED]: true,
      [F.ALERT_RULE_CREATED_BY]: '',
      [F.ALERT_RULE_UPDATED_BY]: '',
      [F.ALERT_RULE_CONSUMER]: 'siem',
    });
  });

  it('names the rule type it ran under: Kibana’s category, our producer and rule type id', () => {
    const alert = build();
    // RR/get_common_alert_fields.ts: category = the rule type's name, which NT/create_new_terms_
    // alert_type.ts sets to 'New Terms Rule'; producer and rule_type_id are the registering rule
    // type's (Kibana: 'siem' and 'siem.newTermsRule'; here our own rule type).
    expect(alert).toMatchObject({
      [F.ALERT_RULE_CATEGORY]: 'New Terms Rule',
      [F.ALERT_RULE_PRODUCER]: ALERT_PRODUCER,
      [F.ALERT_RULE_TYPE_ID]: NEW_TERMS_RULE_TYPE_ID,
    });
  });

  it('marks a changed prebuilt rule customized and a custom rule internal and mutable', () => {
    const customizedPrebuilt = build({ definition: { ...prebuilt(), max_signals: 5 } });
    // SEC/…/rule_management/logic/detection_rules_client/mergers/rule_source/calculate_rule_source.ts
    // and calculate_is_customized.ts: a prebuilt rule_id stays external, customized when it differs.
    expect(field(customizedPrebuilt, F.ALERT_RULE_IMMUTABLE)).toBe(true);
    expect(field(customizedPrebuilt, F.ALERT_RULE_PARAMETERS)).toMatchObject({
      immutable: true,
      rule_source: { type: 'external', is_customized: true },
    });
    const custom = build({ definition: { ...prebuilt(), rule_id: CUSTOM_RULE_ID } });
    // apply_rule_defaults.ts: immutable false; create_default_internal_rule_source.ts.
    expect(field(custom, F.ALERT_RULE_IMMUTABLE)).toBe(false);
    expect(field(custom, F.ALERT_RULE_PARAMETERS)).toMatchObject({
      immutable: false,
      rule_source: { type: 'internal' },
    });
  });

  it('leaves out optional rule fields the definition does not have', () => {
    const { note: _note, license: _license, timestamp_override: _override, ...rest } = prebuilt();
    const alert = build({ definition: rest });
    // FU/build_alert.ts writes params.note/license/timestampOverride as they are: undefined is not
    // indexed.
    for (const name of [F.ALERT_RULE_NOTE, F.ALERT_RULE_LICENSE, F.ALERT_RULE_TIMESTAMP_OVERRIDE]) {
      expect(alert).not.toHaveProperty([name]);
    }
    expect(field(alert, F.ALERT_RULE_PARAMETERS)).not.toHaveProperty('note');
    expect(field(alert, F.ALERT_RULE_PARAMETERS)).not.toHaveProperty('timestamp_override');
  });

  it('writes none of the fields Kibana takes from what we do not have', () => {
    const alert = build();
    // FU/build_alert.ts: ALERT_URL needs server.publicBaseUrl (SEC/common/utils/alert_detail_path.ts
    // returns undefined without it); building_block_type, meta, namespace, rule_name_override,
    // throttle and timeline_* are undefined for a rule without them. created_at/updated_at come from
    // the rule saved object and revision/kibana.version from the framework (RR/get_common_alert_
    // fields.ts, create_persistence_rule_type_wrapper.ts): this engine keeps none of them.
    for (const name of [
      F.ALERT_URL,
      F.ALERT_BUILDING_BLOCK_TYPE,
      'kibana.alert.rule.building_block_type',
      'kibana.alert.rule.namespace',
      'kibana.alert.rule.rule_name_override',
      'kibana.alert.rule.throttle',
      'kibana.alert.rule.timeline_id',
      'kibana.alert.rule.timeline_title',
      F.ALERT_RULE_CREATED_AT,
      F.ALERT_RULE_UPDATED_AT,
      F.ALERT_RULE_REVISION,
      F.KIBANA_VERSION,
    ]) {
      expect(alert).not.toHaveProperty([name]);
    }
    expect(Object.keys(alert).some((name) => name.startsWith('kibana.alert.rule.meta'))).toBe(
      false
    );
  });

  it('adds our own why-it-fired fields outside every Kibana and ECS name', () => {
    const alert = build();
    const ours = [
      F.ALERT_NEW_TERMS_FIELDS,
      F.ALERT_TERM_FIRST_SEEN,
      F.ALERT_WINDOW_START,
      F.ALERT_WINDOW_END,
      F.ALERT_HISTORY_START,
    ];
    expect(alert).toMatchObject({
      [F.ALERT_NEW_TERMS_FIELDS]: prebuilt().new_terms_fields,
      [F.ALERT_TERM_FIRST_SEEN]: new Date(EVENT_TIME).toISOString(),
      [F.ALERT_WINDOW_START]: new Date(STARTED_AT - 9 * MINUTE).toISOString(),
      [F.ALERT_WINDOW_END]: EXECUTION_START,
      [F.ALERT_HISTORY_START]: new Date(STARTED_AT - 14 * DAY).toISOString(),
    });
    // SEC/common/field_maps/field_names.ts and @kbn/rule-data-utils keep every alert field under
    // `kibana.`; ECS (@elastic/ecs) names no `container_threat_detection` field set.
    const ecsNames = [...ecsFieldTypes().names()];
    for (const name of ours) {
      expect(name.startsWith('kibana.')).toBe(false);
      expect(ecsNames.filter((ecs) => ecs.split('.')[0] === name.split('.')[0])).toEqual([]);
    }
  });

  it('is plain JSON with no undefined value, and the same for the same inputs', () => {
    const alert = build();
    // FU/transform_hit_to_alert.ts returns a document that is indexed as JSON: undefined fields of
    // buildAlertFields never reach the index, so we never write them.
    expect(JSON.parse(JSON.stringify(alert))).toStrictEqual(alert);
    expect(build()).toStrictEqual(alert);
  });
});
