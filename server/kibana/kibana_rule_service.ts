/**
 * The rule catalog service inside Kibana: installed rules are alerting-framework rules of our type
 * (saved objects in the request's space). A prebuilt rule is installed with `{ rule_id }` params,
 * so the catalog stays the source of its definition; a custom rule carries its whole definition
 * inline (created in Kibana's rule form, or through the rules API) and is listed beside them.
 * Alert counts come from the space's alerts index.
 */
import type { RulesClient } from '@kbn/alerting-plugin/server';
import { MAX_LISTED_GAPS, type RuleExecutionsPage } from '../../common/api/executions_api';
import { kibanaRuleOf } from '../../common/rules/kibana_rule_export';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { checkRuleTypeParams } from '../../common/rules/rule_type_params';
import { prebuiltCatalog, type CatalogRule } from '../rules/rule_catalog';
import type { AlertFilter, AlertQueries } from '../stores/store_contract';
import { openAlertsFilter } from '../../common/alerts/open_alerts';
import {
  RuleDisabledError,
  type ExecutionHistoryRequest,
  type RuleDetails,
  type RuleRunSummary,
  type RuleService,
  type RuleSummary,
} from '../routes/api_types';
import type { NewTermsRuleTypeParams } from './rule_type_params';
import { NEW_TERMS_RULE_TYPE_ID, RULE_CONSUMER } from './constants';
import {
  outcomeFilter,
  reportedGaps,
  toRuleExecution,
  WARNING_FILTER,
} from './kibana_execution_log';

const MAX_RULES = 100;
/** How far back the run history reads the event log (which Kibana's ILM policy keeps 90 days). */
const EXECUTION_LOG_DAYS_MS = 90 * 24 * 60 * 60 * 1000;
const NEWEST_FIRST = [{ timestamp: { order: 'desc' as const } }];
/** What Kibana's runSoon answers for a disabled rule. */
const RUN_SOON_DISABLED = 'Error running rule: rule is disabled';

type InstalledRule = Awaited<ReturnType<RulesClient['find']>>['data'][number] & {
  params: NewTermsRuleTypeParams;
};

const ruleIdOf = (rule: InstalledRule): string | undefined =>
  'rule_id' in rule.params ? rule.params.rule_id : undefined;

/** A custom rule's definition, from params the rule type validated when they were saved. */
const inlineDefinitionOf = (rule: InstalledRule): NewTermsRuleDefinition | undefined => {
  const checked = checkRuleTypeParams(rule.params);
  return checked.ok && 'new_terms_fields' in checked.params ? checked.params : undefined;
};

/** The catalog of a space: the prebuilt rules (an inline rule under a prebuilt rule_id replaces it), then custom rules by rule_id. */
const catalogOf = async (installed: ReadonlyMap<string, InstalledRule>): Promise<CatalogRule[]> => {
  const custom = (ruleId: string): CatalogRule | undefined => {
    const rule = installed.get(ruleId);
    const definition = rule === undefined ? undefined : inlineDefinitionOf(rule);
    return definition === undefined ? undefined : { definition, source: 'user' };
  };
  const prebuilt = (await prebuiltCatalog().list()).map(
    (rule) => custom(rule.definition.rule_id) ?? rule
  );
  const prebuiltIds = new Set(prebuilt.map((rule) => rule.definition.rule_id));
  const user = [...installed.keys()]
    .filter((ruleId) => !prebuiltIds.has(ruleId))
    .sort()
    .flatMap((ruleId) => custom(ruleId) ?? []);
  return [...prebuilt, ...user];
};

const lastRunOf = (rule: InstalledRule): RuleRunSummary | null => {
  const status = rule.executionStatus;
  if (status.status === 'pending' || status.status === 'unknown') return null;
  const messages = rule.lastRun?.outcomeMsg ?? [];
  return {
    started_at: new Date(status.lastExecutionDate).toISOString(),
    status: rule.lastRun?.outcome ?? status.status,
    alerts_created: rule.lastRun?.alertsCount.new ?? 0,
    duration_ms: status.lastDuration ?? 0,
    message: status.error?.message ?? (messages.length > 0 ? messages.join(' ') : null),
  };
};

export class KibanaRuleService implements RuleService {
  constructor(
    private readonly rulesClient: RulesClient,
    private readonly alerts: AlertQueries,
    private readonly now: () => Date = () => new Date()
  ) {}

  async list(): Promise<RuleSummary[]> {
    const installed = await this.installedByRuleId();
    const catalog = await catalogOf(installed);
    return Promise.all(
      catalog.map((rule) => this.summaryOf(rule, installed.get(rule.definition.rule_id)))
    );
  }

  async get(ruleId: string): Promise<RuleDetails | undefined> {
    const installed = await this.installedByRuleId();
    const found = (await catalogOf(installed)).find((rule) => rule.definition.rule_id === ruleId);
    if (found === undefined) return undefined;
    const summary = await this.summaryOf(found, installed.get(ruleId));
    const { definition } = found;
    return {
      rule: summary,
      definition,
      kibana: kibanaRuleOf({ definition, enabled: summary.enabled }),
    };
  }

  async install(ruleIds: readonly string[] | undefined, enable: boolean): Promise<RuleSummary[]> {
    const installed = await this.installedByRuleId();
    for (const { definition } of await prebuiltCatalog().list()) {
      if (ruleIds !== undefined && !ruleIds.includes(definition.rule_id)) continue;
      const existing = installed.get(definition.rule_id);
      if (existing === undefined) await this.create(definition, enable);
      else if (enable && !existing.enabled) await this.rulesClient.enableRule({ id: existing.id });
    }
    return this.list();
  }

  async setEnabled(ruleId: string, enabled: boolean): Promise<RuleSummary | undefined> {
    const rule = (await this.installedByRuleId()).get(ruleId);
    if (rule === undefined) return undefined;
    if (enabled) await this.rulesClient.enableRule({ id: rule.id });
    else await this.rulesClient.disableRule({ id: rule.id });
    return (await this.list()).find((summary) => summary.rule_id === ruleId);
  }

  async runNow(ruleId: string): Promise<RuleSummary | undefined> {
    const rule = (await this.installedByRuleId()).get(ruleId);
    if (rule === undefined) return undefined;
    if (!rule.enabled) throw new RuleDisabledError(ruleId);
    const problem = await this.rulesClient.runSoon({ id: rule.id });
    // Disabled since it was read (Kibana: x-pack/platform/plugins/shared/alerting/server/application/rule/methods/run_soon/run_soon.ts).
    if (problem === RUN_SOON_DISABLED) throw new RuleDisabledError(ruleId);
    if (problem !== undefined) throw new Error(`Kibana did not schedule the run: ${problem}`);
    return (await this.list()).find((summary) => summary.rule_id === ruleId);
  }

  async executions(
    ruleId: string,
    request: ExecutionHistoryRequest
  ): Promise<RuleExecutionsPage | undefined> {
    const rule = (await this.installedByRuleId()).get(ruleId);
    if (rule === undefined) return undefined;
    const now = this.now();
    const range = {
      id: rule.id,
      dateStart: new Date(now.getTime() - EXECUTION_LOG_DAYS_MS).toISOString(),
      dateEnd: now.toISOString(),
      sort: NEWEST_FIRST,
    };
    const statuses = request.statuses ?? [];
    const [log, warned] = await Promise.all([
      this.rulesClient.getExecutionLogForRule({
        ...range,
        page: request.page + 1,
        perPage: request.perPage,
        ...(statuses.length === 0 ? {} : { filter: outcomeFilter(statuses) }),
      }),
      this.rulesClient.getExecutionLogForRule({
        ...range,
        page: 1,
        perPage: MAX_LISTED_GAPS,
        filter: WARNING_FILTER,
      }),
    ]);
    return {
      page: request.page,
      per_page: request.perPage,
      total: log.total,
      executions: log.data.map(toRuleExecution),
      gaps: reportedGaps(warned.data).slice(0, MAX_LISTED_GAPS),
    };
  }

  private async create(definition: NewTermsRuleDefinition, enabled: boolean): Promise<void> {
    await this.rulesClient.create<NewTermsRuleTypeParams>({
      data: {
        name: definition.name,
        alertTypeId: NEW_TERMS_RULE_TYPE_ID,
        consumer: RULE_CONSUMER,
        enabled,
        tags: [...definition.tags],
        params: { rule_id: definition.rule_id },
        schedule: { interval: definition.interval },
        actions: [],
      },
    });
  }

  private async installedByRuleId(): Promise<Map<string, InstalledRule>> {
    const found = await this.rulesClient.find<NewTermsRuleTypeParams>({
      options: { ruleTypeIds: [NEW_TERMS_RULE_TYPE_ID], perPage: MAX_RULES },
    });
    const byRuleId = new Map<string, InstalledRule>();
    for (const rule of found.data) {
      const ruleId = ruleIdOf(rule);
      if (ruleId !== undefined && !byRuleId.has(ruleId)) byRuleId.set(ruleId, rule);
    }
    return byRuleId;
  }

  private async summaryOf(
    { definition, source }: CatalogRule,
    rule: InstalledRule | undefined
  ): Promise<RuleSummary> {
    const [alertCount, openAlertCount] = rule
      ? await Promise.all([
          this.alertTotal({ ruleUuids: [rule.id] }),
          this.alertTotal({ ruleUuids: [rule.id], ...openAlertsFilter(this.now()) }),
        ])
      : [0, 0];
    return {
      rule_id: definition.rule_id,
      source,
      name: definition.name,
      severity: definition.severity,
      risk_score: definition.risk_score,
      interval: rule?.schedule.interval ?? definition.interval,
      tactics: definition.threat.map((threat) => threat.tactic.name),
      installed: rule !== undefined,
      enabled: rule?.enabled ?? false,
      rule_uuid: rule?.id ?? null,
      last_run: rule ? lastRunOf(rule) : null,
      alert_count: alertCount,
      open_alert_count: openAlertCount,
    };
  }

  private async alertTotal(filter: AlertFilter): Promise<number> {
    const page = await this.alerts.search({
      filter,
      page: 0,
      perPage: 1,
      sortField: '@timestamp',
      sortOrder: 'desc',
    });
    return page.total;
  }
}
