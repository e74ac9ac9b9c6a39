/**
 * Core's browser plugins service: reads each UI plugin from `__kbnBundles__` with the plugin
 * reader (Kibana: src/core/packages/plugins/browser-internal/src/plugin_reader.ts, our copy in
 * test/kibana_build/kbn_bundles_loader.ts), calls its initializer with an initializer context,
 * then `setup(coreSetup, pluginsSetup)` for every plugin and `start(coreStart, pluginsStart)` for
 * every plugin, each plugin receiving only the contracts of the plugins its manifest names
 * (Kibana: src/core/packages/plugins/browser-internal/src/plugins_service.ts, plugin_context.ts).
 */
import type { CoreSetup, CoreStart, Plugin, PluginInitializer } from '@kbn/core/public';
import { readPlugin, type KbnBundles } from '../../kibana_build/kbn_bundles_loader';
import type { UiPluginInfo } from './injected_metadata';

/** Setup and start contracts of the plugins the harness plays (triggersActionsUi …), by id. */
export type ProvidedPlugins = Readonly<
  Record<string, { readonly setup: unknown; readonly start: unknown }>
>;

export interface PluginEnvironment {
  readonly version: string;
  readonly buildNumber: number;
  readonly buildSha: string;
}

interface LoadedPlugin {
  readonly info: UiPluginInfo;
  readonly instance: Plugin<unknown, unknown, object, object>;
}

const contractsFor = (
  info: UiPluginInfo,
  provided: ProvidedPlugins,
  phase: 'setup' | 'start'
): Record<string, unknown> =>
  Object.fromEntries(
    [...info.requiredPlugins, ...info.optionalPlugins].flatMap((id) => {
      const plugin = provided[id];
      return plugin === undefined ? [] : [[id, plugin[phase]]];
    })
  );

/** plugin_context.ts createPluginInitializerContext (the parts a plugin may read). */
const initializerContext = (id: string, environment: PluginEnvironment) => ({
  opaqueId: Symbol(id),
  env: {
    mode: { name: 'production', dev: false, prod: true },
    packageInfo: {
      version: environment.version,
      buildNum: environment.buildNumber,
      buildSha: environment.buildSha,
      branch: '',
      dist: true,
    },
  },
  config: { get: <T>() => ({}) as T },
});

export const loadPlugins = (
  bundles: KbnBundles,
  plugins: readonly UiPluginInfo[],
  environment: PluginEnvironment
): LoadedPlugin[] =>
  plugins.map((info) => {
    const definition = readPlugin(bundles, info.id);
    const initializer = definition.plugin as PluginInitializer<unknown, unknown, object, object>;
    return { info, instance: initializer(initializerContext(info.id, environment)) };
  });

export const setupPlugins = (
  plugins: readonly LoadedPlugin[],
  coreSetupFor: (id: string) => CoreSetup,
  provided: ProvidedPlugins
): void => {
  for (const { info, instance } of plugins)
    instance.setup(coreSetupFor(info.id), contractsFor(info, provided, 'setup'));
};

export const startPlugins = (
  plugins: readonly LoadedPlugin[],
  coreStart: CoreStart,
  provided: ProvidedPlugins
): Map<string, unknown> => {
  const contracts = new Map<string, unknown>();
  for (const { info, instance } of plugins)
    contracts.set(info.id, instance.start(coreStart, contractsFor(info, provided, 'start')));
  return contracts;
};
