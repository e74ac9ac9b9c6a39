/**
 * The URLs of a Kibana page, as Kibana builds them for a server base path and release:
 * - static assets under `<basePath>/<buildShaShort>` (Kibana: src/core/packages/http/server-internal/
 *   src/static_assets/static_assets.ts, `assetsHrefBase` from `shaDigest`);
 * - bundles under `<that>/bundles` (src/core/packages/rendering/server-internal/src/render_utils.ts
 *   getBundlesHref), a UI plugin's at `bundles/plugin/<id>/<plugin version>/` (src/core/packages/apps/
 *   server-internal/src/bundle_routes/register_bundle_routes.ts; get_plugin_bundle_paths.ts), which is
 *   also the plugin's `__kbnPublicPath__` entry (bootstrap_renderer.ts publicPathMap);
 * - script order: shared deps, core, then each plugin (get_js_dependency_paths.ts).
 * Kibana's shared deps are two scripts (the npm DLL, then kbn-ui-shared-deps-src.js); the harness
 * builds one, served at the second's URL.
 */
export interface PluginBundleInfo {
  readonly id: string;
  /** kibana.json `version`. */
  readonly version: string;
}

export interface HarnessUrls {
  readonly baseHref: string;
  readonly bundlesHref: string;
  readonly bootstrapScript: string;
  readonly sharedDepsScript: string;
  readonly coreScript: string;
  readonly chartsStylesheet: string;
  readonly favicon: string;
  pluginPublicPath(plugin: PluginBundleInfo): string;
  pluginBundle(plugin: PluginBundleInfo): string;
  publicPathMap(plugins: readonly PluginBundleInfo[]): Record<string, string>;
  jsDependencyPaths(plugins: readonly PluginBundleInfo[]): string[];
  /** `<basePath>/app/<appPath>`. */
  app(appPath: string): string;
}

export const SHARED_DEPS_SRC_DIR = 'kbn-ui-shared-deps-src';
export const SHARED_DEPS_NPM_DIR = 'kbn-ui-shared-deps-npm';
export const SHARED_DEPS_FILE = 'kbn-ui-shared-deps-src.js';
export const CORE_DIR = 'core';
export const CORE_FILE = 'core.entry.js';

export const harnessUrls = (basePath: string, buildShaShort: string): HarnessUrls => {
  const baseHref = `${basePath}/${buildShaShort}`;
  const bundlesHref = `${baseHref}/bundles`;
  const pluginPublicPath = ({ id, version }: PluginBundleInfo) =>
    `${bundlesHref}/plugin/${id}/${version}/`;
  const sharedDepsScript = `${bundlesHref}/${SHARED_DEPS_SRC_DIR}/${SHARED_DEPS_FILE}`;
  const coreScript = `${bundlesHref}/${CORE_DIR}/${CORE_FILE}`;
  return {
    baseHref,
    bundlesHref,
    bootstrapScript: `${basePath}/bootstrap.js`,
    sharedDepsScript,
    coreScript,
    chartsStylesheet: `${baseHref}/ui/charts/theme_only_light.css`,
    favicon: `${baseHref}/ui/favicons/favicon.svg`,
    pluginPublicPath,
    pluginBundle: (plugin) => `${pluginPublicPath(plugin)}${plugin.id}.plugin.js`,
    publicPathMap: (plugins) => ({
      core: `${bundlesHref}/${CORE_DIR}/`,
      [SHARED_DEPS_SRC_DIR]: `${bundlesHref}/${SHARED_DEPS_SRC_DIR}/`,
      [SHARED_DEPS_NPM_DIR]: `${bundlesHref}/${SHARED_DEPS_NPM_DIR}/`,
      ...Object.fromEntries(plugins.map((plugin) => [plugin.id, pluginPublicPath(plugin)])),
    }),
    jsDependencyPaths: (plugins) => [
      sharedDepsScript,
      coreScript,
      ...plugins.map((plugin) => `${pluginPublicPath(plugin)}${plugin.id}.plugin.js`),
    ],
    app: (appPath) => `${basePath}/app/${appPath.replace(/^\/+/, '')}`,
  };
};
