export { PREBUILT_RULES, PrebuiltRuleError, buildCatalog, getPrebuiltRule } from './catalog';
export { isValidDateMath, isValidDuration, parseDateMath, parseDuration } from './date_math';
export type { DateMathResult } from './date_math';
export {
  MITRE_ENTRIES,
  SUBTECHNIQUE_UNIX_SHELL,
  TACTIC_EXECUTION,
  TACTIC_PRIVILEGE_ESCALATION,
  TECHNIQUE_COMMAND_AND_SCRIPTING_INTERPRETER,
  TECHNIQUE_CONTAINER_ADMINISTRATION_COMMAND,
  TECHNIQUE_ESCAPE_TO_HOST,
  buildTechnique,
  buildThreat,
  mitreReferenceUrl,
} from './mitre';
export type { MitreEntry } from './mitre';
export {
  DEFAULT_FROM,
  DEFAULT_INTERVAL,
  DEFAULT_MAX_SIGNALS,
  DEFAULT_RULE_VERSION,
  DEFAULT_TO,
  FROM_AFTER_TO_ERROR,
  HISTORY_WINDOW_ERROR,
  MAX_NEW_TERMS_FIELDS,
  MAX_RISK_SCORE,
  MIN_RISK_SCORE,
  MITRE_ATTACK_FRAMEWORK,
  RULE_SEVERITIES,
  checkRuleWindows,
  formatPath,
  formatRuleErrors,
  newTermsRuleFieldsSchema,
  newTermsRuleSchema,
  parseRuleDefinition,
} from './rule_schema';
export type {
  NewTermsRuleDefinition,
  NewTermsRuleInput,
  ParseRuleOptions,
  ParseRuleResult,
  RelatedIntegration,
  RequiredField,
  RuleSeverity,
  RuleThreat,
  RuleValidationError,
  ThreatSubtechnique,
  ThreatTactic,
  ThreatTechnique,
} from './rule_schema';
export {
  PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID,
  privilegedDockerContainerCreation,
} from './prebuilt/privileged_docker_container_creation';
export {
  UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID,
  unusualInteractiveProcessInContainer,
} from './prebuilt/unusual_interactive_process_in_container';
