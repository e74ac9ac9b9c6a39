import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';

/**
 * A rule as it runs: a definition plus the identity of this installed copy. Kibana keys alerts by
 * the rule saved object (`uuid`), not by the prebuilt `rule_id`, and scopes them by space.
 */
export interface NewTermsRuleInstance {
  readonly uuid: string;
  readonly spaceId: string;
  readonly definition: NewTermsRuleDefinition;
}

export const DEFAULT_SPACE_ID = 'default';
