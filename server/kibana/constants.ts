/** Identifiers of the Kibana plugin: one place, so manifests, feature, rule type and routes agree. */
export { NEW_TERMS_RULE_TYPE_ID } from '../new_terms/build_alert';

/** Plugin id (kibana.json `id`, camelCase) and the app and feature it registers. */
export const PLUGIN_ID = 'containerThreatDetection';
export const PLUGIN_NAME = 'Container Threat Detection';
/** The app's id and route: /app/containerThreatDetection. */
export const APP_ID = PLUGIN_ID;
export const FEATURE_ID = PLUGIN_ID;

/** Alerts-as-data context: alerts are written to `.alerts-<context>.alerts-<space>`. */
export const ALERTS_CONTEXT = 'container-threat-detection';
export const alertsIndexAlias = (spaceId: string): string =>
  `.alerts-${ALERTS_CONTEXT}.alerts-${spaceId}`;

/** Kibana's `DEFAULT_APP_CATEGORIES.security` (its id is what rule types and features carry). */
export const SECURITY_APP_CATEGORY = {
  id: 'securitySolution',
  label: 'Security',
  order: 3000,
  euiIconType: 'logoSecurity',
} as const;

/** Consumer of the rules we create: our own feature, which grants our rule type. */
export const RULE_CONSUMER = FEATURE_ID;
