/**
 * Kibana loads every plugin's entry bundle when any page starts; our rule type model must not make
 * that heavier. Bundles public/index.ts as Kibana's optimizer would split it (dynamic imports become
 * chunks; React, EUI and moment are Kibana's shared externals) and checks what the entry loads
 * before any `import()`: the model and its validator stub, but not zod, the KQL parser, the
 * prebuilt catalog or the editor — those arrive with the rule form.
 */
import path from 'path';
import { build, type Metafile, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
const ENTRY = 'public/index.ts';
/**
 * Kibana's shared UI dependencies (kbn-ui-shared-deps-src definitions.js, scripts/kibana_shared_deps.js),
 * never in a plugin bundle; matched on the whole specifier, so `react/jsx-runtime` is bundled.
 */
const KIBANA_SHARED = [
  'react',
  'react-dom',
  '@elastic/eui',
  '@emotion/react',
  'moment',
  'moment-timezone',
  '@elastic/charts',
  'uuid',
];

/** Externals matched on the whole specifier, as webpack's are (esbuild's `external` also takes subpaths). */
const kibanaSharedExternals: Plugin = {
  name: 'kibana-shared-externals',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) =>
      KIBANA_SHARED.includes(args.path) ? { path: args.path, external: true } : undefined
    );
  },
};

const bundle = async (): Promise<Metafile> => {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    outdir: 'out',
    plugins: [kibanaSharedExternals],
    logLevel: 'silent',
    jsx: 'automatic',
  });
  return result.metafile;
};

/** Inputs of the given outputs and of every chunk they import statically (what loads with them). */
const loadedWith = (metafile: Metafile, roots: readonly string[]): string[] => {
  const outputs = metafile.outputs;
  const seen = new Set<string>();
  const pending = [...roots];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    for (const imported of outputs[next]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
  }
  return [...seen].flatMap((name) => Object.keys(outputs[name]?.inputs ?? {}));
};

const startUpInputs = (metafile: Metafile): string[] =>
  loadedWith(
    metafile,
    Object.keys(metafile.outputs).filter((name) => metafile.outputs[name]?.entryPoint === ENTRY)
  );

/** What loads when the rule form renders the editor (the chunk holding it, and its static imports). */
const editorInputs = (metafile: Metafile): string[] =>
  loadedWith(
    metafile,
    Object.keys(metafile.outputs).filter(
      (name) =>
        'public/rule_type_model/params_expression.tsx' in (metafile.outputs[name]?.inputs ?? {})
    )
  );

const allInputs = (metafile: Metafile): string[] =>
  Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));

describe("Kibana's start-up bundle", () => {
  let metafile: Metafile;
  beforeAll(async () => {
    metafile = await bundle();
  });

  it('carries the rule type model and its validator stub', () => {
    expect(startUpInputs(metafile)).toEqual(
      expect.arrayContaining([
        'public/rule_type_model/rule_type_model.ts',
        'public/rule_type_model/params_validator.ts',
      ])
    );
  });

  it('leaves zod, the KQL parser, the prebuilt catalog, the params editor and JSX to lazy chunks', () => {
    const heavy = [
      /node_modules\/zod\//,
      /node_modules\/react\/jsx-runtime/,
      /common\/kql\//,
      /common\/rules\//,
      /public\/rule_type_model\/(params_expression|validate_params|custom_rule_fields)/,
    ];
    const eager = startUpInputs(metafile);
    for (const pattern of heavy) {
      expect(eager.filter((input) => pattern.test(input))).toEqual([]);
      expect(allInputs(metafile).some((input) => pattern.test(input))).toBe(true);
    }
  });

  it('loads no prebuilt catalog with the rule editor (the API lists the rules)', () => {
    const editor = editorInputs(metafile);
    expect(editor).toEqual(
      expect.arrayContaining([
        'public/rule_type_model/params_expression.tsx',
        'common/rules/rule_schema.ts',
      ])
    );
    expect(editor.filter((input) => /common\/rules\/(catalog|prebuilt\/)/.test(input))).toEqual([]);
  });
});
