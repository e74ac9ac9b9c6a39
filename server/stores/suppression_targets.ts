/**
 * Picking suppression targets from stored alert documents, the same way for every store: for each
 * instance id the alert created at or after `since` with the latest `kibana.alert.start` (Kibana's
 * lookup sorts on it descending and collapses on the instance id). Callers pass alerts not closed.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import type { SuppressionTarget } from './store_contract';

const epochOf = (value: unknown): number =>
  typeof value === 'string' ? Date.parse(value) : Number.NaN;

export const newestSuppressionTargets = (
  alerts: readonly AlertDocument[],
  since: number
): Map<string, SuppressionTarget> => {
  const newest = new Map<string, { start: number; target: SuppressionTarget }>();
  for (const alert of alerts) {
    const instanceId = alert[F.ALERT_INSTANCE_ID];
    const start = epochOf(alert[F.ALERT_START]);
    if (typeof instanceId !== 'string' || !(start >= since)) continue;
    const current = newest.get(instanceId);
    if (current !== undefined && current.start >= start) continue;
    newest.set(instanceId, {
      start,
      target: {
        id: String(alert[F.ALERT_UUID]),
        instanceId,
        executionUuid: String(alert[F.ALERT_RULE_EXECUTION_UUID]),
        suppressionStart: epochOf(alert[F.ALERT_SUPPRESSION_START]),
        suppressionEnd: epochOf(alert[F.ALERT_SUPPRESSION_END]),
        docsCount: Number(alert[F.ALERT_SUPPRESSION_DOCS_COUNT] ?? 0),
      },
    });
  }
  return new Map([...newest].map(([instanceId, { target }]) => [instanceId, target]));
};
