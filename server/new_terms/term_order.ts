/**
 * Orders term values the way Elasticsearch orders composite and terms keys: booleans false before
 * true, numbers numerically, strings by their UTF-8 bytes (keyword doc values are byte-ordered;
 * JavaScript's `<` compares UTF-16 code units, which differs above U+FFFF). Both stores sort with
 * this, so paging and the `max_signals` cut pick the same terms.
 */
import type { TermTuple, TermValue } from './types';

const TYPE_RANK: Record<string, number> = { boolean: 0, number: 1, string: 2 };

const encoder = new TextEncoder();

export const compareUtf8 = (a: string, b: string): number => {
  if (a === b) return 0;
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const leftByte = left[i] ?? 0;
    const rightByte = right[i] ?? 0;
    if (leftByte !== rightByte) return leftByte - rightByte;
  }
  return left.length - right.length;
};

export const compareTermValues = (a: TermValue, b: TermValue): number => {
  const typeA = typeof a;
  const typeB = typeof b;
  if (typeA !== typeB) return (TYPE_RANK[typeA] ?? 0) - (TYPE_RANK[typeB] ?? 0);
  if (typeof a === 'string' && typeof b === 'string') return compareUtf8(a, b);
  return Number(a) - Number(b);
};

export const compareTermTuples = (a: TermTuple, b: TermTuple): number => {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a[i];
    const right = b[i];
    if (left === undefined || right === undefined) break;
    const order = compareTermValues(left, right);
    if (order !== 0) return order;
  }
  return a.length - b.length;
};
