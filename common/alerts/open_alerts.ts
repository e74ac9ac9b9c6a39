/**
 * The alerts an analyst still has to look at, as the alerts page opens on them: open and
 * acknowledged alerts raised in the last 30 days. The rules list counts exactly these, so the
 * number it shows is the number of alerts its link opens.
 */
import { parseDateMath } from '../rules/date_math';
import type { WorkflowStatus } from './workflow_status';

export const OPEN_ALERT_STATUSES: readonly WorkflowStatus[] = ['open', 'acknowledged'];
/** Date math for the start of the alerts page's default range (it ends `now`). */
export const OPEN_ALERTS_FROM = 'now-30d';

export interface OpenAlertsFilter {
  readonly statuses: readonly WorkflowStatus[];
  /** On the alert's `@timestamp`, inclusive, epoch ms. */
  readonly range: { readonly from: number; readonly to: number };
}

export const openAlertsFilter = (now: Date): OpenAlertsFilter => {
  const from = parseDateMath(OPEN_ALERTS_FROM, now);
  if (!from.ok) throw new Error(`OPEN_ALERTS_FROM is not date math: ${from.error}`);
  return {
    statuses: OPEN_ALERT_STATUSES,
    range: { from: from.value.getTime(), to: now.getTime() },
  };
};
