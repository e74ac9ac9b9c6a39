/**
 * The features plugin's `registerKibanaFeature`, as a strict double: the feature schema and its
 * cross-checks (feature_schema.ts), duplicate ids, the default scope and the automatic saved-object
 * grants.
 *
 * Kibana (9.x): x-pack/platform/plugins/shared/features/server/feature_registry.ts (8.x:
 * x-pack/plugins/features/server/).
 */
import {
  validateKibanaFeature,
  type ValidatedFeature,
  type ValidatedPrivilege,
} from './feature_schema';

/** feature_registry.ts: a feature registered without a scope is offered to role privileges only. */
const DEFAULT_SCOPE = ['security'];

/** Saved-object types feature_registry.ts adds to every `all` / `read` privilege. */
const AUTOMATIC_ALL_SAVED_OBJECTS_ALL = ['telemetry'];
const AUTOMATIC_ALL_SAVED_OBJECTS_READ = ['config', 'config-global', 'url', 'tag', 'cloud'];
const AUTOMATIC_READ_SAVED_OBJECTS_READ = [
  'config',
  'config-global',
  'telemetry',
  'url',
  'tag',
  'cloud',
];

const union = (existing: readonly string[], added: readonly string[]): string[] => [
  ...new Set([...existing, ...added]),
];

/** feature_registry.ts applyAutomaticPrivilegeGrants (on the registry's copy). */
const withAutomaticGrants = (feature: ValidatedFeature): ValidatedFeature => {
  if (feature.privileges === null) return feature;
  const { all, read } = feature.privileges;
  const grant = (
    privilege: ValidatedPrivilege | undefined,
    savedObject: { all: readonly string[]; read: readonly string[] }
  ) =>
    privilege && {
      ...privilege,
      savedObject: {
        all: union(privilege.savedObject.all, savedObject.all),
        read: union(privilege.savedObject.read, savedObject.read),
      },
    };
  return {
    ...feature,
    privileges: {
      all: grant(all, {
        all: AUTOMATIC_ALL_SAVED_OBJECTS_ALL,
        read: AUTOMATIC_ALL_SAVED_OBJECTS_READ,
      }),
      read: grant(read, { all: [], read: AUTOMATIC_READ_SAVED_OBJECTS_READ }),
    },
  };
};

/** A registered feature as the registry keeps it (a copy, scope defaulted, automatic grants applied). */
export type RegisteredFeature = ValidatedFeature & { readonly scope: readonly string[] };

/** Kibana's FeatureRegistry for Kibana features (feature_registry.ts). */
export class FeatureRegistry {
  private locked = false;
  private readonly features = new Map<string, RegisteredFeature>();

  /** The features plugin locks registration when it starts (after every plugin's setup). */
  lockRegistration(): void {
    this.locked = true;
  }

  registerKibanaFeature(feature: unknown): void {
    if (this.locked) {
      const id = (feature as { id?: unknown } | null)?.id;
      throw new Error(
        `Features are locked, can't register new features. Attempt to register ${String(id)} failed.`
      );
    }
    validateKibanaFeature(feature);
    const checked = feature as ValidatedFeature & { scope?: readonly string[] };
    if (this.features.has(checked.id))
      throw new Error(`Feature with id ${checked.id} is already registered.`);
    // Kibana sets the default scope on the caller's object itself, then keeps a deep copy.
    if (!checked.scope) checked.scope = DEFAULT_SCOPE;
    const copy = structuredClone(checked) as ValidatedFeature & { scope: readonly string[] };
    this.features.set(checked.id, { ...withAutomaticGrants(copy), scope: copy.scope });
  }

  /** Registered features; like Kibana's getAllKibanaFeatures, only once registration is locked. */
  getAllKibanaFeatures(): RegisteredFeature[] {
    if (!this.locked)
      throw new Error('Cannot retrieve Kibana features while registration is still open');
    return [...this.features.values()];
  }
}
