/**
 * The values Kibana writes in `kibana.alert.new_terms`, which also go into the alert id. With one
 * field they are the keys of the document-fetch `terms` aggregation's buckets
 * (NT/execute_new_terms_aggregation_approach.ts takes `bucket.key`), and Elasticsearch keys a
 * boolean there as 1 or 0 (its `key_as_string` holds "true" / "false"). With several fields they
 * are composite keys, which keep booleans as booleans.
 */
import type { TermTuple } from './types';

export const alertTermOf = (term: TermTuple, singleField: boolean): TermTuple =>
  singleField ? term.map((value) => (typeof value === 'boolean' ? Number(value) : value)) : term;
