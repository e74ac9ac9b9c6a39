/**
 * Kibana's discovery-time parser of a plugin's kibana.json, as a strict double: the same checks in
 * the same order, with Kibana's messages wrapped the way its PluginDiscoveryError wraps them.
 *
 * Kibana: src/core/packages/plugins/server-internal/src/discovery/plugin_manifest_parser.ts (9.x;
 * 8.x: packages/core/plugins/core-plugins-server-internal/src/discovery/, same checks).
 */
import fs from 'fs';
import path from 'path';
import { interpolatedText } from './interpolated_text';

/** Name of the manifest Kibana discovers a plugin by (kibana.jsonc is only for in-repo packages). */
export const MANIFEST_FILE_NAME = 'kibana.json';

/** A plugin declaring this kibanaVersion is compatible with every Kibana. */
const ALWAYS_COMPATIBLE_VERSION = 'kibana';

/** Kibana: discovery/is_camel_case.ts. */
const CAMEL_CASE = /^[a-z]{1}([a-zA-Z0-9]{1,})$/;

/** Every key Kibana's parser accepts; any other key refuses the plugin. */
const KNOWN_MANIFEST_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'kibanaVersion',
  'type',
  'version',
  'configPath',
  'requiredPlugins',
  'optionalPlugins',
  'runtimePluginDependencies',
  'ui',
  'server',
  'extraPublicDirs',
  'requiredBundles',
  'serviceFolders',
  'owner',
  'description',
  'enabledOnAnonymousPages',
]);

/** Kibana: discovery/plugin_discovery_error.ts. */
export enum PluginDiscoveryErrorType {
  IncompatibleVersion = 'incompatible-version',
  InvalidManifest = 'invalid-manifest',
  MissingManifest = 'missing-manifest',
}

/** Kibana: discovery/plugin_discovery_error.ts (message `<cause> (<type>, <manifest path>)`). */
export class PluginDiscoveryError extends Error {
  constructor(
    readonly type: PluginDiscoveryErrorType,
    readonly manifestPath: string,
    readonly reason: Error
  ) {
    super(`${reason.message} (${type}, ${manifestPath})`);
  }
}

/** Standard plugins run setup/start; preboot plugins run before Kibana is configured. */
export type PluginType = 'standard' | 'preboot';

/** The parsed manifest as Kibana keeps it (defaults applied). Kibana: @kbn/core-plugins-server PluginManifest. */
export interface PluginManifest {
  readonly id: string;
  readonly version: string;
  readonly kibanaVersion: string;
  readonly type: PluginType;
  readonly configPath: string | readonly string[];
  readonly requiredPlugins: readonly string[];
  readonly optionalPlugins: readonly string[];
  readonly requiredBundles: readonly string[];
  readonly runtimePluginDependencies: readonly string[];
  readonly ui: boolean;
  readonly server: boolean;
  readonly extraPublicDirs?: readonly string[];
  readonly owner: { readonly name: string; readonly githubTeam?: string };
  readonly description?: string;
  readonly enabledOnAnonymousPages?: boolean;
}

type RawManifest = Record<string, unknown>;

const invalid = (manifestPath: string, message: string) =>
  new PluginDiscoveryError(
    PluginDiscoveryErrorType.InvalidManifest,
    manifestPath,
    new Error(message)
  );

/** Kibana: @kbn/config isConfigPath (src/platform/packages/shared/kbn-config/src/config.ts). */
export const isConfigPath = (value: unknown): value is string | string[] =>
  Boolean(value) &&
  (typeof value === 'string' ||
    (Array.isArray(value) && value.every((segment) => typeof segment === 'string')));

/** The words lodash's `snakeCase` splits a camelCase id into (acronyms and digit runs are words). */
const WORDS = /[A-Z]{2,}(?=[A-Z][a-z]|[0-9]|$)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g;

/** lodash `snakeCase` for plugin ids: the default configPath (`containerThreatDetection` -> `container_threat_detection`). */
export const snakeCase = (id: string): string =>
  (id.match(WORDS) ?? []).map((word) => word.toLowerCase()).join('_');

/** semver's `coerce` (first `x[.y[.z]]` in the string, missing parts 0); undefined when none. */
const coerceVersion = (version: string): readonly [number, number, number] | undefined => {
  const match = /(?:^|[^\d])(\d{1,16})(?:\.(\d{1,16}))?(?:\.(\d{1,16}))?(?:$|[^\d])/.exec(version);
  if (match === null) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
};

/** Kibana: plugin_manifest_parser.ts isVersionCompatible (coerced versions must be equal). */
export const isVersionCompatible = (
  expectedKibanaVersion: string,
  actualKibanaVersion: string
): boolean => {
  if (expectedKibanaVersion === ALWAYS_COMPATIBLE_VERSION) return true;
  const actual = coerceVersion(actualKibanaVersion);
  const expected = coerceVersion(expectedKibanaVersion);
  if (actual === undefined || expected === undefined) return false;
  return actual.every((part, index) => part === expected[index]);
};

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'string');

const stringArrayOrEmpty = (value: unknown): readonly string[] =>
  Array.isArray(value) ? (value as string[]) : [];

/** Checks id, version and owner: Kibana's first three rules. */
const checkIdentity = (
  manifest: RawManifest,
  manifestPath: string
): { id: string; version: string; owner: PluginManifest['owner'] } => {
  const { id, version, owner } = manifest;
  if (!id || typeof id !== 'string')
    throw invalid(manifestPath, 'Plugin manifest must contain an "id" property.');
  // Ids become config paths and logger contexts, where dots would split them.
  if (id.includes('.')) throw invalid(manifestPath, 'Plugin "id" must not include `.` characters.');
  if (!CAMEL_CASE.test(id))
    throw invalid(manifestPath, `Plugin "id" must be camelCase, but found: ${id}.`);
  if (!version || typeof version !== 'string') {
    throw invalid(manifestPath, `Plugin manifest for "${id}" must contain a "version" property.`);
  }
  const ownerName =
    typeof owner === 'object' && owner !== null ? (owner as { name?: unknown }).name : undefined;
  if (!ownerName || typeof ownerName !== 'string') {
    throw invalid(
      manifestPath,
      `Plugin manifest for "${id}" must contain an "owner" property, which includes a nested "name" property.`
    );
  }
  return { id, version, owner: owner as PluginManifest['owner'] };
};

/** Parses manifest text found at `manifestPath` for a Kibana of `kibanaVersion`. */
export const parseManifestContent = (
  content: string,
  manifestPath: string,
  kibanaVersion: string
): PluginManifest => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new PluginDiscoveryError(
      PluginDiscoveryErrorType.InvalidManifest,
      manifestPath,
      error as Error
    );
  }
  // Kibana tests `typeof === 'object'` only, so an array gets as far as the id check.
  if (!parsed || typeof parsed !== 'object')
    throw invalid(manifestPath, 'Plugin manifest must contain a JSON encoded object.');
  const manifest = parsed as RawManifest;
  const { id, version, owner } = checkIdentity(manifest, manifestPath);

  if (manifest.configPath !== undefined && !isConfigPath(manifest.configPath)) {
    throw invalid(
      manifestPath,
      `The "configPath" in plugin manifest for "${id}" should either be a string or an array of strings.`
    );
  }
  if (manifest.extraPublicDirs && !isStringArray(manifest.extraPublicDirs)) {
    throw invalid(
      manifestPath,
      `The "extraPublicDirs" in plugin manifest for "${id}" should be an array of strings.`
    );
  }

  const expectedKibanaVersion =
    typeof manifest.kibanaVersion === 'string' && manifest.kibanaVersion
      ? manifest.kibanaVersion
      : version;
  if (!isVersionCompatible(expectedKibanaVersion, kibanaVersion)) {
    throw new PluginDiscoveryError(
      PluginDiscoveryErrorType.IncompatibleVersion,
      manifestPath,
      new Error(
        `Plugin "${id}" is only compatible with Kibana version "${expectedKibanaVersion}", but used Kibana version is "${kibanaVersion}".`
      )
    );
  }

  // Only real booleans count: "true" as a string is as good as absent.
  const server = typeof manifest.server === 'boolean' ? manifest.server : false;
  const ui = typeof manifest.ui === 'boolean' ? manifest.ui : false;
  if (!server && !ui) {
    throw invalid(
      manifestPath,
      `Both "server" and "ui" are missing or set to "false" in plugin manifest for "${id}", but at least one of these must be set to "true".`
    );
  }

  const unknownKeys = Object.keys(manifest).filter((key) => !KNOWN_MANIFEST_FIELDS.has(key));
  if (unknownKeys.length > 0) {
    // Kibana interpolates the array itself: comma-separated, no spaces.
    throw invalid(
      manifestPath,
      `Manifest for plugin "${id}" contains the following unrecognized properties: ${unknownKeys.join(',')}.`
    );
  }

  const type = manifest.type ?? 'standard';
  if (type !== 'standard' && type !== 'preboot') {
    throw invalid(
      manifestPath,
      `The "type" in manifest for plugin "${id}" is set to "${interpolatedText(type)}", but it should either be "standard" or "preboot".`
    );
  }

  return {
    id,
    version,
    kibanaVersion: expectedKibanaVersion,
    type,
    configPath: (manifest.configPath as PluginManifest['configPath'] | undefined) || snakeCase(id),
    requiredPlugins: stringArrayOrEmpty(manifest.requiredPlugins),
    optionalPlugins: stringArrayOrEmpty(manifest.optionalPlugins),
    requiredBundles: stringArrayOrEmpty(manifest.requiredBundles),
    runtimePluginDependencies: stringArrayOrEmpty(manifest.runtimePluginDependencies),
    ui,
    server,
    owner,
    ...(manifest.extraPublicDirs === undefined
      ? {}
      : { extraPublicDirs: manifest.extraPublicDirs as string[] }),
    ...(manifest.description === undefined ? {} : { description: manifest.description as string }),
    ...(manifest.enabledOnAnonymousPages === undefined
      ? {}
      : { enabledOnAnonymousPages: manifest.enabledOnAnonymousPages as boolean }),
  };
};

/** Reads and parses `<pluginDir>/kibana.json` as Kibana's discovery does, for a Kibana of `kibanaVersion`. */
export const parseManifest = (pluginDir: string, kibanaVersion: string): PluginManifest => {
  const manifestPath = path.resolve(pluginDir, MANIFEST_FILE_NAME);
  let content: string;
  try {
    content = fs.readFileSync(manifestPath, 'utf8');
  } catch (error) {
    throw new PluginDiscoveryError(
      PluginDiscoveryErrorType.MissingManifest,
      manifestPath,
      error as Error
    );
  }
  return parseManifestContent(content, manifestPath, kibanaVersion);
};
