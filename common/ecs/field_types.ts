/**
 * Field types as Elasticsearch maps them. The DSL compiler picks `term` vs `match` vs `range` from
 * them, the matcher and the embedded store coerce values by them, and ingest rejects documents
 * Elasticsearch would reject. Defaults come from ECS (`@elastic/ecs`); callers may override
 * (e.g. with `_field_caps` results from a live cluster).
 */

/** Every field type this engine knows how to read, query and store. */
export const ES_FIELD_TYPES = [
  'keyword',
  'constant_keyword',
  'wildcard',
  'text',
  'match_only_text',
  'boolean',
  'long',
  'integer',
  'short',
  'byte',
  'unsigned_long',
  'double',
  'float',
  'half_float',
  'scaled_float',
  'date',
  'date_nanos',
  'ip',
  'geo_point',
  'object',
  'nested',
  'flattened',
] as const;
export type EsFieldType = (typeof ES_FIELD_TYPES)[number];

const KNOWN_TYPES: ReadonlySet<string> = new Set(ES_FIELD_TYPES);

/** True for a type name (from ECS or a cluster's `_field_caps`) this engine knows. */
export const isEsFieldType = (type: string): type is EsFieldType => KNOWN_TYPES.has(type);

export interface FieldSpec {
  readonly name: string;
  readonly type: EsFieldType;
  /** Keyword values longer than this are kept in `_source` but not indexed (not searchable, not aggregatable). */
  readonly ignoreAbove?: number;
  /** ECS declares the field an array (`normalize: array`). Any field may still hold an array. */
  readonly array?: boolean;
  /** Set when the field lives under a `nested` mapping: the nested object's path. */
  readonly nestedPath?: string;
}

/** Looks a field up by its full dotted name; `undefined` when unmapped. */
export interface FieldTypeMap {
  get(field: string): FieldSpec | undefined;
  /** Every mapped field name (for wildcard field names such as `process.*`). */
  names(): Iterable<string>;
}
