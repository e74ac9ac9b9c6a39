/**
 * Field types from the Elastic Common Schema (`@elastic/ecs`), as an Elasticsearch index built
 * from the ECS templates maps them, plus a way to layer overrides (e.g. a cluster's `_field_caps`)
 * on top. Pure data: no Node APIs, so it runs in the browser too.
 */

import { isEsFieldType, type FieldSpec, type FieldTypeMap } from './field_types';

/** ECS marks array-valued fields with this `normalize` entry. */
const ECS_ARRAY_NORMALIZATION = 'array';

const PATH_SEPARATOR = '.';

/** Layers `specs` over `base`: a spec replaces the base entry of the same name. */
export function createFieldTypeMap(specs: Iterable<FieldSpec>, base?: FieldTypeMap): FieldTypeMap {
  const overrides = new Map<string, FieldSpec>();
  for (const spec of specs) overrides.set(spec.name, spec);

  let sortedNames: readonly string[] | undefined;
  return {
    get: (field) => overrides.get(field) ?? base?.get(field),
    names: () => {
      // Sorted like a data view's field list, so wildcard field names expand in a stable order.
      sortedNames ??= [...new Set([...(base?.names() ?? []), ...overrides.keys()])].sort();
      return sortedNames;
    },
  };
}

let ecsMap: FieldTypeMap | undefined;

/** Every ECS field and multi-field (`process.command_line.text`), built on first use. */
export function ecsFieldTypes(): FieldTypeMap {
  ecsMap ??= createFieldTypeMap(ecsFieldSpecs(loadEcsFlat()));
  return ecsMap;
}

// ---------------------------------------------------------------------------------------------
// Reading ECS

interface EcsMultiField {
  readonly flat_name: string;
  readonly type: string;
}

interface EcsField {
  readonly flat_name: string;
  readonly type: string;
  readonly ignore_above?: number;
  readonly normalize?: readonly string[];
  readonly multi_fields?: readonly EcsMultiField[];
}

/** Loaded on demand: the flat ECS table is large and many callers never need it. */
function loadEcsFlat(): readonly EcsField[] {
  // `require` rather than a static import so the table is only read when first needed.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: the 4 MB table costs ~75 ms to load, and ecsFieldTypes() is synchronous, so no `await import()`
  const ecs: unknown = require('@elastic/ecs');
  const flat = isRecord(ecs) ? ecs.EcsFlat : undefined;
  if (!isRecord(flat)) throw new Error('@elastic/ecs does not export EcsFlat');
  return Object.values(flat).filter(isEcsField);
}

function ecsFieldSpecs(fields: readonly EcsField[]): FieldSpec[] {
  const nestedPaths = fields
    .filter((field) => field.type === 'nested')
    .map((field) => field.flat_name);
  const specs: FieldSpec[] = [];
  for (const field of fields) {
    const parent = toFieldSpec(field.flat_name, field.type, field, nestedPaths);
    if (parent === undefined) continue;
    specs.push(parent);
    for (const multiField of field.multi_fields ?? []) {
      // A multi-field indexes the parent's values another way, so it is an array when they are.
      const spec = toFieldSpec(multiField.flat_name, multiField.type, undefined, nestedPaths);
      if (spec === undefined) continue;
      specs.push(parent.array === true ? { ...spec, array: true } : spec);
    }
  }
  return specs;
}

function toFieldSpec(
  name: string,
  type: string,
  field: EcsField | undefined,
  nestedPaths: readonly string[]
): FieldSpec | undefined {
  if (!isEsFieldType(type)) return undefined;
  const ignoreAbove = field?.ignore_above;
  const array = field?.normalize?.includes(ECS_ARRAY_NORMALIZATION) === true;
  const nestedPath = innermostNestedPath(name, nestedPaths);
  return {
    name,
    type,
    ...(ignoreAbove !== undefined && { ignoreAbove }),
    ...(array && { array }),
    ...(nestedPath !== undefined && { nestedPath }),
  };
}

/** The deepest `nested` object strictly containing the field, as Kibana's data views report it. */
function innermostNestedPath(name: string, nestedPaths: readonly string[]): string | undefined {
  let innermost: string | undefined;
  for (const path of nestedPaths) {
    const contains = name.startsWith(path + PATH_SEPARATOR);
    if (contains && (innermost === undefined || path.length > innermost.length)) innermost = path;
  }
  return innermost;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isEcsMultiField(value: unknown): value is EcsMultiField {
  return isRecord(value) && typeof value.flat_name === 'string' && typeof value.type === 'string';
}

function isEcsField(value: unknown): value is EcsField {
  return (
    isRecord(value) &&
    typeof value.flat_name === 'string' &&
    typeof value.type === 'string' &&
    (value.ignore_above === undefined || typeof value.ignore_above === 'number') &&
    (value.normalize === undefined || isStringArray(value.normalize)) &&
    (value.multi_fields === undefined ||
      (Array.isArray(value.multi_fields) && value.multi_fields.every(isEcsMultiField)))
  );
}
