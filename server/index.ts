/** Kibana server entry point: the plugin is loaded lazily, as Kibana's plugin template does. */
import { schema, type TypeOf } from '@kbn/config-schema';
import type { PluginConfigDescriptor, PluginInitializerContext } from '@kbn/core/server';

/**
 * `container_threat_detection.*` in kibana.yml (the manifest's configPath). Only `enabled` exists,
 * and Kibana core honours it: `container_threat_detection.enabled: false` turns the plugin off.
 * Without this export Kibana refuses to start when any such key is set.
 */
const configSchema = schema.object({ enabled: schema.boolean({ defaultValue: true }) });

export type ContainerThreatDetectionConfig = TypeOf<typeof configSchema>;

export const config: PluginConfigDescriptor<ContainerThreatDetectionConfig> = {
  schema: configSchema,
};

export async function plugin(initializerContext: PluginInitializerContext) {
  const { ContainerThreatDetectionPlugin } = await import('./plugin');
  return new ContainerThreatDetectionPlugin(initializerContext);
}

export type { SetupDependencies, StartDependencies } from './plugin';
