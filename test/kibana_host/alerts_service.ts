/**
 * The alerting framework's alerts-as-data service as the test host plays it: the context
 * registration rule, the index names, and the resources (one concrete index behind a write alias)
 * mapped with Kibana's framework fields, ECS when asked, and the rule type's own field map.
 * Kibana (9.x): x-pack/platform/plugins/shared/alerting/server/alerts_service/alerts_service.ts
 * (register), alerts_service/resource_installer_utils.ts (getIndexTemplateAndPattern).
 */
import type { Client } from '@elastic/elasticsearch';
import type { MappingProperty } from '@elastic/elasticsearch/lib/api/types';
import type { IRuleTypeAlerts } from '@kbn/alerting-plugin/server';
import type { FieldMap } from '@kbn/alerts-as-data-utils';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import {
  KIBANA_FRAMEWORK_ALERT_FIELDS,
  type FrameworkFieldType,
} from '../../server/kibana/alert_field_map';
import { buildMappingProperties } from '../../server/stores/elasticsearch/ecs_mappings';
import { nestProperties } from '../../server/stores/elasticsearch/alerts_index';

export type RuleTypeAlerts = IRuleTypeAlerts<Record<string, unknown>>;

/** Kibana: DEFAULT_NAMESPACE_STRING — where a context that is not space aware writes. */
const DEFAULT_NAMESPACE = 'default';
const TOTAL_FIELDS_LIMIT = 10_000;

export interface AlertsIndexNames {
  readonly alias: string;
  readonly concreteIndex: string;
  readonly indexTemplate: string;
  readonly pattern: string;
}

/** Kibana: getIndexTemplateAndPattern. */
export const alertsIndexNames = (
  context: string,
  namespace: string = DEFAULT_NAMESPACE
): AlertsIndexNames => {
  const withNamespace = `${context}.alerts-${namespace}`;
  return {
    alias: `.alerts-${withNamespace}`,
    concreteIndex: `.internal.alerts-${withNamespace}-000001`,
    indexTemplate: `.alerts-${withNamespace}-index-template`,
    pattern: `.internal.alerts-${withNamespace}-*`,
  };
};

/** lodash `isEqual` for registration options (functions compared by identity). */
const deepEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return (
    aKeys.length === bKeys.length &&
    aKeys.every((key) =>
      deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
    )
  );
};

const withoutShouldWrite = ({
  shouldWrite: _shouldWrite,
  ...rest
}: RuleTypeAlerts): Omit<RuleTypeAlerts, 'shouldWrite'> => rest;

/**
 * Elasticsearch types for the framework fields. The test cluster (integ-test-zip) has no `version`
 * mapper, so `kibana.version` is a keyword here; `unmapped` fields are left out of the mapping.
 */
const frameworkMapping = (type: FrameworkFieldType): MappingProperty | undefined => {
  if (type === 'unmapped') return undefined;
  if (type === 'version') return { type: 'keyword' };
  if (type === 'date_range')
    return { type: 'date_range', format: 'epoch_millis||strict_date_optional_time' };
  return { type };
};

const frameworkProperties = (): Record<string, MappingProperty> =>
  Object.fromEntries(
    Object.entries(KIBANA_FRAMEWORK_ALERT_FIELDS).flatMap(([field, type]) => {
      const mapping = frameworkMapping(type);
      return mapping === undefined ? [] : [[field, mapping]];
    })
  );

const fieldMapProperties = (fieldMap: FieldMap): Record<string, MappingProperty> =>
  Object.fromEntries(
    Object.entries(fieldMap).map(([field, spec]) => [
      field,
      (spec.type === 'object'
        ? { type: 'object', ...(spec.enabled === false ? { enabled: false } : {}) }
        : { type: spec.type }) as MappingProperty,
    ])
  );

type Properties = Record<string, MappingProperty>;

/** Nested properties of `over` laid over `base` (the component templates' composition order). */
const mergeProperties = (base: Properties, over: Properties): Properties => {
  const merged: Properties = { ...base };
  for (const [name, mapping] of Object.entries(over)) {
    const below = merged[name] as { properties?: Properties } | undefined;
    const above = mapping as { properties?: Properties };
    merged[name] =
      below?.properties !== undefined && above.properties !== undefined
        ? {
            ...below,
            ...above,
            properties: mergeProperties(below.properties, above.properties),
          }
        : mapping;
  }
  return merged;
};

export class AlertsService {
  private readonly contexts = new Map<string, RuleTypeAlerts>();

  /** Kibana: AlertsService.register — one set of options per context (`shouldWrite` aside). */
  register(alerts: RuleTypeAlerts): void {
    const registered = this.contexts.get(alerts.context);
    if (registered === undefined) {
      this.contexts.set(alerts.context, alerts);
      return;
    }
    if (!deepEqual(withoutShouldWrite(alerts), withoutShouldWrite(registered))) {
      throw new Error(`${alerts.context} has already been registered with different options`);
    }
  }

  /** The index names of a context in a space (the default namespace unless the context is space aware). */
  namesFor(alerts: RuleTypeAlerts, spaceId: string): AlertsIndexNames {
    return alertsIndexNames(
      alerts.context,
      alerts.isSpaceAware === true ? spaceId : DEFAULT_NAMESPACE
    );
  }

  /** Creates the context's concrete index and write alias in the space, once. */
  async installResources(
    client: Client,
    alerts: RuleTypeAlerts,
    spaceId: string
  ): Promise<AlertsIndexNames> {
    const names = this.namesFor(alerts, spaceId);
    if (await client.indices.existsAlias({ name: names.alias })) return names;
    const ecs = alerts.useEcs === true ? buildMappingProperties(ecsFieldTypes()) : {};
    const own = nestProperties({
      ...frameworkProperties(),
      ...fieldMapProperties(alerts.mappings.fieldMap),
    });
    await client.indices.create({
      index: names.concreteIndex,
      aliases: { [names.alias]: { is_write_index: true } },
      settings: { 'index.mapping.total_fields.limit': TOTAL_FIELDS_LIMIT, 'index.hidden': true },
      mappings: {
        dynamic: alerts.mappings.dynamic ?? 'strict',
        properties: mergeProperties(ecs, own),
      },
    });
    return names;
  }
}
