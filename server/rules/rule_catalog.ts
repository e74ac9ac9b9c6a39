/**
 * Every rule the engine knows, as data: the prebuilt rules and the user rules a store keeps
 * (imported from Kibana's or detection-rules' formats). Whatever lists, installs or runs rules asks
 * a catalog rather than the prebuilt constant, so a user rule is listed, shown and run like a
 * prebuilt one.
 */
import type { KibanaNewTermsRule } from '../../common/rules/kibana_rule_schema';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import type { InstalledRule, RuleSource, RuleStore } from '../stores/store_contract';

export interface CatalogRule {
  readonly definition: NewTermsRuleDefinition;
  readonly source: RuleSource;
  /** A user rule imported from Kibana's format: every field it came with. */
  readonly kibana?: KibanaNewTermsRule;
}

export interface RuleCatalog {
  /** The prebuilt rules in catalog order, then user rules by rule_id. */
  list(): Promise<readonly CatalogRule[]>;
  get(ruleId: string): Promise<CatalogRule | undefined>;
}

const prebuiltRules = (definitions: readonly NewTermsRuleDefinition[]): CatalogRule[] =>
  definitions.map((definition) => ({ definition, source: 'prebuilt' }));

const catalogRuleOf = (rule: {
  readonly definition: NewTermsRuleDefinition;
  readonly kibana?: KibanaNewTermsRule;
}): CatalogRule => ({
  definition: rule.definition,
  source: 'user',
  ...(rule.kibana === undefined ? {} : { kibana: rule.kibana }),
});

/**
 * An installed prebuilt rule keeps the catalog's definition but the exception lists it was given
 * (in Kibana, adding exceptions does not customise a prebuilt rule).
 */
const withExceptionsOf = (rule: CatalogRule, installed: InstalledRule): CatalogRule => {
  const lists = installed.definition.exceptions_list;
  return lists === undefined
    ? rule
    : { ...rule, definition: { ...rule.definition, exceptions_list: lists } };
};

/** The prebuilt rules alone: where no store keeps user rules (Kibana today, `ctd scan` without one). */
export const prebuiltCatalog = (
  definitions: readonly NewTermsRuleDefinition[] = PREBUILT_RULES
): RuleCatalog => {
  const rules = prebuiltRules(definitions);
  return {
    list: () => Promise.resolve(rules),
    get: (ruleId) => Promise.resolve(rules.find((rule) => rule.definition.rule_id === ruleId)),
  };
};

/**
 * The prebuilt rules and a store's user rules. A user rule stored under a prebuilt rule's rule_id
 * (an import with overwrite) takes its place.
 */
export const storeCatalog = (
  store: RuleStore,
  definitions: readonly NewTermsRuleDefinition[] = PREBUILT_RULES
): RuleCatalog => {
  const list = async (): Promise<readonly CatalogRule[]> => {
    const installed = await store.list();
    const userRules = installed.filter((rule) => rule.source === 'user');
    const byRuleId = new Map(installed.map((rule) => [rule.definition.rule_id, rule]));
    const prebuilt = prebuiltRules(definitions).map((rule): CatalogRule => {
      const copy = byRuleId.get(rule.definition.rule_id);
      if (copy === undefined) return rule;
      return copy.source === 'user' ? catalogRuleOf(copy) : withExceptionsOf(rule, copy);
    });
    const prebuiltIds = new Set(definitions.map((definition) => definition.rule_id));
    const others = userRules
      .filter((rule) => !prebuiltIds.has(rule.definition.rule_id))
      .map(catalogRuleOf);
    return [...prebuilt, ...others];
  };
  return {
    list,
    get: async (ruleId) => (await list()).find((rule) => rule.definition.rule_id === ruleId),
  };
};
