/**
 * `bin/kibana-plugin install` as a strict double: the same steps in the same order, the same
 * checks and messages, into `<kibanaRoot>/plugins/<id>`. Extraction uses the project's own
 * extractor (test/elasticsearch/zip_extract.js) into a staging folder; Kibana reads the zip in
 * place, so when an archive holds several plugins it picks the first in archive order, where this
 * double picks the first in path order (our archives hold one).
 *
 * Kibana: src/cli/plugin/install/{install,pack,zip,kibana,cleanup,settings}.ts and
 * lib/error_if_x_pack.ts (9.x; the 8.x JavaScript versions carry the same checks and messages).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

interface ZipModule {
  extractZip: (zipPath: string, destination: string) => void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const { extractZip } = require(
  path.join(__dirname, '..', 'elasticsearch', 'zip_extract.js')
) as ZipModule;

/** The exit code Kibana's installer ends with on any failure. */
export const INSTALL_FAILURE_EXIT_CODE = 70;

/** Where an interrupted install is assembled (settings.ts: `<plugins>/.plugin.installing`). */
const WORKING_DIR_NAME = '.plugin.installing';
const TEMP_ARCHIVE_NAME = 'archive.part';

/** zip.ts: unanchored, case-insensitive, with an unescaped `.`; group 1 is the prefix to strip. */
const MANIFEST_ENTRY = new RegExp('(kibana[\\\\/][^\\\\/]+)[\\\\/]kibana.json', 'i');

/** pack.ts isCamelCase. */
const CAMEL_CASE = /^[a-z]{1}([a-zA-Z0-9]{1,})$/;

/** utils/version.ts cleanVersion: the first `x.y.z`, else the string itself. */
const X_Y_Z = /\d+\.\d+\.\d+/;

/** What Kibana logs when it refuses an install; `exitCode` is the installer's process exit code. */
export class PluginInstallError extends Error {
  readonly exitCode = INSTALL_FAILURE_EXIT_CODE;
}

export interface InstallOptions {
  /** The plugin archive (Kibana takes a `file://` URL of it). */
  readonly zipPath: string;
  /** A Kibana home: the plugin lands in `<kibanaRoot>/plugins/<id>`. */
  readonly kibanaRoot: string;
  /** The installing Kibana's package.json version, e.g. `9.2.0`. */
  readonly kibanaVersion: string;
}

export interface InstalledPlugin {
  readonly id: string;
  readonly pluginDir: string;
  /** The installer's `logger.log` lines. */
  readonly log: readonly string[];
}

/** One plugin found in the archive (zip.ts analyzeArchive). */
interface PackedPlugin {
  readonly id: unknown;
  readonly stripPrefix: string;
  readonly kibanaVersion: unknown;
}

const listFiles = (dir: string, base = dir): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? listFiles(full, base)
      : [path.relative(base, full).split(path.sep).join('/')];
  });

/** lib/error_if_x_pack.ts (default distribution: X-Pack is built in). */
const errorIfXPackInstall = (plugin: string): void => {
  if (/x-pack/.test(plugin)) {
    throw new Error(
      'Kibana now contains X-Pack by default, there is no longer any need to install it as it is already present.'
    );
  }
};

/** zip.ts analyzeArchive: every `kibana/<dir>/kibana.json`, its id and the Kibana version it targets. */
const analyzeArchive = (stagingDir: string): PackedPlugin[] =>
  listFiles(stagingDir)
    .sort()
    .flatMap((entryName) => {
      const match = MANIFEST_ENTRY.exec(entryName);
      if (match === null) return [];
      const manifest = JSON.parse(
        fs.readFileSync(path.join(stagingDir, entryName), 'utf8')
      ) as Record<string, unknown>;
      // A plugin states the Kibana it targets in kibanaVersion, or else its own version must match Kibana's.
      const kibanaVersion =
        typeof manifest.kibanaVersion === 'string' && manifest.kibanaVersion
          ? manifest.kibanaVersion
          : manifest.version;
      return [{ id: manifest.id, stripPrefix: match[1] ?? '', kibanaVersion }];
    });

/** pack.ts getPackData: at least one plugin, every id camelCase. */
const getPackData = (stagingDir: string): PackedPlugin[] => {
  let plugins: PackedPlugin[];
  try {
    plugins = analyzeArchive(stagingDir);
  } catch {
    throw new Error('Error retrieving metadata from plugin archive');
  }
  if (plugins.length === 0) throw new Error('No kibana plugins found in archive');
  for (const { id } of plugins) {
    // Kibana tests the regex against whatever `id` is, so a missing id reads as "undefined" and passes.
    if (!CAMEL_CASE.test(String(id)))
      throw new Error(
        `Invalid plugin name [${String(id)}] in kibana.json, expected it to be valid camelCase`
      );
  }
  return plugins;
};

/** zip.ts extractArchive: entries starting with the prefix (no trailing slash), prefix cut, into the working dir. */
const extract = (stagingDir: string, stripPrefix: string, workingPath: string): void => {
  try {
    for (const entryName of listFiles(stagingDir)) {
      if (!entryName.startsWith(stripPrefix)) continue;
      const target = path.join(workingPath, entryName.substring(stripPrefix.length));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(stagingDir, entryName), target);
      fs.chmodSync(target, fs.statSync(path.join(stagingDir, entryName)).mode);
    }
  } catch {
    throw new Error('Error extracting plugin archive');
  }
};

/** utils/version.ts cleanVersion (a non-string fails the way `version.match` would). */
const cleanVersion = (version: unknown): string => {
  if (typeof version !== 'string') throw new TypeError('version.match is not a function');
  return X_Y_Z.exec(version)?.[0] ?? version;
};

/** kibana.ts assertVersion: the plugin's x.y.z must equal Kibana's exactly. */
const assertVersion = (plugin: PackedPlugin, kibanaVersion: string): void => {
  if (!plugin.kibanaVersion) {
    throw new Error(
      'Plugin kibana.json is missing both a version property (required) and a kibanaVersion property (optional).'
    );
  }
  const actual = cleanVersion(plugin.kibanaVersion);
  const expected = cleanVersion(kibanaVersion);
  if (actual !== expected)
    throw new Error(
      `Plugin ${String(plugin.id)} [${actual}] is incompatible with Kibana [${expected}]`
    );
};

/** Runs every step up to the existing-install check; returns the plugin to install. */
const unpack = (options: InstallOptions, workingPath: string, log: string[]): PackedPlugin => {
  errorIfXPackInstall(options.zipPath);
  if (fs.existsSync(workingPath)) {
    log.push('Found previous install attempt. Deleting...');
    fs.rmSync(workingPath, { recursive: true, force: true });
  }
  fs.mkdirSync(workingPath, { recursive: true });
  const tempArchiveFile = path.join(workingPath, TEMP_ARCHIVE_NAME);
  fs.copyFileSync(options.zipPath, tempArchiveFile);
  const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kibana-plugin-archive-'));
  try {
    log.push('Retrieving metadata from plugin archive');
    try {
      extractZip(tempArchiveFile, stagingDir);
    } catch {
      throw new Error('Error retrieving metadata from plugin archive');
    }
    const [plugin] = getPackData(stagingDir);
    if (plugin === undefined) throw new Error('No kibana plugins found in archive');
    log.push('Extracting plugin archive');
    extract(stagingDir, plugin.stripPrefix, workingPath);
    log.push('Extraction complete');
    return plugin;
  } finally {
    fs.rmSync(stagingDir, { recursive: true, force: true });
    fs.rmSync(tempArchiveFile, { force: true });
  }
};

/**
 * Installs the archive into `<kibanaRoot>/plugins/<id>` as `bin/kibana-plugin install` would, or
 * throws PluginInstallError with the line Kibana logs.
 */
export const installPlugin = async (options: InstallOptions): Promise<InstalledPlugin> => {
  const pluginsDir = path.join(options.kibanaRoot, 'plugins');
  const workingPath = path.join(pluginsDir, WORKING_DIR_NAME);
  const log: string[] = [];
  let plugin: PackedPlugin;
  try {
    plugin = unpack(options, workingPath, log);
  } catch (error) {
    fs.rmSync(workingPath, { recursive: true, force: true });
    throw new PluginInstallError(
      `Plugin installation was unsuccessful due to error "${(error as Error).message}"`
    );
  }
  const id = String(plugin.id);
  const pluginDir = path.join(pluginsDir, id);
  // kibana.ts existingInstall logs and exits at once: no "unsuccessful" wrapper, working folder left behind.
  if (fs.existsSync(pluginDir))
    throw new PluginInstallError(
      `Plugin ${id} already exists, please remove before installing a new version`
    );
  try {
    assertVersion(plugin, options.kibanaVersion);
    fs.renameSync(workingPath, pluginDir);
  } catch (error) {
    fs.rmSync(workingPath, { recursive: true, force: true });
    throw new PluginInstallError(
      `Plugin installation was unsuccessful due to error "${(error as Error).message}"`
    );
  }
  log.push('Plugin installation complete');
  return { id, pluginDir, log };
};
