/**
 * The Kibana feature behind the plugin's privileges: `all` opens the app, the write API and full
 * rule and alert access for our rule type; `read` opens the app, the read API and read-only rule
 * and alert access. Roles grant one or the other per space. 9.x shape (alerting entries are
 * `{ ruleTypeId, consumers }`; 8.x took plain rule type id arrays, see docs/kibana.md).
 */
import type { KibanaFeatureScope } from '@kbn/features-plugin/common';
import type { KibanaFeatureConfig } from '@kbn/features-plugin/server';
import { API_PRIVILEGES } from '../routes/api_types';
import {
  APP_ID,
  FEATURE_ID,
  NEW_TERMS_RULE_TYPE_ID,
  PLUGIN_NAME,
  RULE_CONSUMER,
  SECURITY_APP_CATEGORY,
} from './constants';

const OUR_RULE_TYPE = [
  { ruleTypeId: NEW_TERMS_RULE_TYPE_ID, consumers: [RULE_CONSUMER, 'alerts'] },
] as const;

/**
 * Offered in the role editor and in each space's feature visibility (KibanaFeatureScope's values;
 * the enum itself is a runtime import Kibana resolves only inside its own tree).
 */
const SCOPE = ['spaces', 'security'] as KibanaFeatureScope[];

/**
 * The lists plugin's saved object types (exception-list: one space's lists; -agnostic: every
 * space's). A rule runs with its last editor's API key, and reads its exception lists through
 * that user's saved objects client; granting read here lets a user with only this feature run
 * rules that name exception lists. Editing lists stays with Security's privileges.
 */
const EXCEPTION_LIST_SAVED_OBJECT_TYPES = ['exception-list', 'exception-list-agnostic'];

/** Stack Management → Rules, where rules of our type are created and edited (as Kibana's own rule-type features grant it). */
const RULES_MANAGEMENT = { insightsAndAlerting: ['triggersActions'] } as const;

export const CONTAINER_THREAT_DETECTION_FEATURE: KibanaFeatureConfig = {
  id: FEATURE_ID,
  name: PLUGIN_NAME,
  category: SECURITY_APP_CATEGORY,
  scope: SCOPE,
  app: [APP_ID],
  management: RULES_MANAGEMENT,
  alerting: OUR_RULE_TYPE,
  privileges: {
    all: {
      app: [APP_ID],
      api: [API_PRIVILEGES.all, API_PRIVILEGES.read],
      savedObject: { all: [], read: EXCEPTION_LIST_SAVED_OBJECT_TYPES },
      ui: ['show', 'crud'],
      management: RULES_MANAGEMENT,
      alerting: { rule: { all: OUR_RULE_TYPE }, alert: { all: OUR_RULE_TYPE } },
    },
    read: {
      app: [APP_ID],
      api: [API_PRIVILEGES.read],
      savedObject: { all: [], read: EXCEPTION_LIST_SAVED_OBJECT_TYPES },
      ui: ['show'],
      management: RULES_MANAGEMENT,
      alerting: { rule: { read: OUR_RULE_TYPE }, alert: { read: OUR_RULE_TYPE } },
    },
  },
};
