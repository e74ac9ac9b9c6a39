/**
 * The features plugin's feature schema, as a strict double: Kibana's feature schema (expressed with
 * the config-schema double, so messages read as Kibana's), then the checks the schema cannot express
 * (every app, rule type and consumer a feature declares is granted by some privilege and vice versa).
 *
 * Kibana (9.x): x-pack/platform/plugins/shared/features/server/feature_schema.ts (8.x:
 * x-pack/plugins/features/server/). Version notes: alerting entries are `{ ruleTypeId, consumers }`
 * (9.x, backported to 8.18/8.19); rule privileges accept `all`/`read` only (Kibana main adds
 * `enable`, `manual_run`, `manage_rule_settings`, `write`); sub-features and reserved privileges are
 * not modelled and are refused outright.
 */
import { schema, type Type } from './kbn_packages/config_schema';

/** KibanaFeatureScope (features/common/kibana_feature.ts). */
export const FEATURE_SCOPES = ['security', 'spaces'] as const;

/** UICapabilities keys a feature id may not take (feature_schema.ts prohibitedFeatureIds). */
const PROHIBITED_FEATURE_IDS = new Set(['catalogue', 'management', 'navLinks']);
const FEATURE_ID_PATTERN = /^[a-zA-Z0-9_-]+$/;
const MANAGEMENT_SECTION_PATTERN = /^[a-zA-Z0-9_-]+$/;
const UI_CAPABILITY_PATTERN = /^[a-zA-Z0-9:_-]+$/;

const matching = (pattern: RegExp) =>
  schema.string({
    validate: (value: string) =>
      pattern.test(value) ? undefined : `Does not satisfy regexp ${pattern.toString()}`,
  });

const listOfCapabilities = schema.arrayOf(matching(UI_CAPABILITY_PATTERN));
const management = schema.recordOf(matching(MANAGEMENT_SECTION_PATTERN), listOfCapabilities);
const alerting = schema.arrayOf(
  schema.object({
    ruleTypeId: schema.string(),
    consumers: schema.arrayOf(schema.string(), { minSize: 1 }),
  })
);
const cases = schema.arrayOf(schema.string());
const stringList = schema.arrayOf(schema.string());
const privilegeReference = schema.object({ feature: schema.string(), privileges: stringList });

const appCategory = schema.object({
  id: schema.string(),
  label: schema.string(),
  ariaLabel: schema.maybe(schema.string()),
  euiIconType: schema.maybe(schema.string()),
  order: schema.maybe(schema.number()),
});

const casesPrivileges = schema.object({
  all: schema.maybe(cases),
  create: schema.maybe(cases),
  read: schema.maybe(cases),
  update: schema.maybe(cases),
  delete: schema.maybe(cases),
  push: schema.maybe(cases),
  settings: schema.maybe(cases),
  createComment: schema.maybe(cases),
  reopenCase: schema.maybe(cases),
  assign: schema.maybe(cases),
});

const kibanaPrivilege = schema.object({
  excludeFromBasePrivileges: schema.maybe(schema.boolean()),
  requireAllSpaces: schema.maybe(schema.boolean()),
  disabled: schema.maybe(schema.boolean()),
  management: schema.maybe(management),
  catalogue: schema.maybe(listOfCapabilities),
  api: schema.maybe(stringList),
  app: schema.maybe(stringList),
  alerting: schema.maybe(
    schema.object({
      rule: schema.maybe(
        schema.object({ all: schema.maybe(alerting), read: schema.maybe(alerting) })
      ),
      alert: schema.maybe(
        schema.object({ all: schema.maybe(alerting), read: schema.maybe(alerting) })
      ),
    })
  ),
  cases: schema.maybe(casesPrivileges),
  savedObject: schema.object({ all: stringList, read: stringList }),
  ui: listOfCapabilities,
  replacedBy: schema.maybe(
    schema.oneOf([
      schema.arrayOf(privilegeReference),
      schema.object({
        minimal: schema.arrayOf(privilegeReference),
        default: schema.arrayOf(privilegeReference),
      }),
    ])
  ),
});

/** feature_schema.ts kibanaFeatureSchema (`composedOf` deliberately absent, as in Kibana). */
const kibanaFeature = schema.object({
  id: schema.string({
    validate: (value: string) => {
      if (!FEATURE_ID_PATTERN.test(value))
        return `Does not satisfy regexp ${FEATURE_ID_PATTERN.toString()}`;
      if (PROHIBITED_FEATURE_IDS.has(value)) return `[${value}] is not allowed`;
      return undefined;
    },
  }),
  name: schema.string(),
  category: appCategory,
  hidden: schema.maybe(schema.boolean()),
  description: schema.maybe(schema.string()),
  order: schema.maybe(schema.number()),
  excludeFromBasePrivileges: schema.maybe(schema.boolean()),
  minimumLicense: schema.maybe(
    schema.oneOf(
      ['basic', 'standard', 'gold', 'platinum', 'enterprise', 'trial'].map((license) =>
        schema.literal(license)
      )
    )
  ),
  app: stringList,
  management: schema.maybe(management),
  catalogue: schema.maybe(listOfCapabilities),
  alerting: schema.maybe(alerting),
  cases: schema.maybe(cases),
  privileges: schema.oneOf([
    schema.literal(null),
    schema.object({ all: schema.maybe(kibanaPrivilege), read: schema.maybe(kibanaPrivilege) }),
  ]),
  privilegesTooltip: schema.maybe(schema.string()),
  deprecated: schema.maybe(
    schema.object({ notice: schema.string(), replacedBy: schema.maybe(stringList) })
  ),
  scope: schema.maybe(stringList),
});

export type ValidatedFeature = ReturnType<typeof kibanaFeature.validate>;
export type ValidatedPrivilege = NonNullable<ReturnType<typeof kibanaPrivilege.validate>>;
type AlertingEntries = ReadonlyArray<{
  readonly ruleTypeId: string;
  readonly consumers: readonly string[];
}>;

const notIn = (entries: readonly string[], known: readonly string[]): string[] =>
  entries.filter((entry) => !known.includes(entry));

/** Tracks what the feature declares and which of it the privileges grant. */
class GrantTracker {
  readonly unseenApps: Set<string>;
  readonly unseenCatalogue: Set<string>;
  readonly unseenManagement: Map<string, Set<string>>;
  readonly unseenRuleTypeIds: Set<string>;
  readonly unseenConsumers: Set<string>;
  readonly unseenCases: Set<string>;
  private readonly consumersByRuleType: Map<string, Set<string>>;

  constructor(private readonly feature: ValidatedFeature) {
    this.unseenApps = new Set(feature.app);
    this.unseenCatalogue = new Set(feature.catalogue ?? []);
    this.unseenManagement = new Map(
      Object.entries(feature.management ?? {}).map(([section, pages]) => [section, new Set(pages)])
    );
    const declared = feature.alerting ?? [];
    this.consumersByRuleType = new Map(
      declared.map(({ ruleTypeId, consumers }) => [ruleTypeId, new Set(consumers)])
    );
    this.unseenRuleTypeIds = new Set(this.consumersByRuleType.keys());
    this.unseenConsumers = new Set(declared.flatMap(({ consumers }) => consumers));
    this.unseenCases = new Set(feature.cases ?? []);
  }

  /** feature_schema.ts validate{App,Catalogue,Management,Alerting,Cases}Entry, in that order. */
  checkPrivilege(privilegeId: string, privilege: ValidatedPrivilege): void {
    const { id } = this.feature;
    const app = privilege.app ?? [];
    app.forEach((entry) => this.unseenApps.delete(entry));
    const unknownApps = notIn(app, this.feature.app);
    if (unknownApps.length > 0)
      throw new Error(
        `Feature privilege ${id}.${privilegeId} has unknown app entries: ${unknownApps.join(', ')}`
      );

    const catalogue = privilege.catalogue ?? [];
    catalogue.forEach((entry) => this.unseenCatalogue.delete(entry));
    const unknownCatalogue = notIn(catalogue, this.feature.catalogue ?? []);
    if (unknownCatalogue.length > 0) {
      throw new Error(
        `Feature privilege ${id}.${privilegeId} has unknown catalogue entries: ${unknownCatalogue.join(', ')}`
      );
    }

    this.checkManagement(privilegeId, privilege.management ?? {});
    this.checkAlerting(privilegeId, privilege.alerting);
    this.checkCases(privilegeId, privilege.cases);
  }

  private checkManagement(
    privilegeId: string,
    granted: Readonly<Record<string, readonly string[]>>
  ): void {
    const declared = this.feature.management ?? {};
    for (const [section, pages] of Object.entries(granted)) {
      const unseen = this.unseenManagement.get(section);
      pages.forEach((page) => {
        unseen?.delete(page);
        if (unseen?.size === 0) this.unseenManagement.delete(section);
      });
      const declaredPages = declared[section];
      if (declaredPages === undefined) {
        throw new Error(
          `Feature privilege ${this.feature.id}.${privilegeId} has unknown management section: ${section}`
        );
      }
      const unknownPages = notIn(pages, declaredPages);
      if (unknownPages.length > 0) {
        throw new Error(
          `Feature privilege ${this.feature.id}.${privilegeId} has unknown management entries for section ${section}: ${unknownPages.join(', ')}`
        );
      }
    }
  }

  private checkAlerting(privilegeId: string, granted: ValidatedPrivilege['alerting']): void {
    const seenRuleTypeIds = new Set<string>();
    const seenConsumers = new Set<string>();
    const checkEntries = (entries: AlertingEntries | undefined) => {
      for (const { ruleTypeId, consumers } of entries ?? []) {
        const declaredConsumers = this.consumersByRuleType.get(ruleTypeId);
        if (declaredConsumers === undefined) {
          throw new Error(
            `Feature privilege ${this.feature.id}.${privilegeId} has unknown ruleTypeId: ${ruleTypeId}`
          );
        }
        for (const consumer of consumers) {
          if (!declaredConsumers.has(consumer)) {
            throw new Error(
              `Feature privilege ${this.feature.id}.${privilegeId}.${ruleTypeId} has unknown consumer: ${consumer}`
            );
          }
          seenConsumers.add(consumer);
        }
        seenRuleTypeIds.add(ruleTypeId);
      }
    };
    Object.values(granted?.rule ?? {}).forEach(checkEntries);
    Object.values(granted?.alert ?? {}).forEach(checkEntries);
    seenRuleTypeIds.forEach((ruleTypeId) => this.unseenRuleTypeIds.delete(ruleTypeId));
    seenConsumers.forEach((consumer) => this.unseenConsumers.delete(consumer));
  }

  private checkCases(privilegeId: string, granted: ValidatedPrivilege['cases']): void {
    const entries = [...(granted?.all ?? []), ...(granted?.read ?? [])];
    entries.forEach((entry) => this.unseenCases.delete(entry));
    const unknownCases = notIn(entries, this.feature.cases ?? []);
    if (unknownCases.length > 0) {
      throw new Error(
        `Feature privilege ${this.feature.id}.${privilegeId} has unknown cases entries: ${unknownCases.join(', ')}`
      );
    }
  }

  /** feature_schema.ts: what the feature declares must be granted by some privilege (lists joined by ','). */
  assertEverythingGranted(): void {
    const { id } = this.feature;
    const ungranted = (what: string, entries: Iterable<string>) => {
      const list = [...entries];
      if (list.length > 0)
        throw new Error(
          `Feature ${id} specifies ${what} which are not granted to any privileges: ${list.join(',')}`
        );
    };
    ungranted('app entries', this.unseenApps);
    ungranted('catalogue entries', this.unseenCatalogue);
    ungranted(
      'management entries',
      [...this.unseenManagement].flatMap(([section, pages]) =>
        [...pages].map((page) => `${section}.${page}`)
      )
    );
    ungranted('alerting rule types', this.unseenRuleTypeIds);
    ungranted('alerting consumers', this.unseenConsumers);
    ungranted('cases entries', this.unseenCases);
  }
}

/** Refuses the parts of a feature this double does not model instead of waving them through. */
const refuseUnmodelled = (feature: unknown): void => {
  const record = (typeof feature === 'object' && feature !== null ? feature : {}) as Record<
    string,
    unknown
  >;
  for (const key of ['subFeatures', 'reserved']) {
    if (record[key] !== undefined)
      throw new Error(
        `the feature registry test double does not model "${key}"; extend it before registering such a feature`
      );
  }
};

/**
 * feature_schema.ts validateKibanaFeature: the schema, then the cross-checks, which (as in Kibana)
 * read the feature as given, not the schema's output.
 */
export const validateKibanaFeature = (feature: unknown): void => {
  refuseUnmodelled(feature);
  kibanaFeature.validate(feature);
  const checked = feature as ValidatedFeature;
  // features/common/kibana_feature.ts KibanaFeatureScope; the message is Kibana's (feature_registry.test.ts).
  const unknownScopes = notIn(checked.scope ?? [], FEATURE_SCOPES);
  if (unknownScopes.length > 0)
    throw new Error(`Feature ${checked.id} has unknown scope entries: ${unknownScopes.join(', ')}`);
  // `hidden` is only for reserved-privilege features, which this double refuses.
  if (checked.hidden) throw new Error(`Feature ${checked.id} cannot be hidden.`);

  const tracker = new GrantTracker(checked);
  const privileges = Object.entries(checked.privileges ?? {});
  if (privileges.length === 0) return;
  for (const [privilegeId, privilege] of privileges) {
    if (!privilege) throw new Error('Privilege definition may not be null or undefined');
    tracker.checkPrivilege(privilegeId, privilege);
  }
  tracker.assertEverythingGranted();
};

/** The config-schema type of a Kibana feature (exported for tests that probe single fields). */
export const KIBANA_FEATURE_SCHEMA: Type<ValidatedFeature> = kibanaFeature;
