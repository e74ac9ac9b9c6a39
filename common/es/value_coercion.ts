/**
 * How Elasticsearch indexes a raw JSON value for a field type, shared by the in-process matcher and
 * the embedded store's ingest so both see the same indexed values:
 * - keyword family: strings as-is, numbers and booleans as their string form; strings longer than
 *   `ignoreAbove` are not indexed; objects are not indexable.
 * - flattened: the field itself holds no value (Elasticsearch rejects a scalar there); every leaf
 *   value below it is indexed as a keyword, with the field's `ignoreAbove` (`flattenedLeafSpec`).
 * - boolean: `true`/`false`, the strings "true"/"false", and "" (false, as documented by ES).
 * - numbers: JSON numbers or numeric strings (ES `coerce`), integer types truncated toward zero and
 *   range-checked, `float`/`half_float` rounded to their precision; "" is null.
 * - date: ISO-8601 strings (UTC unless they carry an offset) or epoch millis → epoch ms.
 * - ip: canonical text form.
 * - unmapped fields follow dynamic mapping as our index template sets it: strings → keyword with
 *   ignore_above `DYNAMIC_KEYWORD_IGNORE_ABOVE`, numbers → double, booleans → boolean (no date
 *   detection).
 * `undefined` means "not indexed": Elasticsearch would either ignore the value or reject the
 * document; either way no query can match it.
 */
import type { EsFieldType, FieldSpec } from '../ecs/field_types';
import { indexDate } from './date_values';
import { canonicalIp } from './ip_values';

export type IndexedValue = string | number | boolean;

/**
 * The JavaScript form of a type's indexed values: keyword, text and ip values are strings, dates
 * epoch milliseconds (Elasticsearch `date` precision).
 */
export type IndexedValueType = 'string' | 'boolean' | 'number' | 'date';

/** How values of an Elasticsearch type are compared. */
export type ValueKind = 'keyword' | 'text' | 'boolean' | 'number' | 'date' | 'ip' | 'unsupported';

const KIND_BY_TYPE: Readonly<Partial<Record<EsFieldType, ValueKind>>> = {
  keyword: 'keyword',
  constant_keyword: 'keyword',
  wildcard: 'keyword',
  text: 'text',
  match_only_text: 'text',
  boolean: 'boolean',
  long: 'number',
  integer: 'number',
  short: 'number',
  byte: 'number',
  unsigned_long: 'number',
  double: 'number',
  float: 'number',
  half_float: 'number',
  scaled_float: 'number',
  date: 'date',
  date_nanos: 'date',
  ip: 'ip',
};

/** Integer types' inclusive bounds (long/unsigned_long as doubles: JS numbers are doubles). */
const INTEGER_BOUNDS: Readonly<Record<string, readonly [number, number]>> = {
  long: [-(2 ** 63), 2 ** 63 - 1],
  unsigned_long: [0, 2 ** 64 - 1],
  integer: [-(2 ** 31), 2 ** 31 - 1],
  short: [-(2 ** 15), 2 ** 15 - 1],
  byte: [-(2 ** 7), 2 ** 7 - 1],
};

/**
 * The dynamic template's `ignore_above` for unmapped strings (ECS's reference template). It must
 * equal `DYNAMIC_STRING_IGNORE_ABOVE` in server/stores/elasticsearch/ecs_mappings.ts, which builds
 * that template (common/ does not import server/); value_coercion.test.ts checks they agree.
 */
export const DYNAMIC_KEYWORD_IGNORE_ABOVE = 1024;

// One way to split digits around the dot: `\d+\.?\d*` let a failed match retry every split (quadratic).
const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const HALF_FLOAT_MANTISSA_BITS = 10;
const HALF_FLOAT_MAX = 65504;
const HALF_FLOAT_MIN_NORMAL_EXPONENT = -14;

/** Whether `esType` is a type whose values can be indexed, searched and stored in a column. */
export function isIndexableEsType(esType: string): esType is EsFieldType {
  return Object.hasOwn(KIND_BY_TYPE, esType);
}

export function valueKindOf(esType: string): ValueKind {
  return isIndexableEsType(esType) ? (KIND_BY_TYPE[esType] ?? 'unsupported') : 'unsupported';
}

/** The form of an Elasticsearch type's indexed values (undefined: the type is not indexed). */
export function indexedValueTypeOf(esType: string): IndexedValueType | undefined {
  switch (valueKindOf(esType)) {
    case 'keyword':
    case 'text':
    case 'ip':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    default:
      return undefined;
  }
}

/** The type dynamic mapping gives an unmapped field from its first raw value. */
export function dynamicEsType(raw: unknown): EsFieldType | undefined {
  if (typeof raw === 'string') return 'keyword';
  if (typeof raw === 'number') return 'double';
  if (typeof raw === 'boolean') return 'boolean';
  return undefined;
}

/** Rounds to the nearest IEEE half-precision value (ES `half_float`), ties to even. */
export function roundHalfFloat(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.abs(value);
  if (magnitude > HALF_FLOAT_MAX) return Number.NaN;
  const exponent = Math.max(Math.floor(Math.log2(magnitude)), HALF_FLOAT_MIN_NORMAL_EXPONENT);
  const quantum = 2 ** (exponent - HALF_FLOAT_MANTISSA_BITS);
  const scaled = magnitude / quantum;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  const rounded = diff > 0.5 || (diff === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
  return Math.sign(value) * rounded * quantum;
}

/** Applies the precision of a numeric type to a number; NaN when the type cannot hold it. */
export function applyNumericPrecision(value: number, esType: string): number {
  const bounds = INTEGER_BOUNDS[esType];
  if (bounds) {
    const truncated = Math.trunc(value);
    return truncated < bounds[0] || truncated > bounds[1] ? Number.NaN : truncated + 0;
  }
  if (esType === 'float') return Math.fround(value);
  if (esType === 'half_float') return roundHalfFloat(value);
  return value;
}

/** Parses numeric text the way ES number coercion accepts it; undefined when it is not a number. */
export function parseNumericText(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMERIC_TEXT.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The keyword `ignore_above` in force: the mapping's, or for an unmapped field (no spec) the
 * dynamic template's. A mapped keyword without one indexes values of any length.
 */
function keywordLimitOf(spec: FieldSpec | undefined): number | undefined {
  return spec === undefined ? DYNAMIC_KEYWORD_IGNORE_ABOVE : spec.ignoreAbove;
}

/** The keyword form of a scalar (numbers and booleans as text); undefined for anything else. */
function keywordText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'boolean') return raw ? 'true' : 'false';
  return undefined;
}

/** `ignore_above` counts UTF-16 code units (Java string length), as JS `length` does. */
function isOverLimit(text: string, spec: FieldSpec | undefined): boolean {
  const limit = keywordLimitOf(spec);
  return limit !== undefined && text.length > limit;
}

function indexKeyword(raw: unknown, spec: FieldSpec | undefined): string | undefined {
  const value = keywordText(raw);
  return value === undefined || isOverLimit(value, spec) ? undefined : value;
}

/**
 * True when `raw` is a keyword value Elasticsearch keeps in `_source` but does not index because
 * it is longer than `ignore_above` (the mapping's, or the dynamic template's when `spec` is
 * undefined): not an error, unlike a value the type cannot hold.
 */
export function exceedsIgnoreAbove(
  raw: unknown,
  esType: string,
  spec: FieldSpec | undefined
): boolean {
  if (valueKindOf(esType) !== 'keyword') return false;
  const value = keywordText(raw);
  return value !== undefined && isOverLimit(value, spec);
}

/**
 * How the leaf values below a `flattened` field are indexed: as keywords, with the flattened
 * field's own `ignore_above` (none by default: a flattened field has no dynamic-template limit).
 */
export function flattenedLeafSpec(flattened: FieldSpec): FieldSpec {
  const leaf: FieldSpec = { name: flattened.name, type: 'keyword' };
  return flattened.ignoreAbove === undefined
    ? leaf
    : { ...leaf, ignoreAbove: flattened.ignoreAbove };
}

function indexText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'boolean') return raw ? 'true' : 'false';
  return undefined;
}

function indexBoolean(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true') return true;
  if (raw === 'false' || raw === '') return false;
  return undefined;
}

function indexNumber(raw: unknown, esType: string): number | undefined {
  let value: number | undefined;
  if (typeof raw === 'number') value = raw;
  // At index time Elasticsearch parses the text as it is: surrounding spaces make it unparseable.
  else if (typeof raw === 'string')
    value = raw === '' || raw !== raw.trim() ? undefined : parseNumericText(raw);
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const stored = applyNumericPrecision(value, esType);
  return Number.isNaN(stored) ? undefined : stored;
}

function indexIp(raw: unknown): string | undefined {
  return typeof raw === 'string' ? canonicalIp(raw) : undefined;
}

/**
 * The value Elasticsearch would index for `raw` in a field of type `esType`, if any. `spec`
 * undefined means an unmapped field (dynamic mapping, so the dynamic keyword limit applies).
 */
export function indexValueAs(
  raw: unknown,
  esType: string,
  spec?: FieldSpec
): IndexedValue | undefined {
  switch (valueKindOf(esType)) {
    case 'keyword':
      return indexKeyword(raw, spec);
    case 'text':
      return indexText(raw);
    case 'boolean':
      return indexBoolean(raw);
    case 'number':
      return indexNumber(raw, esType);
    case 'date':
      return indexDate(raw);
    case 'ip':
      return indexIp(raw);
    default:
      return undefined;
  }
}

/** The type a raw value is indexed as: the mapping's, or dynamic mapping's for unmapped fields. */
export function effectiveEsType(raw: unknown, spec: FieldSpec | undefined): string | undefined {
  return spec ? spec.type : dynamicEsType(raw);
}

/** How `raw` is indexed in the field described by `spec` (undefined spec: unmapped, dynamic). */
export function indexValue(raw: unknown, spec: FieldSpec | undefined): IndexedValue | undefined {
  const esType = effectiveEsType(raw, spec);
  return esType === undefined ? undefined : indexValueAs(raw, esType, spec);
}

/** Every indexed value of a field's raw values (unindexable ones dropped). */
export function indexValues(raws: readonly unknown[], spec: FieldSpec | undefined): IndexedValue[] {
  const out: IndexedValue[] = [];
  for (const raw of raws) {
    const value = indexValue(raw, spec);
    if (value !== undefined) out.push(value);
  }
  return out;
}
