/**
 * The feature registry double refuses what Kibana's features plugin refuses, with its messages
 * (x-pack/platform/plugins/shared/features/server/{feature_schema.ts,feature_registry.ts} and their
 * tests/snapshots), and registers our real feature.
 */
import type { KibanaFeatureConfig } from '@kbn/features-plugin/server';
import { CONTAINER_THREAT_DETECTION_FEATURE } from '../../server/kibana/feature';
import { NEW_TERMS_RULE_TYPE_ID } from '../../server/kibana/constants';
import { FeatureRegistry } from './feature_registry';
import { validateKibanaFeature } from './feature_schema';

const ID = CONTAINER_THREAT_DETECTION_FEATURE.id;
type Mutable = Record<string, unknown> & { privileges: Record<string, Record<string, unknown>> };

/** A deep copy of our feature to break in one place. */
const ours = (): Mutable =>
  structuredClone(CONTAINER_THREAT_DETECTION_FEATURE) as unknown as Mutable;

const refusal = (feature: unknown): string => {
  try {
    validateKibanaFeature(feature);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the feature to be refused');
};

const unionFailure = (path: string, message: string) =>
  `[privileges]: types that failed validation:\n- [privileges.0]: expected value to equal [null]\n- [${path}]: ${message}`;

describe('the features registry double', () => {
  describe('our feature', () => {
    it('registers, and the registry keeps it with its scope (role editor and space visibility) and Kibana’s automatic grants', () => {
      const registry = new FeatureRegistry();
      registry.registerKibanaFeature(CONTAINER_THREAT_DETECTION_FEATURE);
      registry.lockRegistration();
      const [registered] = registry.getAllKibanaFeatures();
      expect(registered?.id).toBe(ID);
      expect(registered?.scope).toEqual(['spaces', 'security']);
      // Our grant (the lists plugin's exception list types, read by rule runs) first, then Kibana's.
      const exceptionLists = ['exception-list', 'exception-list-agnostic'];
      expect(registered?.privileges?.all?.savedObject).toEqual({
        all: ['telemetry'],
        read: [...exceptionLists, 'config', 'config-global', 'url', 'tag', 'cloud'],
      });
      expect(registered?.privileges?.read?.savedObject).toEqual({
        all: [],
        read: [...exceptionLists, 'config', 'config-global', 'telemetry', 'url', 'tag', 'cloud'],
      });
    });
  });

  describe('the schema', () => {
    it('id: characters and reserved names (Kibana snapshot wording)', () => {
      expect(refusal({ ...ours(), id: 'container threat detection' })).toBe(
        '[id]: Does not satisfy regexp /^[a-zA-Z0-9_-]+$/'
      );
      expect(refusal({ ...ours(), id: 'management' })).toBe('[id]: [management] is not allowed');
    });

    it('category: an object with id and label', () => {
      expect(refusal({ ...ours(), category: undefined })).toBe(
        '[category.id]: expected value of type [string] but got [undefined]'
      );
      expect(refusal({ ...ours(), category: { id: 'securitySolution' } })).toBe(
        '[category.label]: expected value of type [string] but got [undefined]'
      );
    });

    it('app and name are required', () => {
      expect(refusal({ ...ours(), app: undefined })).toBe(
        '[app]: expected value of type [array] but got [undefined]'
      );
      expect(refusal({ ...ours(), name: 1 })).toBe(
        '[name]: expected value of type [string] but got [number]'
      );
    });

    it('privileges: required, null or { all, read } of known keys with savedObject and ui', () => {
      expect(refusal({ ...ours(), privileges: undefined })).toBe(
        '[privileges]: expected at least one defined value but got [undefined]'
      );
      const composed = ours();
      composed.privileges.all = { ...composed.privileges.all, composedOf: [] };
      expect(refusal(composed)).toBe(
        unionFailure('privileges.1.all.composedOf', 'definition for this key is missing')
      );
      const noSavedObject = ours();
      noSavedObject.privileges.read = { ...noSavedObject.privileges.read, savedObject: undefined };
      expect(refusal(noSavedObject)).toBe(
        unionFailure(
          'privileges.1.read.savedObject.all',
          'expected value of type [array] but got [undefined]'
        )
      );
      const badUi = ours();
      badUi.privileges.read = { ...badUi.privileges.read, ui: ['show me'] };
      expect(refusal(badUi)).toBe(
        unionFailure('privileges.1.read.ui.0', 'Does not satisfy regexp /^[a-zA-Z0-9:_-]+$/')
      );
    });

    it('alerting: { ruleTypeId, consumers } entries with at least one consumer (the 8.x id-array shape is refused)', () => {
      // config-schema parses a string given for an object as JSON first, hence the parse error.
      expect(refusal({ ...ours(), alerting: [NEW_TERMS_RULE_TYPE_ID] })).toBe(
        '[alerting.0]: could not parse object value from json input'
      );
      expect(refusal({ ...ours(), alerting: [42] })).toBe(
        '[alerting.0]: expected a plain object value, but found [number] instead.'
      );
      expect(
        refusal({ ...ours(), alerting: [{ ruleTypeId: NEW_TERMS_RULE_TYPE_ID, consumers: [] }] })
      ).toBe('[alerting.0.consumers]: array size is [0], but cannot be smaller than [1]');
    });

    it('catalogue and management entries (Kibana snapshot wording)', () => {
      expect(refusal({ ...ours(), catalogue: ['contains space'] })).toBe(
        '[catalogue.0]: Does not satisfy regexp /^[a-zA-Z0-9:_-]+$/'
      );
      expect(refusal({ ...ours(), management: { kibana: ['contains_invalid()_chars'] } })).toBe(
        '[management.kibana.0]: Does not satisfy regexp /^[a-zA-Z0-9:_-]+$/'
      );
    });

    it('unknown top-level keys are refused', () => {
      expect(refusal({ ...ours(), icon: 'logoSecurity' })).toBe(
        '[icon]: definition for this key is missing'
      );
    });

    it('scope: only security and spaces', () => {
      expect(refusal({ ...ours(), scope: ['foo', 'bar'] })).toBe(
        `Feature ${ID} has unknown scope entries: foo, bar`
      );
    });

    it('hidden is for reserved-privilege features only', () => {
      expect(refusal({ ...ours(), hidden: true })).toBe(`Feature ${ID} cannot be hidden.`);
    });
  });

  describe('declared and granted must agree', () => {
    it('a privilege may only open apps the feature declares, and every declared app must be granted', () => {
      const unknownApp = ours();
      unknownApp.privileges.read = { ...unknownApp.privileges.read, app: ['discover'] };
      expect(refusal(unknownApp)).toBe(
        `Feature privilege ${ID}.read has unknown app entries: discover`
      );
      expect(refusal({ ...ours(), app: [ID, 'extraApp'] })).toBe(
        `Feature ${ID} specifies app entries which are not granted to any privileges: extraApp`
      );
    });

    it('a privilege may only grant declared rule types and consumers', () => {
      const unknownType = ours();
      unknownType.privileges.all = {
        ...unknownType.privileges.all,
        alerting: { rule: { all: [{ ruleTypeId: 'siem.queryRule', consumers: [ID] }] } },
      };
      expect(refusal(unknownType)).toBe(
        `Feature privilege ${ID}.all has unknown ruleTypeId: siem.queryRule`
      );
      const unknownConsumer = ours();
      unknownConsumer.privileges.all = {
        ...unknownConsumer.privileges.all,
        alerting: { rule: { all: [{ ruleTypeId: NEW_TERMS_RULE_TYPE_ID, consumers: ['siem'] }] } },
      };
      expect(refusal(unknownConsumer)).toBe(
        `Feature privilege ${ID}.all.${NEW_TERMS_RULE_TYPE_ID} has unknown consumer: siem`
      );
    });

    it('every declared rule type and consumer must be granted by some privilege', () => {
      const extraType = {
        ...ours(),
        alerting: [
          ...(CONTAINER_THREAT_DETECTION_FEATURE.alerting ?? []),
          { ruleTypeId: '.es-query', consumers: [ID] },
        ],
      };
      expect(refusal(extraType)).toBe(
        `Feature ${ID} specifies alerting rule types which are not granted to any privileges: .es-query`
      );
      const extraConsumer = {
        ...ours(),
        alerting: [
          { ruleTypeId: NEW_TERMS_RULE_TYPE_ID, consumers: [ID, 'alerts', 'stackAlerts'] },
        ],
      };
      expect(refusal(extraConsumer)).toBe(
        `Feature ${ID} specifies alerting consumers which are not granted to any privileges: stackAlerts`
      );
    });
  });

  describe('the registry', () => {
    it('refuses a second feature with the same id', () => {
      const registry = new FeatureRegistry();
      registry.registerKibanaFeature(ours());
      expect(() => registry.registerKibanaFeature(ours())).toThrow(
        `Feature with id ${ID} is already registered.`
      );
    });

    it('refuses registrations once locked (after setup), and lists features only then', () => {
      const registry = new FeatureRegistry();
      expect(() => registry.getAllKibanaFeatures()).toThrow(
        'Cannot retrieve Kibana features while registration is still open'
      );
      registry.lockRegistration();
      expect(() => registry.registerKibanaFeature(ours())).toThrow(
        `Features are locked, can't register new features. Attempt to register ${ID} failed.`
      );
    });

    it('sets the default scope on the registered object itself, as Kibana does', () => {
      const feature = { ...ours(), scope: undefined } as unknown as KibanaFeatureConfig;
      new FeatureRegistry().registerKibanaFeature(feature);
      expect(feature.scope).toEqual(['security']);
    });

    it('refuses what the double does not model rather than accepting it unchecked', () => {
      expect(refusal({ ...ours(), subFeatures: [] })).toBe(
        'the feature registry test double does not model "subFeatures"; extend it before registering such a feature'
      );
    });
  });
});
