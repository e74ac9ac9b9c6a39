/**
 * Filter in / out from the investigation page: back to the alerts list the user came from (its
 * query, pills, range and other filters), with the value added as a pill and the first page shown.
 */
import { alertsPath } from '../../navigation';
import { viewFromQuery, viewToQuery } from '../alerts/alerts_view_state';
import { withPill, type AlertPill } from '../alerts/query/alert_pills';

export const alertsPathWithPill = (
  listQuery: Readonly<Record<string, string>>,
  pill: AlertPill
): string => {
  const view = viewFromQuery(listQuery);
  return alertsPath(viewToQuery({ ...view, pills: withPill(view.pills, pill), page: 0 }));
};
