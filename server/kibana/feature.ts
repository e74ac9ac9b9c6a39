/**
 * The Kibana feature behind the plugin's privileges: `all` opens the app, the write API and full
 * rule and alert access for our rule type; `read` opens the app, the read API and read-only rule
 * and alert access. Roles grant one or the other per space. 9.x shape (alerting entries are
 * `{ ruleTypeId, consumers }`; 8.x took plain rule type id arrays, see docs/kibana.md).
 */
import type { KibanaFeatureConfig } from '@kbn/features-plugin/server';
import { API_PRIVILEGES } from '../routes/api_types';
import { APP_ID, FEATURE_ID, NEW_TERMS_RULE_TYPE_ID, PLUGIN_NAME, RULE_CONSUMER, SECURITY_APP_CATEGORY } from './constants';

const OUR_RULE_TYPE = [{ ruleTypeId: NEW_TERMS_RULE_TYPE_ID, consumers: [RULE_CONSUMER, 'alerts'] }] as const;

export const CONTAINER_THREAT_DETECTION_FEATURE: KibanaFeatureConfig = {
  id: FEATURE_ID,
  name: PLUGIN_NAME,
  category: SECURITY_APP_CATEGORY,
  app: [APP_ID],
  alerting: OUR_RULE_TYPE,
  privileges: {
    all: {
      app: [APP_ID],
      api: [API_PRIVILEGES.all, API_PRIVILEGES.read],
      savedObject: { all: [], read: [] },
      ui: ['show', 'crud'],
      alerting: { rule: { all: OUR_RULE_TYPE }, alert: { all: OUR_RULE_TYPE } },
    },
    read: {
      app: [APP_ID],
      api: [API_PRIVILEGES.read],
      savedObject: { all: [], read: [] },
      ui: ['show'],
      alerting: { rule: { read: OUR_RULE_TYPE }, alert: { read: OUR_RULE_TYPE } },
    },
  },
};
