/**
 * The alerts index of the Elasticsearch store: one index per space (`ctd-alerts-<space>`, Kibana's
 * `.alerts-security.alerts-<space>` being reserved for Kibana itself) created from a template with
 * explicit mappings for the fields the alerts page filters and sorts on. The copied event fields
 * are mapped dynamically with strings as keyword, as in ECS; rule parameters are `flattened`, as
 * Kibana maps them, so arbitrary parameter shapes never cause a mapping conflict.
 */
import type {
  IndicesPutIndexTemplateRequest,
  MappingProperty,
} from '@elastic/elasticsearch/lib/api/types';
import * as F from '../../../common/alerts/field_names';

export const ALERTS_INDEX_PREFIX = 'ctd-alerts-';
export const ALERTS_TEMPLATE_NAME = 'container-threat-detection-alerts';
const TEMPLATE_PRIORITY = 150;
const KEYWORD_IGNORE_ABOVE = 1024;

export const alertsIndexName = (spaceId: string): string =>
  `${ALERTS_INDEX_PREFIX}${spaceId.toLowerCase()}`;

const keyword: MappingProperty = { type: 'keyword', ignore_above: KEYWORD_IGNORE_ABOVE };
const date: MappingProperty = { type: 'date' };

/** Explicitly mapped alert fields, by dotted name. */
const ALERT_FIELD_MAPPINGS: Readonly<Record<string, MappingProperty>> = {
  '@timestamp': date,
  [F.ALERT_UUID]: keyword,
  [F.ALERT_STATUS]: keyword,
  [F.ALERT_WORKFLOW_STATUS]: keyword,
  [F.ALERT_WORKFLOW_REASON]: keyword,
  [F.ALERT_WORKFLOW_USER]: keyword,
  [F.ALERT_WORKFLOW_STATUS_UPDATED_AT]: date,
  [F.ALERT_WORKFLOW_TAGS]: keyword,
  [F.ALERT_WORKFLOW_ASSIGNEE_IDS]: keyword,
  [F.ALERT_SEVERITY]: keyword,
  [F.ALERT_RISK_SCORE]: { type: 'float' },
  [F.ALERT_REASON]: { type: 'text' },
  [F.ALERT_ORIGINAL_TIME]: date,
  [F.ALERT_NEW_TERMS]: keyword,
  [F.ALERT_START]: date,
  [F.ALERT_LAST_DETECTED]: date,
  [F.ALERT_INSTANCE_ID]: keyword,
  [`${F.ALERT_SUPPRESSION_TERMS}.field`]: keyword,
  [`${F.ALERT_SUPPRESSION_TERMS}.value`]: keyword,
  [F.ALERT_SUPPRESSION_START]: date,
  [F.ALERT_SUPPRESSION_END]: date,
  [F.ALERT_SUPPRESSION_DOCS_COUNT]: { type: 'long' },
  [F.ALERT_INTENDED_TIMESTAMP]: date,
  [F.ALERT_DEPTH]: { type: 'long' },
  [F.SPACE_IDS]: keyword,
  [F.ALERT_RULE_UUID]: keyword,
  [F.ALERT_RULE_RULE_ID]: keyword,
  [F.ALERT_RULE_NAME]: keyword,
  [F.ALERT_RULE_TYPE]: keyword,
  [F.ALERT_RULE_PARAMETERS]: { type: 'flattened', ignore_above: KEYWORD_IGNORE_ABOVE },
  [F.ALERT_RULE_EXECUTION_UUID]: keyword,
  [F.ALERT_TERM_FIRST_SEEN]: date,
  [F.ALERT_WINDOW_START]: date,
  [F.ALERT_WINDOW_END]: date,
  [F.ALERT_HISTORY_START]: date,
  [F.ALERT_NEW_TERMS_FIELDS]: keyword,
  'host.name': keyword,
  'container.id': keyword,
};

type Properties = Record<string, MappingProperty>;

/** Dotted names → the nested `properties` objects Elasticsearch expects. */
export const nestProperties = (flat: Readonly<Record<string, MappingProperty>>): Properties => {
  const root: Properties = {};
  for (const [name, mapping] of Object.entries(flat)) {
    const parts = name.split('.');
    let level = root;
    for (const part of parts.slice(0, -1)) {
      const existing = level[part] as { properties?: Properties } | undefined;
      const object = existing ?? { properties: {} };
      object.properties ??= {};
      level[part] = object;
      level = object.properties;
    }
    level[parts[parts.length - 1] as string] = mapping;
  }
  return root;
};

export const alertsIndexTemplate = (): IndicesPutIndexTemplateRequest => ({
  name: ALERTS_TEMPLATE_NAME,
  index_patterns: [`${ALERTS_INDEX_PREFIX}*`],
  priority: TEMPLATE_PRIORITY,
  template: {
    settings: { 'index.mapping.total_fields.limit': 10_000 },
    mappings: {
      dynamic_templates: [
        { strings_as_keyword: { match_mapping_type: 'string', mapping: keyword } },
      ],
      properties: nestProperties(ALERT_FIELD_MAPPINGS),
    },
  },
});
