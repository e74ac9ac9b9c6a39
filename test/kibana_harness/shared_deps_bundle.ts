/**
 * Kibana's shared-deps script for one Kibana line, built from the libraries installed here: a
 * classic script defining `window.__kbnSharedDeps__` with the global names of that line's externals
 * table (scripts/kibana_shared_deps.js), which is what a plugin bundle reads instead of bundling
 * its own React, EUI …
 *
 * Kibana builds it in two parts: the npm DLL (`__kbnSharedDeps_npm__`) and
 * `kbn-ui-shared-deps-src.js`, whose entry assigns the globals (Kibana:
 * src/platform/packages/private/kbn-ui-shared-deps-src/src/entry.js @ ba562bc3 and
 * src/platform/packages/private/kbn-ui-shared-deps-npm/webpack.config.js @ 30eb36b4). The harness
 * builds one script with the same globals. Entries whose package is Kibana-internal (`@kbn/*`) or
 * not installed here are left out (and reported), so a plugin reading one would find `undefined`.
 */
import fs from 'fs';
import path from 'path';
import * as esbuild from 'esbuild';
import type { Plugin } from 'esbuild';
import { REPO_ROOT, type KibanaLine } from './kibana_lines';
import { moduleRedirectsPlugin, redirectSpecifier, type ModuleRedirects } from './module_redirects';

interface SharedDepsTable {
  readonly externals: Readonly<Record<string, string>>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const { sharedDepsFor } = require(path.join(REPO_ROOT, 'scripts', 'kibana_shared_deps.js')) as {
  sharedDepsFor: (kibanaVersion: string) => SharedDepsTable;
};

export const SHARED_DEPS_GLOBAL = '__kbnSharedDeps__';
const GLOBAL_PREFIX = `${SHARED_DEPS_GLOBAL}.`;

/**
 * What Kibana's entry.js and DLL build read for a global, where it is not the specifier itself
 * (entry.js @ ba562bc3; DLL aliases `'@elastic/eui$' → '@elastic/eui/optimize/es'` and
 * `moment → moment/min/moment-with-locales.js`, webpack.config.js @ 30eb36b4).
 */
const ENTRY_SOURCES: Readonly<Record<string, string>> = {
  MomentTimezone: 'moment-timezone/moment-timezone',
  ElasticEuiLibComponentsUseIsNestedEuiProvider:
    '@elastic/eui/optimize/es/components/provider/nested',
  ElasticEuiLibServicesThemeWarning: '@elastic/eui/optimize/es/services/theme/warning',
  HelloPangeaDnd: '@hello-pangea/dnd/dist/dnd',
  // `numeral` and `@elastic/numeral` are both Kibana's fork, @elastic/numeral.
  ElasticNumeral: '@elastic/numeral',
};

/** The DLL's exact aliases (webpack.config.js @ 30eb36b4 `resolve.alias`). */
const DLL_EXACT_ALIASES: Readonly<Record<string, string>> = {
  '@elastic/eui': '@elastic/eui/optimize/es',
  moment: 'moment/min/moment-with-locales.js',
};

/** entry.js loads the packed zone data into moment-timezone right after requiring it. */
const MOMENT_TIMEZONE_DATA = 'moment-timezone/data/packed/latest.json';

export type LeftOutReason = 'Kibana-internal (@kbn/*)' | 'not installed';

export interface SharedGlobal {
  readonly name: string;
  /** The externals-table specifiers that read this global. */
  readonly specifiers: readonly string[];
  /** The module the global is built from (before the line's stand-in aliases). */
  readonly source: string;
}

export interface LeftOutGlobal extends SharedGlobal {
  readonly reason: LeftOutReason;
}

export interface SharedDepsPlan {
  readonly included: readonly SharedGlobal[];
  readonly leftOut: readonly LeftOutGlobal[];
}

export interface SharedDepsBundle extends SharedDepsPlan {
  readonly file: string;
}

const packageOf = (specifier: string): string => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
};

const isInstalled = (packageName: string): boolean =>
  fs.existsSync(path.join(REPO_ROOT, 'node_modules', packageName, 'package.json'));

/** The line's externals grouped by global name, in table order. */
const globalsOf = (kibanaVersion: string): SharedGlobal[] => {
  const byName = new Map<string, string[]>();
  for (const [specifier, expression] of Object.entries(sharedDepsFor(kibanaVersion).externals)) {
    if (!expression.startsWith(GLOBAL_PREFIX))
      throw new Error(`not a ${SHARED_DEPS_GLOBAL} member: ${expression}`);
    const name = expression.slice(GLOBAL_PREFIX.length);
    byName.set(name, [...(byName.get(name) ?? []), specifier]);
  }
  return [...byName.entries()].map(([name, specifiers]) => ({
    name,
    specifiers,
    source: ENTRY_SOURCES[name] ?? specifiers[0] ?? name,
  }));
};

/**
 * EuiIcon loads each icon with `import('./assets/' + typeToPathMap[iconType])`, which webpack turns
 * into a context of lazy chunks (Kibana's DLL serves them as `kbn-ui-shared-deps-npm.chunk.<n>.js`).
 * esbuild bundles such a concatenation only when it names the file's extension, so the harness
 * adds `.js` (every icon module then ships inside the one shared-deps script).
 */
const EUI_ICON_MODULE = /[\\/]optimize[\\/]es[\\/]components[\\/]icon[\\/]icon\.js$/;
const EUI_ICON_IMPORT = "'./assets/' + typeToPathMap[iconType])";
const euiIconAssetsPlugin = (): Plugin => ({
  name: 'kibana-harness-eui-icon-assets',
  setup(build) {
    build.onLoad({ filter: EUI_ICON_MODULE }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes(EUI_ICON_IMPORT))
        throw new Error(`EUI's icon loader changed (${args.path}): no ${EUI_ICON_IMPORT}`);
      return {
        contents: source.replace(EUI_ICON_IMPORT, "'./assets/' + typeToPathMap[iconType] + '.js')"),
        loader: 'js',
      };
    });
  },
});

const redirectsFor = (line: KibanaLine): ModuleRedirects => ({
  exact: DLL_EXACT_ALIASES,
  packages: line.packageAliases,
});

/** Which globals of the line's table the harness can build here, and which it leaves out (and why). */
export const planSharedDeps = (line: KibanaLine): SharedDepsPlan => {
  const redirects = redirectsFor(line);
  const included: SharedGlobal[] = [];
  const leftOut: LeftOutGlobal[] = [];
  for (const global of globalsOf(line.kibanaVersion)) {
    if (global.specifiers.some((specifier) => specifier.startsWith('@kbn/')))
      leftOut.push({ ...global, reason: 'Kibana-internal (@kbn/*)' });
    else if (!isInstalled(packageOf(redirectSpecifier(global.source, redirects))))
      leftOut.push({ ...global, reason: 'not installed' });
    else included.push(global);
  }
  return { included, leftOut };
};

const entrySource = (included: readonly SharedGlobal[]): string => {
  const lines = included.map(
    ({ name, source }) => `exports.${name} = require(${JSON.stringify(source)});`
  );
  if (included.some(({ name }) => name === 'MomentTimezone')) {
    lines.push(`exports.MomentTimezone.tz.load(require(${JSON.stringify(MOMENT_TIMEZONE_DATA)}));`);
  }
  return lines.join('\n');
};

/** Builds the shared-deps script into `outfile`. */
export const buildSharedDepsBundle = async (
  line: KibanaLine,
  outfile: string
): Promise<SharedDepsBundle> => {
  const plan = planSharedDeps(line);
  await esbuild.build({
    stdin: {
      contents: entrySource(plan.included),
      resolveDir: REPO_ROOT,
      sourcefile: `kbn-ui-shared-deps-${line.line}.js`,
      loader: 'js',
    },
    absWorkingDir: REPO_ROOT,
    bundle: true,
    format: 'iife',
    // A top-level `var` of a classic script: `window.__kbnSharedDeps__`.
    globalName: SHARED_DEPS_GLOBAL,
    platform: 'browser',
    target: ['es2020'],
    outfile,
    define: { 'process.env.NODE_ENV': '"production"' },
    // Kibana's page serves the charts CSS itself (see harness_page.ts); the JS must not pull CSS in.
    loader: { '.css': 'empty' },
    plugins: [moduleRedirectsPlugin(redirectsFor(line)), euiIconAssetsPlugin()],
    logLevel: 'silent',
    legalComments: 'none',
  });
  return { file: outfile, ...plan };
};
