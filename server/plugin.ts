/**
 * The Kibana server plugin. `setup` registers the new_terms rule type with the alerting framework
 * (its runs read exception lists through the lists plugin when Security provides it),
 * the feature that grants it, and the HTTP API; request handlers get services scoped to the
 * requesting user (events, rules) and space (alerts index).
 */
import type {
  CoreSetup,
  CoreStart,
  KibanaRequest,
  Logger,
  Plugin,
  PluginInitializerContext,
  RequestHandlerContext,
} from '@kbn/core/server';
import type { AlertingServerSetup, AlertingServerStart } from '@kbn/alerting-plugin/server';
import type { FeaturesPluginSetup } from '@kbn/features-plugin/server';
import type { ListPluginSetup } from '@kbn/lists-plugin/server';
import type { SpacesPluginStart } from '@kbn/spaces-plugin/server';
import { DEFAULT_SPACE_ID } from './new_terms/rule_instance';
import { API_ROUTES } from './routes';
import type { ApiServices } from './routes/api_types';
import { EsAlertQueries } from './stores/elasticsearch/alert_queries';
import { EsEventLookups } from './stores/elasticsearch/event_lookups';
import { alertsIndexAlias } from './kibana/constants';
import { CONTAINER_THREAT_DETECTION_FEATURE } from './kibana/feature';
import { KibanaRuleService } from './kibana/kibana_rule_service';
import { createNewTermsRuleType } from './kibana/new_terms_rule_type';
import { registerRoutes } from './kibana/register_routes';

export interface SetupDependencies {
  readonly alerting: AlertingServerSetup;
  readonly features: FeaturesPluginSetup;
  /** Security's lists plugin, where rules' exception lists live; absent without Security. */
  readonly lists?: ListPluginSetup;
}

export interface StartDependencies {
  readonly alerting: AlertingServerStart;
  readonly spaces?: SpacesPluginStart;
}

/** Recorded on triage changes when Kibana knows no user (security disabled). */
const UNKNOWN_USER = 'unknown';

export class ContainerThreatDetectionPlugin implements Plugin<
  void,
  void,
  SetupDependencies,
  StartDependencies
> {
  private readonly logger: Logger;

  constructor(initializerContext: PluginInitializerContext) {
    this.logger = initializerContext.logger.get();
  }

  setup(core: CoreSetup<StartDependencies>, plugins: SetupDependencies): void {
    plugins.alerting.registerType(createNewTermsRuleType({ lists: plugins.lists }));
    plugins.features.registerKibanaFeature(CONTAINER_THREAT_DETECTION_FEATURE);
    const servicesFor = async (
      context: RequestHandlerContext,
      request: KibanaRequest
    ): Promise<ApiServices> => {
      const [coreStart, startPlugins] = await core.getStartServices();
      return this.requestServices(coreStart, startPlugins, context, request);
    };
    registerRoutes(core.http.createRouter(), API_ROUTES, servicesFor);
    this.logger.debug('registered the new_terms rule type, the feature and the API routes');
  }

  start(): void {}

  stop(): void {}

  private async requestServices(
    coreStart: CoreStart,
    plugins: StartDependencies,
    context: RequestHandlerContext,
    request: KibanaRequest
  ): Promise<ApiServices> {
    const { client } = (await context.core).elasticsearch;
    const spaceId = plugins.spaces?.spacesService.getSpaceId(request) ?? DEFAULT_SPACE_ID;
    // The route already required our feature privilege; the alerts index is the framework's, read internally.
    const alerts = new EsAlertQueries(client.asInternalUser, alertsIndexAlias(spaceId));
    const rulesClient = await plugins.alerting.getRulesClientWithRequest(request);
    return {
      rules: new KibanaRuleService(rulesClient, alerts),
      alerts,
      events: new EsEventLookups(client.asCurrentUser),
      user: coreStart.security.authc.getCurrentUser(request)?.username ?? UNKNOWN_USER,
    };
  }
}
