#!/usr/bin/env node
/**
 * `node scripts/build_kibana_bundle.js [--kibana-version 9.2.4] [--outdir target/public] [--dev]`:
 * builds the plugin's browser code (public/index.ts) with esbuild into the files Kibana's
 * optimizer would write, so Kibana loads it without a Kibana checkout:
 *
 * - `<id>.plugin.js`, a classic script (Kibana adds it with a plain <script> tag) that calls
 *   `__kbnBundles__.define('plugin/<id>/public', require, 'public/index')`; Kibana's core later
 *   calls `__kbnBundles__.get(...)`, which evaluates public/index.ts and returns its exports, whose
 *   `plugin` is the initializer. Kibana: packages/kbn-optimizer/src/worker/webpack.config.ts
 *   (file names), packages/kbn-optimizer/src/worker/entry_point_creator.ts (the define call),
 *   src/core/packages/plugins/browser-internal/src/plugin_reader.ts (the `plugin` export).
 * - `<id>.chunk.0.js`: everything the entry's code imports with `import()` (the app, loaded on
 *   first mount), also a classic script. Each such `import('./x')` in our own sources is compiled
 *   to a call of public/kibana_bundle/lazy_chunk_loader.ts, which adds the chunk's <script> from
 *   `__kbnPublicPath__[<id>]`, as webpack's jsonp chunk loading does. Dynamic imports inside the
 *   chunk are bundled into it (one chunk: the app loads at once on first mount).
 * - source maps (`.js.map`) and `.LEGAL.txt` with the bundled packages' license comments.
 *
 * Libraries Kibana shares are never bundled: every import of a specifier in that Kibana line's
 * shared-deps table (scripts/kibana_shared_deps.js) becomes `module.exports = __kbnSharedDeps__.<Name>`,
 * matched on the whole specifier as webpack's externals are. Everything else is bundled, except:
 * JSX compiles against public/kibana_bundle/react_jsx_runtime.ts (the shared React's createElement,
 * so one bundle runs on React 17 and 18) instead of React's own runtime; `react-dom/client`
 * (React 18 only, not shared) is a build error; so is a runtime import of any other `@kbn/*`
 * package, which cannot be resolved outside a checkout (the optimizer would turn a plugin's
 * `@kbn/<other>-plugin/public` import into `__kbnBundles__.get`).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const ts = require('typescript');
const { sharedDepsFor } = require('./kibana_shared_deps');

const ROOT = path.join(__dirname, '..');
const PUBLIC_ENTRY = path.join(ROOT, 'public', 'index.ts');
/** The module key `get` passes back to our require function (webpack passes a module id). */
const PUBLIC_ENTRY_KEY = 'public/index';
const LAZY_LOADER = path.join(ROOT, 'public', 'kibana_bundle', 'lazy_chunk_loader.ts');
/** Imported first by a part of the bundle that contains zod: keeps zod from probing `new Function` under Kibana's CSP. */
const ZOD_PRELUDE = path.join(ROOT, 'public', 'kibana_bundle', 'zod_without_eval.ts');
const ZOD_INPUT = /(^|\/)node_modules\/zod\//;
/** Stands in for React's JSX runtimes, which Kibana does not share: elements come from the shared React. */
const JSX_RUNTIME_SHIM = path.join(ROOT, 'public', 'kibana_bundle', 'react_jsx_runtime.ts');
const JSX_RUNTIMES = /^react\/jsx(-dev)?-runtime$/;
/**
 * Not shared by Kibana, and React 18 only (createRoot); Kibana 8.19 runs React 17, and Kibana's own
 * code mounts with ReactDOM.render (Kibana: src/platform/packages/shared/react/kibana_mount/to_mount_point.tsx).
 */
const REFUSED_SPECIFIERS = {
  'react-dom/client':
    'mount with render/unmountComponentAtNode from react-dom (shared) instead: Kibana 8.19 runs React 17, which has no createRoot',
};
const DEFAULT_OUTDIR = path.join(ROOT, 'target', 'public');
const DEFAULT_KIBANA_VERSION = '9.2.4';
/** Kibana 8.x/9.x support only evergreen browsers; ES2020 keeps optional chaining etc. as written. */
const BROWSER_TARGET = ['es2020'];
const LAZY_CHUNK_INDEX = 0;

const VIRTUAL_NAMESPACE = 'kbn-bundle';
const SHARED_DEPS_NAMESPACE = 'kbn-shared-deps';
const ENTRY_SPECIFIER = `${VIRTUAL_NAMESPACE}:entry`;
const CHUNK_SPECIFIER = `${VIRTUAL_NAMESPACE}:chunk`;
const LOADER_SPECIFIER = `${VIRTUAL_NAMESPACE}:lazy-loader`;
/** The name dynamic imports are rewritten to call; unlikely to clash with anything in our sources. */
const LOADER_BINDING = '__kbnLoadLazyModule__';
const SHARED_DEPS_EXPRESSION = /^__kbnSharedDeps__(\.[A-Za-z_$][\w$]*)+$/;
const OWN_SOURCE = /\.[cm]?[jt]sx?$/;

// Kibana: packages/kbn-optimizer/src/worker/webpack.config.ts (output.filename, chunkFilename, chunkLoadingGlobal)
const bundleFileName = (pluginId) => `${pluginId}.plugin.js`;
const chunkFileName = (pluginId, index) => `${pluginId}.chunk.${index}.js`;
const registryGlobalName = (pluginId) => `${pluginId}_bundle_jsonpfunction`;
// Kibana: packages/kbn-optimizer/src/worker/entry_point_creator.ts; src/core/packages/plugins/browser-internal/src/plugin_reader.ts
const bundleKey = (pluginId) => `plugin/${pluginId}/public`;

const readJsonc = (file) => JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, ''));
const pluginIdFromManifest = () => readJsonc(path.join(ROOT, 'kibana.jsonc')).plugin.id;

const toPosix = (file) => file.split(path.sep).join('/');
const isOwnSource = (file) =>
  file.startsWith(ROOT + path.sep) && !file.split(path.sep).includes('node_modules');
/** `public/application/render_app` for /…/public/application/render_app.tsx: the key a lazy module is registered under. */
const moduleKeyOf = (file) => toPosix(path.relative(ROOT, file)).replace(/\.[^./]+$/, '');
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const loaderFor = (file) =>
  path
    .extname(file)
    .replace(/^\.[cm]?/, '')
    .replace(/^\./, '');

/** Shared libraries become `module.exports = __kbnSharedDeps__.<Name>`; `used` collects the specifiers seen. */
const sharedDepsPlugin = (externals, used) => ({
  name: 'kibana-shared-deps',
  setup(build) {
    const specifiers = Object.keys(externals);
    for (const expression of Object.values(externals)) {
      if (!SHARED_DEPS_EXPRESSION.test(expression))
        throw new Error(`not a __kbnSharedDeps__ member: ${expression}`);
    }
    const filter = new RegExp(`^(${specifiers.map(escapeRegExp).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: SHARED_DEPS_NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: SHARED_DEPS_NAMESPACE }, (args) => {
      used.set(args.path, externals[args.path]);
      return { contents: `module.exports = ${externals[args.path]};`, loader: 'js' };
    });
  },
});

/** JSX compiles to calls of the shared React's createElement (see react_jsx_runtime.ts). */
const jsxRuntimePlugin = () => ({
  name: 'kibana-jsx-runtime',
  setup(build) {
    build.onResolve({ filter: JSX_RUNTIMES }, () => ({ path: JSX_RUNTIME_SHIM }));
  },
});

/** Imports the bundle must not contain, each with what to do instead. */
const refusedImportsPlugin = () => ({
  name: 'kibana-refused-imports',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(REFUSED_SPECIFIERS).map(escapeRegExp).join('|')})$`);
    build.onResolve({ filter }, (args) => ({
      errors: [
        {
          text: `${args.path} is imported by ${toPosix(path.relative(ROOT, args.importer))}, but the Kibana bundle must not contain it: ${REFUSED_SPECIFIERS[args.path]}`,
        },
      ],
    }));
  },
});

/** Any other `@kbn/*` import that survives type erasure cannot be resolved outside Kibana. */
const kibanaPackagesPlugin = () => ({
  name: 'kibana-packages',
  setup(build) {
    build.onResolve({ filter: /^@kbn\// }, (args) => ({
      errors: [
        {
          text: `${args.path} is imported at runtime by ${toPosix(path.relative(ROOT, args.importer))}, but Kibana does not share it through __kbnSharedDeps__ and it cannot be bundled outside a Kibana checkout; import only types from it`,
        },
      ],
    }));
  },
});

/** `import('<literal>')` calls in a TypeScript/JavaScript source, with their text ranges. */
const SCRIPT_KINDS = {
  '.tsx': ts.ScriptKind.TSX,
  '.jsx': ts.ScriptKind.JSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
};
const findImportCalls = (file, source) => {
  const kind = SCRIPT_KINDS[path.extname(file)] ?? ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const calls = [];
  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length > 0 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      calls.push({
        start: node.getStart(sourceFile),
        end: node.getEnd(),
        specifier: node.arguments[0].text,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return calls;
};

/**
 * In the entry's own sources, `import('./x')` becomes `loadLazyModule('<key of x>')`; `lazyModules`
 * collects each target (absolute path → key) for the chunk build. Imports of packages stay as they are.
 */
const lazyImportsPlugin = ({ pluginId, lazyModules }) => ({
  name: 'kibana-lazy-imports',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^${escapeRegExp(LOADER_SPECIFIER)}$`) }, () => ({
      path: 'lazy-loader',
      namespace: VIRTUAL_NAMESPACE,
    }));
    build.onLoad({ filter: /^lazy-loader$/, namespace: VIRTUAL_NAMESPACE }, () => ({
      contents:
        `import { createLazyModuleLoader } from ${JSON.stringify(LAZY_LOADER)};\n` +
        `export const loadLazyModule = createLazyModuleLoader(${JSON.stringify({
          pluginId,
          chunkFile: chunkFileName(pluginId, LAZY_CHUNK_INDEX),
          registryGlobal: registryGlobalName(pluginId),
        })});\n`,
      loader: 'js',
      resolveDir: ROOT,
    }));
    build.onLoad({ filter: OWN_SOURCE, namespace: 'file' }, async (args) => {
      if (!isOwnSource(args.path) || args.path === LAZY_LOADER) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      const calls = findImportCalls(args.path, source);
      if (calls.length === 0) return undefined;
      let contents = source;
      let rewritten = 0;
      for (const call of [...calls].reverse()) {
        const resolved = await build.resolve(call.specifier, {
          resolveDir: path.dirname(args.path),
          importer: args.path,
          kind: 'dynamic-import',
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (resolved.external || resolved.namespace !== 'file' || !isOwnSource(resolved.path))
          continue;
        const key = moduleKeyOf(resolved.path);
        lazyModules.set(resolved.path, key);
        contents = `${contents.slice(0, call.start)}${LOADER_BINDING}(${JSON.stringify(key)})${contents.slice(call.end)}`;
        rewritten += 1;
      }
      if (rewritten === 0) return undefined;
      // Same first line, so the source map's line numbers stay right.
      contents = `import { loadLazyModule as ${LOADER_BINDING} } from ${JSON.stringify(LOADER_SPECIFIER)}; ${contents}`;
      return { contents, loader: loaderFor(args.path), resolveDir: path.dirname(args.path) };
    });
  },
});

/** A virtual module with the given source, imported as `kbn-bundle:<name>`. */
const virtualModulePlugin = (specifier, contents) => ({
  name: `virtual-${specifier}`,
  setup(build) {
    const name = specifier.slice(VIRTUAL_NAMESPACE.length + 1);
    build.onResolve({ filter: new RegExp(`^${escapeRegExp(specifier)}$`) }, () => ({
      path: name,
      namespace: VIRTUAL_NAMESPACE,
    }));
    build.onLoad(
      { filter: new RegExp(`^${escapeRegExp(name)}$`), namespace: VIRTUAL_NAMESPACE },
      () => ({ contents, loader: 'js', resolveDir: ROOT })
    );
  },
});

const preludeImport = (withZodPrelude) =>
  withZodPrelude ? `import ${JSON.stringify(ZOD_PRELUDE)};\n` : '';

/**
 * The entry: defines the bundle key with a require function that evaluates public/index.ts on the
 * first `get`, as the optimizer's entry does with `__webpack_require__` and a module id.
 */
const entrySource = (pluginId, publicEntry, withZodPrelude) => `${preludeImport(withZodPrelude)}
const modules = { ${JSON.stringify(PUBLIC_ENTRY_KEY)}: () => require(${JSON.stringify(publicEntry)}) };
__kbnBundles__.define(${JSON.stringify(bundleKey(pluginId))}, (moduleKey) => {
  if (!Object.prototype.hasOwnProperty.call(modules, moduleKey)) throw new Error('Cannot find module "' + moduleKey + '" in ${bundleFileName(pluginId)}');
  return modules[moduleKey]();
}, ${JSON.stringify(PUBLIC_ENTRY_KEY)});
`;

/** The chunk: registers the namespace of every lazily imported module under its key. */
const chunkSource = (pluginId, lazyModules, withZodPrelude) => {
  const targets = [...lazyModules.entries()].sort(([, a], [, b]) => a.localeCompare(b));
  const imports = targets.map(
    ([file], index) => `import * as module${index} from ${JSON.stringify(file)};`
  );
  const entries = targets.map(([, key], index) => `${JSON.stringify(key)}: module${index}`);
  const registry = JSON.stringify(registryGlobalName(pluginId));
  return `${preludeImport(withZodPrelude)}${imports.join('\n')}
const registry = (globalThis[${registry}] = globalThis[${registry}] || []);
registry.push([${JSON.stringify(chunkFileName(pluginId, LAZY_CHUNK_INDEX))}, { ${entries.join(', ')} }]);
`;
};

const commonOptions = (dev) => ({
  absWorkingDir: ROOT,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: BROWSER_TARGET,
  minify: !dev,
  sourcemap: true,
  jsx: 'automatic',
  // Kibana: packages/kbn-optimizer/src/worker/webpack.config.ts (dist: webpack `mode: 'production'`)
  define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  legalComments: 'linked',
  metafile: true,
  logLevel: 'silent',
});

/** Our previous output in `outdir` (every file we write starts with `<id>.`); anything else is left alone. */
const removePreviousOutput = (outdir, pluginId) => {
  if (!fs.existsSync(outdir)) return;
  for (const name of fs.readdirSync(outdir))
    if (name.startsWith(`${pluginId}.`)) fs.rmSync(path.join(outdir, name), { force: true });
};

const formatErrors = (error) =>
  (error.errors ?? []).map((entry) => entry.text).join('; ') || error.message;

const usesZod = (metafile) => Object.keys(metafile.inputs).some((input) => ZOD_INPUT.test(input));

/** Builds one part; again with the zod prelude first when the part turns out to contain zod. */
const buildPart = async (build, sourceFor) => {
  const first = await build(sourceFor(false));
  return usesZod(first.metafile) ? build(sourceFor(true)) : first;
};

/** Our own and third-party modules bundled into both the entry and the chunk (so shipped twice). */
const modulesInBoth = (entryMetafile, chunkMetafile) => {
  const ownHelpers = new Set(
    [ZOD_PRELUDE, JSX_RUNTIME_SHIM].map((file) => toPosix(path.relative(ROOT, file)))
  );
  const real = (input) => !input.includes(':') && !ownHelpers.has(input);
  const entryInputs = new Set(Object.keys(entryMetafile.inputs).filter(real));
  return Object.keys(chunkMetafile.inputs)
    .filter((input) => real(input) && entryInputs.has(input))
    .sort();
};

/**
 * Builds the bundle for one Kibana version into `outdir` (`publicEntry`, public/index.ts by default,
 * is replaceable for tests). Returns the file names written, the
 * shared-deps line used, the lazy modules, the shared libraries read from the global
 * (specifier → expression) and both esbuild metafiles (inputs are paths relative to the repo).
 */
const buildKibanaBundle = async ({
  kibanaVersion = DEFAULT_KIBANA_VERSION,
  outdir = DEFAULT_OUTDIR,
  pluginId = pluginIdFromManifest(),
  publicEntry = PUBLIC_ENTRY,
  dev = false,
} = {}) => {
  const { line, definitions, externals } = sharedDepsFor(kibanaVersion);
  removePreviousOutput(outdir, pluginId);
  fs.mkdirSync(outdir, { recursive: true });
  const sharedDepsUsed = new Map();
  const lazyModules = new Map();
  // Order matters: the first plugin whose filter matches resolves the import.
  const sharedPlugins = () => [
    refusedImportsPlugin(),
    jsxRuntimePlugin(),
    sharedDepsPlugin(externals, sharedDepsUsed),
    kibanaPackagesPlugin(),
  ];
  const run = (options) =>
    esbuild.build({ ...commonOptions(dev), ...options }).catch((error) => {
      throw new Error(`esbuild failed: ${formatErrors(error)}`);
    });

  const entry = await buildPart(
    (entryCode) =>
      run({
        entryPoints: [ENTRY_SPECIFIER],
        outfile: path.join(outdir, bundleFileName(pluginId)),
        plugins: [
          virtualModulePlugin(ENTRY_SPECIFIER, entryCode),
          ...sharedPlugins(),
          lazyImportsPlugin({ pluginId, lazyModules }),
        ],
      }),
    (withZodPrelude) => entrySource(pluginId, publicEntry, withZodPrelude)
  );
  const entryInputs = new Set(Object.keys(entry.metafile.inputs));
  const alsoStatic = [...lazyModules.keys()].filter((file) =>
    entryInputs.has(toPosix(path.relative(ROOT, file)))
  );
  if (alsoStatic.length > 0) {
    throw new Error(
      `imported both statically and with import() by the plugin's entry, so it would be loaded twice: ${alsoStatic.map((file) => toPosix(path.relative(ROOT, file))).join(', ')}`
    );
  }

  const chunk =
    lazyModules.size === 0
      ? undefined
      : await buildPart(
          (chunkCode) =>
            run({
              entryPoints: [CHUNK_SPECIFIER],
              outfile: path.join(outdir, chunkFileName(pluginId, LAZY_CHUNK_INDEX)),
              plugins: [virtualModulePlugin(CHUNK_SPECIFIER, chunkCode), ...sharedPlugins()],
            }),
          (withZodPrelude) => chunkSource(pluginId, lazyModules, withZodPrelude)
        );

  return {
    outdir,
    kibanaLine: line,
    sharedDepsDefinitions: definitions,
    entryFile: bundleFileName(pluginId),
    chunkFiles: chunk ? [chunkFileName(pluginId, LAZY_CHUNK_INDEX)] : [],
    files: fs
      .readdirSync(outdir)
      .filter((name) => name.startsWith(`${pluginId}.`))
      .sort(),
    bundleKey: bundleKey(pluginId),
    registryGlobal: registryGlobalName(pluginId),
    lazyModules: [...lazyModules.values()].sort(),
    duplicatedModules: chunk ? modulesInBoth(entry.metafile, chunk.metafile) : [],
    sharedDepsUsed: Object.fromEntries(
      [...sharedDepsUsed.entries()].sort(([a], [b]) => a.localeCompare(b))
    ),
    metafiles: { entry: entry.metafile, ...(chunk ? { chunk: chunk.metafile } : {}) },
  };
};

module.exports = {
  buildKibanaBundle,
  bundleFileName,
  chunkFileName,
  bundleKey,
  registryGlobalName,
  DEFAULT_KIBANA_VERSION,
};

if (require.main === module) {
  const argValue = (name, fallback) => {
    const index = process.argv.indexOf(name);
    return index === -1 ? fallback : process.argv[index + 1];
  };
  buildKibanaBundle({
    kibanaVersion: argValue('--kibana-version', DEFAULT_KIBANA_VERSION),
    outdir: path.resolve(argValue('--outdir', DEFAULT_OUTDIR)),
    dev: process.argv.includes('--dev'),
  })
    .then(({ outdir, files, kibanaLine, sharedDepsUsed, duplicatedModules }) => {
      const sizes = files
        .filter((name) => name.endsWith('.js'))
        .map(
          (name) => `${name} ${(fs.statSync(path.join(outdir, name)).size / 1024).toFixed(1)} kB`
        );
      console.log(
        `built the Kibana ${kibanaLine}.x browser bundle in ${path.relative(process.cwd(), outdir) || '.'}: ${sizes.join(', ')}; from __kbnSharedDeps__: ${Object.keys(sharedDepsUsed).join(', ')}`
      );
      if (duplicatedModules.length > 0)
        console.warn(
          `note: ${duplicatedModules.length} modules are in both the entry and the chunk: ${duplicatedModules.join(', ')}`
        );
    })
    .catch((error) => {
      console.error(`build_kibana_bundle failed: ${error.message}`);
      process.exit(1);
    });
}
