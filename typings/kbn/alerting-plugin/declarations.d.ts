/**
 * Our own declarations of the Kibana 9.x alerting-plugin types this plugin uses (a subset, not a
 * copy). This file is not a Kibana module path: `server.d.ts`, `server/types.d.ts` and
 * `server/alerts_client/types.d.ts` re-export from it exactly the names the corresponding Kibana
 * modules export, so an import that compiles here also compiles inside a Kibana checkout.
 * Sources: x-pack/platform/plugins/shared/alerting/server/{types,plugin,index}.ts,
 * …/server/alerts_client/types.ts, …/server/rules_client/rules_client.ts,
 * …/server/application/rule/methods/{create,find,get,enable_rule,disable}/*,
 * src/platform/packages/shared/kbn-alerting-types/*.ts.
 */
import type {
  IScopedClusterClient,
  KibanaRequest,
  Logger,
  SavedObjectsClientContract,
} from '@kbn/core/server';
import type { FieldMap } from '@kbn/alerts-as-data-utils';

// ---------------------------------------------------------------------------------------------
// Basic shapes (@kbn/alerting-types; alerting/common)
// ---------------------------------------------------------------------------------------------

/** Rule parameters; Kibana requires a type assignable to `Record<string, unknown>` (a type alias, not an interface). */
export type RuleTypeParams = Record<string, unknown>;

/** Rule-level state carried between executions. */
export type RuleTypeState = Record<string, unknown>;

/** Per-alert state carried between executions. */
export type AlertInstanceState = Record<string, unknown>;

/** Per-alert context handed to actions. */
export type AlertInstanceContext = Record<string, unknown>;

/** Extra alert document fields a rule type writes to its alerts-as-data index. */
export type RuleAlertData = Record<string, unknown>;

/** The framework's reserved recovery action group id. */
export type RecoveredActionGroupId = 'recovered';

/** The conventional default action group id. */
export type DefaultActionGroupId = 'default';

/** Severity of an action group. */
export interface ActionGroupSeverity {
  /** Severity level (higher = more severe). */
  level: number;
}

/** An action group a rule type schedules actions for. */
export interface ActionGroup<ActionGroupIds extends string> {
  /** Group id. */
  id: ActionGroupIds;
  /** Display name. */
  name: string;
  /** Optional severity. */
  severity?: ActionGroupSeverity;
}

/** Action groups the executor may report (the recovery groups are reserved to the framework). */
export type WithoutReservedActionGroups<
  ActionGroupIds extends string,
  RecoveryActionGroupId extends string,
> = ActionGroupIds extends RecoveryActionGroupId | RecoveredActionGroupId ? never : ActionGroupIds;

/** A variable offered to action message templates. */
export interface ActionVariable {
  /** Variable name (e.g. `reason`). */
  name: string;
  /** Description shown in the UI. */
  description: string;
  /** Whether the value must be rendered with `{{{…}}}` (no HTML escaping). */
  useWithTripleBracesInTemplates?: boolean;
}

/** License levels (@kbn/licensing-types). */
export type LicenseType = 'basic' | 'standard' | 'gold' | 'platinum' | 'enterprise' | 'trial';

/** Solution a rule type belongs to (required in 9.x). */
export type RuleTypeSolution = 'stack' | 'observability' | 'security';

/** A rule's schedule. */
export interface IntervalSchedule {
  /** Interval such as `5m`. */
  interval: string;
}

/** The rule as its executor sees it (subset of `SanitizedRuleConfig`). */
export interface SanitizedRuleConfig {
  /** Rule saved-object id. */
  id: string;
  /** Rule name. */
  name: string;
  /** Rule tags. */
  tags: string[];
  /** Consumer (feature id) the rule was created under. */
  consumer: string;
  /** Whether the rule is enabled. */
  enabled: boolean;
  /** The rule's schedule. */
  schedule: IntervalSchedule;
  /** Producer of the rule type. */
  producer: string;
  /** Rule type id. */
  ruleTypeId: string;
  /** Rule type name. */
  ruleTypeName: string;
  /** Revision, bumped on every params/schedule change. */
  revision: number;
  /** Who created the rule. */
  createdBy: string | null;
  /** Who last updated the rule. */
  updatedBy: string | null;
  /** Creation time. */
  createdAt: Date;
  /** Last update time. */
  updatedAt: Date;
}

/** Flapping settings in force for the execution. */
export interface RulesSettingsFlappingProperties {
  /** Whether flapping detection is on. */
  enabled: boolean;
  /** Number of executions looked back. */
  lookBackWindow: number;
  /** Status changes within the window that mark an alert as flapping. */
  statusChangeThreshold: number;
}

/** Start and end of a lookback computed by `getTimeRange`. */
export interface GetTimeRangeResult {
  /** ISO start of the window. */
  dateStart: string;
  /** ISO end of the window. */
  dateEnd: string;
}

// ---------------------------------------------------------------------------------------------
// Alerts client (alerting/server/alerts_client/types.ts)
// ---------------------------------------------------------------------------------------------

/** Recursively optional version of a type (@kbn/utility-types `DeepPartial`). */
type DeepPartial<T> = {
  [P in keyof T]?: T[P] extends Array<infer U> ? Array<DeepPartial<U>> : DeepPartial<T[P]>;
};

/** One alert reported by the executor. */
export interface ReportedAlert<
  AlertData extends RuleAlertData,
  State extends AlertInstanceState,
  Context extends AlertInstanceContext,
  ActionGroupIds extends string,
> {
  /** Alert instance id, stable across executions (ours: the deterministic alert id). */
  id: string;
  /** Action group the alert is active in. */
  actionGroup: ActionGroupIds;
  /** Per-alert state kept for the next execution. */
  state?: State;
  /** Context for action templates. */
  context?: Context;
  /** Rule-type fields written into the alert document. */
  payload?: DeepPartial<AlertData>;
}

/** What `report` returns. */
export interface ReportedAlertData<AlertData> {
  /** The alert's uuid (`kibana.alert.uuid`). */
  uuid: string;
  /** When the alert started being active (ISO), or null. */
  start: string | null;
  /** The existing alert document when the alert was already active. */
  alertDoc?: AlertData;
}

/** Fields of a reported alert that may be changed later in the same execution. */
export type UpdateableAlert<
  AlertData extends RuleAlertData,
  State extends AlertInstanceState,
  Context extends AlertInstanceContext,
  ActionGroupIds extends string,
> = Pick<ReportedAlert<AlertData, State, Context, ActionGroupIds>, 'id' | 'context' | 'payload'>;

/** The executor's handle on alerts-as-data (non-null only when the type registers `alerts` with `shouldWrite`). */
export interface PublicAlertsClient<
  AlertData extends RuleAlertData,
  State extends AlertInstanceState,
  Context extends AlertInstanceContext,
  ActionGroupIds extends string,
> {
  /** Reports an active alert; the framework writes/updates its document after the executor returns. */
  report(
    alert: ReportedAlert<AlertData, State, Context, ActionGroupIds>
  ): ReportedAlertData<AlertData>;
  /** Tells whether an alert id was active in the previous execution. */
  isTrackedAlert(id: string): boolean;
  /** Updates context/payload of an alert already reported in this execution. */
  setAlertData(alert: UpdateableAlert<AlertData, State, Context, ActionGroupIds>): void;
  /** Maximum number of alerts one execution may report (`xpack.alerting.rules.run.alerts.max`). */
  getAlertLimitValue: () => number;
  /** Tells the framework the executor stopped reporting because the limit was reached. */
  setAlertLimitReached: (reached: boolean) => void;
}

/** Thrown by executors when `alertsClient` is unexpectedly null. */
export declare class AlertsClientError extends Error {
  /** Creates the error with the framework's standard message. */
  constructor();
}

// ---------------------------------------------------------------------------------------------
// Executor (alerting/server/types.ts)
// ---------------------------------------------------------------------------------------------

/** Setters for the rule's last-run outcome shown in the rules UI. */
export interface PublicLastRunSetters {
  /** Records an error (the run is reported as failed). */
  addLastRunError: (message: string, userError?: boolean) => void;
  /** Records a warning (the run is reported as succeeded with warnings). */
  addLastRunWarning: (outcomeMsg: string) => void;
  /** Sets the run's outcome message. */
  setLastRunOutcomeMessage: (warning: string) => void;
}

/** The last-run result service handed to executors. */
export type PublicRuleResultService = PublicLastRunSetters;

/** Services handed to an executor. */
export interface RuleExecutorServices<
  State extends AlertInstanceState = AlertInstanceState,
  Context extends AlertInstanceContext = AlertInstanceContext,
  ActionGroupIds extends string = never,
  AlertData extends RuleAlertData = RuleAlertData,
> {
  /** Alerts-as-data client; null unless the type registers `alerts` with `shouldWrite: true`. */
  alertsClient: PublicAlertsClient<AlertData, State, Context, ActionGroupIds> | null;
  /** Elasticsearch clients; `asCurrentUser` runs with the rule's API key. */
  scopedClusterClient: IScopedClusterClient;
  /** Saved objects client scoped to the rule's API key and space. */
  savedObjectsClient: SavedObjectsClientContract;
  /** True once the execution timed out or was cancelled; long loops should stop. */
  shouldStopExecution: () => boolean;
  /** False when alerts must not be written (e.g. during a maintenance run). */
  shouldWriteAlerts: () => boolean;
  /** Last-run outcome setters (optional in the type, always present at runtime in 9.x). */
  ruleResultService?: PublicRuleResultService;
}

/** What an executor receives. */
export interface RuleExecutorOptions<
  Params extends RuleTypeParams = never,
  State extends RuleTypeState = never,
  InstanceState extends AlertInstanceState = never,
  InstanceContext extends AlertInstanceContext = never,
  ActionGroupIds extends string = never,
  AlertData extends RuleAlertData = never,
> {
  /** Unique id of this execution. */
  executionId: string;
  /** Logger for the rule type. */
  logger: Logger;
  /** Validated rule params. */
  params: Params;
  /** Start of the previous execution, or null on the first one. */
  previousStartedAt: Date | null;
  /** The rule being executed. */
  rule: SanitizedRuleConfig;
  /** Services (clients, alerts client, result service). */
  services: RuleExecutorServices<InstanceState, InstanceContext, ActionGroupIds, AlertData>;
  /** Space the rule lives in. */
  spaceId: string;
  /** Start of this execution. */
  startedAt: Date;
  /** True when `startedAt` was overridden (backfill / manual run). */
  startedAtOverridden: boolean;
  /** State returned by the previous execution. */
  state: State;
  /** Saved-objects namespace of the space (undefined for the default space). */
  namespace?: string;
  /** Flapping settings in force. */
  flappingSettings: RulesSettingsFlappingProperties;
  /** Computes a lookback window ending now (query delay applied). */
  getTimeRange: (timeWindow?: string) => GetTimeRangeResult;
  /** True on serverless. */
  isServerless: boolean;
}

/** The executor function. */
export type ExecutorType<
  Params extends RuleTypeParams = never,
  State extends RuleTypeState = never,
  InstanceState extends AlertInstanceState = never,
  InstanceContext extends AlertInstanceContext = never,
  ActionGroupIds extends string = never,
  AlertData extends RuleAlertData = never,
> = (
  options: RuleExecutorOptions<
    Params,
    State,
    InstanceState,
    InstanceContext,
    ActionGroupIds,
    AlertData
  >
) => Promise<{ state: State }>;

/**
 * Validates raw params on create/update and before each run; a thrown error rejects them.
 * Kibana types the argument `Partial<Params>`; an implementation taking `unknown` fits.
 */
export interface RuleTypeParamsValidator<Params extends RuleTypeParams> {
  /** Returns the validated params or throws. */
  validate: (object: Partial<Params>) => Params;
  /** Re-validates params changed by bulk edit. */
  validateMutatedParams?: (mutatedObject: Params, origObject?: Params) => Params;
}

/** Mappings of the rule type's alerts-as-data component template. */
interface ComponentTemplateSpec {
  /** Dynamic mapping mode (default `strict`). */
  dynamic?: 'strict' | false;
  /** Field mappings added to the alerts index. */
  fieldMap: FieldMap;
}

/** Alerts-as-data registration of a rule type. */
export interface IRuleTypeAlerts<AlertData extends RuleAlertData = never> {
  /** Index context: alerts go to `.alerts-<context>.alerts-<space>`; all types sharing it must share mappings. */
  context: string;
  /** Extra mappings for the index. */
  mappings: ComponentTemplateSpec;
  /** Whether the framework writes the alerts (needed for a non-null `alertsClient`). */
  shouldWrite?: boolean;
  /** Whether the ECS component template is included. */
  useEcs?: boolean;
  /** Whether the legacy (rule registry) alert fields are included. */
  useLegacyAlerts?: boolean;
  /** Whether resources are created per space. */
  isSpaceAware?: boolean;
  /** Secondary alias (without the namespace suffix) pointing at the same indices. */
  secondaryAlias?: string;
}

/** Options of `getViewInAppRelativeUrl` (a supertype of Kibana's, which passes the whole sanitized rule). */
export interface GetViewInAppRelativeUrlFnOpts<Params extends RuleTypeParams> {
  /** The rule (at least its id). */
  rule: { id: string; name?: string; params?: Params };
  /** Start of the time bounds in epoch ms, when known. */
  start?: number;
  /** End of the time bounds in epoch ms, when known. */
  end?: number;
}

/** Builds the in-app link for an alert's rule, relative to the space's base path. */
export type GetViewInAppRelativeUrlFn<Params extends RuleTypeParams> = (
  opts: GetViewInAppRelativeUrlFnOpts<Params>
) => string;

/** A rule type registration. */
export interface RuleType<
  Params extends RuleTypeParams = never,
  ExtractedParams extends RuleTypeParams = never,
  State extends RuleTypeState = never,
  InstanceState extends AlertInstanceState = never,
  InstanceContext extends AlertInstanceContext = never,
  ActionGroupIds extends string = never,
  RecoveryActionGroupId extends string = never,
  AlertData extends RuleAlertData = never,
> {
  /** Rule type id (task type `alerting:<id>`). */
  id: string;
  /** Display name. */
  name: string;
  /** Params validation (required in 9.x; optional in early 8.x). */
  validate: { params: RuleTypeParamsValidator<Params> };
  /** Action groups; `recovered` is reserved. */
  actionGroups: Array<ActionGroup<ActionGroupIds>>;
  /** Default action group. */
  defaultActionGroupId: ActionGroup<ActionGroupIds>['id'];
  /** Custom recovery group (default `recovered`). */
  recoveryActionGroup?: ActionGroup<RecoveryActionGroupId>;
  /** Runs the rule. */
  executor: ExecutorType<
    Params,
    State,
    InstanceState,
    InstanceContext,
    WithoutReservedActionGroups<ActionGroupIds, RecoveryActionGroupId>,
    AlertData
  >;
  /** Category id, e.g. `DEFAULT_APP_CATEGORIES.security.id`. */
  category: string;
  /** Producer (feature id) owning the type. */
  producer: string;
  /** Solution the type belongs to (9.x). */
  solution: RuleTypeSolution;
  /** Variables offered to action templates. */
  actionVariables?: {
    context?: ActionVariable[];
    state?: ActionVariable[];
    params?: ActionVariable[];
  };
  /** Minimum license to run the type. */
  minimumLicenseRequired: LicenseType;
  /** Whether rules of the type are included in saved-object exports. */
  isExportable: boolean;
  /** Default schedule interval offered in the UI. */
  defaultScheduleInterval?: string;
  /** Execution timeout (e.g. `5m`). */
  ruleTaskTimeout?: string;
  /** Whether a timed-out run discards its alerts (`false` requires `autoRecoverAlerts: false`). */
  cancelAlertsOnRuleTimeout?: boolean;
  /** Whether the executor sets context on recovered alerts. */
  doesSetRecoveryContext?: boolean;
  /** Alerts-as-data registration. */
  alerts?: IRuleTypeAlerts<AlertData>;
  /** Whether alerts not reported again recover automatically (default true). */
  autoRecoverAlerts?: boolean;
  /** In-app link for the rule's alerts. */
  getViewInAppRelativeUrl?: GetViewInAppRelativeUrlFn<Params>;
}

// ---------------------------------------------------------------------------------------------
// Rules client (rules_client/rules_client.ts, application/rule/methods/*)
// ---------------------------------------------------------------------------------------------

/** An action attached on create (subset of the request action schema). */
export interface RuleActionRequest {
  /** Action group it fires for. */
  group: string;
  /** Connector id. */
  id: string;
  /** Connector type id (optional in requests). */
  actionTypeId?: string;
  /** Connector params. */
  params: Record<string, unknown>;
  /** Action uuid (generated when omitted). */
  uuid?: string;
}

/** Data of a rule to create (`enabled`, `tags`, `actions` are required in the type; the schema defaults them). */
export interface CreateRuleData<Params extends RuleTypeParams = never> {
  /** Rule name. */
  name: string;
  /** Rule type id. */
  alertTypeId: string;
  /** Whether to enable (and schedule) the rule; creates an API key for the calling user. */
  enabled: boolean;
  /** Consumer (feature id) the rule is created under; authorization is checked on it. */
  consumer: string;
  /** Tags. */
  tags: string[];
  /** Rule params, validated with the type's `validate.params`. */
  params: Params;
  /** Schedule (minimum interval enforced). */
  schedule: IntervalSchedule;
  /** Actions. */
  actions: RuleActionRequest[];
  /** Legacy throttle (prefer per-action frequency). */
  throttle?: string | null;
}

/** Arguments of `create`. */
export interface CreateRuleParams<Params extends RuleTypeParams = never> {
  /** The rule. */
  data: CreateRuleData<Params>;
  /** Options. */
  options?: {
    /** Saved-object id to use (generated when omitted). */
    id?: string;
  };
}

/** Execution status kept on the rule. */
export interface RuleExecutionStatus {
  /** Status of the last execution. */
  status: 'ok' | 'active' | 'error' | 'pending' | 'unknown' | 'warning';
  /** When the last execution ran. */
  lastExecutionDate: Date;
  /** Duration of the last execution in ms. */
  lastDuration?: number;
  /** Error of the last execution. */
  error?: { reason: string; message: string };
  /** Warning of the last execution. */
  warning?: { reason: string; message: string };
}

/** Outcome of the last run. */
export interface RuleLastRun {
  /** Outcome. */
  outcome: 'succeeded' | 'warning' | 'failed';
  /** Messages set through `ruleResultService`. */
  outcomeMsg?: string[] | null;
  /** Alert counts of the run. */
  alertsCount: {
    active?: number | null;
    new?: number | null;
    recovered?: number | null;
    ignored?: number | null;
  };
}

/** A rule as the rules client returns it (subset). */
export interface SanitizedRule<Params extends RuleTypeParams = never> {
  /** Saved-object id. */
  id: string;
  /** Whether the rule is enabled. */
  enabled: boolean;
  /** Name. */
  name: string;
  /** Tags. */
  tags: string[];
  /** Rule type id. */
  alertTypeId: string;
  /** Consumer. */
  consumer: string;
  /** Schedule. */
  schedule: IntervalSchedule;
  /** Params. */
  params: Params;
  /** Whether all notifications are muted. */
  muteAll: boolean;
  /** Creator. */
  createdBy: string | null;
  /** Last updater. */
  updatedBy: string | null;
  /** Creation time. */
  createdAt: Date;
  /** Last update time. */
  updatedAt: Date;
  /** Revision. */
  revision: number;
  /** Status of the last execution. */
  executionStatus: RuleExecutionStatus;
  /** Outcome of the last run. */
  lastRun?: RuleLastRun | null;
  /** Next scheduled run. */
  nextRun?: Date | null;
}

/** Options of `find` (subset). */
export interface FindRulesOptions {
  /** Page size. */
  perPage?: number;
  /** Page number (1-based). */
  page?: number;
  /** Simple-query-string search. */
  search?: string;
  /** Fields the search applies to. */
  searchFields?: string[];
  /** Sort field. */
  sortField?: string;
  /** Sort order. */
  sortOrder?: 'asc' | 'desc';
  /** KQL over saved-object attributes, e.g. `alert.attributes.alertTypeId:"x"`. */
  filter?: string;
  /** Restricts to these rule types. */
  ruleTypeIds?: string[];
  /** Restricts to these consumers. */
  consumers?: string[];
}

/** Arguments of `find`. */
export interface FindRulesParams {
  /** Query options. */
  options?: FindRulesOptions;
}

/** A page of rules. */
export interface FindResult<Params extends RuleTypeParams> {
  /** Page number. */
  page: number;
  /** Page size. */
  perPage: number;
  /** Total matches. */
  total: number;
  /** The rules of this page. */
  data: Array<SanitizedRule<Params>>;
}

/** A sortable column of the execution log (`executionLogSortableColumns`, alerting/common/execution_log_types.ts). */
export type ExecutionLogSortFields =
  | 'timestamp'
  | 'execution_duration'
  | 'total_search_duration'
  | 'es_search_duration'
  | 'schedule_delay'
  | 'num_triggered_actions'
  | 'num_generated_actions'
  | 'num_active_alerts'
  | 'num_recovered_alerts'
  | 'num_new_alerts';

/** Arguments of `getExecutionLogForRule` (`GetExecutionLogByIdParams`, rules_client/methods/get_execution_log.ts). */
export interface GetExecutionLogByIdParams {
  /** The rule's id. */
  id: string;
  /** ISO date or a duration back from now (`1d`). */
  dateStart: string;
  /** Same forms; now when absent. */
  dateEnd?: string;
  /** KQL over event log fields. */
  filter?: string;
  /** 1-based. */
  page: number;
  perPage: number;
  /** Elasticsearch sort (`estypes.Sort` in Kibana; here the form the execution log takes). */
  sort: Array<Partial<Record<ExecutionLogSortFields, { order: 'asc' | 'desc' }>>>;
}

/** One execution (`IExecutionLog`, alerting/common/execution_log_types.ts). */
export interface IExecutionLog {
  id: string;
  timestamp: string;
  duration_ms: number;
  /** `kibana.alerting.outcome` (`success`, `warning`, `failure`), else `event.outcome`. */
  status: string;
  message: string;
  version: string;
  num_active_alerts: number;
  num_new_alerts: number;
  num_recovered_alerts: number;
  num_triggered_actions: number;
  num_generated_actions: number;
  num_succeeded_actions: number;
  num_errored_actions: number;
  total_search_duration_ms: number;
  es_search_duration_ms: number;
  schedule_delay_ms: number;
  timed_out: boolean;
  rule_id: string;
  space_ids: string[];
  rule_name: string;
  maintenance_window_ids: string[];
}

/** A page of executions (`IExecutionLogResult`). */
export interface IExecutionLogResult {
  total: number;
  data: IExecutionLog[];
}

/** The rules client's public methods used here (9.x names). */
export interface RulesClientApi {
  /** Creates a rule (authorizes type+consumer, validates params, creates an API key when enabled). */
  create<Params extends RuleTypeParams = never>(
    params: CreateRuleParams<Params>
  ): Promise<SanitizedRule<Params>>;
  /** Finds rules visible to the user in the client's space. */
  find<Params extends RuleTypeParams = never>(
    params?: FindRulesParams
  ): Promise<FindResult<Params>>;
  /** Gets one rule (throws a 404 error when missing). */
  get<Params extends RuleTypeParams = never>(params: {
    id: string;
  }): Promise<SanitizedRule<Params>>;
  /** Enables a rule (9.x name; 8.x: `enable`). */
  enableRule(params: { id: string }): Promise<void>;
  /** Disables a rule, optionally untracking its alerts (9.x name; 8.x: `disable`). */
  disableRule(params: { id: string; untrack?: boolean }): Promise<void>;
  /** Asks task manager to run an enabled rule now; resolves to an error message or undefined. */
  runSoon(params: { id: string }): Promise<string | undefined>;
  /** A page of one rule's executions from the event log (throws Boom 400 on bad paging, sort, filter or dates). */
  getExecutionLogForRule(params: GetExecutionLogByIdParams): Promise<IExecutionLogResult>;
}

/** The `alerting` part of a route handler context. */
export interface AlertingApiRequestHandlerContext {
  /** Rules client scoped to the request's user and space. */
  getRulesClient: () => Promise<RulesClientApi>;
}

// ---------------------------------------------------------------------------------------------
// Plugin contracts (alerting/server/plugin.ts)
// ---------------------------------------------------------------------------------------------

/** The alerting plugin's setup contract (9.x name; 8.x exported `PluginSetupContract`). */
export interface AlertingServerSetup {
  /** Registers a rule type (setup only; a duplicate id throws). */
  registerType<
    Params extends RuleTypeParams = RuleTypeParams,
    ExtractedParams extends RuleTypeParams = RuleTypeParams,
    State extends RuleTypeState = RuleTypeState,
    InstanceState extends AlertInstanceState = AlertInstanceState,
    InstanceContext extends AlertInstanceContext = AlertInstanceContext,
    ActionGroupIds extends string = never,
    RecoveryActionGroupId extends string = never,
    AlertData extends RuleAlertData = never,
  >(
    ruleType: RuleType<
      Params,
      ExtractedParams,
      State,
      InstanceState,
      InstanceContext,
      ActionGroupIds,
      RecoveryActionGroupId,
      AlertData
    >
  ): void;
}

/** The alerting plugin's start contract (9.x name; 8.x exported `PluginStartContract`). */
export interface AlertingServerStart {
  /** Returns a rules client scoped to the request (async in 9.x; synchronous in 8.x). */
  getRulesClientWithRequest(request: KibanaRequest): Promise<RulesClientApi>;
}

export {};
