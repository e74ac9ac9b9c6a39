/**
 * Builds the harness's own browser scripts with esbuild, as classic scripts like Kibana's:
 * - `bootstrap.js`: Kibana's bootstrap (browser/bootstrap.ts);
 * - `core.entry.js`: the core double (browser/core_entry.tsx), which — like any Kibana bundle —
 *   reads every shared library (react, react-dom, EUI, rxjs, history …) from `__kbnSharedDeps__`
 *   instead of bundling it: an import whose whole specifier is in the line's externals table
 *   becomes `module.exports = __kbnSharedDeps__.<Name>` (Kibana:
 *   packages/kbn-optimizer/src/worker/webpack.config.ts, `externals`).
 * A shared library the core double imports that the harness's shared-deps script leaves out is a
 * build error (the page would read `undefined`).
 */
import path from 'path';
import * as esbuild from 'esbuild';
import type { Plugin } from 'esbuild';
import { BOOTSTRAP_GLOBAL } from './browser/page_contract';
import { REPO_ROOT, type KibanaLine } from './kibana_lines';
import type { SharedGlobal } from './shared_deps_bundle';

interface SharedDepsTable {
  readonly externals: Readonly<Record<string, string>>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const { sharedDepsFor } = require(path.join(REPO_ROOT, 'scripts', 'kibana_shared_deps.js')) as {
  sharedDepsFor: (kibanaVersion: string) => SharedDepsTable;
};

const BROWSER_DIR = path.join(__dirname, 'browser');
export const BOOTSTRAP_ENTRY = path.join(BROWSER_DIR, 'bootstrap.ts');
export const CORE_ENTRY = path.join(BROWSER_DIR, 'core_entry.tsx');
/** React's JSX runtimes are not shared; JSX builds elements with the shared React (as the plugin's bundle does). */
const JSX_RUNTIME_SHIM = path.join(REPO_ROOT, 'public', 'kibana_bundle', 'react_jsx_runtime.ts');
const SHARED_DEPS_NAMESPACE = 'kbn-shared-deps';
/** The libraries only the core double needs, at the versions Kibana 9.2's shared-deps bundle holds (its version_dependencies.txt). */
const KIBANA_SHIPPED_VERSIONS = 'history@4.9.0, rxjs@7.8.2';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Shared libraries become reads of `__kbnSharedDeps__`; `used` collects the globals read. */
const sharedDepsPlugin = (
  externals: Readonly<Record<string, string>>,
  used: Set<string>
): Plugin => ({
  name: 'kibana-harness-shared-deps',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(externals).map(escapeRegExp).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: SHARED_DEPS_NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: SHARED_DEPS_NAMESPACE }, (args) => {
      const expression = externals[args.path] ?? '';
      used.add(expression);
      return { contents: `module.exports = ${expression};`, loader: 'js' };
    });
  },
});

const jsxRuntimePlugin = (): Plugin => ({
  name: 'kibana-harness-jsx-runtime',
  setup(build) {
    build.onResolve({ filter: /^react\/jsx(-dev)?-runtime$/ }, () => ({ path: JSX_RUNTIME_SHIM }));
  },
});

export interface BrowserBundles {
  readonly bootstrapFile: string;
  readonly coreFile: string;
  /** `__kbnSharedDeps__.<Name>` expressions the core double reads. */
  readonly sharedDepsRead: readonly string[];
}

const buildScript = async (
  entry: string,
  outfile: string,
  plugins: Plugin[],
  globalName?: string
): Promise<void> => {
  await esbuild.build({
    entryPoints: [entry],
    ...(globalName === undefined ? {} : { globalName }),
    outfile,
    absWorkingDir: REPO_ROOT,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    sourcemap: true,
    plugins,
    logLevel: 'silent',
  });
};

/** Builds bootstrap.js and core.entry.js for a line into `outdir`; `shared` is what its shared-deps script defines. */
export const buildBrowserBundles = async (
  line: KibanaLine,
  outdir: string,
  shared: readonly SharedGlobal[]
): Promise<BrowserBundles> => {
  const { externals } = sharedDepsFor(line.kibanaVersion);
  const used = new Set<string>();
  const bootstrapFile = path.join(outdir, 'bootstrap.js');
  const coreFile = path.join(outdir, 'core.entry.js');
  await buildScript(
    BOOTSTRAP_ENTRY,
    bootstrapFile,
    [sharedDepsPlugin(externals, used)],
    BOOTSTRAP_GLOBAL
  );
  await buildScript(CORE_ENTRY, coreFile, [jsxRuntimePlugin(), sharedDepsPlugin(externals, used)]);
  const defined = new Set(shared.map((global) => `__kbnSharedDeps__.${global.name}`));
  const missing = [...used].filter((expression) => !defined.has(expression));
  if (missing.length > 0) {
    throw new Error(
      `the core double reads ${missing.join(', ')}, which the Kibana ${line.line} shared-deps script built here leaves out: install the package ` +
        `(the versions Kibana 9.2 ships: ${KIBANA_SHIPPED_VERSIONS})`
    );
  }
  return { bootstrapFile, coreFile, sharedDepsRead: [...used].sort() };
};
