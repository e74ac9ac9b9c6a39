/**
 * The browser side of the plugin: registers the Container Threat Detection app under Security.
 * The app's code is loaded on first mount (a separate chunk), so Kibana's start-up stays light.
 * Only types come from @kbn/* : those packages exist only inside Kibana.
 */
import type {
  AppCategory,
  AppMountParameters,
  CoreSetup,
  CoreStart,
  Plugin,
} from '@kbn/core/public';
import type { TriggersAndActionsUIPublicPluginSetup } from '@kbn/triggers-actions-ui-plugin/public';
import { createNewTermsRuleTypeModel } from './rule_type_model/rule_type_model';

export const APP_ID = 'containerThreatDetection';
export const APP_TITLE = 'Container Threat Detection';

/** Kibana's `DEFAULT_APP_CATEGORIES.security`, spelled out (the constant is a runtime import). */
export const SECURITY_CATEGORY: AppCategory = {
  id: 'securitySolution',
  label: 'Security',
  order: 3000,
  euiIconType: 'logoSecurity',
};

/** Optional plugins (kibana.jsonc `optionalPlugins`): absent when disabled. */
export interface ContainerThreatDetectionSetupDeps {
  readonly triggersActionsUi?: TriggersAndActionsUIPublicPluginSetup;
}

export class ContainerThreatDetectionPlugin implements Plugin<
  void,
  void,
  ContainerThreatDetectionSetupDeps
> {
  setup(core: CoreSetup, plugins: ContainerThreatDetectionSetupDeps): void {
    core.application.register({
      id: APP_ID,
      title: APP_TITLE,
      category: SECURITY_CATEGORY,
      euiIconType: 'logoSecurity',
      mount: async (params: AppMountParameters) => {
        const [[coreStart], { renderApp }, { kibanaTransport }] = await Promise.all([
          core.getStartServices(),
          import('./application/render_app'),
          import('./application/kibana_transport'),
        ]);
        return renderApp({
          element: params.element,
          history: params.history,
          transport: kibanaTransport(coreStart.http),
          theme$: params.theme$,
          documentTitle: {
            change: (parts) => coreStart.chrome.docTitle.change([...parts]),
            reset: () => coreStart.chrome.docTitle.reset(),
          },
        });
      },
    });
    // Without a rule type model, Stack Management → Rules can neither create nor edit our rules.
    plugins.triggersActionsUi?.ruleTypeRegistry.register(
      createNewTermsRuleTypeModel({ http: core.http })
    );
  }

  start(_core: CoreStart): void {}

  stop(): void {}
}
