/**
 * The config double handles a plugin's kibana.yml settings as Kibana core does (plugin.ts
 * getConfigDescriptor, plugins_service.ts, kbn-config config_service.ts,
 * ensure_valid_configuration.ts), with Kibana's messages; our real server entry passes.
 */
import path from 'path';
import * as serverEntry from '../../server';
import { schema } from './kbn_packages/config_schema';
import { parseManifest, type PluginManifest } from './manifest_parser';
import {
  CriticalError,
  ensureValidConfiguration,
  loadPluginConfig,
  toDeepObject,
  UNKNOWN_KEYS_EXIT_CODE,
} from './config_service';

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = parseManifest(ROOT, '9.2.0');
const otherPlugin: PluginManifest = {
  ...manifest,
  id: 'otherPlugin',
  configPath: 'other_plugin',
  ui: true,
};

describe('plugin configuration (kibana.yml) as Kibana core handles it', () => {
  describe('our plugin', () => {
    it('exports a config-schema `config`: defaults apply, and its configPath counts as handled', () => {
      const loaded = loadPluginConfig(serverEntry, manifest, {});
      expect(loaded.enabled).toBe(true);
      expect(loaded.initializerConfig.get()).toEqual({ enabled: true });
      expect(loaded.handledPaths).toEqual(['container_threat_detection']);
      expect(loaded.browserConfig).toEqual({});
      expect(() =>
        ensureValidConfiguration(
          { 'container_threat_detection.enabled': true },
          loaded.handledPaths
        )
      ).not.toThrow();
    });

    it('is turned off by `container_threat_detection.enabled: false` (dotted or nested)', () => {
      expect(
        loadPluginConfig(serverEntry, manifest, { 'container_threat_detection.enabled': false })
          .enabled
      ).toBe(false);
      expect(
        loadPluginConfig(serverEntry, manifest, {
          container_threat_detection: { enabled: 'false' },
        }).enabled
      ).toBe(false);
    });

    it('stops start-up on a key its schema does not declare, or a value of the wrong type', () => {
      expect(() =>
        loadPluginConfig(serverEntry, manifest, { 'container_threat_detection.foo': 1 })
      ).toThrow(
        '[config validation of [container_threat_detection].foo]: definition for this key is missing'
      );
      expect(() =>
        loadPluginConfig(serverEntry, manifest, { 'container_threat_detection.enabled': 'off' })
      ).toThrow(
        '[config validation of [container_threat_detection].enabled]: expected value of type [boolean] but got [string]'
      );
    });
  });

  describe('the rules', () => {
    it('settings under a configPath with no schema stop Kibana (and config.get() fails without any)', () => {
      const noConfigExport = { plugin: serverEntry.plugin };
      expect(() =>
        loadPluginConfig(noConfigExport, manifest, { 'container_threat_detection.enabled': false })
      ).toThrow('No validation schema has been defined for [container_threat_detection]');
      const loaded = loadPluginConfig(noConfigExport, manifest, {});
      expect(loaded.enabled).toBe(true);
      expect(loaded.handledPaths).toEqual([]);
      expect(() => loaded.initializerConfig.get()).toThrow(
        'No validation schema has been defined for [container_threat_detection]'
      );
    });

    it('a `config` export whose schema is not a @kbn/config-schema type stops Kibana', () => {
      const zodLike = { config: { schema: { parse: (value: unknown) => value } } };
      expect(() => loadPluginConfig(zodLike, manifest, {})).toThrow(
        'Configuration schema expected to be an instance of Type'
      );
    });

    it('a browser-only plugin’s server `config` is not read', () => {
      const browserOnly: PluginManifest = { ...manifest, server: false, ui: true };
      expect(() =>
        loadPluginConfig({ config: { schema: 'not a schema' } }, browserOnly, {})
      ).not.toThrow();
    });

    it('`enabled` can only be set when the schema declares it (8.x-9.2 message)', () => {
      const withoutEnabled = {
        config: { schema: schema.object({ bar: schema.maybe(schema.string()) }) },
      };
      expect(() =>
        loadPluginConfig(withoutEnabled, otherPlugin, { 'other_plugin.enabled': false })
      ).toThrow(
        '[config validation of [other_plugin].enabled]: definition for this key is missing'
      );
    });

    it('exposeToBrowser sends only the keys marked true, to UI plugins only', () => {
      const exposed = {
        config: {
          schema: schema.object({
            a: schema.boolean({ defaultValue: true }),
            secret: schema.string({ defaultValue: 's' }),
          }),
          exposeToBrowser: { a: true, secret: false },
        },
      };
      expect(loadPluginConfig(exposed, otherPlugin, {}).browserConfig).toEqual({ a: true });
      expect(loadPluginConfig(exposed, { ...otherPlugin, ui: false }, {}).browserConfig).toEqual(
        {}
      );
    });

    it('keys no plugin handles stop start-up with "Unknown configuration key(s)" (exit 64); dev.* and elastic.apm.* are ignored', () => {
      const settings = {
        'container_threat_detection.enabled': true,
        'container_threat_detectoin.enabled': false,
        'dev.x': 1,
        elastic: { apm: { active: true } },
      };
      const run = () => ensureValidConfiguration(settings, ['container_threat_detection']);
      expect(run).toThrow(
        'Unknown configuration key(s): "container_threat_detectoin.enabled". Check for spelling errors and ensure that expected plugins are installed.'
      );
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(CriticalError);
        expect((error as CriticalError).processExitCode).toBe(UNKNOWN_KEYS_EXIT_CODE);
      }
    });

    it('reads dotted and nested kibana.yml keys alike', () => {
      expect(toDeepObject({ 'a.b': 1, a: { c: 2 }, 'x.y.z': [1] })).toEqual({
        a: { b: 1, c: 2 },
        x: { y: { z: [1] } },
      });
    });
  });
});
