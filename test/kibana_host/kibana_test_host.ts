/**
 * Plays Kibana's part for the plugin, over a real Elasticsearch: loads `server/index.ts` the way
 * core does (`plugin(initializerContext)`), calls `setup` and `start` with core and plugin
 * contracts, records the rule type, feature and routes the plugin registers, runs its rules like
 * task manager (real `startedAt` / `previousStartedAt` / state, alerts written to the space's
 * alerts-as-data index) and serves HTTP requests through the registered routes.
 */
import path from 'path';
import type { Client } from '@elastic/elasticsearch';
import type { CoreSetup, CoreStart, KibanaRequest, Logger, Plugin } from '@kbn/core/server';
import * as serverEntry from '../../server';
import type { SetupDependencies, StartDependencies } from '../../server';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { NEW_TERMS_RULE_TYPE_ID, PLUGIN_ID } from '../../server/kibana/constants';
import { API_PRIVILEGES } from '../../server/routes/api_types';
import {
  BROWSER_HEADERS,
  dispatchKibanaRequest,
  RecordingRouter,
  USER_HEADER,
  type HttpCall,
  type HttpResult,
  type TestUser,
} from './fake_http';
import { FakeAlerting, type ExecutionOutcome } from './fake_alerting';
import { ensureValidConfiguration, loadPluginConfig } from './config_service';
import { FeatureRegistry } from './feature_registry';
import { FakeLists } from './fake_lists';
import { HOST_KIBANA_VERSION } from './host_version';
import { parseManifest } from './manifest_parser';
import { PluginDisabledError } from './plugin_disabled_error';

export interface HostOptions {
  /** Plays a Kibana without Security, hence without its lists plugin. */
  readonly withoutSecurity?: boolean;
}

const LISTS_PLUGIN_ID = 'lists';

export const ADMIN: TestUser = {
  username: 'soc-admin',
  apiPrivileges: [API_PRIVILEGES.all, API_PRIVILEGES.read],
};
export const VIEWER: TestUser = { username: 'soc-viewer', apiPrivileges: [API_PRIVILEGES.read] };
export const OUTSIDER: TestUser = { username: 'outsider', apiPrivileges: [] };

const silentLogger = (): Logger => {
  const logger: Logger = {
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    fatal: () => undefined,
    get: () => logger,
  };
  return logger;
};

/** The repository root holds the kibana.json Kibana's discovery reads. */
const PLUGIN_DIR = path.resolve(__dirname, '..', '..');

export class KibanaTestHost {
  readonly router = new RecordingRouter();
  readonly alerting: FakeAlerting;
  readonly features = new FeatureRegistry();
  /** Security's lists plugin; present unless the host plays a Kibana without Security. */
  readonly lists: FakeLists | undefined;

  private constructor(
    readonly client: Client,
    readonly spaceId: string,
    private readonly instance: Plugin<void, void, SetupDependencies, StartDependencies>,
    private readonly dependencyIds: ReadonlySet<string>,
    options: HostOptions
  ) {
    this.lists = options.withoutSecurity === true ? undefined : new FakeLists();
    this.alerting = new FakeAlerting(client, silentLogger(), spaceId);
  }

  /**
   * Discovers the plugin (kibana.json), validates `kibanaYml` against its config schema, then
   * loads, sets up and starts it, throwing Kibana's error wherever Kibana would stop.
   */
  static async start(
    client: Client,
    spaceId: string,
    kibanaYml: Readonly<Record<string, unknown>> = {},
    options: HostOptions = {}
  ): Promise<KibanaTestHost> {
    const manifest = parseManifest(PLUGIN_DIR, HOST_KIBANA_VERSION);
    const config = loadPluginConfig(serverEntry, manifest, kibanaYml);
    ensureValidConfiguration(kibanaYml, config.handledPaths);
    if (!config.enabled) throw new PluginDisabledError(`${manifest.id} is disabled in kibana.yml`);
    const instance = await serverEntry.plugin({
      logger: { get: () => silentLogger() },
      config: config.initializerConfig,
    });
    const dependencyIds = new Set([...manifest.requiredPlugins, ...manifest.optionalPlugins]);
    const host = new KibanaTestHost(client, spaceId, instance, dependencyIds, options);
    host.setupAndStart();
    return host;
  }

  private setupAndStart(): void {
    const coreStart: CoreStart = {
      elasticsearch: {
        client: {
          asInternalUser: this.client,
          asScoped: () => ({ asInternalUser: this.client, asCurrentUser: this.client }),
        },
      },
      security: {
        authc: {
          getCurrentUser: (request: KibanaRequest) => {
            const username = request.headers[USER_HEADER];
            return typeof username === 'string' ? { username, roles: [] } : null;
          },
        },
      },
    };
    const startPlugins: StartDependencies = {
      alerting: this.alerting.start,
      spaces: { spacesService: { getSpaceId: () => this.spaceId } },
    };
    const coreSetup: CoreSetup<StartDependencies, void> = {
      http: { createRouter: () => this.router as never },
      getStartServices: async () => [coreStart, startPlugins, undefined],
    };
    this.instance.setup(coreSetup, {
      ...this.optionalSetupContracts(),
      alerting: this.alerting.setup,
      features: {
        registerKibanaFeature: (feature) => {
          this.features.registerKibanaFeature(feature);
          this.alerting.features.push(feature);
        },
      },
    });
    // The features plugin locks registration when it starts, after every plugin's setup.
    this.features.lockRegistration();
    this.instance.start(coreStart, startPlugins);
  }

  /**
   * Core passes a plugin the contracts of the plugins its manifest names, and of those only the
   * ones present (src/core/packages/plugins/server-internal/src/plugin_context.ts,
   * plugins_system.ts: a missing optional plugin is simply absent).
   */
  private optionalSetupContracts(): Pick<SetupDependencies, 'lists'> {
    return this.lists !== undefined && this.dependencyIds.has(LISTS_PLUGIN_ID)
      ? { lists: this.lists.setup }
      : {};
  }

  /** What route handlers threw (Kibana logs these and answers a bare 500). */
  readonly handlerErrors: unknown[] = [];

  /**
   * Serves a request as Kibana does. Without `headers`, it carries what Kibana's browser client
   * sends (`kbn-version`, `x-elastic-internal-origin`); with `headers`, exactly those.
   */
  request(call: Omit<HttpCall, 'user'> & { readonly user?: TestUser }): Promise<HttpResult> {
    const clients = { asCurrentUser: this.client, asInternalUser: this.client };
    const sent: HttpCall = { user: ADMIN, headers: BROWSER_HEADERS, ...call };
    return dispatchKibanaRequest(this.router.routes, clients, sent, {
      onHandlerError: (error) => this.handlerErrors.push(error),
    });
  }

  /** Creates every prebuilt rule, enabled, on its own schedule and searching `index`; returns the rules' ids. */
  async createPrebuiltRules(index: string): Promise<string[]> {
    const ids: string[] = [];
    for (const definition of PREBUILT_RULES) {
      const rule = await this.alerting.rulesClient.create({
        data: {
          name: definition.name,
          alertTypeId: NEW_TERMS_RULE_TYPE_ID,
          consumer: PLUGIN_ID,
          enabled: true,
          tags: [...definition.tags],
          params: { rule_id: definition.rule_id, index: [index] },
          schedule: { interval: definition.interval },
          actions: [],
        },
      });
      ids.push(rule.id);
    }
    return ids;
  }

  /** Runs every enabled rule of the space once, as task manager would at `startedAt`. */
  async runEnabledRules(startedAt: Date): Promise<Map<string, ExecutionOutcome>> {
    const outcomes = new Map<string, ExecutionOutcome>();
    const found = await this.alerting.rulesClient.find({});
    for (const rule of found.data.filter((candidate) => candidate.enabled))
      outcomes.set(rule.id, await this.alerting.runRule(rule.id, startedAt));
    return outcomes;
  }
}
