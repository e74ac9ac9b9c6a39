/**
 * An exception item as a user adds it to a rule: Kibana's
 * kbn-securitysolution-exceptions-common/api/create_rule_exceptions/create_rule_exceptions.gen.ts
 * (`CreateRuleExceptionListItemProps`). The list it goes into is the rule's default list, whose
 * namespace replaces the one given (as Kibana's createExceptionListItems does).
 */
import { z } from 'zod';
import { exceptionEntry, nonEmptyString, osType } from './exception_schema';

export const EMPTY_ENTRIES_MESSAGE = 'an exception item needs at least one entry';

/**
 * One item to add. Kibana: kbn-securitysolution-exceptions-common/api/create_rule_exceptions/
 * create_rule_exceptions.gen.ts (`CreateRuleExceptionListItemProps`); the namespace given is
 * replaced by the default list's, as Kibana's createExceptionListItems does.
 */
export const newRuleExceptionItem = z.object({
  item_id: nonEmptyString.optional(),
  type: z.literal('simple'),
  name: nonEmptyString,
  description: z.string(),
  // Kibana's schema allows none, but an item without entries would leave out every event.
  entries: z.array(exceptionEntry).min(1, { message: EMPTY_ENTRIES_MESSAGE }),
  namespace_type: z.enum(['agnostic', 'single']).optional(),
  os_types: z.array(osType).optional(),
  tags: z.array(nonEmptyString).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
  expire_time: z.iso.datetime().optional(),
  comments: z.array(z.object({ comment: nonEmptyString })).optional(),
});
export type NewRuleExceptionItem = z.infer<typeof newRuleExceptionItem>;
