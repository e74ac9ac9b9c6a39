/** Kibana server entry point: the plugin is loaded lazily, as Kibana's plugin template does. */
import type { PluginInitializerContext } from '@kbn/core/server';

export async function plugin(initializerContext: PluginInitializerContext) {
  const { ContainerThreatDetectionPlugin } = await import('./plugin');
  return new ContainerThreatDetectionPlugin(initializerContext);
}

export type { SetupDependencies, StartDependencies } from './plugin';
