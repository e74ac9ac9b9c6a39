/**
 * Security's warning for a rule whose index patterns match nothing, worded as Kibana words it
 * (security_solution `rule_types/utils/utils.ts` hasTimestampFields; the run ends in "partial
 * failure"). The embedded store has no empty indices, so "no index matching" means no stored
 * event in any index the patterns match.
 */
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import type { ReplayEventSource } from '../stores/store_contract';

export const missingIndexWarning = (index: readonly string[]): string =>
  `This rule is attempting to query data from Elasticsearch indices listed in the "Index patterns" section of the rule definition, however no index matching: ${JSON.stringify(index)} was found. This warning will continue to appear until a matching index is created or this rule is disabled.`;

/**
 * The warning when none of the rule's index patterns holds an event; undefined otherwise. It runs
 * on every execution, so it asks only whether one event exists, never for the data's time span.
 */
export const checkIndexPatterns = async (
  source: ReplayEventSource,
  definition: NewTermsRuleDefinition
): Promise<string | undefined> =>
  (await source.hasEvents(definition.index)) ? undefined : missingIndexWarning(definition.index);
