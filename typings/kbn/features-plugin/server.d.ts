/**
 * Our own declarations of the Kibana 9.x `@kbn/features-plugin/server` surface this plugin uses
 * (a subset). Follows x-pack/platform/plugins/shared/features/server/{plugin,index}.ts.
 */
import type { KibanaFeatureConfig } from '@kbn/features-plugin/common';

export type { KibanaFeatureConfig, FeatureKibanaPrivileges } from '@kbn/features-plugin/common';

/** The features plugin's setup contract (9.x name; 8.x exported it as `PluginSetupContract`). */
export interface FeaturesPluginSetup {
  /** Registers a Kibana feature (its privileges, apps and rule types); setup only. */
  registerKibanaFeature(feature: KibanaFeatureConfig): void;
}

export {};
