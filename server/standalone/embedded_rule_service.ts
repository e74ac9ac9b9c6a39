/**
 * The rule catalog service of the standalone engine: installed rules live in the embedded store
 * (rule_instances), executions run over its events and alerts, and "run now" is one scheduled
 * execution at the current time with gap catch-up from the last run that did not fail.
 */
import { randomUUID } from 'crypto';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import { kibanaExportNdjson, kibanaRuleOf } from '../../common/rules/kibana_rule_export';
import type { ExceptionFileEntry } from '../../common/exceptions/exception_file';
import {
  readKibanaRuleObjects,
  readRuleFileExceptions,
  readRuleObjectExceptions,
  RULE_ID_EXISTS,
  type RuleFileEntry,
} from '../../common/rules/kibana_rule_file';
import { parseKibanaRule, type ImportedRule } from '../../common/rules/kibana_rule_import';
import { isTomlFileName, readRuleFileText } from '../../common/rules/rule_file_text';
import { resolveRuleExceptions } from '../new_terms/rule_exceptions';
import { DEFAULT_SPACE_ID } from '../new_terms/rule_instance';
import { compareReplays } from '../replay/history_preview';
import type { HistoryPreview } from '../../common/api/preview_api';
import { checkExceptionFields, PresentFields } from '../rules/exception_field_check';
import { checkIndexPatterns } from '../new_terms/missing_index_warning';
import { openAlertsFilter } from '../../common/alerts/open_alerts';
import { importExceptionEntries } from '../rules/exception_import';
import { runNewTermsRule, type RuleExecutionResult } from '../new_terms/run_new_terms_rule';
import { storeCatalog, type CatalogRule, type RuleCatalog } from '../rules/rule_catalog';
import { runHistoryPage } from './run_history_page';
import type { RuleExecutionsPage } from '../../common/api/executions_api';
import {
  RuleDisabledError,
  type ExecutionHistoryRequest,
  type RuleDetails,
  type RuleEditingService,
  type RuleImportOptions,
  type RuleImportResult,
  type RuleService,
  type RuleSummary,
} from '../routes/api_types';
import type {
  AlertSink,
  InstalledRule,
  NewTermsEventSource,
  RuleStore,
  StoreWithRules,
} from '../stores/store_contract';

type LastRuns = Awaited<ReturnType<RuleStore['lastRuns']>>;

/** Alerts per rule uuid: all of them, and the open ones the alerts page shows by default. */
interface AlertCounts {
  readonly all: ReadonlyMap<string, number>;
  readonly open: ReadonlyMap<string, number>;
}

const summaryOf = (
  { definition, source }: CatalogRule,
  installed: InstalledRule | undefined,
  lastRuns: LastRuns,
  alertCounts: AlertCounts
): RuleSummary => {
  const lastRun = installed ? lastRuns.get(installed.uuid) : undefined;
  return {
    rule_id: definition.rule_id,
    source,
    name: definition.name,
    severity: definition.severity,
    risk_score: definition.risk_score,
    interval: definition.interval,
    tactics: definition.threat.map((threat) => threat.tactic.name),
    installed: installed !== undefined,
    enabled: installed?.enabled ?? false,
    rule_uuid: installed?.uuid ?? null,
    last_run: lastRun
      ? {
          started_at: new Date(lastRun.startedAt).toISOString(),
          status: lastRun.status,
          alerts_created: lastRun.alertsCreated,
          duration_ms: lastRun.durationMs,
          message: lastRun.message,
        }
      : null,
    alert_count: installed ? (alertCounts.all.get(installed.uuid) ?? 0) : 0,
    open_alert_count: installed ? (alertCounts.open.get(installed.uuid) ?? 0) : 0,
  };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ruleIdOf = (rule: unknown): string | null =>
  isRecord(rule) && typeof rule.rule_id === 'string' ? rule.rule_id : null;

/** The uuid a rule not installed yet is replayed under (its alert ids exist only in memory). */
const PREVIEW_RULE_UUID = 'rule-preview';

export const ruleIdMismatch = (ruleId: string): string =>
  `rule_id: must be "${ruleId}", the rule being updated (a rule's rule_id does not change)`;

/** Fields an update keeps from the installed rule (Kibana's `applyRuleUpdate`). */
const KEPT_ON_UPDATE = ['id', 'created_at', 'created_by'] as const;

/** The update body as the stored rule: rule_id from the route, the installed version unless given. */
const updatedRule = (rule: unknown, ruleId: string, existing: InstalledRule): unknown => {
  if (!isRecord(rule)) return rule;
  const kept = Object.fromEntries(
    KEPT_ON_UPDATE.flatMap((key) => {
      const value = existing.kibana?.[key];
      return value === undefined ? [] : [[key, value]];
    })
  );
  return {
    ...rule,
    ...kept,
    rule_id: ruleId,
    version: rule.version ?? existing.definition.version,
  };
};

export class EmbeddedRuleService implements RuleService, RuleEditingService {
  private readonly rules: RuleStore;

  private readonly catalog: RuleCatalog;

  /** Exception fields already found in the store's events: not searched again each run. */
  private readonly presentFields = new PresentFields();

  constructor(
    private readonly store: StoreWithRules,
    private readonly now: () => Date = () => new Date()
  ) {
    this.rules = store.rules;
    this.catalog = storeCatalog(store.rules);
  }

  async list(): Promise<RuleSummary[]> {
    const installed = new Map(
      (await this.rules.list()).map((rule) => [rule.definition.rule_id, rule])
    );
    const [lastRuns, all, open] = await Promise.all([
      this.rules.lastRuns(),
      this.store.alerts.countsByRule(),
      this.store.alerts.countsByRule(openAlertsFilter(this.now())),
    ]);
    return (await this.catalog.list()).map((rule) =>
      summaryOf(rule, installed.get(rule.definition.rule_id), lastRuns, { all, open })
    );
  }

  async get(ruleId: string): Promise<RuleDetails | undefined> {
    const rule = await this.catalog.get(ruleId);
    const summary = (await this.list()).find((candidate) => candidate.rule_id === ruleId);
    if (rule === undefined || summary === undefined) return undefined;
    const installed = await this.rules.findByRuleId(ruleId);
    return {
      rule: summary,
      definition: rule.definition,
      kibana: kibanaRuleOf({ ...rule, ...(installed ? { enabled: installed.enabled } : {}) }),
    };
  }

  async install(ruleIds: readonly string[] | undefined, enable: boolean): Promise<RuleSummary[]> {
    const wanted = (await this.catalog.list())
      .filter((rule) => rule.source === 'prebuilt')
      .map((rule) => rule.definition)
      .filter((definition) => ruleIds === undefined || ruleIds.includes(definition.rule_id));
    for (const definition of wanted) {
      const existing = await this.rules.findByRuleId(definition.rule_id);
      if (existing === undefined) await this.rules.install(definition, enable, this.now());
      else if (enable && !existing.enabled) await this.rules.setEnabled(definition.rule_id, true);
    }
    return this.list();
  }

  async createRule(rule: unknown, enable: boolean): Promise<RuleImportResult> {
    const parsed = parseKibanaRule(rule, { mode: 'create', ecsFields: ecsFieldTypes() });
    const ruleId = ruleIdOf(rule);
    if (!parsed.ok)
      return { line: 1, kind: 'rule', rule_id: ruleId, status: 'invalid', messages: parsed.errors };
    return this.storeRule(1, parsed.rule, { overwrite: false, enable });
  }

  async importRules(
    rules: readonly unknown[],
    options: RuleImportOptions
  ): Promise<RuleImportResult[]> {
    return this.storeEntries(
      readKibanaRuleObjects(rules, { ecsFields: ecsFieldTypes() }),
      readRuleObjectExceptions(rules),
      (line) => ruleIdOf(rules[line - 1]),
      options
    );
  }

  async importFile(
    file: { readonly name: string; readonly content: string },
    options: RuleImportOptions
  ): Promise<RuleImportResult[]> {
    return this.storeEntries(
      readRuleFileText(file.name, file.content, { ecsFields: ecsFieldTypes() }),
      isTomlFileName(file.name) ? [] : readRuleFileExceptions(file.content),
      () => null,
      options
    );
  }

  /**
   * Replaces an installed rule's definition as Kibana's rule update does (`applyRuleUpdate`): the
   * whole rule is given; its id, rule_id and creation stamps stay, enabled and version stay unless
   * given. Undefined when the rule is not installed.
   */
  async updateRule(ruleId: string, rule: unknown): Promise<RuleImportResult | undefined> {
    const existing = await this.rules.findByRuleId(ruleId);
    if (existing === undefined) return undefined;
    const given = ruleIdOf(rule);
    if (given !== null && given !== ruleId)
      return {
        line: 1,
        kind: 'rule',
        rule_id: given,
        status: 'invalid',
        messages: [ruleIdMismatch(ruleId)],
      };
    const parsed = parseKibanaRule(updatedRule(rule, ruleId, existing), {
      mode: 'create',
      ecsFields: ecsFieldTypes(),
    });
    if (!parsed.ok)
      return { line: 1, kind: 'rule', rule_id: ruleId, status: 'invalid', messages: parsed.errors };
    const result = await this.storeRule(1, parsed.rule, { overwrite: true, enable: false });
    const enabled = isRecord(rule) ? rule.enabled : undefined;
    if (typeof enabled === 'boolean') await this.rules.setEnabled(ruleId, enabled);
    return result;
  }

  /**
   * The stored history replayed with the rule object as it would be saved and as the installed
   * rule `ruleId` is now (none when it is a new rule); the rule's messages when it is invalid.
   */
  async previewRule(
    rule: unknown,
    ruleId: string | undefined
  ): Promise<{ readonly invalid: readonly string[] } | HistoryPreview> {
    const existing = ruleId === undefined ? undefined : await this.rules.findByRuleId(ruleId);
    const parsed = parseKibanaRule(
      existing === undefined ? rule : updatedRule(rule, existing.definition.rule_id, existing),
      { mode: 'create', ecsFields: ecsFieldTypes() }
    );
    if (!parsed.ok) return { invalid: parsed.errors };
    const exceptions = await this.store.exceptions.all();
    const proposed = {
      uuid: existing?.uuid ?? PREVIEW_RULE_UUID,
      spaceId: existing?.spaceId ?? DEFAULT_SPACE_ID,
      definition: parsed.rule.definition,
    };
    return compareReplays(
      this.store.events,
      { rule: existing, exceptions },
      { rule: proposed, exceptions }
    );
  }

  remove(ruleId: string): Promise<boolean> {
    return this.rules.remove(ruleId);
  }

  async exportRules(): Promise<string> {
    return kibanaExportNdjson(await this.rules.list(), await this.store.exceptions.all());
  }

  async setEnabled(ruleId: string, enabled: boolean): Promise<RuleSummary | undefined> {
    if (!(await this.rules.setEnabled(ruleId, enabled))) return undefined;
    return (await this.list()).find((rule) => rule.rule_id === ruleId);
  }

  async runNow(ruleId: string): Promise<RuleSummary | undefined> {
    const rule = await this.rules.findByRuleId(ruleId);
    if (rule === undefined) return undefined;
    if (!rule.enabled) throw new RuleDisabledError(ruleId);
    await this.execute(rule, this.now());
    return (await this.list()).find((summary) => summary.rule_id === ruleId);
  }

  async executions(
    ruleId: string,
    request: ExecutionHistoryRequest
  ): Promise<RuleExecutionsPage | undefined> {
    const rule = await this.rules.findByRuleId(ruleId);
    return rule === undefined ? undefined : runHistoryPage(this.rules, rule.uuid, request);
  }

  /**
   * One scheduled execution of an installed rule at `startedAt`, recorded in the run history.
   * Events and alerts are the store's own unless `target` names others (`ctd run --es`).
   */
  async execute(
    rule: InstalledRule,
    startedAt: Date,
    target: { readonly source: NewTermsEventSource; readonly sink: AlertSink } = {
      source: this.store.events,
      sink: this.store.alerts,
    }
  ): Promise<RuleExecutionResult> {
    const executionId = randomUUID();
    // From the last run that covered its windows: a failed run's windows are searched again.
    const covered = rule.lastCoveredStartedAt;
    const previous = covered !== null && covered < startedAt.getTime() ? new Date(covered) : null;
    const exceptions = await this.store.exceptions.all();
    const executed = await runNewTermsRule({
      rule,
      source: target.source,
      sink: target.sink,
      startedAt,
      previousStartedAt: previous,
      executionId,
      exceptions: resolveRuleExceptions(rule.definition, exceptions, startedAt),
    });
    // The checks search the store's own events: not those of another target (`--es`).
    const ownEvents = target.source === this.store.events;
    const checks = ownEvents
      ? [
          await checkIndexPatterns(this.store.events, rule.definition),
          await checkExceptionFields(
            this.store.lookups,
            rule.definition,
            exceptions,
            startedAt,
            this.presentFields
          ),
        ]
      : [];
    const added = checks.filter((warning): warning is string => warning !== undefined);
    const result: RuleExecutionResult =
      added.length === 0
        ? executed
        : {
            ...executed,
            status: executed.status === 'succeeded' ? 'partial failure' : executed.status,
            warnings: [...executed.warnings, ...added],
          };
    await this.rules.recordExecution({
      rule,
      executionId,
      startedAt,
      status: result.status,
      alertsCreated: result.createdAlertIds.length,
      durationMs: result.durationMs,
      message: [...result.errors, ...result.warnings].join(' ') || null,
      windows: result.windows.map((window) => window.range),
      termsEvaluated: result.termsEvaluated,
      warnings: result.warnings,
      errors: result.errors,
      gap: result.gap?.range ?? null,
    });
    return result;
  }

  /** Stores the exception lines, then the rules; a result per line, the exception lines' their own. */
  private async storeEntries(
    entries: readonly RuleFileEntry[],
    exceptionEntries: readonly ExceptionFileEntry[],
    ruleIdAt: (line: number) => string | null,
    options: RuleImportOptions
  ): Promise<RuleImportResult[]> {
    const exceptionResults = new Map(
      (
        await importExceptionEntries(this.store.exceptions, exceptionEntries, options.overwrite)
      ).map((result) => [result.line, result])
    );
    const results: RuleImportResult[] = [];
    for (const entry of entries) {
      const { line } = entry;
      const exception = exceptionResults.get(line);
      if (exception !== undefined)
        results.push({
          line,
          kind: exception.kind,
          rule_id: null,
          exception_id: exception.id,
          status: exception.status,
          messages: exception.messages,
        });
      else if (entry.kind === 'rule') results.push(await this.storeRule(line, entry.rule, options));
      else if (entry.kind === 'skipped')
        results.push({
          line,
          kind: 'rule',
          rule_id: ruleIdAt(line),
          status: 'skipped',
          messages: [entry.note],
        });
      else
        results.push({
          line,
          kind: 'rule',
          rule_id: entry.ruleId ?? null,
          status: 'invalid',
          messages: entry.errors,
        });
    }
    return results;
  }

  private async storeRule(
    line: number,
    rule: ImportedRule,
    options: RuleImportOptions
  ): Promise<RuleImportResult> {
    const ruleId = rule.definition.rule_id;
    const outcome = await this.rules.importRule(rule, {
      enabled: options.enable,
      overwrite: options.overwrite,
      now: this.now(),
    });
    return outcome === 'conflict'
      ? { line, kind: 'rule', rule_id: ruleId, status: 'conflict', messages: [RULE_ID_EXISTS] }
      : { line, kind: 'rule', rule_id: ruleId, status: outcome, messages: [] };
  }
}
