/**
 * Type-level check of the server declarations in typings/kbn: a dummy server plugin (rule type,
 * feature, routes, rules client use), written the way the real plugin will be. It is compiled
 * (never run) by a tsconfig that includes typings/** and maps `@kbn/*` to typings/kbn/* — see
 * typings/kbn/README.md. public_contracts.typecheck.ts checks the browser declarations.
 */
import type {
  CoreSetup,
  CoreStart,
  CustomRequestHandlerContext,
  IRouter,
  KibanaRequest,
  Logger,
  Plugin,
  PluginInitializer,
  PluginInitializerContext,
  RouteValidationFunction,
  AppCategory,
} from '@kbn/core/server';
import { DEFAULT_APP_CATEGORIES } from '@kbn/core/server';
import type {
  AlertInstanceContext,
  AlertInstanceState,
  AlertingApiRequestHandlerContext,
  AlertingServerSetup,
  AlertingServerStart,
  RulesClient,
  RuleExecutorOptions,
  RuleType,
} from '@kbn/alerting-plugin/server';
import { AlertsClientError } from '@kbn/alerting-plugin/server';
import type { RulesClientApi } from '@kbn/alerting-plugin/server/types';
import type { PublicAlertsClient } from '@kbn/alerting-plugin/server/alerts_client/types';
import type { FieldMap } from '@kbn/alerts-as-data-utils';
import type { FeaturesPluginSetup, KibanaFeatureConfig } from '@kbn/features-plugin/server';
import { KibanaFeatureScope } from '@kbn/features-plugin/common';
import type { SpacesPluginStart } from '@kbn/spaces-plugin/server';

const FEATURE_ID = 'dummyThreatDetection';
const RULE_TYPE_ID = 'dummy.newTerms';
const API_READ = `${FEATURE_ID}-read`;
const API_ALL = `${FEATURE_ID}-all`;

// ------------------------------------------------------------------------------------------
// Rule type
// ------------------------------------------------------------------------------------------

/** Params must be a type alias: Kibana constrains them to `Record<string, unknown>`. */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- Kibana's rule type constraints need an alias's implicit index signature
type DummyParams = { rule_id: string; history_window_start: string };
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- Kibana's rule type constraints need an alias's implicit index signature
type DummyState = { last_started_at?: string };
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- Kibana's rule type constraints need an alias's implicit index signature
type DummyAlertData = { 'kibana.alert.new_terms': string[]; 'kibana.alert.reason': string };
type DummyActionGroup = 'default';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const validateParams = (object: unknown): DummyParams => {
  if (
    !isRecord(object) ||
    typeof object.rule_id !== 'string' ||
    typeof object.history_window_start !== 'string'
  ) {
    throw new Error('params must be { rule_id: string, history_window_start: string }');
  }
  return { rule_id: object.rule_id, history_window_start: object.history_window_start };
};

const alertFieldMap: FieldMap = {
  'kibana.alert.new_terms': { type: 'keyword', array: true, required: false },
};

/** The alerts client as the executor receives it (named through the deep import Kibana code uses). */
type DummyAlertsClient = PublicAlertsClient<
  DummyAlertData,
  AlertInstanceState,
  AlertInstanceContext,
  DummyActionGroup
>;

const reportNewTerm = (alertsClient: DummyAlertsClient, term: string): string =>
  alertsClient.report({
    id: `${RULE_TYPE_ID}:${term}`,
    actionGroup: 'default',
    context: { term },
    payload: { 'kibana.alert.new_terms': [term], 'kibana.alert.reason': `new term ${term}` },
  }).uuid;

const executor = async ({
  params,
  services,
  state,
  startedAt,
  previousStartedAt,
  rule,
  spaceId,
  logger,
}: RuleExecutorOptions<
  DummyParams,
  DummyState,
  AlertInstanceState,
  AlertInstanceContext,
  DummyActionGroup,
  DummyAlertData
>): Promise<{ state: DummyState }> => {
  const { alertsClient, ruleResultService, scopedClusterClient, shouldStopExecution } = services;
  if (!alertsClient) throw new AlertsClientError();
  logger.debug(
    `rule ${rule.id} (${rule.schedule.interval}) in ${spaceId}, previous run ${String(previousStartedAt)}`,
    {
      tags: ['dummy'],
      rule: { id: rule.id, name: rule.name },
    }
  );
  const response = await scopedClusterClient.asCurrentUser.search({
    index: 'logs-endpoint.events.*',
    size: 0,
  });
  const terms = response.hits.hits.map((hit) => hit._id ?? '');
  const limit = alertsClient.getAlertLimitValue();
  for (const term of terms.slice(0, limit)) {
    if (shouldStopExecution()) break;
    reportNewTerm(alertsClient, term);
  }
  alertsClient.setAlertLimitReached(terms.length > limit);
  if (terms.length > limit)
    ruleResultService?.addLastRunWarning(`only the first ${limit} new terms raised alerts`);
  ruleResultService?.setLastRunOutcomeMessage(
    `history from ${params.history_window_start}, previously ${state.last_started_at ?? 'never'}`
  );
  return { state: { last_started_at: startedAt.toISOString() } };
};

/** Kibana types the categories as a string-keyed record, so a plugin checks the one it uses. */
const securityCategory = (): AppCategory => {
  const category = DEFAULT_APP_CATEGORIES.security;
  if (category === undefined) throw new Error('Kibana defines no security app category');
  return category;
};
const SECURITY_CATEGORY = securityCategory();

export const dummyRuleType: RuleType<
  DummyParams,
  DummyParams,
  DummyState,
  AlertInstanceState,
  AlertInstanceContext,
  DummyActionGroup,
  never,
  DummyAlertData
> = {
  id: RULE_TYPE_ID,
  name: 'Dummy new terms',
  actionGroups: [{ id: 'default', name: 'Default' }],
  defaultActionGroupId: 'default',
  validate: { params: { validate: validateParams } },
  category: SECURITY_CATEGORY.id,
  producer: FEATURE_ID,
  solution: 'security',
  minimumLicenseRequired: 'basic',
  isExportable: true,
  autoRecoverAlerts: false,
  doesSetRecoveryContext: false,
  actionVariables: { context: [{ name: 'term', description: 'the new term' }] },
  alerts: {
    context: 'dummy.threats',
    mappings: { dynamic: false, fieldMap: alertFieldMap },
    useEcs: true,
    shouldWrite: true,
    isSpaceAware: true,
  },
  getViewInAppRelativeUrl: ({ rule }) => `/app/${FEATURE_ID}/rules/${rule.id}`,
  executor,
};

// ------------------------------------------------------------------------------------------
// Feature
// ------------------------------------------------------------------------------------------

const ruleAccess = [{ ruleTypeId: RULE_TYPE_ID, consumers: [FEATURE_ID, 'alerts'] }];

export const dummyFeature: KibanaFeatureConfig = {
  id: FEATURE_ID,
  name: 'Dummy threat detection',
  category: SECURITY_CATEGORY,
  app: [FEATURE_ID, 'kibana'],
  catalogue: [FEATURE_ID],
  scope: [KibanaFeatureScope.Security, KibanaFeatureScope.Spaces],
  alerting: ruleAccess,
  privileges: {
    all: {
      app: [FEATURE_ID, 'kibana'],
      api: [API_READ, API_ALL],
      catalogue: [FEATURE_ID],
      savedObject: { all: [], read: [] },
      ui: ['show', 'crud'],
      alerting: { rule: { all: ruleAccess }, alert: { all: ruleAccess } },
    },
    read: {
      app: [FEATURE_ID, 'kibana'],
      api: [API_READ],
      catalogue: [FEATURE_ID],
      savedObject: { all: [], read: [] },
      ui: ['show'],
      alerting: { rule: { read: ruleAccess }, alert: { read: ruleAccess } },
    },
  },
};

// ------------------------------------------------------------------------------------------
// Routes
// ------------------------------------------------------------------------------------------

type DummyContext = CustomRequestHandlerContext<{ alerting: AlertingApiRequestHandlerContext }>;
interface RunRulesBody {
  rule_ids: string[];
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item: unknown) => typeof item === 'string');

const validateRunRulesBody: RouteValidationFunction<RunRulesBody> = (data, { ok, badRequest }) => {
  if (isRecord(data) && isStringArray(data.rule_ids)) return ok({ rule_ids: data.rule_ids });
  return badRequest('rule_ids must be an array of strings', ['rule_ids']);
};

const registerRoutes = (router: IRouter<DummyContext>, logger: Logger): void => {
  router.post(
    {
      path: `/api/${FEATURE_ID}/rules/_run`,
      validate: { body: validateRunRulesBody },
      security: { authz: { requiredPrivileges: [API_ALL] } },
      options: { access: 'public', summary: 'Run installed rules now' },
    },
    async (context, request, response) => {
      const rulesClient: RulesClient = await (await context.alerting).getRulesClient();
      const messages = await Promise.all(
        request.body.rule_ids.map((id) => rulesClient.runSoon({ id }))
      );
      const failures = messages.filter((message): message is string => message !== undefined);
      if (failures.length > 0) return response.conflict({ body: { message: failures.join('; ') } });
      return response.ok({ body: { ran: request.body.rule_ids } });
    }
  );

  router.get(
    {
      path: `/api/${FEATURE_ID}/health`,
      validate: false,
      security: {
        authz: {
          enabled: false,
          reason: 'reads only the cluster health through the user credentials',
        },
      },
    },
    async (context, _request, response) => {
      const core = await context.core;
      try {
        const health = await core.elasticsearch.client.asCurrentUser.cluster.health();
        return response.ok({ body: { status: health.status } });
      } catch (error) {
        logger.warn(error instanceof Error ? error : String(error));
        return response.customError({ statusCode: 503, body: { message: 'cluster unavailable' } });
      }
    }
  );
};

// ------------------------------------------------------------------------------------------
// Server plugin
// ------------------------------------------------------------------------------------------

interface DummySetupDeps {
  alerting: AlertingServerSetup;
  features: FeaturesPluginSetup;
}

interface DummyStartDeps {
  alerting: AlertingServerStart;
  spaces?: SpacesPluginStart;
}

export interface DummyServerStart {
  installRule(
    request: KibanaRequest
  ): Promise<{ id: string; enabled: boolean; spaceId: string; user: string | null }>;
}

interface DummyConfig {
  enabled: boolean;
}

export class DummyServerPlugin implements Plugin<
  void,
  DummyServerStart,
  DummySetupDeps,
  DummyStartDeps
> {
  private readonly logger: Logger;
  private readonly config: DummyConfig;

  constructor(initializerContext: PluginInitializerContext<DummyConfig>) {
    this.logger = initializerContext.logger.get();
    this.config = initializerContext.config.get();
  }

  public setup(
    core: CoreSetup<DummyStartDeps, DummyServerStart>,
    { alerting, features }: DummySetupDeps
  ): void {
    if (!this.config.enabled) return;
    features.registerKibanaFeature(dummyFeature);
    alerting.registerType(dummyRuleType);
    registerRoutes(core.http.createRouter<DummyContext>(), this.logger);
    void core.getStartServices().then(([coreStart, { spaces }]) => {
      this.logger.debug(
        `started; spaces ${spaces === undefined ? 'off' : 'on'}, es ${typeof coreStart.elasticsearch.client}`
      );
    });
  }

  public start(core: CoreStart, { alerting, spaces }: DummyStartDeps): DummyServerStart {
    return {
      installRule: async (request) => {
        const rulesClient: RulesClientApi = await alerting.getRulesClientWithRequest(request);
        const existing = await rulesClient.find<DummyParams>({
          options: { filter: `alert.attributes.alertTypeId:"${RULE_TYPE_ID}"`, perPage: 100 },
        });
        const rule =
          existing.data[0] ??
          (await rulesClient.create<DummyParams>({
            data: {
              name: 'Dummy rule',
              alertTypeId: RULE_TYPE_ID,
              consumer: FEATURE_ID,
              enabled: false,
              tags: ['dummy'],
              schedule: { interval: '5m' },
              actions: [],
              params: { rule_id: 'dummy', history_window_start: 'now-14d' },
            },
            options: { id: 'dummy-rule' },
          }));
        if (!rule.enabled) await rulesClient.enableRule({ id: rule.id });
        const fresh = await rulesClient.get<DummyParams>({ id: rule.id });
        if (fresh.lastRun?.outcome === 'failed')
          await rulesClient.disableRule({ id: rule.id, untrack: true });
        await core.elasticsearch.client.asScoped(request).asCurrentUser.ping();
        return {
          id: fresh.id,
          enabled: fresh.enabled,
          spaceId: spaces?.spacesService.getSpaceId(request) ?? 'default',
          user: core.security.authc.getCurrentUser(request)?.username ?? null,
        };
      },
    };
  }

  public stop(): void {}
}

export const plugin: PluginInitializer<
  void,
  DummyServerStart,
  DummySetupDeps,
  DummyStartDeps
> = async (initializerContext) => new DummyServerPlugin(initializerContext);
