/**
 * The manifest parser double refuses what Kibana's discovery refuses, with Kibana's messages
 * (src/core/packages/plugins/server-internal/src/discovery/plugin_manifest_parser.ts), and accepts
 * our own kibana.json.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  isVersionCompatible,
  parseManifest,
  parseManifestContent,
  PluginDiscoveryError,
  PluginDiscoveryErrorType,
  snakeCase,
} from './manifest_parser';

const ROOT = path.resolve(__dirname, '..', '..');
const KIBANA = '9.2.0';
const AT = '/kibana/plugins/x/kibana.json';
const VALID = {
  id: 'myPlugin',
  version: '1.0.0',
  kibanaVersion: 'kibana',
  owner: { name: 'team' },
  server: true,
};

const refusal = (manifest: unknown, kibanaVersion = KIBANA): PluginDiscoveryError => {
  try {
    parseManifestContent(JSON.stringify(manifest), AT, kibanaVersion);
  } catch (error) {
    if (error instanceof PluginDiscoveryError) return error;
    throw error;
  }
  throw new Error('expected the manifest to be refused');
};

const invalidManifest = (message: string) => `${message} (invalid-manifest, ${AT})`;

describe('the kibana.json parser double', () => {
  it('accepts our checked-in kibana.json for any Kibana, with Kibana’s defaults applied', () => {
    const manifest = parseManifest(ROOT, KIBANA);
    expect(manifest).toMatchObject({
      id: 'containerThreatDetection',
      kibanaVersion: 'kibana',
      type: 'standard',
      server: true,
      configPath: ['container_threat_detection'],
      owner: { name: 'container-threat-detection/detection-engineering' },
      requiredBundles: [],
      runtimePluginDependencies: [],
    });
  });

  it('requires the file (missing-manifest)', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-manifest-'));
    try {
      const error = (() => {
        try {
          parseManifest(empty, KIBANA);
        } catch (thrown) {
          return thrown as PluginDiscoveryError;
        }
        throw new Error('expected a missing manifest');
      })();
      expect(error.type).toBe(PluginDiscoveryErrorType.MissingManifest);
      expect(error.message).toMatch(/ENOENT.*\(missing-manifest, .*kibana\.json\)$/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('requires JSON encoding an object', () => {
    expect(() => parseManifestContent('{', AT, KIBANA)).toThrow(
      /\(invalid-manifest, \/kibana\/plugins\/x\/kibana\.json\)$/
    );
    expect(refusal(null).message).toBe(
      invalidManifest('Plugin manifest must contain a JSON encoded object.')
    );
    // Kibana only tests typeof: an array fails on the id instead.
    expect(refusal([]).message).toBe(
      invalidManifest('Plugin manifest must contain an "id" property.')
    );
  });

  it('requires an id: present, without dots, camelCase', () => {
    expect(refusal({ ...VALID, id: undefined }).message).toBe(
      invalidManifest('Plugin manifest must contain an "id" property.')
    );
    expect(refusal({ ...VALID, id: 'my.plugin' }).message).toBe(
      invalidManifest('Plugin "id" must not include `.` characters.')
    );
    expect(refusal({ ...VALID, id: 'my_plugin' }).message).toBe(
      invalidManifest('Plugin "id" must be camelCase, but found: my_plugin.')
    );
    expect(refusal({ ...VALID, id: 'MyPlugin' }).message).toBe(
      invalidManifest('Plugin "id" must be camelCase, but found: MyPlugin.')
    );
    expect(refusal({ ...VALID, id: 'm' }).message).toBe(
      invalidManifest('Plugin "id" must be camelCase, but found: m.')
    );
  });

  it('requires a version and an owner with a name', () => {
    expect(refusal({ ...VALID, version: 1 }).message).toBe(
      invalidManifest('Plugin manifest for "myPlugin" must contain a "version" property.')
    );
    const noOwner = invalidManifest(
      'Plugin manifest for "myPlugin" must contain an "owner" property, which includes a nested "name" property.'
    );
    expect(refusal({ ...VALID, owner: undefined }).message).toBe(noOwner);
    expect(refusal({ ...VALID, owner: 'team' }).message).toBe(noOwner);
    expect(refusal({ ...VALID, owner: { githubTeam: 'team' } }).message).toBe(noOwner);
  });

  it('requires configPath to be a string or an array of strings, extraPublicDirs an array of strings', () => {
    expect(refusal({ ...VALID, configPath: ['a', 1] }).message).toBe(
      invalidManifest(
        'The "configPath" in plugin manifest for "myPlugin" should either be a string or an array of strings.'
      )
    );
    expect(refusal({ ...VALID, configPath: '' }).message).toBe(
      invalidManifest(
        'The "configPath" in plugin manifest for "myPlugin" should either be a string or an array of strings.'
      )
    );
    expect(refusal({ ...VALID, extraPublicDirs: 'public' }).message).toBe(
      invalidManifest(
        'The "extraPublicDirs" in plugin manifest for "myPlugin" should be an array of strings.'
      )
    );
  });

  it('refuses a plugin built for another Kibana (coerced x.y.z must be equal; "kibana" fits all)', () => {
    const error = refusal({ ...VALID, kibanaVersion: '9.1.0' });
    expect(error.type).toBe(PluginDiscoveryErrorType.IncompatibleVersion);
    expect(error.message).toBe(
      `Plugin "myPlugin" is only compatible with Kibana version "9.1.0", but used Kibana version is "9.2.0". (incompatible-version, ${AT})`
    );
    // Without kibanaVersion the plugin's own version is what must match.
    expect(refusal({ ...VALID, kibanaVersion: undefined }).message).toContain(
      'only compatible with Kibana version "1.0.0"'
    );
    expect(isVersionCompatible('9.2.0-SNAPSHOT', '9.2.0')).toBe(true);
    expect(isVersionCompatible('v9.2', '9.2.0')).toBe(true);
    expect(isVersionCompatible('9.2.1', '9.2.0')).toBe(false);
    expect(isVersionCompatible('kibana', '8.19.0')).toBe(true);
    expect(isVersionCompatible('latest', '9.2.0')).toBe(false);
  });

  it('requires server or ui to be true (booleans only)', () => {
    const message = invalidManifest(
      'Both "server" and "ui" are missing or set to "false" in plugin manifest for "myPlugin", but at least one of these must be set to "true".'
    );
    expect(refusal({ ...VALID, server: false }).message).toBe(message);
    expect(refusal({ ...VALID, server: 'true' }).message).toBe(message);
    expect(
      parseManifestContent(JSON.stringify({ ...VALID, server: undefined, ui: true }), AT, KIBANA).ui
    ).toBe(true);
  });

  it('refuses unknown keys, listing them', () => {
    expect(refusal({ ...VALID, type: 'plugin', plugin: {}, name: 'x' }).message).toBe(
      invalidManifest(
        'Manifest for plugin "myPlugin" contains the following unrecognized properties: plugin,name.'
      )
    );
  });

  it('accepts only the standard and preboot types', () => {
    expect(refusal({ ...VALID, type: 'plugin' }).message).toBe(
      invalidManifest(
        'The "type" in manifest for plugin "myPlugin" is set to "plugin", but it should either be "standard" or "preboot".'
      )
    );
  });

  it('defaults configPath to the snake_cased id and dependency lists to []', () => {
    const manifest = parseManifestContent(JSON.stringify(VALID), AT, KIBANA);
    expect(manifest).toMatchObject({
      configPath: 'my_plugin',
      type: 'standard',
      requiredPlugins: [],
      optionalPlugins: [],
      ui: false,
    });
    expect(snakeCase('containerThreatDetection')).toBe('container_threat_detection');
    expect(snakeCase('plugin2Id')).toBe('plugin_2_id');
    expect(snakeCase('myAPIKey')).toBe('my_api_key');
  });
});
