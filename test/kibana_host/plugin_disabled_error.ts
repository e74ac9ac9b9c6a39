/** Thrown when kibana.yml disables the plugin: Kibana would then not load it at all. */
export class PluginDisabledError extends Error {}
