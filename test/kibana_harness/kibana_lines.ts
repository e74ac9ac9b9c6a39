/**
 * The Kibana releases the harness plays, one per supported line (scripts/kibana_shared_deps.js),
 * and where that line's UI libraries come from in node_modules: the 9.2 line from the pinned
 * packages themselves, the 8.19 line from the npm-alias stand-ins in package.json
 * (`"react-17": "npm:react@17.0.2"` stands in for `react` …).
 */
import fs from 'fs';
import path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export type EuiThemeName = 'borealis' | 'amsterdam';

export interface KibanaLine {
  /** `major.minor`, as scripts/kibana_shared_deps.js names the line. */
  readonly line: string;
  /** The release played: kibana.json `kibanaVersion` and the `kbn-version` header. */
  readonly kibanaVersion: string;
  /**
   * The release's short build sha: Kibana serves bundles under `<basePath>/<buildShaShort>/bundles`
   * (Kibana: src/core/packages/http/server-internal/src/static_assets/static_assets.ts, `shaDigest`
   * = packageInfo.buildShaShort). The release commits come from the image labels in
   * elastic/dockerfiles (kibana/Dockerfile `org.opencontainers.image.revision`).
   */
  readonly buildShaShort: string;
  /** Sent as `kbn-build-number` (a stand-in: the releases' build numbers were not read). */
  readonly buildNumber: number;
  /** Package → the node_modules folder that stands in for it in this line's shared deps. */
  readonly packageAliases: Readonly<Record<string, string>>;
  /** The EUI theme Kibana's root EuiProvider uses: Borealis in 9.x, Amsterdam in 8.x. */
  readonly euiTheme: EuiThemeName;
}

const NPM_ALIAS = /^npm:(@?[^@]+)@/;

/**
 * The `"<alias>": "npm:<package>@<version>"` devDependencies of package.json, as package → alias.
 * Two stand-ins for one package would be ambiguous, so that is an error.
 */
export const standInAliases = (packageJson: {
  readonly devDependencies?: Readonly<Record<string, string>>;
}): Record<string, string> => {
  const aliases: Record<string, string> = {};
  for (const [alias, spec] of Object.entries(packageJson.devDependencies ?? {})) {
    const target = NPM_ALIAS.exec(spec)?.[1];
    if (target === undefined) continue;
    if (aliases[target] !== undefined)
      throw new Error(
        `package.json has two stand-ins for ${target}: ${aliases[target]} and ${alias}`
      );
    aliases[target] = alias;
  }
  return aliases;
};

const readPackageJson = () =>
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };

export const KIBANA_9_2: KibanaLine = {
  line: '9.2',
  kibanaVersion: '9.2.4',
  // 9.2.4: b05a85503d4590280c7e9263175269a5f4a09729
  buildShaShort: 'b05a85503d45',
  buildNumber: 90204,
  packageAliases: {},
  euiTheme: 'borealis',
};

/** 8.19 runs React 17 (the React 18 backport, elastic/kibana#220493, was not merged) and the EUI 104 Amsterdam build: these need stand-ins. */
const KIBANA_8_19_STAND_INS = ['react', 'react-dom', '@elastic/eui'];

/** The 8.19 line; throws when package.json lacks a stand-in it needs (it would silently play 9.2's libraries). */
export const kibana819 = (
  packageJson: { readonly devDependencies?: Readonly<Record<string, string>> } = readPackageJson()
): KibanaLine => {
  const packageAliases = standInAliases(packageJson);
  const missing = KIBANA_8_19_STAND_INS.filter((name) => packageAliases[name] === undefined);
  if (missing.length > 0)
    throw new Error(
      `package.json has no npm-alias stand-in for ${missing.join(', ')}, which the Kibana 8.19 line needs`
    );
  return {
    line: '8.19',
    kibanaVersion: '8.19.10',
    // 8.19.10: 6803805478ed373f560b161907994536f4cafef7
    buildShaShort: '6803805478ed',
    buildNumber: 81910,
    packageAliases,
    euiTheme: 'amsterdam',
  };
};
