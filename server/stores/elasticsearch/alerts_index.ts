/**
 * The alerts index of the Elasticsearch store: one index per space (`ctd-alerts-<space>`, Kibana's
 * `.alerts-security.alerts-<space>` being reserved for Kibana itself) created from a template with
 * explicit mappings for the fields the alerts page filters and sorts on (alert_field_types.ts). The
 * copied event fields are mapped dynamically with strings as keyword, as in ECS; rule parameters
 * are `flattened`, as Kibana maps them, so arbitrary parameter shapes never cause a mapping
 * conflict.
 */
import type {
  IndicesPutIndexTemplateRequest,
  MappingProperty,
} from '@elastic/elasticsearch/lib/api/types';
import type { FieldSpec } from '../../../common/ecs/field_types';
import {
  ALERT_FIELD_SPECS,
  ALERT_KEYWORD_IGNORE_ABOVE,
} from '../../../common/alerts/alert_field_types';

export const ALERTS_INDEX_PREFIX = 'ctd-alerts-';
export const ALERTS_TEMPLATE_NAME = 'container-threat-detection-alerts';
const TEMPLATE_PRIORITY = 150;

export const alertsIndexName = (spaceId: string): string =>
  `${ALERTS_INDEX_PREFIX}${spaceId.toLowerCase()}`;

const mappingOf = (spec: FieldSpec): MappingProperty =>
  spec.ignoreAbove === undefined
    ? { type: spec.type }
    : { type: spec.type, ignore_above: spec.ignoreAbove };

/** Explicitly mapped alert fields, by dotted name. */
const ALERT_FIELD_MAPPINGS: Readonly<Record<string, MappingProperty>> = Object.fromEntries(
  ALERT_FIELD_SPECS.map((spec) => [spec.name, mappingOf(spec)])
);

/**
 * Unmapped fields as the events index maps them and the KQL matcher assumes (value_coercion.ts):
 * strings as keywords, every number a double, no date detection.
 */
const DYNAMIC_TEMPLATES = [
  {
    strings_as_keyword: {
      match_mapping_type: 'string' as const,
      mapping: { type: 'keyword' as const, ignore_above: ALERT_KEYWORD_IGNORE_ABOVE },
    },
  },
  {
    longs_as_double: { match_mapping_type: 'long' as const, mapping: { type: 'double' as const } },
  },
  {
    doubles_as_double: {
      match_mapping_type: 'double' as const,
      mapping: { type: 'double' as const },
    },
  },
];

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
      date_detection: false,
      dynamic_templates: DYNAMIC_TEMPLATES,
      properties: nestProperties(ALERT_FIELD_MAPPINGS),
    },
  },
});
