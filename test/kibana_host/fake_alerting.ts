/**
 * The alerting framework as the test host plays it, as strict as Kibana: the rule type registry
 * (rule_type_registry.ts, Kibana's checks and messages), the alerts-as-data service
 * (alerts_service.ts), a rules client over in-memory rule saved objects (authorising the consumer
 * through the registered features and validating params with the type's validator, as
 * `rulesClient.create` does), and a task runner that executes a rule at a given time with
 * Kibana's `previousStartedAt` and state, then — only if the run succeeded — writes what was
 * reported to the alerts client (alerts_client.ts: payload stripped of framework fields, framework
 * fields written by the framework) into the space's alerts-as-data index. Each run leaves its
 * event log `execute` event, which `rulesClient.getExecutionLogForRule` reads (execution_log.ts).
 * Kibana (9.x): x-pack/platform/plugins/shared/alerting/server/task_runner/rule_type_runner.ts (run
 * order: executor, checkLimitUsage, then persistAlerts), alerts_client/alerts_client.ts (persistAlerts).
 */
import { randomUUID } from 'crypto';
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from '@kbn/core/server';
import type { KibanaFeatureConfig } from '@kbn/features-plugin/server';
import type {
  AlertingServerSetup,
  AlertingServerStart,
  RulesClient,
} from '@kbn/alerting-plugin/server';
import { HostAlertsClient, type AlertWrite, type TrackedAlert } from './alerts_client';
import { executeEventOf, executionLogOf, type ExecuteEvent } from './execution_log';
import { savedObjectsClientFor } from './fake_lists';
import { AlertsService, type RuleTypeAlerts } from './alerts_service';
import { HOST_KIBANA_VERSION } from './host_version';
import { RuleParamsInvalidError } from './rule_params_invalid_error';
import { RuleTypeRegistry, type AnyRuleType } from './rule_type_registry';
import { errorMessage } from '../../common/error_message';

interface RuleSavedObject {
  id: string;
  name: string;
  tags: string[];
  alertTypeId: string;
  consumer: string;
  enabled: boolean;
  params: Record<string, unknown>;
  schedule: { interval: string };
  createdAt: Date;
  updatedAt: Date;
  state: Record<string, unknown>;
  tracked: Map<string, TrackedAlert>;
  previousStartedAt: Date | null;
  runSoon: boolean;
  lastRun: {
    outcome: 'succeeded' | 'warning' | 'failed';
    outcomeMsg: string[];
    alertsCount: { new: number };
  } | null;
  lastExecution: {
    status: 'ok' | 'warning' | 'error';
    date: Date;
    durationMs: number;
    error?: string;
  } | null;
}

export interface ExecutionOutcome {
  readonly newAlerts: number;
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
}

/**
 * Kibana: the `maxAlerts` last-run warning, `xpack.alerting.taskRunner.warning.maxAlerts` in
 * x-pack/platform/plugins/shared/alerting/server/task_runner/translations.ts.
 */
export const MAX_ALERTS_WARNING =
  'Rule reported more than the maximum number of alerts in a single run. Alerts may be missed and recovery notifications may be delayed';

const RULE_REVISION = 0;

/** Kibana: persistAlerts' bulk body — new alerts created, ongoing ones updated, by alert uuid. */
const bulkOperations = (index: string, writes: readonly AlertWrite[]) =>
  writes.flatMap(({ operation, uuid, document }) =>
    operation === 'create'
      ? [{ create: { _index: index, _id: uuid } }, document]
      : [{ update: { _index: index, _id: uuid } }, { doc: document }]
  );

export class FakeAlerting {
  readonly alertsService = new AlertsService();
  readonly registry = new RuleTypeRegistry(this.alertsService);
  readonly features: KibanaFeatureConfig[] = [];
  private readonly rules = new Map<string, RuleSavedObject>();
  /** The event log's `execute` events, one per run (execution_log.ts). */
  private readonly executeEvents: ExecuteEvent[] = [];

  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
    private readonly spaceId: string,
    private readonly kibanaVersion: string = HOST_KIBANA_VERSION
  ) {}

  readonly setup: AlertingServerSetup = {
    registerType: (ruleType) => this.registry.register(ruleType as unknown as AnyRuleType),
  };

  readonly start: AlertingServerStart = {
    getRulesClientWithRequest: async () => this.rulesClient,
  };

  /** The registered rule types, by id. */
  get ruleTypes(): ReadonlyMap<string, AnyRuleType> {
    return new Map(this.registry.list().map((type) => [type.id, type]));
  }

  private alertsOf(ruleTypeId: string): RuleTypeAlerts {
    const alerts = this.registry.get(ruleTypeId).alerts;
    if (alerts === undefined)
      throw new Error(`Rule type ${ruleTypeId} registers no alerts-as-data context`);
    return alerts;
  }

  /** The alerts-as-data index alias of a rule type in this host's space. */
  alertsAlias(ruleTypeId: string): string {
    return this.alertsService.namesFor(this.alertsOf(ruleTypeId), this.spaceId).alias;
  }

  /** Creates the alerts index of a rule type as the framework installs it (ECS + framework + type fields). */
  async installAlertsResources(ruleTypeId: string): Promise<void> {
    if (this.registry.get(ruleTypeId).alerts === undefined) return;
    await this.alertsService.installResources(this.client, this.alertsOf(ruleTypeId), this.spaceId);
  }

  readonly rulesClient: RulesClient = {
    create: async ({ data, options }) => {
      const type = this.registry.get(data.alertTypeId);
      this.authorize(data.alertTypeId, data.consumer, 'create');
      let params: Record<string, unknown>;
      try {
        params = type.validate.params.validate(data.params);
      } catch (error) {
        throw new RuleParamsInvalidError(`params invalid: ${errorMessage(error)}`);
      }
      const now = new Date();
      const rule: RuleSavedObject = {
        id: options?.id ?? randomUUID(),
        name: data.name,
        tags: data.tags,
        alertTypeId: data.alertTypeId,
        consumer: data.consumer,
        enabled: data.enabled,
        params,
        schedule: data.schedule,
        createdAt: now,
        updatedAt: now,
        state: {},
        tracked: new Map(),
        previousStartedAt: null,
        runSoon: false,
        lastRun: null,
        lastExecution: null,
      };
      this.rules.set(rule.id, rule);
      if (rule.enabled) await this.installAlertsResources(rule.alertTypeId);
      return this.sanitize(rule) as never;
    },
    find: async (params) => {
      const types = params?.options?.ruleTypeIds;
      const data = [...this.rules.values()].filter(
        (rule) => types === undefined || types.includes(rule.alertTypeId)
      );
      return {
        page: 1,
        perPage: params?.options?.perPage ?? 20,
        total: data.length,
        data: data.map((rule) => this.sanitize(rule)) as never,
      };
    },
    get: async ({ id }) => this.sanitize(this.ruleOrThrow(id)) as never,
    enableRule: async ({ id }) => {
      const rule = this.ruleOrThrow(id);
      rule.enabled = true;
      await this.installAlertsResources(rule.alertTypeId);
    },
    disableRule: async ({ id }) => {
      this.ruleOrThrow(id).enabled = false;
    },
    runSoon: async ({ id }) => {
      const rule = this.ruleOrThrow(id);
      if (!rule.enabled) return 'Error running rule: rule is disabled';
      rule.runSoon = true;
      return undefined;
    },
    // Kibana: alerting/server/rules_client/methods/get_execution_log.ts — reads the rule (404 when
    // missing), authorises `getExecutionLog` on its type and consumer, then the event log.
    getExecutionLogForRule: async ({ id, ...request }) => {
      const rule = this.ruleOrThrow(id);
      this.authorize(rule.alertTypeId, rule.consumer, 'getExecutionLog');
      return executionLogOf(this.executeEvents, id, request, new Date());
    },
  };

  /** Rules whose "run soon" was requested, cleared as they are reported. */
  takeRunSoonRequests(): string[] {
    const due = [...this.rules.values()].filter((rule) => rule.runSoon);
    for (const rule of due) rule.runSoon = false;
    return due.map((rule) => rule.id);
  }

  ruleIds(): string[] {
    return [...this.rules.keys()];
  }

  /** Task manager's part: one execution of an enabled rule that starts at `startedAt`. */
  async runRule(id: string, startedAt: Date): Promise<ExecutionOutcome> {
    const rule = this.ruleOrThrow(id);
    if (!rule.enabled) throw new Error(`rule ${id} is disabled; task manager would not run it`);
    const type = this.registry.get(rule.alertTypeId);
    const executionId = randomUUID();
    const alertsClient = await this.alertsClientFor(rule, type, startedAt, executionId);
    const warnings: string[] = [];
    const errors: string[] = [];
    const reportedErrors: string[] = [];
    let thrown: string | null = null;
    const began = Date.now();
    try {
      const result = await type.executor({
        executionId,
        logger: this.logger,
        params: type.validate.params.validate(rule.params),
        previousStartedAt: rule.previousStartedAt,
        rule: this.ruleConfig(rule, type),
        services: {
          alertsClient,
          scopedClusterClient: { asCurrentUser: this.client, asInternalUser: this.client },
          savedObjectsClient: savedObjectsClientFor(this.spaceId),
          shouldStopExecution: () => false,
          shouldWriteAlerts: () => true,
          ruleResultService: {
            addLastRunWarning: (message: string) => warnings.push(message),
            addLastRunError: (message: string) => {
              errors.push(message);
              reportedErrors.push(message);
            },
            setLastRunOutcomeMessage: () => undefined,
          },
        },
        spaceId: this.spaceId,
        startedAt,
        startedAtOverridden: false,
        state: rule.state,
        flappingSettings: { enabled: false, lookBackWindow: 20, statusChangeThreshold: 4 },
        getTimeRange: () => ({
          dateStart: new Date(startedAt.getTime() - 60_000).toISOString(),
          dateEnd: startedAt.toISOString(),
        }),
        isServerless: false,
      });
      alertsClient?.checkLimitUsage();
      rule.state = result.state;
    } catch (error) {
      // Kibana: an error caused by reaching the alert limit does not fail the run.
      if (alertsClient?.hasReachedAlertLimit() !== true) {
        thrown = errorMessage(error);
        errors.push(thrown);
      }
    }
    const failed = errors.length > 0;
    const ruleWarnings = [...warnings];
    const limitReached = alertsClient?.hasReachedAlertLimit() === true;
    if (limitReached) warnings.push(MAX_ALERTS_WARNING);
    // Kibana persists alerts only after a successful run.
    const newAlerts =
      failed || alertsClient === null ? 0 : await this.persistAlerts(rule, alertsClient);
    rule.previousStartedAt = startedAt;
    rule.lastRun = {
      outcome: failed ? 'failed' : warnings.length > 0 ? 'warning' : 'succeeded',
      outcomeMsg: [...errors, ...warnings],
      alertsCount: { new: newAlerts },
    };
    rule.lastExecution = {
      status: failed ? 'error' : warnings.length > 0 ? 'warning' : 'ok',
      date: startedAt,
      durationMs: Date.now() - began,
      ...(failed ? { error: errors.join(' ') } : {}),
    };
    this.executeEvents.push(
      executeEventOf({
        rule,
        ruleTypeId: rule.alertTypeId,
        spaceId: this.spaceId,
        kibanaVersion: this.kibanaVersion,
        executionId,
        startedAt,
        durationMs: rule.lastExecution.durationMs,
        thrown,
        reportedErrors,
        ruleWarnings,
        frameworkWarning: limitReached ? MAX_ALERTS_WARNING : null,
        newAlerts,
        activeAlerts: rule.tracked.size,
      })
    );
    return { newAlerts, warnings, errors };
  }

  /** Kibana gives an alerts client only to a type that registers alerts with `shouldWrite`. */
  private async alertsClientFor(
    rule: RuleSavedObject,
    type: AnyRuleType,
    startedAt: Date,
    executionId: string
  ): Promise<HostAlertsClient | null> {
    if (type.alerts === undefined || type.alerts.shouldWrite !== true) return null;
    await this.installAlertsResources(type.id);
    const ruleData = {
      id: rule.id,
      name: rule.name,
      consumer: rule.consumer,
      tags: rule.tags,
      parameters: rule.params,
      revision: RULE_REVISION,
      spaceId: this.spaceId,
      executionId,
    };
    return new HostAlertsClient(
      type,
      ruleData,
      rule.tracked,
      startedAt.toISOString(),
      this.kibanaVersion
    );
  }

  private async persistAlerts(
    rule: RuleSavedObject,
    alertsClient: HostAlertsClient
  ): Promise<number> {
    const writes = alertsClient.alertWrites();
    rule.tracked = alertsClient.trackedAfterRun();
    if (writes.length === 0) return 0;
    const alias = this.alertsAlias(rule.alertTypeId);
    const response = await this.client.bulk({
      operations: bulkOperations(alias, writes),
      refresh: 'wait_for',
      require_alias: true,
    });
    const failures = response.items.filter((item) => item.create?.error ?? item.update?.error);
    if (failures.length > 0) throw new Error(`alerts write failed: ${JSON.stringify(failures[0])}`);
    return writes.filter((write) => write.operation === 'create').length;
  }

  /** Kibana: alerting/server/authorization/alerting_authorization.ts `ensureAuthorized` (its message). */
  private authorize(ruleTypeId: string, consumer: string, operation: string): void {
    const granted = this.features.some((feature) =>
      (feature.alerting ?? []).some(
        (entry) => entry.ruleTypeId === ruleTypeId && entry.consumers.includes(consumer)
      )
    );
    if (!granted)
      throw new Error(`Unauthorized by "${consumer}" to ${operation} "${ruleTypeId}" rule`);
  }

  private ruleOrThrow(id: string): RuleSavedObject {
    const rule = this.rules.get(id);
    if (rule === undefined) throw new Error(`Saved object [alert/${id}] not found`);
    return rule;
  }

  private ruleConfig(rule: RuleSavedObject, type: AnyRuleType) {
    return {
      id: rule.id,
      name: rule.name,
      tags: rule.tags,
      consumer: rule.consumer,
      enabled: rule.enabled,
      schedule: rule.schedule,
      producer: type.producer,
      ruleTypeId: type.id,
      ruleTypeName: type.name,
      revision: RULE_REVISION,
      createdBy: 'elastic',
      updatedBy: 'elastic',
      createdAt: rule.createdAt,
      updatedAt: rule.updatedAt,
    };
  }

  private sanitize(rule: RuleSavedObject) {
    return {
      id: rule.id,
      enabled: rule.enabled,
      name: rule.name,
      tags: rule.tags,
      alertTypeId: rule.alertTypeId,
      consumer: rule.consumer,
      schedule: rule.schedule,
      params: rule.params,
      muteAll: false,
      createdBy: 'elastic',
      updatedBy: 'elastic',
      createdAt: rule.createdAt,
      updatedAt: rule.updatedAt,
      revision: RULE_REVISION,
      executionStatus: rule.lastExecution
        ? {
            status: rule.lastExecution.status,
            lastExecutionDate: rule.lastExecution.date,
            lastDuration: rule.lastExecution.durationMs,
            ...(rule.lastExecution.error
              ? { error: { reason: 'execute', message: rule.lastExecution.error } }
              : {}),
          }
        : { status: 'pending' as const, lastExecutionDate: rule.createdAt },
      lastRun: rule.lastRun,
    };
  }
}
