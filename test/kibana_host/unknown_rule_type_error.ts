/** Kibana answers the rules API with a 400 for a rule type it does not know. */
export class UnknownRuleTypeError extends Error {}
