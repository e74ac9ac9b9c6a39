/**
 * The page global Kibana's bootstrap script defines for plugin bundles, and the way core reads a
 * plugin from it: our own implementation of the same rules and messages.
 */

/** Kibana: src/core/packages/rendering/server-internal/src/bootstrap/render_template.ts (`kbnBundlesLoader`) */
export interface KbnBundles {
  has(key: string): boolean;
  define(
    key: string,
    bundleRequire: (moduleKey: unknown) => unknown,
    bundleModuleKey: unknown
  ): void;
  get(key: string): unknown;
}

export interface RecordedKbnBundles extends KbnBundles {
  /** Every key passed to `define`, in order. */
  readonly definedKeys: readonly string[];
}

interface BundleModule {
  readonly bundleRequire: (moduleKey: unknown) => unknown;
  readonly bundleModuleKey: unknown;
}

export const createKbnBundles = (): RecordedKbnBundles => {
  const modules = new Map<string, BundleModule>();
  const definedKeys: string[] = [];
  return {
    definedKeys,
    has: (key) => modules.has(key),
    define(key, bundleRequire, bundleModuleKey) {
      definedKeys.push(key);
      if (modules.has(key))
        throw new Error(`__kbnBundles__ already has a module defined for "${key}"`);
      modules.set(key, { bundleRequire, bundleModuleKey });
    },
    get(key) {
      const module = modules.get(key);
      if (!module) throw new Error(`__kbnBundles__ does not have a module defined for "${key}"`);
      // Kibana calls the bundle's require on every get; the bundle caches its modules.
      return module.bundleRequire(module.bundleModuleKey);
    },
  };
};

export interface PluginDefinition {
  readonly plugin?: unknown;
  readonly module?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null;

/**
 * Kibana: src/core/packages/plugins/browser-internal/src/plugin_reader.ts (`read`): the plugin's
 * exports must hold a `plugin` function (or an inversify `module`).
 */
export const readPlugin = (bundles: KbnBundles, name: string): PluginDefinition => {
  const exportId = `plugin/${name}/public`;
  if (!bundles.has(exportId))
    throw new Error(`Definition of plugin "${name}" not found and may have failed to load.`);
  const pluginExport = bundles.get(exportId);
  if (
    !isRecord(pluginExport) ||
    (!pluginExport.module && typeof pluginExport.plugin !== 'function')
  ) {
    throw new Error(`Definition of plugin "${name}" should either be a function or a module.`);
  }
  return pluginExport;
};
