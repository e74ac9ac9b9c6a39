/**
 * The alerting rule type Kibana runs on every rule's schedule. Each execution resolves the rule's
 * definition (a prebuilt rule or inline params), runs the new_terms algorithm over Elasticsearch
 * as the rule's user (its API key) with the rule's exception lists (read from Kibana's lists
 * plugin) left out, reports new alerts to the framework's alerts client, and records warnings
 * (alert cap reached, a gap left uncovered, an exception not applied) and errors as the run's
 * outcome.
 */
import type { RuleExecutorOptions, RuleType } from '@kbn/alerting-plugin/server';
import type { ListPluginSetup } from '@kbn/lists-plugin/server';
import { runNewTermsRule, type RuleExecutionResult } from '../new_terms/run_new_terms_rule';
import {
  resolveDefinition,
  validateRuleTypeParams,
  type NewTermsRuleTypeParams,
} from './rule_type_params';
import { EsEventSource } from '../stores/elasticsearch/event_source';
import { loadKibanaRuleExceptions } from './kibana_rule_exceptions';
import { NEW_TERMS_ALERT_FIELD_MAP } from './alert_field_map';
import {
  ALERTS_CONTEXT,
  alertsIndexAlias,
  NEW_TERMS_RULE_TYPE_ID,
  PLUGIN_ID,
  SECURITY_APP_CATEGORY,
} from './constants';
import {
  KibanaAlertSink,
  NEW_TERMS_ACTION_GROUP,
  type NewTermsAlertData,
} from './kibana_alert_sink';

/** What an execution leaves for the next one and for the rule's monitoring. */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- Kibana's rule type constraints need an alias's implicit index signature
export type NewTermsRuleState = {
  readonly lastExecution?: {
    readonly status: RuleExecutionResult['status'];
    readonly alertsCreated: number;
    readonly termsEvaluated: number;
    readonly windows: number;
  };
};

type EmptyRecord = Record<string, never>;

export type NewTermsExecutorOptions = RuleExecutorOptions<
  NewTermsRuleTypeParams,
  NewTermsRuleState,
  EmptyRecord,
  EmptyRecord,
  typeof NEW_TERMS_ACTION_GROUP,
  NewTermsAlertData
>;

export class MissingAlertsClientError extends Error {
  constructor() {
    super(
      'The alerting framework gave no alerts client: alerts-as-data must be registered with shouldWrite: true'
    );
    this.name = 'MissingAlertsClientError';
  }
}

/** The other plugins an execution uses; `lists` is absent where Security is not installed. */
export interface NewTermsRuleTypeDependencies {
  readonly lists?: ListPluginSetup;
}

export const executeNewTermsRule = async (
  options: NewTermsExecutorOptions,
  dependencies: NewTermsRuleTypeDependencies = {}
): Promise<{ state: NewTermsRuleState }> => {
  const { services, params, rule, spaceId, startedAt, previousStartedAt, executionId, logger } =
    options;
  const alertsClient = services.alertsClient;
  if (alertsClient === null) throw new MissingAlertsClientError();
  // The schedule is the rule's own (editable in Kibana); the definition supplies everything else.
  const definition = { ...resolveDefinition(params), interval: rule.schedule.interval };
  const exceptions = await loadKibanaRuleExceptions({
    lists: dependencies.lists,
    savedObjectsClient: services.savedObjectsClient,
    updatedBy: rule.updatedBy,
    definition,
    now: startedAt,
  });
  const result = await runNewTermsRule({
    rule: { uuid: rule.id, spaceId, definition },
    source: new EsEventSource(services.scopedClusterClient.asCurrentUser),
    sink: new KibanaAlertSink(
      alertsClient,
      services.scopedClusterClient.asInternalUser,
      alertsIndexAlias(spaceId)
    ),
    startedAt,
    previousStartedAt,
    executionId,
    exceptions,
  });
  for (const warning of result.warnings) services.ruleResultService?.addLastRunWarning(warning);
  for (const error of result.errors) services.ruleResultService?.addLastRunError(error);
  logger.debug(
    `${definition.name}: ${result.status}, ${result.createdAlertIds.length} new alert(s) in ${result.durationMs} ms`
  );
  return {
    state: {
      lastExecution: {
        status: result.status,
        alertsCreated: result.createdAlertIds.length,
        termsEvaluated: result.termsEvaluated,
        windows: result.windows.length,
      },
    },
  };
};

export type NewTermsRuleType = RuleType<
  NewTermsRuleTypeParams,
  never,
  NewTermsRuleState,
  EmptyRecord,
  EmptyRecord,
  typeof NEW_TERMS_ACTION_GROUP,
  never,
  NewTermsAlertData
>;

export const createNewTermsRuleType = (
  dependencies: NewTermsRuleTypeDependencies = {}
): NewTermsRuleType => ({
  id: NEW_TERMS_RULE_TYPE_ID,
  name: 'Container threat detection: new terms',
  validate: { params: { validate: (object: unknown) => validateRuleTypeParams(object) } },
  actionGroups: [{ id: NEW_TERMS_ACTION_GROUP, name: 'New term detected' }],
  defaultActionGroupId: NEW_TERMS_ACTION_GROUP,
  category: SECURITY_APP_CATEGORY.id,
  producer: PLUGIN_ID,
  solution: 'security',
  minimumLicenseRequired: 'basic',
  isExportable: true,
  defaultScheduleInterval: '5m',
  // A detection stays an alert until an analyst closes it: nothing "recovers" when a term is no longer new.
  autoRecoverAlerts: false,
  alerts: {
    context: ALERTS_CONTEXT,
    mappings: { dynamic: false, fieldMap: NEW_TERMS_ALERT_FIELD_MAP },
    useEcs: true,
    shouldWrite: true,
    isSpaceAware: true,
  },
  executor: (options) => executeNewTermsRule(options, dependencies),
});
