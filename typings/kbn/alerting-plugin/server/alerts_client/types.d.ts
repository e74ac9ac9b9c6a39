/**
 * `@kbn/alerting-plugin/server/alerts_client/types` (Kibana:
 * x-pack/platform/plugins/shared/alerting/server/alerts_client/types.ts): the alerts client
 * types, which the package index does not re-export; Kibana's own rule types import them from here.
 */
export type {
  PublicAlertsClient,
  ReportedAlert,
  ReportedAlertData,
  UpdateableAlert,
} from '../../declarations';
