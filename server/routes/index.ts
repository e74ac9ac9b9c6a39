/** Every route of the plugin's HTTP API, mounted as they are by Kibana and by the standalone server. */
import { ALERTS_ROUTES } from './alerts_routes';
import type { ApiRoute } from './api_types';
import { RULES_ROUTES } from './rules_routes';

export const API_ROUTES: readonly ApiRoute[] = [...RULES_ROUTES, ...ALERTS_ROUTES];
