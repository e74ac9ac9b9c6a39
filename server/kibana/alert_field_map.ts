/**
 * Alerts-as-data fields, from both sides of the framework boundary:
 *
 * - `KIBANA_FRAMEWORK_ALERT_FIELDS`: Kibana's own alert field map — every field the alerting
 *   framework maps and writes itself. The framework strips all of them from a payload a rule type
 *   reports, except the few in `RULE_TYPE_SETTABLE_FRAMEWORK_FIELDS`; so a rule type must never
 *   rely on reporting the others. The Kibana test host strips and maps with this same list.
 * - `NEW_TERMS_ALERT_FIELD_MAP`: the fields we write that neither that map nor ECS (`useEcs`)
 *   already maps, and that the alerts page searches or sorts on. Other payload fields (Defend's
 *   non-ECS `*.Ext` fields) stay in `_source` because the mapping is registered with
 *   `dynamic: false` rather than `strict`.
 */
import type { FieldMap } from '@kbn/alerts-as-data-utils';
import * as F from '../../common/alerts/field_names';

/** Mapping type of one framework field ('unmapped': declared but kept out of the mapping). */
export type FrameworkFieldType =
  | 'keyword'
  | 'long'
  | 'date'
  | 'boolean'
  | 'flattened'
  | 'date_range'
  | 'version'
  | 'unmapped';

/**
 * Kibana: `alertFieldMap` in src/platform/packages/shared/kbn-alerts-as-data-utils/src/field_maps/alert_field_map.ts
 * (main, commit 027ff216; names from kbn-rule-data-utils/src/default_alerts_as_data.ts). This is
 * the newest and largest version: 8.x (packages/kbn-alerts-as-data-utils/…) maps a subset, and
 * `event.original`, `data_stream.*`, `kibana.cps_scope.*`, `muted`/`snoozed`/`state` only arrive in
 * recent releases. Following the largest map strips the most, which is right for every version.
 */
export const KIBANA_FRAMEWORK_ALERT_FIELDS: Readonly<Record<string, FrameworkFieldType>> = {
  'kibana.alert.action_group': 'keyword',
  'kibana.alert.case_ids': 'keyword',
  'kibana.alert.duration.us': 'long',
  'kibana.alert.end': 'date',
  'kibana.alert.flapping': 'boolean',
  'kibana.alert.flapping_history': 'boolean',
  'kibana.alert.maintenance_window_ids': 'keyword',
  'kibana.alert.maintenance_window_names': 'keyword',
  'kibana.alert.consecutive_matches': 'long',
  'kibana.alert.pending_recovered_count': 'long',
  'kibana.alert.instance.id': 'keyword',
  'kibana.alert.last_detected': 'date',
  'kibana.alert.previous_action_group': 'keyword',
  'kibana.alert.reason': 'keyword',
  'kibana.alert.rule.category': 'keyword',
  'kibana.alert.rule.consumer': 'keyword',
  'kibana.alert.rule.execution.timestamp': 'date',
  'kibana.alert.rule.execution.type': 'keyword',
  'kibana.alert.intended_timestamp': 'date',
  'kibana.alert.rule.execution.uuid': 'keyword',
  'kibana.alert.rule.name': 'keyword',
  'kibana.alert.rule.parameters': 'flattened',
  'kibana.alert.rule.producer': 'keyword',
  'kibana.alert.rule.revision': 'long',
  'kibana.alert.rule.tags': 'keyword',
  'kibana.alert.rule.rule_type_id': 'keyword',
  'kibana.alert.rule.uuid': 'keyword',
  'kibana.alert.severity': 'keyword',
  'kibana.alert.severity_improving': 'boolean',
  'kibana.alert.start': 'date',
  'kibana.alert.status': 'keyword',
  'kibana.alert.time_range': 'date_range',
  'kibana.alert.updated_at': 'date',
  'kibana.alert.updated_by.user.id': 'keyword',
  'kibana.alert.updated_by.user.name': 'keyword',
  'kibana.alert.url': 'keyword',
  'kibana.alert.uuid': 'keyword',
  'kibana.alert.workflow_status': 'keyword',
  'kibana.alert.workflow_tags': 'keyword',
  'kibana.alert.workflow_assignee_ids': 'keyword',
  'kibana.alert.scheduled_action.date': 'keyword',
  'kibana.alert.scheduled_action.group': 'keyword',
  'kibana.alert.scheduled_action.throttling': 'unmapped',
  'event.action': 'keyword',
  'event.kind': 'keyword',
  'event.original': 'keyword',
  'data_stream.type': 'keyword',
  'data_stream.dataset': 'keyword',
  'data_stream.namespace': 'keyword',
  'kibana.space_ids': 'keyword',
  'kibana.cps_scope.expression': 'keyword',
  'kibana.cps_scope.linked_projects': 'flattened',
  tags: 'keyword',
  '@timestamp': 'date',
  'kibana.version': 'version',
  'kibana.alert.index_pattern': 'keyword',
  'kibana.alert.muted': 'boolean',
  'kibana.alert.snoozed': 'boolean',
  'kibana.alert.state': 'unmapped',
};

/**
 * Framework fields a payload may set. Kibana: `allowedFrameworkFields` in
 * x-pack/platform/plugins/shared/alerting/server/alerts_client/lib/strip_framework_fields.ts.
 */
export const RULE_TYPE_SETTABLE_FRAMEWORK_FIELDS: ReadonlySet<string> = new Set([
  'kibana.alert.reason',
  'kibana.alert.severity',
  'kibana.alert.workflow_status',
  'tags',
  'kibana.alert.url',
  'kibana.alert.index_pattern',
]);

/** What the framework removes from every reported payload (and then writes itself, or not at all). */
export const FRAMEWORK_STRIPPED_FIELDS: readonly string[] = Object.keys(
  KIBANA_FRAMEWORK_ALERT_FIELDS
).filter((field) => !RULE_TYPE_SETTABLE_FRAMEWORK_FIELDS.has(field));

const keyword = { type: 'keyword', required: false } as const;
const date = { type: 'date', required: false } as const;

export const NEW_TERMS_ALERT_FIELD_MAP: FieldMap = {
  [F.ALERT_NEW_TERMS]: { ...keyword, array: true },
  [F.ALERT_ORIGINAL_TIME]: date,
  [F.ALERT_RISK_SCORE]: { type: 'float', required: false },
  [F.ALERT_DEPTH]: { type: 'long', required: false },
  [F.ALERT_RULE_RULE_ID]: keyword,
  'kibana.alert.rule.severity': keyword,
  'kibana.alert.rule.risk_score': { type: 'float', required: false },
  'kibana.alert.rule.version': { type: 'long', required: false },
  [F.ALERT_ANCESTORS]: { type: 'object', required: false, array: true, enabled: false },
  [F.ALERT_RULE_THREAT]: { type: 'object', required: false, array: true, enabled: false },
  [`${F.ALERT_ORIGINAL_EVENT}.action`]: keyword,
  [`${F.ALERT_ORIGINAL_EVENT}.category`]: { ...keyword, array: true },
  [`${F.ALERT_ORIGINAL_EVENT}.dataset`]: keyword,
  [`${F.ALERT_ORIGINAL_EVENT}.id`]: keyword,
  [`${F.ALERT_ORIGINAL_EVENT}.ingested`]: date,
  [`${F.ALERT_ORIGINAL_EVENT}.kind`]: keyword,
  [`${F.ALERT_ORIGINAL_EVENT}.module`]: keyword,
  [`${F.ALERT_ORIGINAL_EVENT}.type`]: { ...keyword, array: true },
  [F.ALERT_TERM_FIRST_SEEN]: date,
  [F.ALERT_WINDOW_START]: date,
  [F.ALERT_WINDOW_END]: date,
  [F.ALERT_HISTORY_START]: date,
  [F.ALERT_NEW_TERMS_FIELDS]: { ...keyword, array: true },
  // Notes (the framework already maps workflow_tags and workflow_assignee_ids).
  [F.ALERT_NOTES]: { type: 'object', required: false, array: true },
  [`${F.ALERT_NOTES}.id`]: keyword,
  [`${F.ALERT_NOTES}.author`]: keyword,
  [`${F.ALERT_NOTES}.created_at`]: date,
  [`${F.ALERT_NOTES}.text`]: { type: 'text', required: false },
};
