/**
 * Alert field names. The `kibana.*` names are the ones Security Solution's alerts-as-data writes
 * (docs/new_terms.md#alert-document), so alerts from this engine read the same in Kibana, in our
 * UI and in any Elasticsearch query. Kibana defines them in `@kbn/rule-data-utils`
 * (kbn-rule-data-utils/src/default_alerts_as_data.ts, technical_field_names.ts) and in
 * x-pack/solutions/security/plugins/security_solution/common/field_maps/field_names.ts. Fields
 * Kibana has no name for live under `container_threat_detection.*`, outside `kibana.*` and every
 * ECS field set, so they can never collide with a field Kibana or ECS defines.
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
/** Where Kibana (8.19+) copies the source's `data_stream.*` (field_maps/8.19.0/alerts.ts). */
export const ALERT_ORIGINAL_DATA_STREAM = 'kibana.alert.original_data_stream';
export const ALERT_ANCESTORS = 'kibana.alert.ancestors';
export const ALERT_DEPTH = 'kibana.alert.depth';
export const ALERT_NEW_TERMS = 'kibana.alert.new_terms';
export const ALERT_START = 'kibana.alert.start';
export const ALERT_LAST_DETECTED = 'kibana.alert.last_detected';
/** Alert suppression (Kibana: rule registry's technical fields). */
export const ALERT_INSTANCE_ID = 'kibana.alert.instance.id';
export const ALERT_SUPPRESSION_TERMS = 'kibana.alert.suppression.terms';
export const ALERT_SUPPRESSION_START = 'kibana.alert.suppression.start';
export const ALERT_SUPPRESSION_END = 'kibana.alert.suppression.end';
export const ALERT_SUPPRESSION_DOCS_COUNT = 'kibana.alert.suppression.docs_count';
export const ALERT_INTENDED_TIMESTAMP = 'kibana.alert.intended_timestamp';
export const ALERT_BUILDING_BLOCK_TYPE = 'kibana.alert.building_block_type';
export const ALERT_URL = 'kibana.alert.url';
export const KIBANA_VERSION = 'kibana.version';
export const SPACE_IDS = 'kibana.space_ids';

export const ALERT_RULE_PREFIX = 'kibana.alert.rule.';
export const ALERT_RULE_UUID = 'kibana.alert.rule.uuid';
export const ALERT_RULE_RULE_ID = 'kibana.alert.rule.rule_id';
export const ALERT_RULE_NAME = 'kibana.alert.rule.name';
export const ALERT_RULE_PARAMETERS = 'kibana.alert.rule.parameters';
export const ALERT_RULE_THREAT = 'kibana.alert.rule.threat';
export const ALERT_RULE_TYPE = 'kibana.alert.rule.type';
export const ALERT_RULE_ACTIONS = 'kibana.alert.rule.actions';
export const ALERT_RULE_AUTHOR = 'kibana.alert.rule.author';
export const ALERT_RULE_CATEGORY = 'kibana.alert.rule.category';
export const ALERT_RULE_CONSUMER = 'kibana.alert.rule.consumer';
export const ALERT_RULE_CREATED_AT = 'kibana.alert.rule.created_at';
export const ALERT_RULE_CREATED_BY = 'kibana.alert.rule.created_by';
export const ALERT_RULE_DESCRIPTION = 'kibana.alert.rule.description';
export const ALERT_RULE_ENABLED = 'kibana.alert.rule.enabled';
export const ALERT_RULE_EXCEPTIONS_LIST = 'kibana.alert.rule.exceptions_list';
export const ALERT_RULE_FALSE_POSITIVES = 'kibana.alert.rule.false_positives';
export const ALERT_RULE_FROM = 'kibana.alert.rule.from';
export const ALERT_RULE_IMMUTABLE = 'kibana.alert.rule.immutable';
export const ALERT_RULE_INDICES = 'kibana.alert.rule.indices';
export const ALERT_RULE_INTERVAL = 'kibana.alert.rule.interval';
export const ALERT_RULE_LICENSE = 'kibana.alert.rule.license';
export const ALERT_RULE_MAX_SIGNALS = 'kibana.alert.rule.max_signals';
export const ALERT_RULE_NOTE = 'kibana.alert.rule.note';
export const ALERT_RULE_PRODUCER = 'kibana.alert.rule.producer';
export const ALERT_RULE_REFERENCES = 'kibana.alert.rule.references';
export const ALERT_RULE_REVISION = 'kibana.alert.rule.revision';
export const ALERT_RULE_RISK_SCORE = 'kibana.alert.rule.risk_score';
export const ALERT_RULE_RISK_SCORE_MAPPING = 'kibana.alert.rule.risk_score_mapping';
export const ALERT_RULE_SEVERITY = 'kibana.alert.rule.severity';
export const ALERT_RULE_SEVERITY_MAPPING = 'kibana.alert.rule.severity_mapping';
export const ALERT_RULE_TAGS = 'kibana.alert.rule.tags';
export const ALERT_RULE_TIMESTAMP_OVERRIDE = 'kibana.alert.rule.timestamp_override';
export const ALERT_RULE_TO = 'kibana.alert.rule.to';
export const ALERT_RULE_TYPE_ID = 'kibana.alert.rule.rule_type_id';
export const ALERT_RULE_UPDATED_AT = 'kibana.alert.rule.updated_at';
export const ALERT_RULE_UPDATED_BY = 'kibana.alert.rule.updated_by';
export const ALERT_RULE_VERSION = 'kibana.alert.rule.version';
export const ALERT_RULE_EXECUTION_UUID = 'kibana.alert.rule.execution.uuid';
export const ALERT_RULE_EXECUTION_TYPE = 'kibana.alert.rule.execution.type';
export const ALERT_RULE_EXECUTION_TIMESTAMP = 'kibana.alert.rule.execution.timestamp';

/**
 * Why the alert fired, for the investigation page: Kibana keeps none of this on the alert. (Not to
 * be confused with Kibana's own `ALERT_NEW_TERMS_FIELDS` constant, which names the rule parameter
 * `kibana.alert.rule.parameters.new_terms_fields`; we write that one too, inside the parameters.)
 */
export const ALERT_TERM_FIRST_SEEN = 'container_threat_detection.new_terms.first_seen';
export const ALERT_WINDOW_START = 'container_threat_detection.new_terms.window_start';
export const ALERT_WINDOW_END = 'container_threat_detection.new_terms.window_end';
export const ALERT_HISTORY_START = 'container_threat_detection.new_terms.history_window_start';
export const ALERT_NEW_TERMS_FIELDS = 'container_threat_detection.new_terms.fields';
/**
 * Analysts' notes on an alert, kept in the alert itself (Kibana keeps its notes as saved objects,
 * outside the alert): `{ id, text, author, created_at }` objects, oldest first.
 */
export const ALERT_NOTES = 'container_threat_detection.notes';
