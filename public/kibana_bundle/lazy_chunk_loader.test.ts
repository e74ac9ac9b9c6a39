/**
 * The loader the Kibana build compiles the entry's `import()` calls into, on a page double that
 * records the <script> tags it adds and runs a chunk's registration when asked to.
 * (test/kibana_build/kibana_bundle.test.ts runs it inside the built bundle.)
 */
import { createLazyModuleLoader, type LazyChunk } from './lazy_chunk_loader';

const CHUNK: LazyChunk = {
  pluginId: 'examplePlugin',
  chunkFile: 'examplePlugin.chunk.0.js',
  registryGlobal: 'examplePlugin_bundle_jsonpfunction',
};
const PUBLIC_PATH = '/bundles/plugin/examplePlugin/1.0.0/';
const CHUNK_URL = `${PUBLIC_PATH}${CHUNK.chunkFile}`;

interface FakeScript {
  src: string;
  onload: (() => void) | null;
  onerror: (() => void) | null;
  remove(): void;
}

type Outcome = 'registers' | 'fails' | 'registers nothing';

const globals = globalThis as unknown as Record<string, unknown>;

/** Installs `document` and `__kbnPublicPath__`; each added script settles with the next outcome. */
const installPage = (outcomes: Outcome[]) => {
  const requested: string[] = [];
  const removed: string[] = [];
  globals.__kbnPublicPath__ = { [CHUNK.pluginId]: PUBLIC_PATH };
  globals.document = {
    createElement: (): FakeScript => ({
      src: '',
      onload: null,
      onerror: null,
      remove() {
        removed.push(this.src);
      },
    }),
    head: {
      appendChild(script: FakeScript) {
        requested.push(script.src);
        const outcome = outcomes.shift();
        setImmediate(() => {
          if (outcome === 'fails') return script.onerror?.();
          if (outcome === 'registers') {
            const registry = (globals[CHUNK.registryGlobal] ??= []) as unknown[];
            registry.push([CHUNK.chunkFile, { 'public/app': { answer: 42 } }]);
          }
          script.onload?.();
        });
      },
    },
  };
  return { requested, removed };
};

const messageOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: Error) => error.message
  );

describe('createLazyModuleLoader', () => {
  afterEach(() => {
    for (const name of ['document', '__kbnPublicPath__', CHUNK.registryGlobal])
      delete globals[name];
  });

  it('adds one script from the plugin public path and resolves each module the chunk registered', async () => {
    const page = installPage(['registers']);
    const load = createLazyModuleLoader(CHUNK);
    const [first, second] = await Promise.all([load('public/app'), load('public/app')]);
    expect(first).toEqual({ answer: 42 });
    expect(second).toBe(first);
    expect(page.requested).toEqual([CHUNK_URL]);
    expect(page.removed).toEqual([CHUNK_URL]);
    expect(await messageOf(load('public/other'))).toBe(
      `Chunk ${CHUNK.chunkFile} has no module "public/other"`
    );
  });

  it('uses a chunk that is already registered without adding a script', async () => {
    const page = installPage([]);
    globals[CHUNK.registryGlobal] = [[CHUNK.chunkFile, { 'public/app': { answer: 1 } }]];
    expect(await createLazyModuleLoader(CHUNK)('public/app')).toEqual({ answer: 1 });
    expect(page.requested).toEqual([]);
  });

  it('rejects when the script fails or registers nothing, and tries again on the next call', async () => {
    const page = installPage(['fails', 'registers nothing', 'registers']);
    const load = createLazyModuleLoader(CHUNK);
    expect(await messageOf(load('public/app'))).toBe(
      `Loading chunk ${CHUNK.chunkFile} failed (${CHUNK_URL})`
    );
    expect(await messageOf(load('public/app'))).toBe(
      `Loading chunk ${CHUNK.chunkFile} failed: it registered no modules (${CHUNK_URL})`
    );
    expect(await load('public/app')).toEqual({ answer: 42 });
    expect(page.requested).toEqual([CHUNK_URL, CHUNK_URL, CHUNK_URL]);
  });

  it('rejects without adding a script when Kibana gave the plugin no public path', async () => {
    const page = installPage(['registers']);
    globals.__kbnPublicPath__ = {};
    expect(await messageOf(createLazyModuleLoader(CHUNK)('public/app'))).toBe(
      '__kbnPublicPath__ has no public path for plugin "examplePlugin"'
    );
    expect(page.requested).toEqual([]);
  });
});
