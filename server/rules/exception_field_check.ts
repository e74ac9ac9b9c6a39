/**
 * Which fields the rule's exception entries name that no stored event of its index patterns holds:
 * an entry on such a field (a typo, a field of another data source) never matches, and its item
 * silently leaves nothing out. Said as a warning on the rule's run, as the issue of a misspelt
 * field is otherwise invisible. Kibana's exception builder warns about such fields when the item
 * is written; here the check runs with every execution, where the data may have changed.
 */
import type { ExceptionEntry, ExceptionSet } from '../../common/exceptions/exception_schema';
import { isExpired, itemsForRule } from '../../common/exceptions/exceptions_to_kql';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { timestampSpecFor } from '../new_terms/run_new_terms_rule';
import type { EventLookups } from '../stores/store_contract';

/** Every time a store can hold: the check is about the field, not about a window. */
const ALL_TIME = { from: -8.64e15, to: 8.64e15 };

const fieldsOf = (entry: ExceptionEntry): string[] =>
  entry.type === 'nested'
    ? entry.entries.map((sub) => `${entry.field}.${sub.field}`)
    : [entry.field];

/** The distinct fields of the entries of the items the rule's lists hold, not expired at `now`. */
export const exceptionEntryFields = (
  definition: NewTermsRuleDefinition,
  exceptions: ExceptionSet,
  now: Date
): string[] => {
  const items = itemsForRule(definition.exceptions_list ?? [], exceptions.items).filter(
    (item) => !isExpired(item, now)
  );
  return [...new Set(items.flatMap((item) => item.entries.flatMap(fieldsOf)))].sort();
};

export const missingExceptionFieldsWarning = (fields: readonly string[]): string =>
  `Exception entries name ${fields.length === 1 ? 'a field' : 'fields'} that no event of the rule's index patterns has: ${fields.join(', ')}. Such an entry matches no event; check the field name.`;

/**
 * Fields found in the events of index patterns, so later checks skip them: stored events are
 * never deleted, so a field once present stays present and only missing ones are searched again.
 */
export class PresentFields {
  private readonly found = new Set<string>();

  has(index: readonly string[], field: string): boolean {
    return this.found.has(PresentFields.key(index, field));
  }

  add(index: readonly string[], field: string): void {
    this.found.add(PresentFields.key(index, field));
  }

  private static key(index: readonly string[], field: string): string {
    return JSON.stringify([index, field]);
  }
}

/** The warning for the fields no event has, or undefined when every field is present. */
export const checkExceptionFields = async (
  lookups: EventLookups,
  definition: NewTermsRuleDefinition,
  exceptions: ExceptionSet,
  now: Date,
  present: PresentFields = new PresentFields()
): Promise<string | undefined> => {
  const missing: string[] = [];
  const { index } = definition;
  for (const field of exceptionEntryFields(definition, exceptions, now)) {
    if (present.has(index, field)) continue;
    const found = await lookups.searchEvents({
      index,
      query: { type: 'exists', field: { kind: 'literal', value: field, quoted: false } },
      range: ALL_TIME,
      timestamp: timestampSpecFor(definition),
      size: 1,
      sortOrder: 'asc',
    });
    if (found.total === 0) missing.push(field);
    else present.add(index, field);
  }
  return missing.length === 0 ? undefined : missingExceptionFieldsWarning(missing);
};
