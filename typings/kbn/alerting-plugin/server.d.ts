/**
 * `@kbn/alerting-plugin/server` (Kibana: x-pack/platform/plugins/shared/alerting/server/index.ts):
 * re-exports, under the names the real index exports, the declarations in ./declarations.d.ts.
 */
import type { RulesClientApi } from './declarations';

export type {
  RuleType,
  ActionGroup,
  RuleExecutorOptions,
  RuleExecutorServices,
  RuleTypeState,
  RuleTypeParams,
  AlertInstanceState,
  AlertInstanceContext,
  AlertingApiRequestHandlerContext,
  ExecutorType,
  IRuleTypeAlerts,
  GetViewInAppRelativeUrlFnOpts,
  AlertingServerSetup,
  AlertingServerStart,
  FindResult,
} from './declarations';
export { AlertsClientError } from './declarations';

/** The rules client API (the index exports it as `PublicMethodsOf<RulesClient class>`). */
export type RulesClient = RulesClientApi;
