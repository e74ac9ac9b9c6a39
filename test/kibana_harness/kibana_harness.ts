/**
 * One Kibana page as the harness serves it, for one Kibana line: the plugin archive built for that
 * release and installed as `bin/kibana-plugin install` would (test/kibana_host/plugin_installer.ts),
 * the line's shared-deps script, bootstrap and core double, and the server dispatching the page's
 * API requests to the strict test host (the plugin's routes plus the alerting API the rule form
 * uses).
 */
import fs from 'fs';
import path from 'path';
import type { KibanaTestHost } from '../kibana_host/kibana_test_host';
import { ADMIN } from '../kibana_host/kibana_test_host';
import { RecordingRouter } from '../kibana_host/fake_http';
import { installPlugin } from '../kibana_host/plugin_installer';
import { registerAlertingRoutes } from './alerting_routes';
import { buildBrowserBundles, type BrowserBundles } from './browser_bundles';
import { startHarnessServer, type HarnessServer, type InstalledUiPlugin } from './harness_server';
import { REPO_ROOT, type KibanaLine } from './kibana_lines';
import { buildSharedDepsBundle, type SharedDepsBundle } from './shared_deps_bundle';

interface PluginArchiveBuilder {
  build: (options: { kibanaVersion: string; outDir: string }) => Promise<{ zipPath: string }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const { build: buildPluginArchive } = require(
  path.join(REPO_ROOT, 'scripts', 'build_kibana_plugin.js')
) as PluginArchiveBuilder;

/** The server base path the harness's Kibana runs under (`server.basePath`). */
export const HARNESS_BASE_PATH = '/ctd-kbn';

export interface KibanaHarness {
  readonly line: KibanaLine;
  readonly server: HarnessServer;
  readonly plugin: InstalledUiPlugin;
  readonly sharedDeps: SharedDepsBundle;
  readonly browserBundles: BrowserBundles;
  readonly zipPath: string;
  /** What the routes' handlers threw (Kibana logs them and answers 500). */
  readonly handlerErrors: unknown[];
  close(): Promise<void>;
}

interface InstalledManifest {
  readonly id: string;
  readonly version: string;
  readonly ui?: boolean;
  readonly requiredPlugins?: string[];
  readonly optionalPlugins?: string[];
}

/** The installed plugin as Kibana's plugins service sees a UI plugin (`publicTargetDir` = <plugin>/target/public). */
const installedUiPlugin = (pluginDir: string): InstalledUiPlugin => {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(pluginDir, 'kibana.json'), 'utf8')
  ) as InstalledManifest;
  if (manifest.ui !== true)
    throw new Error(`${manifest.id} is installed without a UI (kibana.json ui is not true)`);
  return {
    id: manifest.id,
    version: manifest.version,
    requiredPlugins: manifest.requiredPlugins ?? [],
    optionalPlugins: manifest.optionalPlugins ?? [],
    publicDir: path.join(pluginDir, 'target', 'public'),
  };
};

export interface KibanaHarnessOptions {
  readonly line: KibanaLine;
  readonly host: KibanaTestHost;
  /** A fresh folder for the archive, the Kibana home and the built scripts. */
  readonly workDir: string;
}

export const startKibanaHarness = async ({
  line,
  host,
  workDir,
}: KibanaHarnessOptions): Promise<KibanaHarness> => {
  const assetsDir = path.join(workDir, 'assets');
  fs.mkdirSync(assetsDir, { recursive: true });
  const sharedDeps = await buildSharedDepsBundle(
    line,
    path.join(assetsDir, 'kbn-ui-shared-deps.js')
  );
  const browserBundles = await buildBrowserBundles(line, assetsDir, sharedDeps.included);
  const { zipPath } = await buildPluginArchive({
    kibanaVersion: line.kibanaVersion,
    outDir: path.join(workDir, 'build'),
  });
  const kibanaRoot = path.join(workDir, 'kibana');
  fs.mkdirSync(kibanaRoot, { recursive: true });
  const installed = await installPlugin({ zipPath, kibanaRoot, kibanaVersion: line.kibanaVersion });
  const plugin = installedUiPlugin(installed.pluginDir);

  const alertingRouter = new RecordingRouter();
  registerAlertingRoutes(alertingRouter, host.alerting);
  const handlerErrors: unknown[] = [];
  const server = await startHarnessServer({
    line,
    basePath: HARNESS_BASE_PATH,
    assets: {
      sharedDepsFile: sharedDeps.file,
      bootstrapFile: browserBundles.bootstrapFile,
      coreFile: browserBundles.coreFile,
    },
    plugins: [plugin],
    api: {
      routes: () => [...host.router.routes, ...alertingRouter.routes],
      clients: { asCurrentUser: host.client, asInternalUser: host.client },
      user: ADMIN,
      onHandlerError: (error) => handlerErrors.push(error),
    },
  });
  return {
    line,
    server,
    plugin,
    sharedDeps,
    browserBundles,
    zipPath,
    handlerErrors,
    close: () => server.close(),
  };
};
