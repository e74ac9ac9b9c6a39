/**
 * The browser bundle `npm run build:kibana` ships (scripts/build_kibana_bundle.js), checked
 * without a browser: the files are named as Kibana's optimizer names them, the entry runs as a
 * classic script in a context that has only what Kibana's page provides (`__kbnBundles__`,
 * `__kbnPublicPath__`, `__kbnSharedDeps__`, a document that can add <script> tags) and no code
 * generation from strings (Kibana's CSP has no 'unsafe-eval'), core's plugin reader accepts it,
 * the app's chunk loads from the plugin's public path on first mount, and every shared library is
 * read from `__kbnSharedDeps__`, never bundled.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import vm from 'vm';
import { createKbnBundles, readPlugin, type RecordedKbnBundles } from './kbn_bundles_loader';

interface Metafile {
  readonly inputs: Record<
    string,
    { readonly imports: ReadonlyArray<{ readonly path: string; readonly original?: string }> }
  >;
}
interface BundleResult {
  readonly outdir: string;
  readonly kibanaLine: string;
  readonly entryFile: string;
  readonly chunkFiles: readonly string[];
  readonly files: readonly string[];
  readonly bundleKey: string;
  readonly lazyModules: readonly string[];
  readonly duplicatedModules: readonly string[];
  readonly sharedDepsUsed: Readonly<Record<string, string>>;
  readonly metafiles: { readonly entry: Metafile; readonly chunk?: Metafile };
}
interface BuildOptions {
  kibanaVersion: string;
  outdir: string;
  publicEntry?: string;
}
interface BundleModule {
  buildKibanaBundle: (options: BuildOptions) => Promise<BundleResult>;
}
interface ArchiveModule {
  build(options: {
    kibanaVersion: string;
    outDir: string;
  }): Promise<{ readonly zipPath: string; readonly entries: readonly string[] }>;
}
interface ZipModule {
  extractZip: (zipPath: string, destination: string) => Promise<void> | void;
}
interface SharedDepsModule {
  readonly SUPPORTED_LINES: ReadonlyArray<{
    readonly line: string;
    readonly externals: Readonly<Record<string, string>>;
  }>;
  sharedDepsFor: (version: string) => {
    readonly line: string;
    readonly externals: Readonly<Record<string, string>>;
  };
}

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const { buildKibanaBundle } = require(
  path.join(ROOT, 'scripts', 'build_kibana_bundle.js')
) as BundleModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const { SUPPORTED_LINES, sharedDepsFor } = require(
  path.join(ROOT, 'scripts', 'kibana_shared_deps.js')
) as SharedDepsModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const archive = require(path.join(ROOT, 'scripts', 'build_kibana_plugin.js')) as ArchiveModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const { extractZip } = require(
  path.join(ROOT, 'test', 'elasticsearch', 'zip_extract.js')
) as ZipModule;

const PLUGIN_ID = 'containerThreatDetection';
const KIBANA_VERSION = '9.2.0';
const BUNDLE_KEY = `plugin/${PLUGIN_ID}/public`;
// Kibana: packages/core/rendering/core-rendering-server-internal/src/bootstrap/get_plugin_bundle_paths.ts (`<bundles>/plugin/<id>/<version>/`)
const PUBLIC_PATH = `/kbn/bundles/plugin/${PLUGIN_ID}/0.1.0/`;
const CHUNK_FILE = `${PLUGIN_ID}.chunk.0.js`;
/** The entry runs on every Kibana page load, so it holds only what `setup` needs. */
const ENTRY_BUDGET_BYTES = 32 * 1024;
/**
 * Libraries that must never be bundled, only read from `__kbnSharedDeps__` (react's JSX runtime
 * included: our stand-in calls the shared React; react-dom/client is refused).
 */
const NEVER_BUNDLED = [
  'react',
  'react-dom',
  '@elastic/eui',
  '@elastic/charts',
  '@emotion/react',
  '@emotion/cache',
  'moment',
  'moment-timezone',
  'rxjs',
  'lodash',
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  (typeof value === 'object' || typeof value === 'function') && value !== null;

/**
 * Stand-ins for Kibana's shared libraries: every property, call and `new` gives another stand-in
 * (the same one for the same path), so module code runs; `pathOf` names what a value stands for.
 */
const createSharedDeps = () => {
  const byPath = new Map<string, object>();
  const pathOf = new WeakMap<object, string>();
  const accessedMembers = new Set<string>();
  const standIn = (name: string): object => {
    const existing = byPath.get(name);
    if (existing) return existing;
    // Property lookups that miss on an object created from this prototype (esbuild's interop copy) land here too.
    const prototype = new Proxy(
      {},
      {
        get: (_target, property) =>
          typeof property === 'symbol' ? undefined : standIn(`${name}.${property}`),
      }
    );
    const proxy = new Proxy(function standInFunction() {}, {
      get(target, property) {
        if (property === Symbol.toPrimitive) return () => `[${name}]`;
        if (property === Symbol.iterator) return function* noValues() {};
        if (typeof property === 'symbol' || property === 'then' || property === '__esModule')
          return undefined;
        if (property === 'prototype') return Reflect.get(target, property) as unknown;
        return standIn(`${name}.${property}`);
      },
      getPrototypeOf: () => prototype,
      apply: () => standIn(`${name}()`),
      construct: () => standIn(`new ${name}`),
    });
    byPath.set(name, proxy);
    pathOf.set(proxy, name);
    return proxy;
  };
  const global = new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property === 'symbol') return undefined;
        accessedMembers.add(property);
        return standIn(property);
      },
    }
  );
  return {
    global,
    accessedMembers,
    pathOf: (value: unknown) => (isRecord(value) ? pathOf.get(value) : undefined),
    standIn,
  };
};

interface FakeScript {
  src: string;
  onload: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  remove(): void;
}

/** A page with Kibana's globals, where appended <script> tags run files of `outdir` served at PUBLIC_PATH. */
const createKibanaPage = (outdir: string) => {
  const bundles: RecordedKbnBundles = createKbnBundles();
  const sharedDeps = createSharedDeps();
  const requestedScripts: string[] = [];
  let failingRequests = 0;
  const sandbox: Record<string, unknown> = {};
  // Like Kibana's CSP without 'unsafe-eval': eval and new Function throw.
  const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  const runFile = (file: string): unknown =>
    new vm.Script(fs.readFileSync(path.join(outdir, file), 'utf8'), {
      filename: file,
    }).runInContext(context);
  const document = {
    createElement: (tag: string): FakeScript => {
      if (tag !== 'script') throw new Error(`unexpected element <${tag}>`);
      return { src: '', onload: null, onerror: null, remove() {} };
    },
    head: {
      appendChild(script: FakeScript) {
        requestedScripts.push(script.src);
        setImmediate(() => {
          const file = script.src.startsWith(PUBLIC_PATH)
            ? script.src.slice(PUBLIC_PATH.length)
            : undefined;
          if (failingRequests > 0 || !file || !fs.existsSync(path.join(outdir, file))) {
            failingRequests = Math.max(0, failingRequests - 1);
            script.onerror?.({ type: 'error' });
            return;
          }
          runFile(file);
          script.onload?.({ type: 'load' });
        });
        return script;
      },
    },
  };
  Object.assign(sandbox, {
    window: sandbox,
    self: sandbox,
    document,
    setTimeout,
    clearTimeout,
    __kbnBundles__: bundles,
    __kbnPublicPath__: { [PLUGIN_ID]: PUBLIC_PATH },
    __kbnSharedDeps__: sharedDeps.global,
  });
  return {
    sandbox,
    bundles,
    sharedDeps,
    requestedScripts,
    runFile,
    failNextRequests: (count: number) => (failingRequests = count),
  };
};

interface PluginInstance {
  setup(core: unknown, plugins: unknown): unknown;
  start(core: unknown, plugins: unknown): unknown;
  stop?(): unknown;
}
interface RegisteredApp {
  readonly id: string;
  mount(params: unknown): Promise<unknown>;
}

/** Runs the plugin's setup with a core that records app registrations. */
const setUpPlugin = (instance: PluginInstance) => {
  const apps: RegisteredApp[] = [];
  const coreStart = { http: { fetch: () => Promise.resolve({}) } };
  const coreSetup = {
    application: { register: (app: RegisteredApp) => apps.push(app) },
    getStartServices: () => Promise.resolve([coreStart, {}, {}]),
  };
  instance.setup(coreSetup, {});
  return apps;
};

const mountParams = () => ({
  element: {},
  history: {
    location: { pathname: '/' },
    listen: () => () => undefined,
    push: () => undefined,
    replace: () => undefined,
  },
  appBasePath: `/app/${PLUGIN_ID}`,
  onAppLeave: () => undefined,
  setHeaderActionMenu: () => undefined,
  theme$: { subscribe: () => ({ unsubscribe: () => undefined }) },
});

const errorMessage = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'resolved',
    (error: unknown) =>
      isRecord(error) && typeof error.message === 'string' ? error.message : String(error)
  );

/** Package name of a bundled node_modules input (`node_modules/@elastic/eui/lib/x.js` → `@elastic/eui`). */
const packageOf = (input: string) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];

describe('the Kibana browser bundle', () => {
  let work: string;
  let result: BundleResult;

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-kibana-bundle-'));
    result = await buildKibanaBundle({
      kibanaVersion: KIBANA_VERSION,
      outdir: path.join(work, 'public'),
    });
  }, 120_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('is written as the optimizer names it: <id>.plugin.js and <id>.chunk.<n>.js, with source maps', () => {
    expect(result.entryFile).toBe(`${PLUGIN_ID}.plugin.js`);
    expect(result.chunkFiles).toEqual([CHUNK_FILE]);
    expect(result.files).toEqual(
      expect.arrayContaining([
        `${PLUGIN_ID}.plugin.js`,
        `${PLUGIN_ID}.plugin.js.map`,
        CHUNK_FILE,
        `${CHUNK_FILE}.map`,
      ])
    );
    for (const file of result.files)
      expect(file).toMatch(
        /^containerThreatDetection\.(plugin|chunk\.\d+)\.js(\.map|\.LEGAL\.txt)?$/
      );
    expect(fs.readdirSync(result.outdir).sort()).toEqual([...result.files]);
  });

  it('references exactly the chunk files that exist, by name relative to the public path', () => {
    const entry = fs.readFileSync(path.join(result.outdir, result.entryFile), 'utf8');
    const referenced = [
      ...new Set(
        [...entry.matchAll(/containerThreatDetection\.chunk\.\d+\.js/g)].map((match) => match[0])
      ),
    ];
    expect(referenced).toEqual([CHUNK_FILE]);
    const chunksOnDisk = fs
      .readdirSync(result.outdir)
      .filter((file) => /\.chunk\.\d+\.js$/.test(file));
    expect(chunksOnDisk).toEqual(referenced);
    expect(result.lazyModules).toEqual(
      expect.arrayContaining([
        'public/application/kibana_transport',
        'public/application/render_app',
      ])
    );
  });

  it('keeps the entry to the setup code: the app and its libraries are only in the chunk', () => {
    const entryBytes = fs.statSync(path.join(result.outdir, result.entryFile)).size;
    expect(entryBytes).toBeLessThan(ENTRY_BUDGET_BYTES);
    const entryInputs = Object.keys(result.metafiles.entry.inputs);
    expect(
      entryInputs.filter(
        (input) => input.startsWith('public/application/') || packageOf(input) === 'zod'
      )
    ).toEqual([]);
    // Small stateless modules both parts import (constants) are shipped twice; nothing more.
    expect(
      result.duplicatedModules.filter(
        (input) => input.startsWith('public/application/') || packageOf(input) === 'zod'
      )
    ).toEqual([]);
  });

  it('is a classic script (no import/export statements) with no eval', () => {
    for (const file of [result.entryFile, ...result.chunkFiles]) {
      const code = fs.readFileSync(path.join(result.outdir, file), 'utf8');
      expect(() => new vm.Script(code, { filename: file })).not.toThrow();
      expect(code).not.toMatch(/(^|[^.\w$])eval\(/);
      expect(code).toMatch(
        new RegExp(`//# sourceMappingURL=${file.replace(/\./g, '\\.')}\\.map\\n?$`)
      );
    }
  });

  it('defines plugin/<id>/public with __kbnBundles__, evaluates nothing shared before get, and core reads a plugin initializer', () => {
    const page = createKibanaPage(result.outdir);
    page.runFile(result.entryFile);
    expect(page.bundles.definedKeys).toEqual([BUNDLE_KEY]);
    expect(page.sharedDeps.accessedMembers.size).toBe(0);

    const definition = readPlugin(page.bundles, PLUGIN_ID);
    expect(typeof definition.plugin).toBe('function');
    const initializer = definition.plugin as (context: unknown) => PluginInstance;
    const instance = initializer({ config: { get: () => ({}) } });
    expect(typeof instance.setup).toBe('function');
    expect(typeof instance.start).toBe('function');
    // Loading the same script again is refused by Kibana's loader.
    expect(() => page.runFile(result.entryFile)).toThrow(
      `__kbnBundles__ already has a module defined for "${BUNDLE_KEY}"`
    );
  });

  it('loads the app chunk from __kbnPublicPath__ on first mount, once, reading shared libraries from __kbnSharedDeps__', async () => {
    const page = createKibanaPage(result.outdir);
    page.runFile(result.entryFile);
    const initializer = readPlugin(page.bundles, PLUGIN_ID).plugin as (
      context: unknown
    ) => PluginInstance;
    const apps = setUpPlugin(initializer({}));
    expect(apps.map((app) => app.id)).toEqual([PLUGIN_ID]);
    expect(page.requestedScripts).toEqual([]);
    const [app] = apps;
    if (!app) throw new Error('no app registered');

    const unmount = await app.mount(mountParams());
    expect(typeof unmount).toBe('function');
    expect(page.requestedScripts).toEqual([`${PUBLIC_PATH}${CHUNK_FILE}`]);
    // What rendering needed came from the global, and only members the build resolved there
    // (pages the app loads later read the rest, e.g. ElasticCharts).
    const resolvedMembers = new Set(
      Object.values(result.sharedDepsUsed).map(
        (expression) => expression.replace(/^__kbnSharedDeps__\./, '').split('.')[0]
      )
    );
    expect(
      [...page.sharedDeps.accessedMembers].filter((member) => !resolvedMembers.has(member))
    ).toEqual([]);
    expect([...page.sharedDeps.accessedMembers]).toEqual(
      expect.arrayContaining(['React', 'ReactDom', 'ElasticEui'])
    );
    // zod, bundled with the app, was told not to probe `new Function` (Kibana's CSP would report it).
    expect(page.sandbox.__zod_globalConfig).toEqual(expect.objectContaining({ jitless: true }));

    await app.mount(mountParams());
    expect(page.requestedScripts).toHaveLength(1);
  });

  it('rejects the mount when the chunk fails to load, and loads it on the next mount', async () => {
    const page = createKibanaPage(result.outdir);
    page.runFile(result.entryFile);
    const initializer = readPlugin(page.bundles, PLUGIN_ID).plugin as (
      context: unknown
    ) => PluginInstance;
    const [app] = setUpPlugin(initializer({}));
    if (!app) throw new Error('no app registered');
    page.failNextRequests(1);
    expect(await errorMessage(app.mount(mountParams()))).toBe(
      `Loading chunk ${CHUNK_FILE} failed (${PUBLIC_PATH}${CHUNK_FILE})`
    );
    expect(typeof (await app.mount(mountParams()))).toBe('function');
    expect(page.requestedScripts).toEqual([
      `${PUBLIC_PATH}${CHUNK_FILE}`,
      `${PUBLIC_PATH}${CHUNK_FILE}`,
    ]);
  });

  it('bundles no copy of a library Kibana shares: every such import resolved to __kbnSharedDeps__', () => {
    const { externals } = sharedDepsFor(KIBANA_VERSION);
    const metafiles = [
      result.metafiles.entry,
      ...(result.metafiles.chunk ? [result.metafiles.chunk] : []),
    ];
    const inputs = metafiles.flatMap((metafile) => Object.keys(metafile.inputs));
    const bundledPackages = new Set(
      inputs.map(packageOf).filter((name): name is string => name !== undefined)
    );
    for (const name of NEVER_BUNDLED) expect(bundledPackages).not.toContain(name);
    expect(inputs).toContain('public/kibana_bundle/react_jsx_runtime.ts');

    const sharedImports = metafiles.flatMap((metafile) =>
      Object.values(metafile.inputs).flatMap(({ imports }) =>
        imports.filter((entry) => entry.original !== undefined && entry.original in externals)
      )
    );
    expect(sharedImports.length).toBeGreaterThan(0);
    for (const entry of sharedImports) expect(entry.path).toBe(`kbn-shared-deps:${entry.original}`);
    for (const [specifier, expression] of Object.entries(result.sharedDepsUsed))
      expect(expression).toBe(externals[specifier]);
  });
});

describe('the Kibana browser bundle build', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-kibana-bundle-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('refuses a Kibana version outside the supported lines, naming them', async () => {
    const supported = SUPPORTED_LINES.map(({ line }) => `${line}.x`).join(', ');
    expect(await errorMessage(buildKibanaBundle({ kibanaVersion: '7.17.0', outdir: work }))).toBe(
      `Kibana 7.17.0 is not supported by the browser bundle build; supported Kibana versions: ${supported}`
    );
    expect(await errorMessage(buildKibanaBundle({ kibanaVersion: 'latest', outdir: work }))).toBe(
      `--kibana-version must be a Kibana version such as 9.2.0, got "latest"; supported Kibana versions: ${supported}`
    );
  });

  it.each(SUPPORTED_LINES.map(({ line }) => line))(
    'builds for Kibana %s with that line’s shared-deps table',
    async (line) => {
      const built = await buildKibanaBundle({ kibanaVersion: `${line}.0`, outdir: work });
      const table = SUPPORTED_LINES.find((entry) => entry.line === line);
      expect(built.kibanaLine).toBe(line);
      for (const [specifier, expression] of Object.entries(built.sharedDepsUsed))
        expect(expression).toBe(`__kbnSharedDeps__.${table?.externals[specifier] ?? '?'}`);
    }
  );

  it('turns default, named and namespace imports of shared libraries into reads of __kbnSharedDeps__ members', async () => {
    const built = await buildKibanaBundle({
      kibanaVersion: KIBANA_VERSION,
      outdir: work,
      publicEntry: path.join(FIXTURES, 'shared_deps', 'index.js'),
    });
    const page = createKibanaPage(work);
    page.runFile(built.entryFile);
    const initializer = readPlugin(page.bundles, PLUGIN_ID).plugin as () => Record<string, unknown>;
    const exported = initializer();
    const { pathOf } = page.sharedDeps;
    expect(pathOf(exported.React)).toBe('React');
    expect(pathOf(exported.useState)).toBe('React.useState');
    expect(pathOf(exported.EuiButton)).toBe('ElasticEui.EuiButton');
    expect(pathOf(exported.moment)).toBe('Moment');
    expect(pathOf(exported.render)).toBe('ReactDom.render');
    expect(pathOf((exported.eui as Record<string, unknown>).EuiFlexGroup)).toBe(
      'ElasticEui.EuiFlexGroup'
    );
    // JSX's runtime is ours, over the shared React: Fragment is React's, elements come from its createElement.
    expect(pathOf(exported.Fragment)).toBe('React.Fragment');
    const jsx = exported.jsx as (type: unknown, props: unknown, key?: unknown) => unknown;
    expect(pathOf(jsx('div', { children: 'text' }, 'key'))).toBe('React.createElement()');
    expect(exported.jsxs).toBe(exported.jsx);
  });

  it('refuses react-dom/client, which Kibana does not share and React 17 (Kibana 8.19) lacks', async () => {
    const message = await errorMessage(
      buildKibanaBundle({
        kibanaVersion: KIBANA_VERSION,
        outdir: work,
        publicEntry: path.join(FIXTURES, 'react_dom_client', 'index.js'),
      })
    );
    expect(message).toBe(
      'esbuild failed: react-dom/client is imported by test/kibana_build/fixtures/react_dom_client/index.js, but the Kibana bundle must not contain it: mount with render/unmountComponentAtNode from react-dom (shared) instead: Kibana 8.19 runs React 17, which has no createRoot'
    );
  });

  it('refuses a runtime import of a Kibana package it cannot resolve outside a Kibana checkout', async () => {
    const message = await errorMessage(
      buildKibanaBundle({
        kibanaVersion: KIBANA_VERSION,
        outdir: work,
        publicEntry: path.join(FIXTURES, 'runtime_kbn_import', 'index.js'),
      })
    );
    expect(message).toBe(
      'esbuild failed: @kbn/core/public is imported at runtime by test/kibana_build/fixtures/runtime_kbn_import/index.js, but Kibana does not share it through __kbnSharedDeps__ and it cannot be bundled outside a Kibana checkout; import only types from it'
    );
  });

  it('refuses a module imported both statically and with import() by the entry', async () => {
    const message = await errorMessage(
      buildKibanaBundle({
        kibanaVersion: KIBANA_VERSION,
        outdir: work,
        publicEntry: path.join(FIXTURES, 'static_and_lazy', 'index.js'),
      })
    );
    expect(message).toBe(
      "imported both statically and with import() by the plugin's entry, so it would be loaded twice: test/kibana_build/fixtures/static_and_lazy/shared.js"
    );
  });
});

describe('npm run build:kibana', () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-kibana-bundle-archive-'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('puts the bundle under kibana/<id>/target/public/ and declares ui: true', async () => {
    const { zipPath, entries } = await archive.build({
      kibanaVersion: KIBANA_VERSION,
      outDir: path.join(work, 'build'),
    });
    const base = `kibana/${PLUGIN_ID}/target/public/`;
    expect(entries).toEqual(
      expect.arrayContaining([
        `${base}${PLUGIN_ID}.plugin.js`,
        `${base}${PLUGIN_ID}.plugin.js.map`,
        `${base}${CHUNK_FILE}`,
        `${base}${CHUNK_FILE}.map`,
      ])
    );
    await extractZip(zipPath, path.join(work, 'extracted'));
    const pluginDir = path.join(work, 'extracted', 'kibana', PLUGIN_ID);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(pluginDir, 'kibana.json'), 'utf8')
    ) as Record<string, unknown>;
    expect(manifest).toMatchObject({ id: PLUGIN_ID, ui: true, server: true });
    // What Kibana serves under /bundles/plugin/<id>/<version>/ is the extracted target/public.
    const page = createKibanaPage(path.join(pluginDir, 'target', 'public'));
    page.runFile(`${PLUGIN_ID}.plugin.js`);
    expect(typeof readPlugin(page.bundles, PLUGIN_ID).plugin).toBe('function');
  }, 300_000);

  it('fails before building anything for a Kibana version it has no shared-deps table for', async () => {
    const supported = SUPPORTED_LINES.map(({ line }) => `${line}.x`).join(', ');
    expect(
      await errorMessage(
        archive.build({ kibanaVersion: '7.17.3', outDir: path.join(work, 'refused') })
      )
    ).toBe(
      `Kibana 7.17.3 is not supported by the browser bundle build; supported Kibana versions: ${supported}`
    );
    expect(fs.existsSync(path.join(work, 'refused'))).toBe(false);
  });
});
