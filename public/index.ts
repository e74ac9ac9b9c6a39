/** Kibana's entry point for the plugin's browser code. */
import type { PluginInitializer } from '@kbn/core/public';
import { ContainerThreatDetectionPlugin } from './plugin';

export const plugin: PluginInitializer = () => new ContainerThreatDetectionPlugin();
