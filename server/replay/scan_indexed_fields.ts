/**
 * The fields a scan's scratch store gives columns: those its rules search — each query's fields,
 * the new-terms fields, the timestamp fields, the suppression group-by fields, and the fields the
 * exception items of the rules' lists test. Every other field is still validated and typed as
 * ingest always does (the same lines are stored and refused), and kept in `_source`, which is
 * where alert documents come from. Writing ~190 columns per Defend event for two rules that
 * search a dozen was most of a scan's time.
 *
 * Some rules need every field: a query with a bare value (it searches every field) or a wildcard
 * field name, and a nested exception entry (the embedded store reads the events holding any value
 * below its path). Then there is no filter.
 */
import type { KqlNode } from '../../common/kql/ast';
import { fromKueryExpression } from '../../common/kql/parse';
import { referencedFields } from '../../common/kql/referenced_fields';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { namedFieldFilter, type NamedFieldFilter } from '../stores/duckdb/field_catalog';
import { resolveRuleExceptions, type ExceptionSet } from '../new_terms/rule_exceptions';
import { timestampSpecFor } from '../new_terms/run_new_terms_rule';

const WILDCARD = '*';

const hasNested = (node: KqlNode): boolean => {
  switch (node.type) {
    case 'nested':
      return true;
    case 'and':
    case 'or':
      return node.children.some(hasNested);
    case 'not':
      return hasNested(node.child);
    default:
      return false;
  }
};

/** The fields `query` names, or undefined when it searches every field or fields by pattern. */
const queryFields = (query: KqlNode): readonly string[] | undefined => {
  const fields = [...referencedFields(query)];
  if (fields.some((field) => field === null || field.includes(WILDCARD))) return undefined;
  return fields.filter((field): field is string => field !== null);
};

/**
 * A replay resolves exceptions at each execution's start, so an item that has expired since still
 * applied to earlier executions: the items are taken as of the epoch, when none had expired.
 */
const BEFORE_ANY_EXPIRY = new Date(0);

const exceptionFields = (
  definition: NewTermsRuleDefinition,
  exceptions: ExceptionSet | undefined
): readonly string[] | undefined => {
  if (exceptions === undefined) return [];
  const { exclude } = resolveRuleExceptions(definition, exceptions, BEFORE_ANY_EXPIRY);
  if (exclude === undefined) return [];
  return hasNested(exclude) ? undefined : queryFields(exclude);
};

/** Every field one rule searches, or undefined when it may search any. */
const ruleFields = (
  definition: NewTermsRuleDefinition,
  exceptions: ExceptionSet | undefined
): readonly string[] | undefined => {
  const query = queryFields(fromKueryExpression(definition.query));
  const excepted = exceptionFields(definition, exceptions);
  if (query === undefined || excepted === undefined) return undefined;
  const timestamp = timestampSpecFor(definition);
  return [
    ...query,
    ...excepted,
    ...definition.new_terms_fields,
    timestamp.primary,
    ...(timestamp.fallback === null ? [] : [timestamp.fallback]),
    ...(definition.alert_suppression?.group_by ?? []),
  ];
};

/** The filter for a scan of `rules`, or undefined when a rule needs every field. */
export const scanIndexedFields = (
  rules: readonly NewTermsRuleDefinition[],
  exceptions?: ExceptionSet
): NamedFieldFilter | undefined => {
  const fields = new Set<string>();
  for (const definition of rules) {
    const named = ruleFields(definition, exceptions);
    if (named === undefined) return undefined;
    for (const field of named) fields.add(field);
  }
  return namedFieldFilter(fields);
};
