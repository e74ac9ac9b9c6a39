/**
 * Our own declarations of the Kibana 9.x `@kbn/features-plugin/common` surface this plugin uses
 * (a subset). Follows x-pack/platform/plugins/shared/features/common/{kibana_feature,
 * feature_kibana_privileges,alerting_kibana_privilege}.ts.
 */
import type { AppCategory } from '@kbn/core/server';

/** Where a feature is offered: role privileges (`security`) and/or space visibility (`spaces`). */
export declare enum KibanaFeatureScope {
  /** Listed in the role editor's feature privileges. */
  Security = 'security',
  /** Listed in the space's feature visibility toggles. */
  Spaces = 'spaces',
}

/**
 * Rule types a feature (or privilege) grants, each with the consumers it may be used under.
 * 9.x shape; 8.x used a plain `readonly string[]` of rule type ids.
 */
export type AlertingKibanaPrivilege = ReadonlyArray<{
  /** Rule type id (e.g. our `new_terms` type id). */
  ruleTypeId: string;
  /** Consumers (feature ids) rules of that type may be created under. */
  consumers: readonly string[];
}>;

/** What one privilege level (`all` / `read`) of a feature grants. */
export interface FeatureKibanaPrivileges {
  /** Apps the privilege opens. */
  app?: readonly string[];
  /** API privileges granted (matched by routes' `security.authz.requiredPrivileges`). */
  api?: readonly string[];
  /** Catalogue entries shown. */
  catalogue?: readonly string[];
  /** Management sections shown, by section id. */
  management?: { [sectionId: string]: readonly string[] };
  /** Saved-object types writable (`all`) and readable (`read`). */
  savedObject: {
    /** Types with full access. */
    all: readonly string[];
    /** Types with read access. */
    read: readonly string[];
  };
  /** UI capabilities granted (namespaced under the feature id). */
  ui: readonly string[];
  /** Rule and alert access (9.x `{ ruleTypeId, consumers }` entries; 8.x: arrays of rule type ids). */
  alerting?: {
    /** Rule operations. */
    rule?: {
      /** Rule types with full rule access. */
      all?: AlertingKibanaPrivilege;
      /** Rule types with read-only rule access. */
      read?: AlertingKibanaPrivilege;
    };
    /** Alert (alerts-as-data) operations. */
    alert?: {
      /** Rule types whose alerts may be read and updated. */
      all?: AlertingKibanaPrivilege;
      /** Rule types whose alerts may be read. */
      read?: AlertingKibanaPrivilege;
    };
  };
}

/** A feature registration. */
export interface KibanaFeatureConfig {
  /** Unique feature id (also the UI-capabilities namespace). */
  id: string;
  /** Display name. */
  name: string;
  /** Category grouping the feature in the roles/spaces UIs. */
  category: AppCategory;
  /** App ids enabled with the feature. */
  app: readonly string[];
  /** Catalogue entries of the feature. */
  catalogue?: readonly string[];
  /** Management sections of the feature. */
  management?: { [sectionId: string]: readonly string[] };
  /** Rule types the feature grants access to (9.x shape; 8.x: `readonly string[]`). */
  alerting?: AlertingKibanaPrivilege;
  /** The `all` and `read` privilege definitions (`null` only for reserved features). */
  privileges: { all: FeatureKibanaPrivileges; read: FeatureKibanaPrivileges } | null;
  /** Where the feature is offered (roles, spaces). */
  scope?: readonly KibanaFeatureScope[];
}

export {};
