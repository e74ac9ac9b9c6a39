/**
 * Alerts-as-data mappings of our rule type: the fields we write that neither the framework's alert
 * field map nor ECS (`useEcs`) already maps, and that the alerts page searches or sorts on. Other
 * payload fields (Defend's non-ECS `*.Ext` fields, the rule snapshot) stay in `_source` because
 * the mapping is registered with `dynamic: false` rather than `strict`.
 */
import type { FieldMap } from '@kbn/alerts-as-data-utils';
import * as F from '../../common/alerts/field_names';

const keyword = { type: 'keyword', required: false } as const;
const date = { type: 'date', required: false } as const;

export const NEW_TERMS_ALERT_FIELD_MAP: FieldMap = {
  [F.ALERT_NEW_TERMS]: { ...keyword, array: true },
  [F.ALERT_ORIGINAL_TIME]: date,
  [F.ALERT_RISK_SCORE]: { type: 'float', required: false },
  [F.ALERT_DEPTH]: { type: 'long', required: false },
  [F.ALERT_RULE_RULE_ID]: keyword,
  'kibana.alert.rule.severity': keyword,
  'kibana.alert.rule.risk_score': { type: 'float', required: false },
  'kibana.alert.rule.version': { type: 'long', required: false },
  [F.ALERT_ANCESTORS]: { type: 'object', required: false, array: true, enabled: false },
  [F.ALERT_RULE_THREAT]: { type: 'object', required: false, array: true, enabled: false },
  [`${F.ALERT_ORIGINAL_EVENT}.action`]: keyword,
  [`${F.ALERT_ORIGINAL_EVENT}.category`]: { ...keyword, array: true },
  [`${F.ALERT_ORIGINAL_EVENT}.dataset`]: keyword,
  [`${F.ALERT_ORIGINAL_EVENT}.id`]: keyword,
  [`${F.ALERT_ORIGINAL_EVENT}.ingested`]: date,
  [`${F.ALERT_ORIGINAL_EVENT}.kind`]: keyword,
  [`${F.ALERT_ORIGINAL_EVENT}.module`]: keyword,
  [`${F.ALERT_ORIGINAL_EVENT}.type`]: { ...keyword, array: true },
  [F.ALERT_TERM_FIRST_SEEN]: date,
  [F.ALERT_WINDOW_START]: date,
  [F.ALERT_WINDOW_END]: date,
  [F.ALERT_HISTORY_START]: date,
  [F.ALERT_NEW_TERMS_FIELDS]: { ...keyword, array: true },
};
