/**
 * Alert field names. The `kibana.*` names are the ones Security Solution's alerts-as-data writes
 * (docs/new_terms.md#alert-document), so alerts from this engine read the same in Kibana, in our
 * UI and in any Elasticsearch query. Fields Kibana has no name for live under
 * `container_threat_detection.*`.
 */
export const ALERT_UUID = 'kibana.alert.uuid';
export const ALERT_STATUS = 'kibana.alert.status';
export const ALERT_WORKFLOW_STATUS = 'kibana.alert.workflow_status';
export const ALERT_WORKFLOW_REASON = 'kibana.alert.workflow_reason';
export const ALERT_WORKFLOW_USER = 'kibana.alert.workflow_user';
export const ALERT_WORKFLOW_STATUS_UPDATED_AT = 'kibana.alert.workflow_status_updated_at';
export const ALERT_WORKFLOW_TAGS = 'kibana.alert.workflow_tags';
export const ALERT_WORKFLOW_ASSIGNEE_IDS = 'kibana.alert.workflow_assignee_ids';
export const ALERT_SEVERITY = 'kibana.alert.severity';
export const ALERT_RISK_SCORE = 'kibana.alert.risk_score';
export const ALERT_REASON = 'kibana.alert.reason';
export const ALERT_ORIGINAL_TIME = 'kibana.alert.original_time';
export const ALERT_ORIGINAL_EVENT = 'kibana.alert.original_event';
export const ALERT_ANCESTORS = 'kibana.alert.ancestors';
export const ALERT_DEPTH = 'kibana.alert.depth';
export const ALERT_NEW_TERMS = 'kibana.alert.new_terms';
export const ALERT_START = 'kibana.alert.start';
export const ALERT_LAST_DETECTED = 'kibana.alert.last_detected';
export const ALERT_INTENDED_TIMESTAMP = 'kibana.alert.intended_timestamp';
export const ALERT_BUILDING_BLOCK_TYPE = 'kibana.alert.building_block_type';
export const SPACE_IDS = 'kibana.space_ids';

export const ALERT_RULE_PREFIX = 'kibana.alert.rule.';
export const ALERT_RULE_UUID = 'kibana.alert.rule.uuid';
export const ALERT_RULE_RULE_ID = 'kibana.alert.rule.rule_id';
export const ALERT_RULE_NAME = 'kibana.alert.rule.name';
export const ALERT_RULE_PARAMETERS = 'kibana.alert.rule.parameters';
export const ALERT_RULE_THREAT = 'kibana.alert.rule.threat';
export const ALERT_RULE_TYPE = 'kibana.alert.rule.type';
export const ALERT_RULE_EXECUTION_UUID = 'kibana.alert.rule.execution.uuid';
export const ALERT_RULE_EXECUTION_TYPE = 'kibana.alert.rule.execution.type';
export const ALERT_RULE_EXECUTION_TIMESTAMP = 'kibana.alert.rule.execution.timestamp';

/** Why the alert fired, for the investigation page: Kibana keeps none of this on the alert. */
export const ALERT_TERM_FIRST_SEEN = 'container_threat_detection.new_terms.first_seen';
export const ALERT_WINDOW_START = 'container_threat_detection.new_terms.window_start';
export const ALERT_WINDOW_END = 'container_threat_detection.new_terms.window_end';
export const ALERT_HISTORY_START = 'container_threat_detection.new_terms.history_window_start';
export const ALERT_NEW_TERMS_FIELDS = 'container_threat_detection.new_terms.fields';
