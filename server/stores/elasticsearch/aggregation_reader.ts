/**
 * Reading the aggregation responses of the new_terms phases. The client types aggregations as a
 * wide union; these readers check the few shapes we request and fail loudly on anything else.
 */
import type { TermTuple, TermValue } from '../../new_terms/types';

export interface Bucket {
  readonly key: unknown;
  readonly key_as_string?: string;
  readonly doc_count: number;
  readonly [subAggregation: string]: unknown;
}

export interface BucketsAggregation {
  readonly buckets: readonly Bucket[];
  readonly after_key?: Readonly<Record<string, unknown>>;
}

export interface Hit {
  readonly _index: string;
  readonly _id: string;
  readonly _source?: Record<string, unknown>;
  readonly sort?: readonly unknown[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class UnexpectedResponseError extends Error {
  constructor(what: string) {
    super(`Unexpected Elasticsearch response: ${what}`);
    this.name = 'UnexpectedResponseError';
  }
}

export const bucketsOf = (aggregations: unknown, name: string): BucketsAggregation => {
  const aggregation = isObject(aggregations) ? aggregations[name] : undefined;
  if (!isObject(aggregation) || !Array.isArray(aggregation.buckets))
    throw new UnexpectedResponseError(`no buckets in aggregation "${name}"`);
  return aggregation as unknown as BucketsAggregation;
};

export const subAggregation = (
  bucket: Bucket | Record<string, unknown>,
  name: string
): Record<string, unknown> | undefined => {
  const value = bucket[name];
  return isObject(value) ? value : undefined;
};

/** `min` aggregation value (epoch ms for dates); undefined when the bucket had no value. */
export const minValue = (aggregation: Record<string, unknown> | undefined): number | undefined => {
  const value = aggregation?.value;
  return typeof value === 'number' ? value : undefined;
};

export const topHit = (aggregation: Record<string, unknown> | undefined): Hit | undefined => {
  const hits = isObject(aggregation?.hits) ? aggregation?.hits : undefined;
  const list = isObject(hits) && Array.isArray(hits.hits) ? hits.hits : [];
  const [first] = list as unknown[];
  return isObject(first) ? (first as unknown as Hit) : undefined;
};

export const toTermValue = (value: unknown): TermValue => {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  throw new UnexpectedResponseError(`term value ${JSON.stringify(value)}`);
};

/** A composite bucket key as a tuple in field order. */
export const compositeTuple = (key: unknown, fields: readonly string[]): TermTuple => {
  if (!isObject(key)) throw new UnexpectedResponseError('composite key is not an object');
  return fields.map((field) => toTermValue(key[field]));
};

/** Identity of a tuple for set membership (type-aware: 1 and "1" differ). */
export const tupleKey = (tuple: TermTuple): string => JSON.stringify(tuple);
