#!/usr/bin/env node
/**
 * `node scripts/build_ui.js [--outdir dist/public] [--dev]`: bundles the standalone UI
 * (public/standalone/main.tsx) with esbuild into `<outdir>/app.js` (ES module, minified, with
 * source maps) and copies public/standalone/index.html next to it.
 *
 * `splitting` (ES modules only) turns every dynamic `import()` into a chunk under
 * `<outdir>/chunks/`, loaded on first use: the pages other than Rules (app.tsx loads them
 * lazily) and each EUI icon (EUI imports every icon dynamically). So all of it is bundled, and the
 * first load stays small. The standalone server serves index.html for /app* and these files
 * under /app/ (index.html loads /app/app.js; chunks resolve relative to it).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');

const argValue = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};

/**
 * EUI (104–106, the versions Kibana 8.19/9.2 ship) loads each icon with
 * `import('./assets/' + typeToPathMap[iconType])`, a webpack require-context that relies on webpack
 * adding the `.js` extension. esbuild turns the same expression into a glob over `./assets/*` keyed
 * by full file name and adds no extension, so every icon would fail at run time with "Module not
 * found in bundle". This plugin appends the extension in EUI's icon module; newer EUI (thunks per
 * icon) has no such expression and is left as it is. Exported for other esbuild builds that bundle EUI.
 */
// Matched by path under the package (not by package name) so npm aliases such as `eui-104` match too.
const EUI_ICON_MODULE = /[\\/](?:optimize[\\/])?es[\\/]components[\\/]icon[\\/]icon\.js$/;
const EUI_ICON_IMPORT = "'./assets/' + typeToPathMap[iconType])";
const euiIconImportPlugin = {
  name: 'eui-icon-import-extension',
  setup(build) {
    build.onLoad({ filter: EUI_ICON_MODULE }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes(EUI_ICON_IMPORT)) {
        if (source.includes('import( /* webpackChunkName'))
          throw new Error(
            `EUI's icon loader changed shape; update euiIconImportPlugin (${args.path})`
          );
        return undefined;
      }
      return {
        contents: source.replace(EUI_ICON_IMPORT, "'./assets/' + typeToPathMap[iconType] + '.js')"),
        loader: 'js',
      };
    });
  },
};

const formatBytes = (bytes) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MB`
    : `${(bytes / 1024).toFixed(1)} kB`;

const buildUi = async ({ outdir = path.join(ROOT, 'dist', 'public'), dev = false } = {}) => {
  // Only what this script writes is removed: dist/public may also hold tsc output.
  fs.rmSync(path.join(outdir, 'chunks'), { recursive: true, force: true });
  for (const file of [
    'app.js',
    'app.js.map',
    'app.js.LEGAL.txt',
    'app.css',
    'app.css.map',
    'index.html',
  ])
    fs.rmSync(path.join(outdir, file), { force: true });

  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { app: 'public/standalone/main.tsx' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020'],
    chunkNames: 'chunks/[name]-[hash]',
    minify: !dev,
    sourcemap: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
    // EUI and its dependencies ship no fonts or images today; listed so one added later bundles.
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    assetNames: 'assets/[name]-[hash]',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [euiIconImportPlugin],
  });
  fs.copyFileSync(
    path.join(ROOT, 'public', 'standalone', 'index.html'),
    path.join(outdir, 'index.html')
  );

  const { outputs } = result.metafile;
  const jsFiles = Object.keys(outputs).filter((file) => file.endsWith('.js'));
  const entryFile = jsFiles.find(
    (file) => path.resolve(ROOT, file) === path.join(outdir, 'app.js')
  );
  // What the browser loads before the first page renders: the entry and its static imports.
  const initial = new Set();
  const visit = (file) => {
    if (initial.has(file) || outputs[file] === undefined) return;
    initial.add(file);
    for (const imported of outputs[file].imports)
      if (imported.kind === 'import-statement') visit(imported.path);
  };
  if (entryFile) visit(entryFile);
  const sizeOf = (files) => [...files].reduce((sum, file) => sum + outputs[file].bytes, 0);
  const gzipOf = (files) =>
    [...files].reduce(
      (sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.resolve(ROOT, file))).length,
      0
    );
  return {
    outdir,
    initialBytes: sizeOf(initial),
    initialGzipBytes: gzipOf(initial),
    totalBytes: sizeOf(jsFiles),
    chunks: jsFiles.length - 1,
  };
};

module.exports = { buildUi, euiIconImportPlugin };

if (require.main === module) {
  buildUi({
    outdir: path.resolve(argValue('--outdir', path.join(ROOT, 'dist', 'public'))),
    dev: process.argv.includes('--dev'),
  })
    .then(({ outdir, initialBytes, initialGzipBytes, totalBytes, chunks }) => {
      console.log(
        `built ${path.relative(process.cwd(), path.join(outdir, 'app.js'))}: first load ${formatBytes(initialBytes)} ` +
          `(${formatBytes(initialGzipBytes)} gzipped); ${chunks} chunks; ${formatBytes(totalBytes)} JavaScript in all`
      );
    })
    .catch((error) => {
      console.error(`build:ui failed: ${error.message}`);
      process.exit(1);
    });
}
