/**
 * `npm run build:kibana` produces what Kibana accepts: the archive goes through the test host's
 * `kibana-plugin install` double into a fake Kibana home, its kibana.json through the discovery
 * parser double, and the installed server entry is loaded from there the way Kibana loads it —
 * with the Elasticsearch client and `@kbn/config-schema` coming from the Kibana home's
 * node_modules, as in a distribution — its `config` export handled by the config double and its
 * feature registered through the features registry double.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import ts from 'typescript';
import {
  installPlugin,
  PluginInstallError,
  type InstalledPlugin,
} from '../kibana_host/plugin_installer';
import {
  parseManifest,
  PluginDiscoveryError,
  type PluginManifest,
} from '../kibana_host/manifest_parser';
import { loadPluginConfig } from '../kibana_host/config_service';
import { FeatureRegistry } from '../kibana_host/feature_registry';

interface BuildResult {
  readonly zipPath: string;
  readonly entries: readonly string[];
  readonly bundledPackages: readonly string[];
}
interface BuildModule {
  build: (options: { kibanaVersion: string; outDir: string }) => Promise<BuildResult>;
}
interface ServerEntry {
  plugin: (context: unknown) => Promise<{
    setup: (core: unknown, plugins: unknown) => unknown;
    start: (core: unknown, plugins: unknown) => unknown;
  }>;
  config?: unknown;
}

const ROOT = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const { build } = require(path.join(ROOT, 'scripts', 'build_kibana_plugin.js')) as BuildModule;

const PLUGIN_ID = 'containerThreatDetection';
const KIBANA_VERSION = '9.2.0';
const CONFIG_SCHEMA_DOUBLE = path.join(
  ROOT,
  'test',
  'kibana_host',
  'kbn_packages',
  'config_schema.ts'
);

/** Puts a package into the fake Kibana home's node_modules, as a distribution ships it. */
const provideKibanaPackage = (
  kibanaRoot: string,
  name: string,
  files: Record<string, string>
): void => {
  const dir = path.join(kibanaRoot, 'node_modules', ...name.split('/'));
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
};

/** The config-schema double as a CommonJS package (Kibana's real one is not on npm). */
const configSchemaPackage = (): Record<string, string> => ({
  'package.json': JSON.stringify({
    name: '@kbn/config-schema',
    version: KIBANA_VERSION,
    main: 'index.js',
  }),
  'index.js': ts.transpileModule(fs.readFileSync(CONFIG_SCHEMA_DOUBLE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText,
});

/** Runs plain Node (not jest) in the Kibana home: real module resolution, no jest module mapping. */
const loadWithNode = (kibanaRoot: string, pluginDir: string): Record<string, unknown> => {
  const script = `
    const serverDir = ${JSON.stringify(path.join(pluginDir, 'server'))};
    const entry = require(serverDir);
    let unknownKey;
    try { entry.config.schema.validate({ foo: 1 }, {}, 'config validation of [container_threat_detection]'); } catch (e) { unknownKey = e.message; }
    console.log(JSON.stringify({
      configSchemaFrom: require.resolve('@kbn/config-schema', { paths: [serverDir] }),
      isConfigSchema: require('@kbn/config-schema').isConfigSchema(entry.config.schema),
      defaults: entry.config.schema.validate(undefined),
      unknownKey,
      exports: Object.keys(entry).sort(),
    }));`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: kibanaRoot, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`node failed to load the installed plugin:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
};

describe('the installable Kibana archive', () => {
  let work: string;
  let result: BuildResult;
  let kibanaRoot: string;
  let installed: InstalledPlugin;
  let manifest: PluginManifest;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-kibana-archive-'));
    result = await build({ kibanaVersion: KIBANA_VERSION, outDir: path.join(work, 'build') });
    kibanaRoot = path.join(work, 'kibana');
    installed = await installPlugin({
      zipPath: result.zipPath,
      kibanaRoot,
      kibanaVersion: KIBANA_VERSION,
    });
    fs.mkdirSync(path.join(kibanaRoot, 'node_modules', '@elastic'), { recursive: true });
    fs.symlinkSync(
      path.join(ROOT, 'node_modules', '@elastic', 'elasticsearch'),
      path.join(kibanaRoot, 'node_modules', '@elastic', 'elasticsearch')
    );
    provideKibanaPackage(kibanaRoot, '@kbn/config-schema', configSchemaPackage());
    manifest = parseManifest(installed.pluginDir, KIBANA_VERSION);
  }, 180_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('is one zip named <id>-<kibanaVersion>.zip with everything under kibana/<id>/', () => {
    expect(path.basename(result.zipPath)).toBe(`${PLUGIN_ID}-${KIBANA_VERSION}.zip`);
    expect(result.entries.every((entry) => entry.startsWith(`kibana/${PLUGIN_ID}/`))).toBe(true);
  });

  it('installs with kibana-plugin install into plugins/<id>', () => {
    expect(installed.id).toBe(PLUGIN_ID);
    expect(installed.pluginDir).toBe(path.join(kibanaRoot, 'plugins', PLUGIN_ID));
    expect(fs.existsSync(path.join(installed.pluginDir, 'server', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(installed.pluginDir, 'server', 'plugin.js'))).toBe(true);
  });

  it('is refused by the installer of another Kibana version, and a second time by the same one', async () => {
    const otherRoot = path.join(work, 'kibana-9.1');
    await expect(
      installPlugin({ zipPath: result.zipPath, kibanaRoot: otherRoot, kibanaVersion: '9.1.0' })
    ).rejects.toThrow(
      new PluginInstallError(
        `Plugin installation was unsuccessful due to error "Plugin ${PLUGIN_ID} [${KIBANA_VERSION}] is incompatible with Kibana [9.1.0]"`
      )
    );
    await expect(
      installPlugin({ zipPath: result.zipPath, kibanaRoot, kibanaVersion: KIBANA_VERSION })
    ).rejects.toThrow(
      `Plugin ${PLUGIN_ID} already exists, please remove before installing a new version`
    );
  });

  it('carries a kibana.json Kibana’s discovery accepts, matching kibana.jsonc and package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(manifest).toMatchObject({
      id: PLUGIN_ID,
      version: pkg.version,
      kibanaVersion: KIBANA_VERSION,
      owner: { name: 'container-threat-detection/detection-engineering' },
      server: true,
      configPath: ['container_threat_detection'],
      requiredPlugins: ['alerting', 'features'],
    });
    expect(manifest.optionalPlugins).toEqual(expect.arrayContaining(['security', 'spaces']));
    expect(() => parseManifest(installed.pluginDir, '9.1.0')).toThrow(PluginDiscoveryError);
  });

  it('bundles its runtime packages but neither DuckDB, a second Elasticsearch client, nor any @kbn package', () => {
    expect(result.bundledPackages).toEqual(
      expect.arrayContaining(['zod', 'object-hash', '@elastic/ecs'])
    );
    expect(result.bundledPackages).not.toContain('@elastic/elasticsearch');
    expect(result.bundledPackages.filter((name) => name.startsWith('@kbn/'))).toEqual([]);
    expect(
      result.entries.some(
        (entry) => entry.includes('duckdb') || entry.includes('/node_modules/@kbn/')
      )
    ).toBe(false);
    const ownCode = result.entries.filter((entry) => !entry.includes('/node_modules/'));
    expect(
      ownCode.filter(
        (entry) => entry.includes('.test.') || entry.includes('/test/') || entry.includes('/cli/')
      )
    ).toEqual([]);
  });

  it('loads under plain Node with @kbn/config-schema resolved from the Kibana home', () => {
    const loaded = loadWithNode(kibanaRoot, installed.pluginDir);
    expect(loaded).toEqual({
      configSchemaFrom: path.join(
        fs.realpathSync(kibanaRoot),
        'node_modules',
        '@kbn',
        'config-schema',
        'index.js'
      ),
      isConfigSchema: true,
      defaults: { enabled: true },
      unknownKey:
        '[config validation of [container_threat_detection].foo]: definition for this key is missing',
      exports: ['config', 'plugin'],
    });
  });

  it('passes Kibana’s config handling, then registers its rule type, feature and routes in setup', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built archive's server entry, loaded from where it was installed as Kibana loads it
    const entry = require(path.join(installed.pluginDir, 'server', 'index.js')) as ServerEntry;
    const config = loadPluginConfig(entry, manifest, {
      'container_threat_detection.enabled': true,
    });
    expect(config.enabled).toBe(true);
    const silent = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
      trace: () => undefined,
      fatal: () => undefined,
    };
    const instance = await entry.plugin({
      logger: { get: () => ({ ...silent, get: () => silent }) },
      config: config.initializerConfig,
    });
    const registered: string[] = [];
    const features = new FeatureRegistry();
    // Kibana's IRouter registers by method: get, post, put, patch, delete
    // (src/core/packages/http/server/src/router/router.ts).
    const route = () => registered.push('route');
    const router = { get: route, post: route, put: route, patch: route, delete: route };
    instance.setup(
      { http: { createRouter: () => router }, getStartServices: async () => [] },
      {
        alerting: { registerType: (type: { id: string }) => registered.push(`type:${type.id}`) },
        features: {
          registerKibanaFeature: (feature: unknown) => features.registerKibanaFeature(feature),
        },
      }
    );
    features.lockRegistration();
    expect(features.getAllKibanaFeatures().map((feature) => feature.id)).toEqual([PLUGIN_ID]);
    expect(registered).toEqual(
      expect.arrayContaining(['type:containerThreatDetection.newTerms', 'route'])
    );
  });
});
