/**
 * The exceptions a rule's execution applies. Kibana adds one exception filter to every search of a
 * new_terms execution (the rule's query filter carries it: `getQueryFilter` with `exceptionFilter`
 * in SEC/server/lib/detection_engine/rule_types/new_terms/create_new_terms_alert_type.ts), so an
 * excepted event is out of the rule window and out of the history alike: a term seen only in
 * excepted events before the window is still new. Here that is one KQL condition, negated and
 * ANDed to the rule's query, which both stores compile as they compile the query.
 *
 * What cannot be applied is a warning on the run, never a failed execution: a list the rule names
 * that does not exist, an item that cannot be expressed (value lists, `?` wildcards).
 */
import type { KqlNode } from '../../common/kql/ast';
import { fromKueryExpression } from '../../common/kql/parse';
import {
  itemBelongsTo,
  type ExceptionSet,
  type RuleExceptionListReference,
} from '../../common/exceptions/exception_schema';
import { ruleExceptionsToKql } from '../../common/exceptions/exceptions_to_kql';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';

export interface RuleExceptions {
  /** Events matching this are left out of every phase; undefined when no exception applies. */
  readonly exclude: KqlNode | undefined;
  readonly warnings: readonly string[];
}

export const NO_EXCEPTIONS: RuleExceptions = { exclude: undefined, warnings: [] };

export type { ExceptionSet };

export const missingListWarning = (reference: RuleExceptionListReference): string =>
  `Exception list "${reference.list_id}" (namespace ${reference.namespace_type}) named by the rule does not exist; its exceptions were not applied.`;

export const unappliedItemWarning = (itemId: string, listId: string, reason: string): string =>
  `Exception item "${itemId}" of list "${listId}" was not applied: ${reason}.`;

/** The exclusion condition and the warnings for one execution of `definition` at `now`. */
export const resolveRuleExceptions = (
  definition: NewTermsRuleDefinition,
  exceptions: ExceptionSet,
  now: Date
): RuleExceptions => {
  const references = definition.exceptions_list ?? [];
  if (references.length === 0) return NO_EXCEPTIONS;
  const present = references.filter((reference) =>
    exceptions.lists.some((list) => itemBelongsTo(list, reference))
  );
  const warnings = references
    .filter((reference) => !present.includes(reference))
    .map(missingListWarning);
  const { kql, unsupported } = ruleExceptionsToKql(present, exceptions.items, { now });
  warnings.push(
    ...unsupported.map((item) => unappliedItemWarning(item.item_id, item.list_id, item.reason))
  );
  return { exclude: kql === undefined ? undefined : fromKueryExpression(kql), warnings };
};

/** The rule's query with the excepted events left out. */
export const queryWithExceptions = (query: KqlNode, exclude: KqlNode | undefined): KqlNode =>
  exclude === undefined
    ? query
    : { type: 'and', children: [query, { type: 'not', child: exclude }] };
