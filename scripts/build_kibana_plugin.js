#!/usr/bin/env node
/**
 * `npm run build:kibana [-- --kibana-version 9.2.0] [--out build]`: the archive Kibana's plugin
 * installer accepts, `<out>/containerThreatDetection-<kibanaVersion>.zip` holding
 * `kibana/containerThreatDetection/` with kibana.json (written from kibana.jsonc), the compiled
 * server code and exactly the runtime packages it requires, and `target/public/` with the browser
 * bundle in the format Kibana's optimizer writes, built here with esbuild for the shared libraries
 * of that Kibana line (scripts/build_kibana_bundle.js; an unsupported version fails).
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const yazl = require('yazl');
const { buildKibanaBundle } = require('./build_kibana_bundle');

const ROOT = path.join(__dirname, '..');
const DEFAULT_KIBANA_VERSION = '9.2.0';
/** Packages the server may load at runtime; anything else required is a build error. */
const RUNTIME_PACKAGES = new Set([
  'zod',
  'object-hash',
  '@elastic/ecs',
  '@elastic/datemath',
  'moment',
  '@elastic/elasticsearch',
]);
/** Provided by Kibana itself: never bundled (a second copy of the client would not share its connection pool). */
const PROVIDED_BY_KIBANA = new Set(['@elastic/elasticsearch']);
/**
 * `@kbn/*` packages (e.g. `@kbn/config-schema`) ship in every Kibana distribution's node_modules and
 * are not on npm: allowed, never bundled (a second copy would fail Kibana's own type checks).
 */
const isProvidedByKibana = (name) => PROVIDED_BY_KIBANA.has(name) || name.startsWith('@kbn/');
/** The kibanaVersion of the checked-in kibana.json: any Kibana (plugin_helpers stamps the real one into a build). */
const ANY_KIBANA_VERSION = 'kibana';
const REPO_KIBANA_JSON = path.join(ROOT, 'kibana.json');
const NODE_BUILTINS = new Set(require('module').builtinModules);

const argValue = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};

const readJsonc = (file) => JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, ''));

const packageNameOf = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};

/** Compiles the plugin's server entry and everything it imports into `outDir`. */
const compile = (outDir) => {
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('typescript/bin/tsc'),
      '-p',
      path.join(ROOT, 'tsconfig.kibana.json'),
      '--outDir',
      outDir,
    ],
    { stdio: 'inherit' }
  );
  if (result.status !== 0) throw new Error('tsc failed for the Kibana server build');
};

/** Local modules reachable from the entry, and the packages they require. */
const requireGraph = (compiledRoot, entry) => {
  const files = new Set();
  const packages = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/require\(['"]([^'"]+)['"]\)/g)) {
      const specifier = match[1];
      if (specifier.startsWith('.')) {
        const resolved = path.resolve(path.dirname(file), specifier);
        visit(fs.existsSync(`${resolved}.js`) ? `${resolved}.js` : path.join(resolved, 'index.js'));
      } else if (!NODE_BUILTINS.has(specifier.replace(/^node:/, ''))) {
        packages.add(packageNameOf(specifier));
      }
    }
  };
  visit(path.join(compiledRoot, entry));
  return { files, packages };
};

/** A package and its own runtime dependencies, recursively, as installed in node_modules. */
const packageClosure = (names) => {
  const closure = new Map();
  const add = (name) => {
    if (closure.has(name)) return;
    const dir = path.join(ROOT, 'node_modules', name);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    closure.set(name, { dir, version: manifest.version });
    for (const dependency of Object.keys(manifest.dependencies ?? {})) add(dependency);
  };
  for (const name of names) add(name);
  return closure;
};

const listFiles = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });

const writeZip = (entries, zipPath) =>
  new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    for (const { name, file, text } of entries) {
      if (text !== undefined) zip.addBuffer(Buffer.from(text), name);
      else zip.addFile(file, name);
    }
    zip.outputStream.pipe(fs.createWriteStream(zipPath)).on('close', resolve).on('error', reject);
    zip.end();
  });

/**
 * kibana.json from kibana.jsonc: only keys Kibana's manifest parser knows (it refuses any other),
 * owner.name required, configPath kept (a string array is a valid config path).
 */
const kibanaJson = (manifest, version, kibanaVersion, hasBrowserBundle) => ({
  id: manifest.plugin.id,
  version,
  kibanaVersion,
  owner: { name: manifest.owner.replace(/^@/, '') },
  description: manifest.description,
  server: manifest.plugin.server,
  ui: hasBrowserBundle,
  configPath: manifest.plugin.configPath,
  requiredPlugins: manifest.plugin.requiredPlugins,
  optionalPlugins: manifest.plugin.optionalPlugins,
});

const readKibanaJsonc = () => readJsonc(path.join(ROOT, 'kibana.jsonc'));
const readPackageVersion = () =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

/**
 * The checked-in kibana.json at the repository root, for `@kbn/plugin-helpers` inside a Kibana
 * checkout (it reads kibana.json, not kibana.jsonc): any Kibana version, and a browser plugin when
 * kibana.jsonc says so (there Kibana's optimizer builds the bundle).
 */
const repoKibanaJson = () => {
  const manifest = readKibanaJsonc();
  return kibanaJson(manifest, readPackageVersion(), ANY_KIBANA_VERSION, manifest.plugin.browser);
};
const formatJson = (value) => `${JSON.stringify(value, null, 2)}\n`;

const build = async ({ kibanaVersion, outDir }) => {
  const manifest = readKibanaJsonc();
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const pluginId = manifest.plugin.id;
  const compiled = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-kibana-build-'));
  try {
    // First: it fails fast on a Kibana version it has no shared-deps table for.
    const browserBundleDir = path.join(compiled, 'target', 'public');
    const hasBrowserBundle = manifest.plugin.browser === true;
    if (hasBrowserBundle)
      await buildKibanaBundle({ kibanaVersion, outdir: browserBundleDir, pluginId });
    compile(compiled);
    const { files, packages } = requireGraph(compiled, path.join('server', 'index.js'));
    const unexpected = [...packages].filter(
      (name) => !RUNTIME_PACKAGES.has(name) && !isProvidedByKibana(name)
    );
    if (unexpected.length > 0)
      throw new Error(
        `the Kibana server code requires packages outside the allowed runtime set: ${unexpected.join(', ')}`
      );
    const bundled = packageClosure([...packages].filter((name) => !isProvidedByKibana(name)));
    const base = `kibana/${pluginId}`;
    const entries = [
      {
        name: `${base}/kibana.json`,
        text: `${JSON.stringify(kibanaJson(manifest, pkg.version, kibanaVersion, hasBrowserBundle), null, 2)}\n`,
      },
      {
        name: `${base}/package.json`,
        text: `${JSON.stringify({ name: pluginId, version: pkg.version, private: true, license: pkg.license, dependencies: Object.fromEntries([...bundled].map(([name, { version }]) => [name, version])) }, null, 2)}\n`,
      },
      ...[...files].map((file) => ({
        name: `${base}/${path.relative(compiled, file).split(path.sep).join('/')}`,
        file,
      })),
      ...[...bundled.values()].flatMap(({ dir }) =>
        listFiles(dir).map((file) => ({
          name: `${base}/node_modules/${path.relative(path.join(ROOT, 'node_modules'), file).split(path.sep).join('/')}`,
          file,
        }))
      ),
      ...(hasBrowserBundle
        ? listFiles(browserBundleDir).map((file) => ({
            name: `${base}/target/public/${path.relative(browserBundleDir, file).split(path.sep).join('/')}`,
            file,
          }))
        : []),
    ];
    fs.mkdirSync(outDir, { recursive: true });
    const zipPath = path.join(outDir, `${pluginId}-${kibanaVersion}.zip`);
    await writeZip(entries, zipPath);
    return {
      zipPath,
      entries: entries.map((entry) => entry.name),
      bundledPackages: [...bundled.keys()],
    };
  } finally {
    fs.rmSync(compiled, { recursive: true, force: true });
  }
};

module.exports = {
  build,
  kibanaJson,
  repoKibanaJson,
  formatJson,
  DEFAULT_KIBANA_VERSION,
  REPO_KIBANA_JSON,
};

if (require.main === module && process.argv.includes('--write-kibana-json')) {
  // `node scripts/build_kibana_plugin.js --write-kibana-json`: regenerate the checked-in kibana.json.
  fs.writeFileSync(REPO_KIBANA_JSON, formatJson(repoKibanaJson()));
  console.log(`wrote ${path.relative(process.cwd(), REPO_KIBANA_JSON)}`);
} else if (require.main === module) {
  build({
    kibanaVersion: argValue('--kibana-version', DEFAULT_KIBANA_VERSION),
    outDir: path.resolve(argValue('--out', path.join(ROOT, 'build'))),
  })
    .then(({ zipPath, entries, bundledPackages }) => {
      console.log(
        `wrote ${path.relative(process.cwd(), zipPath)} (${entries.length} files; bundled packages: ${bundledPackages.join(', ')})`
      );
    })
    .catch((error) => {
      console.error(`build:kibana failed: ${error.message}`);
      process.exit(1);
    });
}
