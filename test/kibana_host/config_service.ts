/**
 * How Kibana turns kibana.yml settings into a plugin's configuration, as a strict double: the
 * server entry's `config` export must carry a @kbn/config-schema type; settings under the
 * plugin's configPath need that schema and must pass it; `enabled: false` turns the plugin off;
 * `exposeToBrowser` picks what the browser gets; keys nobody handles stop start-up.
 *
 * Kibana (9.x): src/core/packages/plugins/server-internal/src/{plugin.ts (getConfigDescriptor),
 * plugins_service.ts (handleDiscoveredPlugins), create_browser_config.ts},
 * src/platform/packages/shared/kbn-config/src/{config_service.ts, config.ts},
 * src/core/packages/config/server-internal/src/ensure_valid_configuration.ts.
 */
import type { PluginManifest } from './manifest_parser';
import { isConfigSchema, type Type } from './kbn_packages/config_schema';

/** Paths Kibana never reports as unknown (ensure_valid_configuration.ts). */
const IGNORED_PATH_PREFIXES = ['dev.', 'elastic.apm.'];
/** CriticalError exit code for unknown keys (ensure_valid_configuration.ts legacyInvalidConfigExitCode). */
export const UNKNOWN_KEYS_EXIT_CODE = 64;

/** Kibana: @kbn/core-base-server-internal CriticalError (ends start-up with `processExitCode`). */
export class CriticalError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly processExitCode: number
  ) {
    super(message);
  }
}

/** A plugin's `config` export as Kibana reads it (PluginConfigDescriptor, subset). */
export interface LoadedConfigDescriptor {
  readonly schema: Type<unknown>;
  readonly exposeToBrowser?: Readonly<Record<string, unknown>>;
}

/** What core derived from the settings for one plugin. */
export interface PluginConfig {
  /** False when the plugin's schema declares `enabled` and kibana.yml sets it to false. */
  readonly enabled: boolean;
  /** Config paths this plugin accounts for (its configPath when it has a schema). */
  readonly handledPaths: readonly string[];
  /** What `initializerContext.config.get()` returns: the validated config, or Kibana's error. */
  readonly initializerConfig: { get: <T>() => T };
  /** The browser plugin's config (create_browser_config.ts); empty without `exposeToBrowser`. */
  readonly browserConfig: Readonly<Record<string, unknown>>;
}

/** Kibana's raw config treats `a.b: 1` and `a: { b: 1 }` alike (dotted keys are expanded). */
export const toDeepObject = (
  settings: Readonly<Record<string, unknown>>,
  into: Record<string, unknown> = {}
): Record<string, unknown> => {
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  for (const [key, value] of Object.entries(settings)) {
    let node = into;
    for (const segment of key.split('.').slice(0, -1)) {
      const next = node[segment];
      node[segment] = isObject(next) ? next : {};
      node = node[segment] as Record<string, unknown>;
    }
    const leaf = key.split('.').pop() ?? key;
    if (isObject(value)) {
      const existing = node[leaf];
      node[leaf] = toDeepObject(value, isObject(existing) ? existing : {});
    } else {
      node[leaf] = value;
    }
  }
  return into;
};

const configPathToString = (configPath: string | readonly string[]): string =>
  typeof configPath === 'string' ? configPath : configPath.join('.');

/** The settings object at a dotted path, and whether anything is set there. */
const settingsAt = (
  settings: Record<string, unknown>,
  namespace: string
): { has: boolean; value: unknown } => {
  let node: unknown = settings;
  for (const segment of namespace.split('.')) {
    if (typeof node !== 'object' || node === null || !(segment in node))
      return { has: false, value: undefined };
    node = (node as Record<string, unknown>)[segment];
  }
  return { has: true, value: node };
};

/**
 * PluginWrapper.getConfigDescriptor (plugin.ts): no descriptor for a browser-only plugin or a
 * server entry without a `config` export; a `config` whose schema is not a config-schema type
 * stops Kibana.
 */
export const getConfigDescriptor = (
  entryModule: unknown,
  manifest: PluginManifest
): LoadedConfigDescriptor | null => {
  if (!manifest.server) return null;
  const definition = (entryModule ?? {}) as {
    config?: { schema?: unknown; exposeToBrowser?: Record<string, unknown> };
  };
  if (!definition.config) return null;
  const { schema, exposeToBrowser } = definition.config;
  if (!isConfigSchema(schema))
    throw new Error('Configuration schema expected to be an instance of Type');
  return exposeToBrowser === undefined ? { schema } : { schema, exposeToBrowser };
};

/** create_browser_config.ts: keys marked `true` are copied, nested descriptors recurse. */
export const createBrowserConfig = (
  config: unknown,
  exposeToBrowser: Readonly<Record<string, unknown>>
): Record<string, unknown> => {
  const browserConfig: Record<string, unknown> = {};
  const entries = typeof config === 'object' && config !== null ? Object.entries(config) : [];
  for (const [key, value] of entries) {
    const exposed = exposeToBrowser[key];
    if (exposed && typeof exposed === 'object')
      browserConfig[key] = createBrowserConfig(value, exposed as Record<string, unknown>);
    if (exposed === true) browserConfig[key] = value;
  }
  return browserConfig;
};

const failingConfig = (message: string) => ({
  get: <T>(): T => {
    throw new Error(message);
  },
});

/**
 * What Kibana does with one plugin's configuration at start-up (plugins_service.ts
 * handleDiscoveredPlugins, then config_service.ts isEnabledAtPath/validate). Throws Kibana's error
 * when start-up would stop. `kibanaYml` is the settings, dotted or nested.
 */
export const loadPluginConfig = (
  entryModule: unknown,
  manifest: PluginManifest,
  kibanaYml: Readonly<Record<string, unknown>> = {}
): PluginConfig => {
  const namespace = configPathToString(manifest.configPath);
  const descriptor = getConfigDescriptor(entryModule, manifest);
  const { has, value } = settingsAt(toDeepObject(kibanaYml), namespace);
  const noSchema = `No validation schema has been defined for [${namespace}]`;
  if (descriptor === null) {
    // config_service.ts isEnabledAtPath: settings without a schema stop Kibana during plugin discovery.
    if (has) throw new Error(noSchema);
    return {
      enabled: true,
      handledPaths: [],
      initializerConfig: failingConfig(noSchema),
      browserConfig: {},
    };
  }
  // setSchema marks the path handled; validation prefixes errors with `config validation of [<path>]`.
  // 8.x-9.2 validate in full here, so an `enabled` the schema lacks is refused as an unknown key.
  const validated = descriptor.schema.validate(value, {}, `config validation of [${namespace}]`);
  const enabled = (validated as { enabled?: unknown } | undefined)?.enabled !== false;
  const exposesSomething =
    descriptor.exposeToBrowser !== undefined &&
    Object.values(descriptor.exposeToBrowser).some(Boolean);
  return {
    enabled,
    handledPaths: [namespace],
    initializerConfig: { get: <T>() => validated as T },
    browserConfig:
      manifest.ui && exposesSomething && descriptor.exposeToBrowser
        ? createBrowserConfig(validated, descriptor.exposeToBrowser)
        : {},
  };
};

/** Every leaf path of the settings (arrays are leaves), as Kibana's config.getFlattenedPaths lists them. */
const flattenedPaths = (settings: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(settings).flatMap(([key, value]) => {
    const full = prefix === '' ? key : `${prefix}.${key}`;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? flattenedPaths(value as Record<string, unknown>, full)
      : [full];
  });

/** kbn-config config.ts hasConfigPathIntersection: the handled path's segments prefix the leaf's. */
const isHandled = (leaf: string, handledPaths: readonly string[]): boolean =>
  handledPaths.some((root) => {
    const leafSegments = leaf.split('.');
    return root.split('.').every((segment, index) => leafSegments[index] === segment);
  });

/**
 * ensure_valid_configuration.ts: settings no plugin (or core service) handles stop start-up.
 * `handledPaths` are the paths of everything loaded (e.g. every PluginConfig's handledPaths).
 */
export const ensureValidConfiguration = (
  kibanaYml: Readonly<Record<string, unknown>>,
  handledPaths: readonly string[]
): void => {
  const unknownKeys = flattenedPaths(toDeepObject(kibanaYml)).filter(
    (leaf) =>
      !isHandled(leaf, handledPaths) &&
      !IGNORED_PATH_PREFIXES.some((prefix) => leaf.startsWith(prefix))
  );
  if (unknownKeys.length > 0) {
    const message = `Unknown configuration key(s): ${unknownKeys.map((key) => `"${key}"`).join(', ')}. Check for spelling errors and ensure that expected plugins are installed.`;
    throw new CriticalError(message, 'InvalidConfig', UNKNOWN_KEYS_EXIT_CODE);
  }
};
