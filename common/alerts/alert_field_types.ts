/**
 * The field types of the alerts index: the alert fields it maps explicitly, and how it maps every
 * other field (the copied event fields) dynamically. Elasticsearch's alerts index is created from
 * these, and a KQL query over alerts is compiled and matched against them in both stores, so a
 * query means the same thing whichever store answers it. Pure data: the browser reads the names.
 */
import type { EsFieldType, FieldSpec, FieldTypeMap } from '../ecs/field_types';
import * as F from './field_names';

/** Keywords longer than this are kept in `_source` but not indexed (explicit and dynamic ones). */
export const ALERT_KEYWORD_IGNORE_ABOVE = 1024;

const keyword = (name: string): FieldSpec => ({
  name,
  type: 'keyword',
  ignoreAbove: ALERT_KEYWORD_IGNORE_ABOVE,
});
const typed = (name: string, type: EsFieldType): FieldSpec => ({ name, type });

/**
 * Explicitly mapped alert fields. Everything else is mapped dynamically as the events index maps
 * unknown fields (value_coercion.ts): strings as keywords, every number a double, no date
 * detection, which is what the in-process matcher assumes for a field no mapping names.
 */
export const ALERT_FIELD_SPECS: readonly FieldSpec[] = [
  typed('@timestamp', 'date'),
  keyword(F.ALERT_UUID),
  keyword(F.ALERT_STATUS),
  keyword(F.ALERT_WORKFLOW_STATUS),
  keyword(F.ALERT_WORKFLOW_REASON),
  keyword(F.ALERT_WORKFLOW_USER),
  typed(F.ALERT_WORKFLOW_STATUS_UPDATED_AT, 'date'),
  keyword(F.ALERT_WORKFLOW_TAGS),
  keyword(F.ALERT_WORKFLOW_ASSIGNEE_IDS),
  keyword(F.ALERT_SEVERITY),
  typed(F.ALERT_RISK_SCORE, 'float'),
  typed(F.ALERT_REASON, 'text'),
  typed(F.ALERT_ORIGINAL_TIME, 'date'),
  keyword(F.ALERT_NEW_TERMS),
  typed(F.ALERT_START, 'date'),
  typed(F.ALERT_LAST_DETECTED, 'date'),
  keyword(F.ALERT_INSTANCE_ID),
  keyword(`${F.ALERT_SUPPRESSION_TERMS}.field`),
  keyword(`${F.ALERT_SUPPRESSION_TERMS}.value`),
  typed(F.ALERT_SUPPRESSION_START, 'date'),
  typed(F.ALERT_SUPPRESSION_END, 'date'),
  typed(F.ALERT_SUPPRESSION_DOCS_COUNT, 'long'),
  typed(F.ALERT_INTENDED_TIMESTAMP, 'date'),
  typed(F.ALERT_DEPTH, 'long'),
  keyword(F.SPACE_IDS),
  keyword(F.ALERT_RULE_UUID),
  keyword(F.ALERT_RULE_RULE_ID),
  keyword(F.ALERT_RULE_NAME),
  keyword(F.ALERT_RULE_TYPE),
  { ...typed(F.ALERT_RULE_PARAMETERS, 'flattened'), ignoreAbove: ALERT_KEYWORD_IGNORE_ABOVE },
  keyword(F.ALERT_RULE_EXECUTION_UUID),
  typed(F.ALERT_TERM_FIRST_SEEN, 'date'),
  typed(F.ALERT_WINDOW_START, 'date'),
  typed(F.ALERT_WINDOW_END, 'date'),
  typed(F.ALERT_HISTORY_START, 'date'),
  keyword(F.ALERT_NEW_TERMS_FIELDS),
  keyword('host.name'),
  keyword('container.id'),
  keyword(`${F.ALERT_NOTES}.id`),
  keyword(`${F.ALERT_NOTES}.author`),
  typed(`${F.ALERT_NOTES}.created_at`, 'date'),
  // Searched by words; a note is longer than a keyword indexes.
  typed(`${F.ALERT_NOTES}.text`, 'text'),
];

const byName = new Map(ALERT_FIELD_SPECS.map((spec) => [spec.name, spec]));
const sortedNames = [...byName.keys()].sort();

const ALERT_FIELD_TYPES: FieldTypeMap = {
  get: (field) => byName.get(field),
  names: () => sortedNames,
};

/** The explicit alert fields as a FieldTypeMap (dynamic fields are, as in a mapping, absent). */
export const alertFieldTypes = (): FieldTypeMap => ALERT_FIELD_TYPES;
