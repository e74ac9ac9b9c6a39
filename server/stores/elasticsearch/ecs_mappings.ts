/**
 * Elasticsearch mappings built from our field types (`FieldTypeMap`, by default all of ECS), so an
 * index holds every field with the type the KQL compilers and the matcher assume it has.
 *
 * ES wants mappings as nested objects (`process` → `properties` → `name`), while a `FieldTypeMap`
 * is flat (`process.name`). A name under a leaf field (`process.command_line.text` under the
 * `process.command_line` leaf) is a multi-field and goes in the parent's `fields`, the convention
 * `common/kql/field_catalog.ts` uses too.
 *
 * Clusters lack some field types (the integ-test-zip used by our tests has no `wildcard`,
 * `match_only_text`, `constant_keyword` or `scaled_float`, whose modules it does not ship), so a
 * type can be replaced by the closest one the cluster has. `effectiveFieldTypes` gives the field
 * types such an index really has; query compilers should use it, not the original map.
 */
import type {
  IndicesPutIndexTemplateRequest,
  MappingDynamicTemplate,
  MappingProperty,
  MappingTypeMapping,
} from '@elastic/elasticsearch/lib/api/types';
import { createFieldTypeMap } from '../../../common/ecs/ecs_field_types';
import type { EsFieldType, FieldSpec, FieldTypeMap } from '../../../common/ecs/field_types';

export type FieldTypeSubstitutes = Readonly<Partial<Record<EsFieldType, EsFieldType>>>;

export interface MappingBuildOptions {
  /**
   * Field types the target cluster lacks, replaced by the closest type it has. Replaces (does not
   * extend) `DEFAULT_SUBSTITUTES`: pass `{}` for a cluster that has every type.
   */
  readonly substitutes?: FieldTypeSubstitutes;
  /**
   * Only these fields (and what they need: parents, multi-fields); default all. Names the field
   * map does not know are skipped: dynamic mapping takes them.
   */
  readonly fields?: Iterable<string>;
}

export interface EventsIndexTemplateOptions extends MappingBuildOptions {
  /** Index template priority; default `DEFAULT_TEMPLATE_PRIORITY`. */
  readonly priority?: number;
}

/**
 * The types the test cluster (integ-test-zip) lacks. `scaled_float` lives in the mapper-extras
 * module like `match_only_text`, so it is missing too; `double` keeps every value it would hold
 * (without the scaling factor's rounding).
 */
export const DEFAULT_SUBSTITUTES: FieldTypeSubstitutes = {
  wildcard: 'keyword',
  match_only_text: 'text',
  constant_keyword: 'keyword',
  scaled_float: 'double',
};

/** Above the built-in `logs-*-*` template (100), below Fleet integration templates (200). */
export const DEFAULT_TEMPLATE_PRIORITY = 150;

/** ECS alone has about 3,000 fields and multi-fields; ES's default limit is 1,000. */
export const TOTAL_FIELDS_LIMIT = 10_000;

/** Unmapped strings become keywords cut off here, as in the ECS reference template. */
export const DYNAMIC_STRING_IGNORE_ABOVE = 1024;

/**
 * `ignore_above` for a keyword that replaces a type without one (`wildcard`). Lucene rejects the
 * whole document for a term over 32,766 bytes, and 8,191 characters never exceed that in UTF-8
 * (at most 4 bytes each), so an over-long command line is left unindexed instead of failing.
 */
export const SUBSTITUTE_KEYWORD_IGNORE_ABOVE = 8191;

/** ECS gives all of its `scaled_float` fields this factor; `FieldSpec` does not carry one. */
export const DEFAULT_SCALING_FACTOR = 1000;

const PATH_SEPARATOR = '.';

/** Types that take the `ignore_above` mapping parameter. */
const IGNORE_ABOVE_TYPES: ReadonlySet<EsFieldType> = new Set<EsFieldType>([
  'keyword',
  'wildcard',
  'flattened',
]);

/**
 * Dynamic mapping for fields the template does not name, as `value_coercion.ts` assumes for
 * unmapped fields: strings are keywords (with ECS's ignore_above, which the matcher does not yet
 * apply), every JSON number a `double` (so a field first seen as `3` does not truncate a later
 * `3.7` as `long` would).
 */
const DYNAMIC_TEMPLATES: Array<Record<string, MappingDynamicTemplate>> = [
  {
    strings_as_keyword: {
      match_mapping_type: 'string',
      mapping: { type: 'keyword', ignore_above: DYNAMIC_STRING_IGNORE_ABOVE },
    },
  },
  { longs_as_double: { match_mapping_type: 'long', mapping: { type: 'double' } } },
  { doubles_as_double: { match_mapping_type: 'double', mapping: { type: 'double' } } },
];

// ---------------------------------------------------------------------------------------------
// Public API

/** Mapping `properties` (nested object form) for the selected fields, types substituted. */
export function buildMappingProperties(
  fieldTypes: FieldTypeMap,
  options: MappingBuildOptions = {}
): Record<string, MappingProperty> {
  return toProperties(buildTree(effectiveSpecs(fieldTypes, options)).children, '');
}

/**
 * The field types an index built with these options really has (substitutes applied, only the
 * selected fields). Compile queries and match documents against this map, not the original.
 */
export function effectiveFieldTypes(
  fieldTypes: FieldTypeMap,
  options: MappingBuildOptions = {}
): FieldTypeMap {
  return createFieldTypeMap(effectiveSpecs(fieldTypes, options));
}

/** A composable index template for plain event indices (not data streams) with these fields. */
export function eventsIndexTemplate(
  name: string,
  indexPatterns: readonly string[],
  fieldTypes: FieldTypeMap,
  options: EventsIndexTemplateOptions = {}
): IndicesPutIndexTemplateRequest {
  return {
    name,
    index_patterns: [...indexPatterns],
    priority: options.priority ?? DEFAULT_TEMPLATE_PRIORITY,
    template: {
      settings: { 'index.mapping.total_fields.limit': TOTAL_FIELDS_LIMIT },
      mappings: eventsMappings(fieldTypes, options),
    },
  };
}

/** The `mappings` of `eventsIndexTemplate`, for creating one index directly. */
export function eventsMappings(
  fieldTypes: FieldTypeMap,
  options: MappingBuildOptions = {}
): MappingTypeMapping {
  return {
    // ECS turns date detection off: a string that looks like a date stays a keyword.
    date_detection: false,
    dynamic_templates: DYNAMIC_TEMPLATES.map((template) => ({ ...template })),
    properties: buildMappingProperties(fieldTypes, options),
  };
}

// ---------------------------------------------------------------------------------------------
// Selecting fields and substituting types

function effectiveSpecs(fieldTypes: FieldTypeMap, options: MappingBuildOptions): FieldSpec[] {
  const substitutes = options.substitutes ?? DEFAULT_SUBSTITUTES;
  const names = selectedNames(fieldTypes, options.fields);
  const specs: FieldSpec[] = [];
  for (const name of [...names].sort()) {
    const spec = fieldTypes.get(name);
    if (spec !== undefined) specs.push(substituteSpec(spec, substitutes));
  }
  return specs;
}

function substituteSpec(spec: FieldSpec, substitutes: FieldTypeSubstitutes): FieldSpec {
  const type = substitutes[spec.type];
  if (type === undefined || type === spec.type) return spec;
  const { ignoreAbove: originalIgnoreAbove, ...rest } = spec;
  const ignoreAbove = IGNORE_ABOVE_TYPES.has(type)
    ? (originalIgnoreAbove ?? (type === 'keyword' ? SUBSTITUTE_KEYWORD_IGNORE_ABOVE : undefined))
    : undefined;
  return { ...rest, type, ...(ignoreAbove !== undefined && { ignoreAbove }) };
}

/** Every name to map: all of them, or the requested ones plus their parents and multi-fields. */
function selectedNames(
  fieldTypes: FieldTypeMap,
  requested: Iterable<string> | undefined
): Set<string> {
  const all = [...fieldTypes.names()];
  if (requested === undefined) return new Set(all);
  const selected = new Set<string>();
  for (const name of requested) {
    if (fieldTypes.get(name) === undefined) continue;
    selected.add(name);
    for (const ancestor of ancestorsOf(name)) {
      if (fieldTypes.get(ancestor) !== undefined) selected.add(ancestor);
    }
  }
  // Multi-fields come with their parent: they index the same values another way.
  for (const name of all) {
    const parent = parentOf(name);
    if (parent !== undefined && selected.has(parent) && isLeaf(fieldTypes.get(parent))) {
      selected.add(name);
    }
  }
  return selected;
}

// ---------------------------------------------------------------------------------------------
// Building the property tree

type LeafType = Exclude<EsFieldType, 'object' | 'nested'>;

/** Each leaf type's mapping before the per-field parameters (`ignore_above`, `fields`). */
const LEAF_MAPPINGS: Readonly<Record<LeafType, MappingProperty>> = {
  keyword: { type: 'keyword' },
  constant_keyword: { type: 'constant_keyword' },
  wildcard: { type: 'wildcard' },
  text: { type: 'text' },
  match_only_text: { type: 'match_only_text' },
  boolean: { type: 'boolean' },
  long: { type: 'long' },
  integer: { type: 'integer' },
  short: { type: 'short' },
  byte: { type: 'byte' },
  unsigned_long: { type: 'unsigned_long' },
  double: { type: 'double' },
  float: { type: 'float' },
  half_float: { type: 'half_float' },
  scaled_float: { type: 'scaled_float', scaling_factor: DEFAULT_SCALING_FACTOR },
  date: { type: 'date' },
  date_nanos: { type: 'date_nanos' },
  ip: { type: 'ip' },
  geo_point: { type: 'geo_point' },
  flattened: { type: 'flattened' },
};

/**
 * One path segment. Its children are `properties` when it is an object (mapped or only implied by
 * its children's names) and `fields` (multi-fields) when it is a leaf.
 */
interface MappingNode {
  spec: FieldSpec | undefined;
  readonly children: Map<string, MappingNode>;
}

function newNode(): MappingNode {
  return { spec: undefined, children: new Map() };
}

function buildTree(specs: readonly FieldSpec[]): MappingNode {
  const root = newNode();
  for (const spec of specs) {
    let node = root;
    for (const segment of spec.name.split(PATH_SEPARATOR)) {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = newNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    node.spec = spec;
  }
  return root;
}

function toProperties(
  children: ReadonlyMap<string, MappingNode>,
  path: string
): Record<string, MappingProperty> {
  const properties: Record<string, MappingProperty> = {};
  for (const [segment, child] of children) {
    properties[segment] = toProperty(
      child,
      path === '' ? segment : `${path}${PATH_SEPARATOR}${segment}`
    );
  }
  return properties;
}

function toProperty(node: MappingNode, path: string): MappingProperty {
  const { spec } = node;
  const type = spec === undefined ? undefined : leafTypeOf(spec.type);
  if (spec !== undefined && type !== undefined)
    return leafProperty(spec, type, node.children, path);
  const container: MappingProperty =
    spec?.type === 'nested'
      ? { type: 'nested' }
      : spec?.type === 'object'
        ? { type: 'object' }
        : {};
  if (node.children.size === 0) return container;
  return Object.assign(container, { properties: toProperties(node.children, path) });
}

function leafProperty(
  spec: FieldSpec,
  type: LeafType,
  multiFields: ReadonlyMap<string, MappingNode>,
  path: string
): MappingProperty {
  const property: MappingProperty = { ...LEAF_MAPPINGS[type] };
  if (spec.ignoreAbove !== undefined && IGNORE_ABOVE_TYPES.has(type)) {
    Object.assign(property, { ignore_above: spec.ignoreAbove });
  }
  if (multiFields.size === 0) return property;
  for (const [segment, multiField] of multiFields) {
    const name = `${path}${PATH_SEPARATOR}${segment}`;
    if (!isLeaf(multiField.spec)) {
      throw new Error(`${name} cannot be mapped: ${path} is a ${type} field, not an object`);
    }
    // ES has no multi-fields of multi-fields (`a.text.raw` under the `a.text` multi-field).
    const [nested] = multiField.children.keys();
    if (nested !== undefined) {
      throw new Error(`${name}.${nested} cannot be mapped: ${name} is a multi-field of ${path}`);
    }
  }
  return Object.assign(property, { fields: toProperties(multiFields, path) });
}

// ---------------------------------------------------------------------------------------------
// Names

function isLeaf(spec: FieldSpec | undefined): spec is FieldSpec {
  return spec !== undefined && leafTypeOf(spec.type) !== undefined;
}

function leafTypeOf(type: EsFieldType): LeafType | undefined {
  return type === 'object' || type === 'nested' ? undefined : type;
}

function parentOf(name: string): string | undefined {
  const dot = name.lastIndexOf(PATH_SEPARATOR);
  return dot > 0 ? name.slice(0, dot) : undefined;
}

/** `a.b.c` → `a`, `a.b`. */
function ancestorsOf(name: string): string[] {
  const segments = name.split(PATH_SEPARATOR);
  return segments.slice(1).map((_, index) => segments.slice(0, index + 1).join(PATH_SEPARATOR));
}
