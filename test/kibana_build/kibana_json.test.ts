/**
 * The checked-in kibana.json (what @kbn/plugin-helpers reads inside a Kibana checkout:
 * packages/kbn-plugin-helpers/src/load_kibana_platform_plugin.ts) stays generated from
 * kibana.jsonc and package.json, and passes Kibana's manifest parser.
 */
import fs from 'fs';
import path from 'path';
import { parseManifest } from '../kibana_host/manifest_parser';

interface BuildModule {
  repoKibanaJson: () => Record<string, unknown>;
  formatJson: (value: unknown) => string;
  REPO_KIBANA_JSON: string;
}

const ROOT = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS script without type declarations (no allowJs): loaded by path, typed here
const { repoKibanaJson, formatJson, REPO_KIBANA_JSON } = require(
  path.join(ROOT, 'scripts', 'build_kibana_plugin.js')
) as BuildModule;
const REGENERATE = 'node scripts/build_kibana_plugin.js --write-kibana-json';

describe('the checked-in kibana.json', () => {
  const checkedIn = fs.readFileSync(REPO_KIBANA_JSON, 'utf8');

  it(`is exactly what kibana.jsonc and package.json give (regenerate with \`${REGENERATE}\`)`, () => {
    expect(checkedIn).toBe(formatJson(repoKibanaJson()));
  });

  it('passes Kibana’s manifest parser for any Kibana version (kibanaVersion "kibana")', () => {
    for (const kibanaVersion of ['8.19.0', '9.2.0', '9.3.1']) {
      expect(parseManifest(ROOT, kibanaVersion).kibanaVersion).toBe('kibana');
    }
  });

  it('has what @kbn/plugin-helpers requires: string id and version, owner.name, and a browser plugin for the optimizer', () => {
    const manifest = JSON.parse(checkedIn) as {
      id: unknown;
      version: unknown;
      owner?: { name?: unknown };
      ui: unknown;
    };
    expect(typeof manifest.id).toBe('string');
    expect(typeof manifest.version).toBe('string');
    expect(typeof manifest.owner?.name).toBe('string');
    expect(manifest.ui).toBe(true);
  });
});
