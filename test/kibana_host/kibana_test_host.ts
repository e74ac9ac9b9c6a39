/**
 * Plays Kibana's part for the plugin, over a real Elasticsearch: loads `server/index.ts` the way
 * core does (`plugin(initializerContext)`), calls `setup` and `start` with core and plugin
 * contracts, records the rule type, feature and routes the plugin registers, runs its rules like
 * task manager (real `startedAt` / `previousStartedAt` / state, alerts written to the space's
 * alerts-as-data index) and serves HTTP requests through the registered routes.
 */
import type { Client } from '@elastic/elasticsearch';
import type { CoreSetup, CoreStart, KibanaRequest, Logger, Plugin } from '@kbn/core/server';
import { plugin } from '../../server';
import type { SetupDependencies, StartDependencies } from '../../server';
import { API_PRIVILEGES } from '../../server/routes/api_types';
import { dispatchKibanaRequest, RecordingRouter, USER_HEADER, type HttpCall, type HttpResult, type TestUser } from './fake_http';
import { FakeAlerting, type ExecutionOutcome } from './fake_alerting';

export const ADMIN: TestUser = { username: 'soc-admin', apiPrivileges: [API_PRIVILEGES.all, API_PRIVILEGES.read] };
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

export class KibanaTestHost {
  readonly router = new RecordingRouter();
  readonly alerting: FakeAlerting;

  private constructor(
    readonly client: Client,
    readonly spaceId: string,
    private readonly instance: Plugin<void, void, SetupDependencies, StartDependencies>
  ) {
    this.alerting = new FakeAlerting(client, silentLogger(), spaceId);
  }

  static async start(client: Client, spaceId: string): Promise<KibanaTestHost> {
    const instance = await plugin({ logger: { get: () => silentLogger() }, config: { get: <T>() => ({}) as T } });
    const host = new KibanaTestHost(client, spaceId, instance);
    host.setupAndStart();
    return host;
  }

  private setupAndStart(): void {
    const coreStart: CoreStart = {
      elasticsearch: {
        client: { asInternalUser: this.client, asScoped: () => ({ asInternalUser: this.client, asCurrentUser: this.client }) },
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
      alerting: this.alerting.setup,
      features: { registerKibanaFeature: (feature) => this.alerting.features.push(feature) },
    });
    this.instance.start(coreStart, startPlugins);
  }

  request(call: Omit<HttpCall, 'user'> & { readonly user?: TestUser }): Promise<HttpResult> {
    return dispatchKibanaRequest(this.router.routes, { asCurrentUser: this.client, asInternalUser: this.client }, { user: ADMIN, ...call });
  }

  /** Runs every enabled rule of the space once, as task manager would at `startedAt`. */
  async runEnabledRules(startedAt: Date): Promise<Map<string, ExecutionOutcome>> {
    const outcomes = new Map<string, ExecutionOutcome>();
    const found = await this.alerting.rulesClient.find({});
    for (const rule of found.data.filter((candidate) => candidate.enabled)) outcomes.set(rule.id, await this.alerting.runRule(rule.id, startedAt));
    return outcomes;
  }
}
