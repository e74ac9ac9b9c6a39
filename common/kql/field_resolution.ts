/**
 * Which field a name in a KQL query denotes and where its values are, for a mapping. Shared by the
 * matcher and the SQL compiler so both resolve names the way Elasticsearch does for the query
 * Kibana (and `to_dsl.ts`) compiles:
 * - a mapped leaf reads the values at its path (a multi-field reads its parent's values);
 * - a `flattened` field holds no value itself: it matches on every leaf value below it, as
 *   keywords. A key below it (`process.elf.imports.name`, which no mapping lists) is a keyed field
 *   over the values at exactly that key, also keywords;
 * - a `geo_point` is indexed from an object (`{lat, lon}`), a string or an array, so `exists`
 *   finds a value at or below its path; `lat`/`lon` below it are not fields;
 * - an unmapped name under an object (or under nothing) takes dynamic mapping; under any other
 *   mapped leaf it is not a field;
 * - a nested field is searchable inside its nested group only. Kibana rejects a query that names
 *   one elsewhere (`nestingProblem` gives its message), but wraps each nested field that a wildcard
 *   field name reaches from outside any group in a `nested` query of its own, so there it counts.
 */
import type { FieldSpec, FieldTypeMap } from '../ecs/field_types';
import type { KqlValue, KqlWildcard } from './ast';
import { KqlCompileError } from './kql_compile_error';
import { buildFieldCatalog, isLeafSpec } from './field_catalog';
import type { FieldCatalog } from './field_catalog';
import { flattenedLeafSpec } from '../es/value_coercion';

/**
 * - `value`: a mapped leaf, values at `source`;
 * - `flattened`: every value below the path, as keywords (`spec` is the leaf spec);
 * - `geo_point`: values at or below the path; only `exists` can match it;
 * - `keyed`: a key below a flattened field, values at exactly the path, as keywords;
 * - `dynamic`: unmapped, values at the path typed by dynamic mapping;
 * - `object`: an object or nested path, which only `exists` can match (any sub-field);
 * - `hidden`: not searchable from here (below a non-object leaf, or in another nested scope).
 */
export type FieldKind =
  | 'value'
  | 'flattened'
  | 'geo_point'
  | 'keyed'
  | 'dynamic'
  | 'object'
  | 'hidden';

/**
 * How the query reached a name, which decides what a nested field outside its group means:
 * - `named`: written literally. Kibana rejects it (`nestingProblem` is set).
 * - `pattern`: a mapped field a wildcard field name expands to. Outside any group it is wrapped in
 *   its own nested query (searchable); inside a group a field of another scope is rejected.
 * - `document`: a field found in the data (field-less values, sub-fields of an object for
 *   `exists`, wildcard field names no mapped field matches). Never an error: just not searchable.
 */
export type FieldOrigin = 'named' | 'pattern' | 'document';

export interface ResolvedField {
  /** Full dotted name. */
  readonly name: string;
  readonly kind: FieldKind;
  /** How values are indexed: the mapping's spec, a flattened field's leaf spec, or undefined (dynamic). */
  readonly spec: FieldSpec | undefined;
  /** Full name of the field whose values are read (a multi-field reads its parent). */
  readonly source: string;
  /** Kibana's error for a nested field outside its group; set for origins `named` and `pattern`. */
  readonly nestingProblem: string | undefined;
}

export interface FieldResolver {
  readonly catalog: FieldCatalog;
  /** `name` as seen from `nestedPath` (undefined at the top level). */
  resolve(name: string, nestedPath: string | undefined, origin: FieldOrigin): ResolvedField;
  /** The mapped leaf fields a wildcard field name expands to (`prefix`: `path.` inside a group). */
  expand(pattern: KqlWildcard, prefix: string): readonly string[];
}

/** Whether a query can match the field here at all (objects only through `exists`). */
export function isSearchable(field: ResolvedField): boolean {
  return field.kind !== 'hidden' && field.kind !== 'object';
}

/** A literal `null` field is no field at all (Kibana's `buildEsQuery` searches every field). */
export function isFieldless(field: KqlValue | null): boolean {
  return field === null || (field.kind === 'literal' && field.value === null);
}

/** Field-name patterns: `process.*` matches full names, `*` spanning dots as in Kibana. */
export function fieldPatternRegExp(pattern: KqlWildcard, prefix: string): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^${escape(prefix)}${pattern.segments.map(escape).join('.*')}$`, 's');
}

/** Kibana's message when a mapped field is used outside its nested group (or in the wrong one). */
export function nestingProblem(
  spec: FieldSpec,
  nestedPath: string | undefined
): string | undefined {
  const fieldPath = spec.nestedPath;
  if (nestedPath !== undefined && fieldPath === undefined) {
    return (
      `${spec.name} is not a nested field but is in nested group "${nestedPath}" ` +
      'in the KQL expression.'
    );
  }
  if (fieldPath !== undefined && nestedPath === undefined) {
    return `${spec.name} is a nested field, but is not in a nested group in the KQL expression.`;
  }
  if (fieldPath !== nestedPath) {
    return (
      `Nested field ${spec.name} is being queried with the incorrect nested path. ` +
      `The correct path is ${fieldPath}.`
    );
  }
  return undefined;
}

const DATE_TYPES: ReadonlySet<string> = new Set(['date', 'date_nanos']);

/**
 * Whether a query value this field cannot parse matches nothing instead of failing the query.
 * Fields found in the document are searched like `multi_match` with `lenient: true`. Fields named
 * or reached through a wildcard field name get Kibana's non-lenient queries, which Elasticsearch
 * rejects when it cannot parse the value, with one exception it decides from the data: it parses
 * a date range's bounds (and an exact date is a range) only on a shard holding values of that
 * field, and elsewhere rewrites the range to match nothing. The data is not visible here, so: a
 * field named literally is assumed to hold values (rejected, the error the user needs), while the
 * date fields a wildcard field name sweeps in, which mostly hold none, match nothing.
 */
export function parsesLeniently(
  field: ResolvedField,
  origin: FieldOrigin,
  isDateRange: boolean
): boolean {
  if (origin === 'document') return true;
  if (origin === 'named') return false;
  return isDateRange && field.spec !== undefined && DATE_TYPES.has(field.spec.type);
}

/** Throws Kibana's error, every problem on its own line, when any field has a nesting problem. */
export function assertNoNestingProblems(fields: readonly ResolvedField[]): void {
  const problems = fields.flatMap((field) =>
    field.nestingProblem === undefined ? [] : [field.nestingProblem]
  );
  if (problems.length > 0) throw new KqlCompileError(problems.join('\n'));
}

function resolvedField(
  name: string,
  kind: FieldKind,
  spec: FieldSpec | undefined,
  source = name
): ResolvedField {
  return { name, kind, spec, source, nestingProblem: undefined };
}

function hidden(name: string, problem?: string): ResolvedField {
  return { name, kind: 'hidden', spec: undefined, source: name, nestingProblem: problem };
}

function resolveMapped(
  name: string,
  spec: FieldSpec,
  nestedPath: string | undefined,
  origin: FieldOrigin,
  catalog: FieldCatalog
): ResolvedField {
  const problem = nestingProblem(spec, nestedPath);
  const wrappedInOwnNested =
    origin === 'pattern' && nestedPath === undefined && spec.nestedPath !== undefined;
  if (problem !== undefined && !wrappedInOwnNested)
    return hidden(name, origin === 'document' ? undefined : problem);
  // A field under a nested mapping its spec does not declare lives in nested documents only:
  // Kibana sends a plain query, which finds nothing there.
  if (!wrappedInOwnNested && catalog.nestedPathOf(name, spec) !== nestedPath) return hidden(name);
  switch (spec.type) {
    case 'flattened':
      return resolvedField(name, 'flattened', flattenedLeafSpec(spec));
    case 'geo_point':
      return resolvedField(name, 'geo_point', spec);
    default:
      return resolvedField(name, 'value', spec, catalog.sourceOf(name) ?? name);
  }
}

function resolveUnmapped(
  name: string,
  nestedPath: string | undefined,
  catalog: FieldCatalog
): ResolvedField {
  const ancestor = catalog.mappedAncestorOf(name);
  if (isLeafSpec(ancestor)) {
    // Keys below a flattened field are searchable like fields (not listed by the mapping, so never
    // an error); below any other leaf (geo_point's lat/lon) nothing is indexed.
    const isKeyed =
      ancestor.type === 'flattened' && catalog.nestedPathOf(ancestor.name, ancestor) === nestedPath;
    return isKeyed ? resolvedField(name, 'keyed', flattenedLeafSpec(ancestor)) : hidden(name);
  }
  if (catalog.nestedPathOf(name, undefined) !== nestedPath) return hidden(name);
  return resolvedField(name, 'dynamic', undefined);
}

export function createFieldResolver(fields: FieldTypeMap): FieldResolver {
  const catalog = buildFieldCatalog(fields);
  return {
    catalog,
    resolve: (name, nestedPath, origin) => {
      const spec = fields.get(name);
      if (spec === undefined) return resolveUnmapped(name, nestedPath, catalog);
      if (!isLeafSpec(spec)) return resolvedField(name, 'object', undefined);
      return resolveMapped(name, spec, nestedPath, origin, catalog);
    },
    expand: (pattern, prefix) => {
      const regexp = fieldPatternRegExp(pattern, prefix);
      return catalog.leafNames.filter((name) => regexp.test(name));
    },
  };
}
