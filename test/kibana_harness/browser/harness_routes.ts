/**
 * Routes of the apps core's double registers itself (paths without the server base path). Kibana's
 * Stack Management → Rules is the `management` app's `insightsAndAlerting/triggersActions` section
 * (x-pack/platform/plugins/shared/triggers_actions_ui/public/plugin.ts registers it); the rule
 * form's create page below it is the harness's own shape of that URL.
 */
export const MANAGEMENT_APP_ID = 'management';
export const MANAGEMENT_APP_ROUTE = `/app/${MANAGEMENT_APP_ID}`;
const RULE_CREATE_SECTION = '/insightsAndAlerting/triggersActions/rules/create/';

/** Path inside the management app of the rule form creating a rule of `ruleTypeId`. */
export const ruleCreatePath = (ruleTypeId: string): string =>
  `${RULE_CREATE_SECTION}${encodeURIComponent(ruleTypeId)}`;

/** The rule type id of a management-app path, when it is the rule form's create page. */
export const ruleTypeIdOfPath = (pathname: string): string | undefined =>
  pathname.startsWith(RULE_CREATE_SECTION)
    ? decodeURIComponent(pathname.slice(RULE_CREATE_SECTION.length))
    : undefined;
