/** Small builders for hand-written KQL trees in tests (independent of the parser). */
import type {
  KqlExists,
  KqlIs,
  KqlLiteral,
  KqlNested,
  KqlNode,
  KqlRange,
  KqlValue,
  KqlWildcard,
  RangeOperator,
} from '../ast';
import type { FieldSpec, FieldTypeMap } from '../../ecs/field_types';

export const lit = (value: string | boolean | null, quoted = false): KqlLiteral => ({
  kind: 'literal',
  value,
  quoted,
});
export const phrase = (value: string): KqlLiteral => lit(value, true);

/** `a*b` → segments `['a', 'b']` (no escaping: write literal `*` through `wcSegments`). */
export const wc = (pattern: string): KqlWildcard => ({
  kind: 'wildcard',
  segments: pattern.split('*'),
});
export const wcSegments = (...segments: string[]): KqlWildcard => ({ kind: 'wildcard', segments });

const asValue = (value: KqlValue | string | boolean): KqlValue =>
  typeof value === 'object' ? value : lit(value);
const asField = (field: KqlValue | string): KqlValue =>
  typeof field === 'string' ? lit(field) : field;

export const is = (field: KqlValue | string | null, value: KqlValue | string | boolean): KqlIs => ({
  type: 'is',
  field: field === null ? null : asField(field),
  value: asValue(value),
});
export const exists = (field: KqlValue | string): KqlExists => ({
  type: 'exists',
  field: asField(field),
});
export const range = (
  field: KqlValue | string,
  operator: RangeOperator,
  value: string
): KqlRange => ({
  type: 'range',
  field: asField(field),
  operator,
  value: lit(value),
});
export const and = (...children: KqlNode[]): KqlNode => ({ type: 'and', children });
export const or = (...children: KqlNode[]): KqlNode => ({ type: 'or', children });
export const not = (child: KqlNode): KqlNode => ({ type: 'not', child });
export const nested = (path: string, query: KqlNode): KqlNested => ({
  type: 'nested',
  path: lit(path),
  query,
});
export const matchAll = (): KqlNode => ({ type: 'match_all' });

/** A FieldTypeMap over a few specs. */
export function fieldMap(specs: readonly FieldSpec[]): FieldTypeMap {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  return { get: (field) => byName.get(field), names: () => byName.keys() };
}
