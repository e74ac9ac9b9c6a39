/**
 * The alerting framework as the test host plays it: the rule type registry (with the checks
 * `registerType` makes), a rules client over in-memory rule saved objects (authorising the
 * consumer through the registered features and validating params with the type's validator, as
 * `rulesClient.create` does), and a task runner that executes a rule at a given time with
 * Kibana's `previousStartedAt` and state, then writes the alerts reported to the alerts client
 * into the alerts-as-data index of the space, with the fields the framework owns.
 */
import { randomUUID } from 'crypto';
import type { Client } from '@elastic/elasticsearch';
import type { MappingProperty } from '@elastic/elasticsearch/lib/api/types';
import type { Logger } from '@kbn/core/server';
import type { FieldMap } from '@kbn/alerts-as-data-utils';
import type { KibanaFeatureConfig } from '@kbn/features-plugin/server';
import type { AlertingServerSetup, AlertingServerStart, RulesClient, RuleType } from '@kbn/alerting-plugin/server';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import { buildMappingProperties } from '../../server/stores/elasticsearch/ecs_mappings';
import { nestProperties } from '../../server/stores/elasticsearch/alerts_index';

type AnyRuleType = RuleType<Record<string, unknown>, never, Record<string, unknown>, Record<string, never>, Record<string, never>, string, never, Record<string, unknown>>;

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
  previousStartedAt: Date | null;
  runSoon: boolean;
  lastRun: { outcome: 'succeeded' | 'warning' | 'failed'; outcomeMsg: string[]; alertsCount: { new: number } } | null;
  lastExecution: { status: 'ok' | 'warning' | 'error'; date: Date; durationMs: number; error?: string } | null;
}

export interface ExecutionOutcome {
  readonly newAlerts: number;
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
}

/** Kibana's error when params fail the rule type's validator (a 400 from the rules API). */
export class RuleParamsInvalidError extends Error {}

const DEFAULT_ALERT_LIMIT = 1000;

/** Framework-owned alert fields (a subset of Kibana's alertFieldMap), mapped in the alerts index. */
const FRAMEWORK_FIELD_MAPPINGS: Readonly<Record<string, MappingProperty>> = {
  '@timestamp': { type: 'date' },
  'kibana.alert.uuid': { type: 'keyword' },
  'kibana.alert.instance.id': { type: 'keyword' },
  'kibana.alert.status': { type: 'keyword' },
  'kibana.alert.action_group': { type: 'keyword' },
  'kibana.alert.workflow_status': { type: 'keyword' },
  'kibana.alert.workflow_reason': { type: 'keyword' },
  'kibana.alert.workflow_user': { type: 'keyword' },
  'kibana.alert.workflow_status_updated_at': { type: 'date' },
  'kibana.alert.severity': { type: 'keyword' },
  'kibana.alert.reason': { type: 'keyword' },
  'kibana.alert.start': { type: 'date' },
  'kibana.alert.rule.uuid': { type: 'keyword' },
  'kibana.alert.rule.name': { type: 'keyword' },
  'kibana.alert.rule.consumer': { type: 'keyword' },
  'kibana.alert.rule.producer': { type: 'keyword' },
  'kibana.alert.rule.rule_type_id': { type: 'keyword' },
  'kibana.alert.rule.category': { type: 'keyword' },
  'kibana.alert.rule.tags': { type: 'keyword' },
  'kibana.alert.rule.parameters': { type: 'flattened' },
  'kibana.alert.rule.execution.uuid': { type: 'keyword' },
  'kibana.space_ids': { type: 'keyword' },
  'kibana.version': { type: 'keyword' },
};

const fieldMapProperties = (fieldMap: FieldMap): Record<string, MappingProperty> =>
  Object.fromEntries(
    Object.entries(fieldMap).map(([field, spec]) => [
      field,
      (spec.type === 'object' ? { type: 'object', ...(spec.enabled === false ? { enabled: false } : {}) } : { type: spec.type }) as MappingProperty,
    ])
  );

export class FakeAlerting {
  readonly ruleTypes = new Map<string, AnyRuleType>();
  readonly features: KibanaFeatureConfig[] = [];
  private readonly rules = new Map<string, RuleSavedObject>();

  constructor(
    private readonly client: Client,
    private readonly logger: Logger,
    private readonly spaceId: string
  ) {}

  readonly setup: AlertingServerSetup = {
    registerType: (ruleType) => {
      const type = ruleType as unknown as AnyRuleType;
      if (this.ruleTypes.has(type.id)) throw new Error(`Rule type "${type.id}" is already registered.`);
      if (type.actionGroups.some((group) => group.id === 'recovered')) throw new Error('Rule type uses the reserved action group "recovered".');
      this.ruleTypes.set(type.id, type);
    },
  };

  readonly start: AlertingServerStart = {
    getRulesClientWithRequest: async () => this.rulesClient,
  };

  /** The alerts-as-data index alias of a rule type in this host's space. */
  alertsAlias(ruleTypeId: string): string {
    const context = this.ruleTypes.get(ruleTypeId)?.alerts?.context;
    if (context === undefined) throw new Error(`Rule type ${ruleTypeId} registers no alerts-as-data context`);
    return `.alerts-${context}.alerts-${this.spaceId}`;
  }

  /** Creates the alerts index of a rule type as the framework installs it (ECS + framework + type fields). */
  async installAlertsResources(ruleTypeId: string): Promise<void> {
    const type = this.ruleTypes.get(ruleTypeId);
    const alerts = type?.alerts;
    if (alerts === undefined) return;
    const alias = this.alertsAlias(ruleTypeId);
    if (await this.client.indices.existsAlias({ name: alias })) return;
    const ecs = alerts.useEcs ? buildMappingProperties(ecsFieldTypes()) : {};
    const own = nestProperties({ ...FRAMEWORK_FIELD_MAPPINGS, ...fieldMapProperties(alerts.mappings.fieldMap) });
    await this.client.indices.create({
      index: `.internal${alias}-000001`,
      aliases: { [alias]: { is_write_index: true } },
      settings: { 'index.mapping.total_fields.limit': 10_000 },
      mappings: { dynamic: alerts.mappings.dynamic ?? 'strict', properties: { ...ecs, ...own, kibana: own.kibana ?? {} } },
    });
  }

  readonly rulesClient: RulesClient = {
    create: async ({ data, options }) => {
      const type = this.ruleTypes.get(data.alertTypeId);
      if (type === undefined) throw new Error(`Rule type "${data.alertTypeId}" is not registered.`);
      this.authorize(data.alertTypeId, data.consumer);
      let params: Record<string, unknown>;
      try {
        params = type.validate.params.validate(data.params as Record<string, unknown>);
      } catch (error) {
        throw new RuleParamsInvalidError(`params invalid: ${error instanceof Error ? error.message : String(error)}`);
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
      const data = [...this.rules.values()].filter((rule) => types === undefined || types.includes(rule.alertTypeId));
      return { page: 1, perPage: params?.options?.perPage ?? 20, total: data.length, data: data.map((rule) => this.sanitize(rule)) as never };
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
    const type = this.ruleTypes.get(rule.alertTypeId);
    if (type === undefined) throw new Error(`rule type ${rule.alertTypeId} is not registered`);
    const run = new ExecutionRecorder(type, rule, this.spaceId);
    const began = Date.now();
    try {
      const result = await type.executor({
        executionId: run.executionId,
        logger: this.logger,
        params: type.validate.params.validate(rule.params),
        previousStartedAt: rule.previousStartedAt,
        rule: this.ruleConfig(rule, type),
        services: run.services(this.client),
        spaceId: this.spaceId,
        startedAt,
        startedAtOverridden: false,
        state: rule.state,
        flappingSettings: { enabled: false, lookBackWindow: 20, statusChangeThreshold: 4 },
        getTimeRange: () => ({ dateStart: new Date(startedAt.getTime() - 60_000).toISOString(), dateEnd: startedAt.toISOString() }),
        isServerless: false,
      });
      rule.state = result.state;
    } catch (error) {
      run.errors.push(error instanceof Error ? error.message : String(error));
    }
    const newAlerts = await run.writeAlerts(this.client, this.alertsAlias(rule.alertTypeId), startedAt);
    rule.previousStartedAt = startedAt;
    rule.lastRun = {
      outcome: run.errors.length > 0 ? 'failed' : run.warnings.length > 0 ? 'warning' : 'succeeded',
      outcomeMsg: [...run.errors, ...run.warnings],
      alertsCount: { new: newAlerts },
    };
    rule.lastExecution = {
      status: run.errors.length > 0 ? 'error' : run.warnings.length > 0 ? 'warning' : 'ok',
      date: startedAt,
      durationMs: Date.now() - began,
      ...(run.errors.length > 0 ? { error: run.errors.join(' ') } : {}),
    };
    return { newAlerts, warnings: run.warnings, errors: run.errors };
  }

  private authorize(ruleTypeId: string, consumer: string): void {
    const granted = this.features.some((feature) =>
      (feature.alerting ?? []).some((entry) => entry.ruleTypeId === ruleTypeId && entry.consumers.includes(consumer))
    );
    if (!granted) throw new Error(`Unauthorized by "${consumer}" to create "${ruleTypeId}" rule`);
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
      revision: 0,
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
      revision: 0,
      executionStatus: rule.lastExecution
        ? {
            status: rule.lastExecution.status,
            lastExecutionDate: rule.lastExecution.date,
            lastDuration: rule.lastExecution.durationMs,
            ...(rule.lastExecution.error ? { error: { reason: 'execute', message: rule.lastExecution.error } } : {}),
          }
        : { status: 'pending' as const, lastExecutionDate: rule.createdAt },
      lastRun: rule.lastRun,
    };
  }
}

/** What one execution reported: alerts for the framework to write, and the run's outcome messages. */
class ExecutionRecorder {
  readonly executionId = randomUUID();
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  private readonly reported = new Map<string, { uuid: string; payload: Record<string, unknown> }>();
  private limitReached = false;

  constructor(
    private readonly type: AnyRuleType,
    private readonly rule: RuleSavedObject,
    private readonly spaceId: string
  ) {}

  services(client: Client) {
    return {
      alertsClient: {
        report: ({ id, payload }: { id: string; payload?: unknown }) => {
          const uuid = randomUUID();
          this.reported.set(id, { uuid, payload: (payload ?? {}) as Record<string, unknown> });
          return { uuid, start: null };
        },
        isTrackedAlert: () => false,
        setAlertData: () => undefined,
        getAlertLimitValue: () => DEFAULT_ALERT_LIMIT,
        setAlertLimitReached: (reached: boolean) => {
          this.limitReached = reached;
        },
      },
      scopedClusterClient: { asCurrentUser: client, asInternalUser: client },
      shouldStopExecution: () => false,
      shouldWriteAlerts: () => true,
      ruleResultService: {
        addLastRunWarning: (message: string) => this.warnings.push(message),
        addLastRunError: (message: string) => this.errors.push(message),
        setLastRunOutcomeMessage: () => undefined,
      },
    };
  }

  /** The framework's write after the executor returns: one document per new alert, framework fields last. */
  async writeAlerts(client: Client, alias: string, startedAt: Date): Promise<number> {
    if (this.reported.size === 0) return 0;
    const timestamp = startedAt.toISOString();
    const operations = [...this.reported.entries()].flatMap(([id, { uuid, payload }]) => [
      { create: { _index: alias, _id: uuid } },
      {
        ...payload,
        '@timestamp': timestamp,
        'event.kind': 'signal',
        'event.action': 'open',
        'kibana.alert.uuid': uuid,
        'kibana.alert.instance.id': id,
        'kibana.alert.status': 'active',
        'kibana.alert.action_group': 'default',
        'kibana.alert.workflow_status': payload['kibana.alert.workflow_status'] ?? 'open',
        'kibana.alert.start': timestamp,
        'kibana.alert.rule.uuid': this.rule.id,
        'kibana.alert.rule.name': this.rule.name,
        'kibana.alert.rule.consumer': this.rule.consumer,
        'kibana.alert.rule.producer': this.type.producer,
        'kibana.alert.rule.rule_type_id': this.type.id,
        'kibana.alert.rule.category': this.type.name,
        'kibana.alert.rule.tags': this.rule.tags,
        'kibana.alert.rule.parameters': this.rule.params,
        'kibana.alert.rule.execution.uuid': this.executionId,
        'kibana.space_ids': [this.spaceId],
      },
    ]);
    const response = await client.bulk({ operations, refresh: 'wait_for' });
    const failures = response.items.filter((item) => item.create?.error);
    if (failures.length > 0) throw new Error(`alerts write failed: ${JSON.stringify(failures[0]?.create?.error)}`);
    return this.reported.size;
  }

  get alertLimitReached(): boolean {
    return this.limitReached;
  }
}
