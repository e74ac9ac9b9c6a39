/**
 * Used only by the Kibana build (scripts/build_kibana_bundle.js), which turns each dynamic
 * `import()` of the plugin's own code into `loadLazyModule(<module key>)`.
 *
 * It loads the plugin's lazy chunk the way @kbn/optimizer's output does: a classic <script> whose
 * URL is the plugin's public path, `__kbnPublicPath__[<plugin id>]` (set by Kibana's bootstrap
 * script: src/core/packages/rendering/server-internal/src/bootstrap/render_template.ts), plus the
 * chunk's file name; webpack's jsonp chunk loading works the same way
 * (packages/kbn-optimizer/src/worker/webpack.config.ts, `chunkLoading: 'jsonp'`). A classic script,
 * unlike a module `import()`, needs no CORS headers when Kibana serves bundles from a CDN.
 * The chunk, once run, pushes `[chunkFile, modulesByKey]` onto the registry global.
 */

export interface LazyChunk {
  /** The plugin id: the key of its entry in `__kbnPublicPath__`. */
  readonly pluginId: string;
  /** The chunk's file name, relative to the plugin's public path. */
  readonly chunkFile: string;
  /** The global array the chunk registers its modules on. */
  readonly registryGlobal: string;
}

type ModulesByKey = Readonly<Record<string, unknown>>;

/** The globals Kibana's bootstrap script and the chunk define. */
type KibanaGlobals = Record<string, unknown> & {
  readonly __kbnPublicPath__?: Readonly<Record<string, unknown>>;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The modules the chunk registered, if it has run. */
const registeredModules = (
  globals: KibanaGlobals,
  { chunkFile, registryGlobal }: LazyChunk
): ModulesByKey | undefined => {
  const registry = globals[registryGlobal];
  if (!Array.isArray(registry)) return undefined;
  for (const entry of registry) {
    if (Array.isArray(entry) && entry[0] === chunkFile && isRecord(entry[1])) return entry[1];
  }
  return undefined;
};

const chunkUrl = (globals: KibanaGlobals, { pluginId, chunkFile }: LazyChunk): string => {
  const publicPath = globals.__kbnPublicPath__?.[pluginId];
  if (typeof publicPath !== 'string')
    throw new Error(`__kbnPublicPath__ has no public path for plugin "${pluginId}"`);
  return `${publicPath}${chunkFile}`;
};

const loadChunk = (chunk: LazyChunk): Promise<ModulesByKey> => {
  const globals = globalThis as unknown as KibanaGlobals;
  const loaded = registeredModules(globals, chunk);
  if (loaded) return Promise.resolve(loaded);
  return new Promise((resolve, reject) => {
    const url = chunkUrl(globals, chunk);
    const script = document.createElement('script');
    const settle = (error?: Error) => {
      script.onload = null;
      script.onerror = null;
      script.remove();
      const modules = registeredModules(globals, chunk);
      if (error) reject(error);
      else if (modules) resolve(modules);
      else
        reject(
          new Error(`Loading chunk ${chunk.chunkFile} failed: it registered no modules (${url})`)
        );
    };
    script.onload = () => settle();
    script.onerror = () => settle(new Error(`Loading chunk ${chunk.chunkFile} failed (${url})`));
    script.src = url;
    document.head.appendChild(script);
  });
};

/**
 * `loadLazyModule(key)` resolves to the namespace of one module of the chunk, as `import()` would.
 * The chunk is requested once; after a failed load the next call tries again.
 */
export const createLazyModuleLoader = (chunk: LazyChunk): ((key: string) => Promise<unknown>) => {
  let loading: Promise<ModulesByKey> | undefined;
  return async (key) => {
    loading ??= loadChunk(chunk).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    const modules = await loading;
    if (!Object.prototype.hasOwnProperty.call(modules, key))
      throw new Error(`Chunk ${chunk.chunkFile} has no module "${key}"`);
    return modules[key];
  };
};
