/** The routes of the plugin's HTTP API: those Kibana and the standalone server both mount, and the standalone server's own. */
import { ALERT_ANNOTATION_ROUTES } from './alert_annotation_routes';
import { ALERTS_ROUTES } from './alerts_routes';
import type { ApiRoute } from './api_types';
import { EXCEPTION_ROUTES } from './exception_routes';
import { RULE_EDITING_ROUTES } from './rule_editing_routes';
import { RULES_ROUTES } from './rules_routes';

/** Mounted by Kibana and by the standalone server. */
export const API_ROUTES: readonly ApiRoute[] = [
  ...RULES_ROUTES,
  ...ALERTS_ROUTES,
  ...ALERT_ANNOTATION_ROUTES,
];

/** The standalone server's: the shared routes and those that write its rules and exceptions. */
export const STANDALONE_API_ROUTES: readonly ApiRoute[] = [
  ...API_ROUTES,
  ...RULE_EDITING_ROUTES,
  ...EXCEPTION_ROUTES,
];
