/**
 * What the alerting framework removes from a payload a rule type reports before it builds the
 * alert document: every field of its alert field map except the few rule types may set.
 * Kibana: x-pack/platform/plugins/shared/alerting/server/alerts_client/lib/strip_framework_fields.ts
 * (lodash `omit(payload, keysToStrip)`). lodash resolves each key against the payload: a dotted
 * key the payload has is removed as is; otherwise the key is a path into nested objects. Keys
 * under a stripped field (`kibana.alert.state.x` for `kibana.alert.state`) survive, as in Kibana.
 * The field list is the plugin's copy of Kibana's map (server/kibana/alert_field_map.ts), pinned
 * to Kibana's by strip_framework_fields.test.ts.
 */
import { FRAMEWORK_STRIPPED_FIELDS } from '../../server/kibana/alert_field_map';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A deep copy of plain objects (arrays and leaves kept), so stripping never touches the caller's payload. */
const cloneObjects = (value: unknown): unknown =>
  isObject(value)
    ? Object.fromEntries(Object.entries(value).map(([key, child]) => [key, cloneObjects(child)]))
    : value;

/** lodash `baseUnset`: delete the last segment of the path if every parent is an object. */
const unset = (target: JsonObject, path: readonly string[]): void => {
  let parent: unknown = target;
  for (const segment of path.slice(0, -1)) parent = isObject(parent) ? parent[segment] : undefined;
  const last = path[path.length - 1];
  if (isObject(parent) && last !== undefined) delete parent[last];
};

export const stripFrameworkFields = (payload: unknown): JsonObject => {
  if (!isObject(payload)) return {};
  const stripped = cloneObjects(payload) as JsonObject;
  // lodash casts every path against the original payload before unsetting any.
  const paths = FRAMEWORK_STRIPPED_FIELDS.map((field) =>
    field in payload ? [field] : field.split('.')
  );
  for (const path of paths) unset(stripped, path);
  return stripped;
};
