/**
 * An esbuild plugin that resolves some imports to other modules, as webpack's `resolve.alias`
 * does in Kibana's shared-deps build: exact specifiers (`moment` → the build with locales) and, for
 * a line played with stand-ins, whole packages (`react` and `react/...` → `react-17` …), for every
 * importer, node_modules included, so one copy of each library is bundled.
 */
import type { Plugin } from 'esbuild';

export interface ModuleRedirects {
  /** Specifier → replacement, matched on the whole specifier (webpack's `alias: { 'x$': … }`). */
  readonly exact?: Readonly<Record<string, string>>;
  /** Package → package standing in for it, for the package and its subpaths. */
  readonly packages?: Readonly<Record<string, string>>;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const packageOf = (specifier: string): string => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
};

/** The specifier an import is redirected to (itself when neither table names it). */
export const redirectSpecifier = (specifier: string, redirects: ModuleRedirects): string => {
  const exact = redirects.exact?.[specifier] ?? specifier;
  const name = packageOf(exact);
  const standIn = redirects.packages?.[name];
  return standIn === undefined ? exact : `${standIn}${exact.slice(name.length)}`;
};

const REDIRECTED = 'kibana-harness-redirected';

export const moduleRedirectsPlugin = (redirects: ModuleRedirects): Plugin => ({
  name: 'kibana-harness-module-redirects',
  setup(build) {
    const exact = Object.keys(redirects.exact ?? {}).map(
      (specifier) => `${escapeRegExp(specifier)}$`
    );
    const packages = Object.keys(redirects.packages ?? {}).map(
      (name) => `${escapeRegExp(name)}(/.*)?$`
    );
    const alternatives = [...exact, ...packages];
    if (alternatives.length === 0) return;
    build.onResolve({ filter: new RegExp(`^(${alternatives.join('|')})`) }, async (args) => {
      if ((args.pluginData as Record<string, unknown> | undefined)?.[REDIRECTED] === true)
        return undefined;
      const target = redirectSpecifier(args.path, redirects);
      if (target === args.path) return undefined;
      const resolved = await build.resolve(target, {
        importer: args.importer,
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: { [REDIRECTED]: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return {
        path: resolved.path,
        namespace: resolved.namespace,
        external: resolved.external,
        sideEffects: resolved.sideEffects,
      };
    });
  },
});
