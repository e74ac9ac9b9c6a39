/**
 * `npm run build:kibana` produces what Kibana's plugin installer accepts: one zip holding
 * `kibana/containerThreatDetection/` with a kibana.json Kibana's manifest parser would accept,
 * the compiled server entry, and the runtime packages it needs. The extracted plugin is then
 * loaded the way Kibana loads it — from its own folder inside a Kibana tree that provides the
 * Elasticsearch client — and set up with the test host's contracts.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

interface BuildResult {
  readonly zipPath: string;
  readonly entries: readonly string[];
  readonly bundledPackages: readonly string[];
}
interface BuildModule {
  build(options: { kibanaVersion: string; outDir: string }): Promise<BuildResult>;
}
interface ZipModule {
  extractZip(zipPath: string, destination: string): Promise<void> | void;
}

const ROOT = path.resolve(__dirname, '..', '..');
const { build } = require(path.join(ROOT, 'scripts', 'build_kibana_plugin.js')) as BuildModule;
const { extractZip } = require(path.join(ROOT, 'test', 'elasticsearch', 'zip_extract.js')) as ZipModule;

const PLUGIN_ID = 'containerThreatDetection';
const KIBANA_VERSION = '9.2.0';
/** Keys Kibana's kibana.json parser knows; any other key makes it reject the plugin. */
const KNOWN_MANIFEST_KEYS = new Set([
  'id', 'version', 'kibanaVersion', 'owner', 'description', 'server', 'ui', 'requiredPlugins', 'optionalPlugins',
  'requiredBundles', 'configPath', 'type', 'extraPublicDirs', 'enabledOnAnonymousPages', 'serviceFolders',
]);

describe('the installable Kibana archive', () => {
  let work: string;
  let result: BuildResult;
  let pluginDir: string;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-kibana-archive-'));
    result = await build({ kibanaVersion: KIBANA_VERSION, outDir: path.join(work, 'build') });
    // A Kibana tree: the installer extracts the zip's kibana/ folder into plugins/.
    const kibanaRoot = path.join(work, 'kibana');
    await extractZip(result.zipPath, path.join(work, 'extracted'));
    fs.mkdirSync(path.join(kibanaRoot, 'plugins'), { recursive: true });
    fs.renameSync(path.join(work, 'extracted', 'kibana', PLUGIN_ID), path.join(kibanaRoot, 'plugins', PLUGIN_ID));
    fs.mkdirSync(path.join(kibanaRoot, 'node_modules', '@elastic'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules', '@elastic', 'elasticsearch'), path.join(kibanaRoot, 'node_modules', '@elastic', 'elasticsearch'));
    pluginDir = path.join(kibanaRoot, 'plugins', PLUGIN_ID);
  }, 120_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('is one zip named <id>-<kibanaVersion>.zip with everything under kibana/<id>/', () => {
    expect(path.basename(result.zipPath)).toBe(`${PLUGIN_ID}-${KIBANA_VERSION}.zip`);
    expect(result.entries.every((entry) => entry.startsWith(`kibana/${PLUGIN_ID}/`))).toBe(true);
    expect(result.entries).toEqual(expect.arrayContaining([`kibana/${PLUGIN_ID}/kibana.json`, `kibana/${PLUGIN_ID}/server/index.js`, `kibana/${PLUGIN_ID}/server/plugin.js`]));
  });

  it('carries a kibana.json Kibana accepts, matching kibana.jsonc and package.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(pluginDir, 'kibana.json'), 'utf8')) as Record<string, unknown>;
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(Object.keys(manifest).filter((key) => !KNOWN_MANIFEST_KEYS.has(key))).toEqual([]);
    expect(manifest).toMatchObject({
      id: PLUGIN_ID,
      version: pkg.version,
      kibanaVersion: KIBANA_VERSION,
      owner: { name: 'container-threat-detection/detection-engineering' },
      server: true,
      requiredPlugins: ['alerting', 'features'],
      optionalPlugins: ['security', 'spaces'],
    });
    expect(manifest.id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it('bundles its runtime packages but neither DuckDB nor a second Elasticsearch client', () => {
    expect(result.bundledPackages).toEqual(expect.arrayContaining(['zod', 'object-hash', '@elastic/ecs']));
    expect(result.bundledPackages).not.toContain('@elastic/elasticsearch');
    expect(result.entries.some((entry) => entry.includes('duckdb'))).toBe(false);
    const ownCode = result.entries.filter((entry) => !entry.includes('/node_modules/'));
    expect(ownCode.filter((entry) => entry.includes('.test.') || entry.includes('/test/') || entry.includes('/cli/'))).toEqual([]);
  });

  it('loads from the plugins folder and registers its rule type, feature and routes in setup', async () => {
    const entry = require(path.join(pluginDir, 'server', 'index.js')) as { plugin: (context: unknown) => Promise<{ setup: Function; start: Function }> };
    const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, trace: () => undefined, fatal: () => undefined };
    const instance = await entry.plugin({ logger: { get: () => ({ ...silent, get: () => silent }) }, config: { get: () => ({}) } });
    const registered: string[] = [];
    const router = { get: () => registered.push('route'), post: () => registered.push('route') };
    instance.setup(
      { http: { createRouter: () => router }, getStartServices: async () => [] },
      { alerting: { registerType: (type: { id: string }) => registered.push(`type:${type.id}`) }, features: { registerKibanaFeature: (feature: { id: string }) => registered.push(`feature:${feature.id}`) } }
    );
    expect(registered).toEqual(expect.arrayContaining(['type:containerThreatDetection.newTerms', `feature:${PLUGIN_ID}`, 'route']));
  });
});
