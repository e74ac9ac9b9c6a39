/** Kibana refuses a rule type at registration (rule_type_registry.ts: its checks and messages). */
export class RuleTypeRegistrationError extends Error {}
