/**
 * Other alerts on the alert's host, container and user: for each of those fields the alert holds,
 * how many other alerts hold the same value and the newest of them.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import { ALERT_PIVOT_FIELDS, type RelatedAlerts } from '../../common/api/investigation_api';
import { getFieldValues } from '../../common/es/document_fields';
import type { AlertQueries } from '../stores/store_contract';

/** `alertId` is the alert's id as the store keys it (the route's), left out of every pivot. */
export const relatedAlerts = async (
  alertId: string,
  alert: AlertDocument,
  alerts: AlertQueries,
  size: number
): Promise<RelatedAlerts> => {
  const pivots: Array<RelatedAlerts['pivots'][number]> = [];
  for (const field of ALERT_PIVOT_FIELDS) {
    const [value] = getFieldValues(alert, field);
    if (typeof value !== 'string' || value.length === 0) continue;
    const found = await alerts.pivot({ field, value, excludeId: alertId, size });
    pivots.push({ field, value, total: found.total, alerts: found.alerts });
  }
  return { pivots };
};
