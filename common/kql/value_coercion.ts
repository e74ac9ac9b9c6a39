/**
 * How Elasticsearch indexes a raw JSON value for a field type, shared by the in-process matcher and
 * the embedded store's ingest so both see the same indexed values:
 * - keyword family: strings as-is, numbers and booleans as their string form; strings longer than
 *   `ignoreAbove` are not indexed; objects are not indexable.
 * - boolean: `true`/`false`, the strings "true"/"false", and "" (false, as documented by ES).
 * - numbers: JSON numbers or numeric strings (ES `coerce`), integer types truncated toward zero and
 *   range-checked, `float`/`half_float` rounded to their precision; "" is null.
 * - date: ISO-8601 strings (UTC unless they carry an offset) or epoch millis → epoch ms.
 * - ip: canonical text form.
 * - unmapped fields follow dynamic mapping as our index template sets it: strings → keyword,
 *   numbers → double, booleans → boolean (no date detection).
 * `undefined` means "not indexed": Elasticsearch would either ignore the value or reject the
 * document; either way no query can match it.
 */
import type { EsFieldType, FieldSpec } from '../ecs/field_types';
import type { SqlValueType } from './sql_schema';
import { indexDate } from './date_values';
import { canonicalIp } from './ip_values';

export type IndexedValue = string | number | boolean;

/** How values of an Elasticsearch type are compared. */
export type ValueKind = 'keyword' | 'text' | 'boolean' | 'number' | 'date' | 'ip' | 'unsupported';

const KIND_BY_TYPE: Readonly<Record<string, ValueKind>> = {
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

const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HALF_FLOAT_MANTISSA_BITS = 10;
const HALF_FLOAT_MAX = 65504;
const HALF_FLOAT_MIN_NORMAL_EXPONENT = -14;

export function valueKindOf(esType: string): ValueKind {
  return KIND_BY_TYPE[esType] ?? 'unsupported';
}

/** The column type the embedded store uses for an Elasticsearch type (undefined: not stored). */
export function sqlValueTypeOf(esType: string): SqlValueType | undefined {
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

function indexKeyword(raw: unknown, spec: FieldSpec | undefined): string | undefined {
  let value: string;
  if (typeof raw === 'string') value = raw;
  else if (typeof raw === 'number' && Number.isFinite(raw)) value = String(raw);
  else if (typeof raw === 'boolean') value = raw ? 'true' : 'false';
  else return undefined;
  if (spec?.ignoreAbove !== undefined && value.length > spec.ignoreAbove) return undefined;
  return value;
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
  else if (typeof raw === 'string') value = raw === '' ? undefined : parseNumericText(raw);
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const stored = applyNumericPrecision(value, esType);
  return Number.isNaN(stored) ? undefined : stored;
}

function indexIp(raw: unknown): string | undefined {
  return typeof raw === 'string' ? canonicalIp(raw) : undefined;
}

/** The value Elasticsearch would index for `raw` in a field of type `esType`, if any. */
export function indexValueAs(raw: unknown, esType: string, spec?: FieldSpec): IndexedValue | undefined {
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
