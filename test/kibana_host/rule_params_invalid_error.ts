/** Kibana's error when params fail the rule type's validator (a 400 from the rules API). */
export class RuleParamsInvalidError extends Error {}
