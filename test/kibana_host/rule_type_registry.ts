/**
 * The alerting plugin's `registerType` as the test host plays it: the same checks, in the same
 * order, with Kibana's messages, then the same defaults applied.
 * Kibana (9.x): x-pack/platform/plugins/shared/alerting/server/plugin.ts (setup → registerType:
 * license check and defaults), rule_type_registry.ts (register, augmentActionGroupsWithReserved,
 * ruleTypeIdSchema), common/parse_duration.ts (validateDurationSchema). 8.19: x-pack/plugins/alerting/…
 * has the same checks and messages.
 *
 * Kibana leaves some requirements to TypeScript (a non-empty name, category and producer, a
 * `solution`, `validate.params`, a default action group among the action groups); the host refuses
 * them at run time with its own words (marked "host rule"), since a JavaScript build gets no
 * type check.
 */
import type { RuleType } from '@kbn/alerting-plugin/server';
import type { AlertsService } from './alerts_service';
import { RuleTypeRegistrationError } from './rule_type_registration_error';
import { UnknownRuleTypeError } from './unknown_rule_type_error';

/** A rule type with its generics erased, as the registry stores it. */
export type AnyRuleType = RuleType<
  Record<string, unknown>,
  never,
  Record<string, unknown>,
  Record<string, never>,
  Record<string, never>,
  string,
  never,
  Record<string, unknown>
>;

/** Kibana: LICENSE_TYPE (@kbn/licensing-plugin/common/types). */
const LICENSE_TYPES: ReadonlySet<string> = new Set([
  'basic',
  'standard',
  'gold',
  'platinum',
  'enterprise',
  'trial',
]);
/** Kibana: RuleTypeSolution (@kbn/alerting-types). */
const SOLUTIONS: ReadonlySet<string> = new Set(['stack', 'observability', 'security']);
/** Kibana: RecoveredActionGroup (alerting common/builtin_action_groups.ts). */
export const RECOVERED_ACTION_GROUP = { id: 'recovered', name: 'Recovered' } as const;
/** Kibana: alerting config defaults (rules.run.timeout, cancelAlertsOnRuleTimeout). */
const DEFAULT_RULE_TASK_TIMEOUT = '5m';
const DEFAULT_CANCEL_ALERTS_ON_RULE_TIMEOUT = true;
/** Kibana: the regexes of common/parse_duration.ts. */
const DURATION_PATTERN = /^[1-9][0-9]*[smhd]$/;
/** Kibana: ruleTypeIdSchema. */
const RULE_TYPE_ID_INVALID = /[^a-zA-Z0-9_\-.]+/g;

const fail = (message: string): never => {
  throw new RuleTypeRegistrationError(message);
};

/** Kibana: validateDurationSchema — undefined when valid. */
const durationProblem = (duration: string): string | undefined =>
  DURATION_PATTERN.test(duration) ? undefined : `string is not a valid duration: ${duration}`;

const checkDurations = (type: AnyRuleType): void => {
  const timeoutProblem = type.ruleTaskTimeout ? durationProblem(type.ruleTaskTimeout) : undefined;
  if (timeoutProblem !== undefined)
    fail(`Rule type "${type.id}" has invalid timeout: ${timeoutProblem}.`);
  const intervalProblem = type.defaultScheduleInterval
    ? durationProblem(type.defaultScheduleInterval)
    : undefined;
  if (intervalProblem !== undefined)
    fail(`Rule type "${type.id}" has invalid default interval: ${intervalProblem}.`);
};

/** Kibana: augmentActionGroupsWithReserved. */
const checkActionGroups = (type: AnyRuleType): void => {
  const active = new Set(type.actionGroups.map((group) => group.id));
  // The erased type says `never` for the recovery group's id; at run time it is a string.
  const recovery = type.recoveryActionGroup?.id as string | undefined;
  if (recovery !== undefined && active.has(recovery)) {
    fail(
      `Rule type [id="${type.id}"] cannot be registered. Action group [${recovery}] cannot be used as both a recovery and an active action group.`
    );
  }
  const reserved = [recovery ?? RECOVERED_ACTION_GROUP.id].filter((id) => active.has(id));
  if (reserved.length > 0)
    fail(
      `Rule type [id="${type.id}"] cannot be registered. Action groups [${reserved.join(', ')}] are reserved by the framework.`
    );
  const levels = type.actionGroups.flatMap((group) =>
    group.severity ? [group.severity.level] : []
  );
  if (new Set(levels).size !== levels.length) {
    fail(
      `Rule type [id="${type.id}"] cannot be registered. Action group definitions cannot contain duplicate severity levels.`
    );
  }
};

/** Kibana: ruleTypeIdSchema (a config-schema string with a custom rule; no path prefix). */
const checkId = (id: unknown): void => {
  if (typeof id !== 'string')
    fail(`expected value of type [string] but got [${id === null ? 'null' : typeof id}]`);
  const invalid = String(id).match(RULE_TYPE_ID_INVALID);
  if (invalid !== null)
    fail(
      `expected RuleType Id not to include invalid character${invalid.length > 1 ? 's' : ''}: ${invalid.join(', ')}`
    );
};

const nonEmptyString = (value: unknown): boolean => typeof value === 'string' && value.length > 0;

/** Host rules: what Kibana's RuleType type requires but its registry does not check. */
const checkTypedContract = (type: AnyRuleType): void => {
  const problems = [
    nonEmptyString(type.name) ? undefined : 'a non-empty name',
    typeof type.validate?.params?.validate === 'function'
      ? undefined
      : 'validate.params with a validate function',
    type.actionGroups.some((group) => group.id === type.defaultActionGroupId)
      ? undefined
      : `a defaultActionGroupId among its action groups (got "${type.defaultActionGroupId}")`,
    nonEmptyString(type.category) ? undefined : 'a category',
    nonEmptyString(type.producer) ? undefined : 'a producer',
    SOLUTIONS.has(type.solution)
      ? undefined
      : `a solution of ${[...SOLUTIONS].join(', ')} (got "${String(type.solution)}")`,
    typeof type.isExportable === 'boolean' ? undefined : 'isExportable',
    typeof type.executor === 'function' ? undefined : 'an executor',
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0)
    fail(
      `Rule type "${type.id}" must declare ${problems.join('; ')} (host rule: Kibana's RuleType type).`
    );
};

export class RuleTypeRegistry {
  private readonly types = new Map<string, AnyRuleType>();

  constructor(private readonly alertsService: AlertsService) {}

  /** Kibana: the alerting setup contract's `registerType`, then RuleTypeRegistry.register. */
  register(ruleType: AnyRuleType): void {
    if (!LICENSE_TYPES.has(ruleType.minimumLicenseRequired))
      fail(`"${ruleType.minimumLicenseRequired}" is not a valid license type`);
    const type: AnyRuleType = {
      ...ruleType,
      ruleTaskTimeout: ruleType.ruleTaskTimeout ?? DEFAULT_RULE_TASK_TIMEOUT,
      cancelAlertsOnRuleTimeout:
        ruleType.cancelAlertsOnRuleTimeout ?? DEFAULT_CANCEL_ALERTS_ON_RULE_TIMEOUT,
      doesSetRecoveryContext: ruleType.doesSetRecoveryContext ?? false,
      autoRecoverAlerts: ruleType.autoRecoverAlerts ?? true,
    };
    if (this.types.has(type.id)) fail(`Rule type "${type.id}" is already registered.`);
    checkDurations(type);
    if (type.cancelAlertsOnRuleTimeout === false && type.autoRecoverAlerts !== false) {
      fail(
        `Rule type "${type.id}" cannot have both cancelAlertsOnRuleTimeout set to false and autoRecoverAlerts set to true.`
      );
    }
    checkActionGroups(type);
    checkId(type.id);
    checkTypedContract(type);
    this.types.set(type.id, type);
    if (type.alerts !== undefined) this.alertsService.register(type.alerts);
  }

  has(id: string): boolean {
    return this.types.has(id);
  }

  /** Kibana: RuleTypeRegistry.get (a 400 from the rules API). */
  get(id: string): AnyRuleType {
    const type = this.types.get(id);
    if (type === undefined) throw new UnknownRuleTypeError(`Rule type "${id}" is not registered.`);
    return type;
  }

  list(): AnyRuleType[] {
    return [...this.types.values()];
  }
}
