/**
 * The prebuilt rule catalog. Every definition is validated when this module loads, so a broken
 * rule stops the plugin, server and CLI at startup with the rule_id and field path rather than
 * failing later inside an execution.
 */
import { formatRuleErrors, parseRuleDefinition } from './rule_schema';
import type { NewTermsRuleDefinition } from './rule_schema';
import { privilegedDockerContainerCreation } from './prebuilt/privileged_docker_container_creation';
import { unusualInteractiveProcessInContainer } from './prebuilt/unusual_interactive_process_in_container';

export class PrebuiltRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrebuiltRuleError';
  }
}

const UNKNOWN_RULE_ID = '<missing rule_id>';

const ruleIdOf = (definition: unknown): string => {
  if (typeof definition !== 'object' || definition === null || !('rule_id' in definition))
    return UNKNOWN_RULE_ID;
  return typeof definition.rule_id === 'string' ? definition.rule_id : UNKNOWN_RULE_ID;
};

/** Freezing turns an accidental mutation by a consumer into an immediate TypeError. */
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

const validateDefinition = (definition: unknown): NewTermsRuleDefinition => {
  const result = parseRuleDefinition(definition);
  if (result.ok) return deepFreeze(result.rule);
  throw new PrebuiltRuleError(
    `Prebuilt rule ${ruleIdOf(definition)} is invalid:\n${formatRuleErrors(result.errors)}`
  );
};

/** Validates, defaults and freezes a list of definitions; throws on the first invalid or duplicate rule. */
export const buildCatalog = (
  definitions: readonly unknown[]
): readonly NewTermsRuleDefinition[] => {
  const seen = new Set<string>();
  const rules = definitions.map((definition) => {
    const rule = validateDefinition(definition);
    if (seen.has(rule.rule_id)) {
      throw new PrebuiltRuleError(
        `Prebuilt rule ${rule.rule_id} is defined more than once (rule_id must be unique)`
      );
    }
    seen.add(rule.rule_id);
    return rule;
  });
  return Object.freeze(rules);
};

export const PREBUILT_RULES: readonly NewTermsRuleDefinition[] = buildCatalog([
  unusualInteractiveProcessInContainer,
  privilegedDockerContainerCreation,
]);

const RULES_BY_ID: ReadonlyMap<string, NewTermsRuleDefinition> = new Map(
  PREBUILT_RULES.map((rule) => [rule.rule_id, rule])
);

export const getPrebuiltRule = (ruleId: string): NewTermsRuleDefinition | undefined =>
  RULES_BY_ID.get(ruleId);
