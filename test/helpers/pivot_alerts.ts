/**
 * Alerts for the pivot tests of both alert stores: two hosts, two containers, a user written
 * nested and under its dotted name, ties on `@timestamp` broken by id, and alerts without some
 * of the fields.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import type { AlertPivotRequest, AlertQueries } from '../../server/stores/store_contract';

const BASE = Date.parse('2025-03-12T12:00:00.000Z');
const MINUTE = 60_000;

const pivotAlert = (
  id: string,
  minute: number,
  fields: Record<string, unknown>
): AlertDocument => ({
  '@timestamp': new Date(BASE + minute * MINUTE).toISOString(),
  [F.ALERT_UUID]: id,
  [F.ALERT_RULE_UUID]: 'uuid-a',
  [F.ALERT_RULE_RULE_ID]: 'prebuilt-a',
  [F.ALERT_RULE_NAME]: 'Rule A',
  [F.ALERT_SEVERITY]: 'medium',
  [F.ALERT_RISK_SCORE]: 47,
  [F.ALERT_ORIGINAL_TIME]: new Date(BASE + minute * MINUTE - 30_000).toISOString(),
  [F.ALERT_NEW_TERMS]: [`term-${id}`],
  [F.ALERT_WORKFLOW_STATUS]: 'open',
  ...fields,
});

export const PIVOT_ALERTS: readonly AlertDocument[] = [
  pivotAlert('p1', 0, { host: { name: 'n1' }, container: { id: 'c1' }, user: { name: 'root' } }),
  pivotAlert('p2', 2, { host: { name: 'n1' }, container: { id: 'c2' }, 'user.name': 'root' }),
  pivotAlert('p3', 1, { host: { name: 'n2' }, container: { id: 'c1' }, user: { name: 'alice' } }),
  pivotAlert('p4', 2, { host: { name: 'n1' } }),
  pivotAlert('p5', 3, { host: { name: 'N1' }, user: { name: 'Root' } }),
];

/** Each pivot from p1 (and one from a value nobody else has): the total and the ids returned. */
export const PIVOT_CASES: ReadonlyArray<{
  readonly request: AlertPivotRequest;
  readonly total: number;
  readonly ids: readonly string[];
}> = [
  {
    request: { field: 'host.name', value: 'n1', excludeId: 'p1', size: 5 },
    total: 2,
    ids: ['p2', 'p4'],
  },
  { request: { field: 'host.name', value: 'n1', excludeId: 'p1', size: 1 }, total: 2, ids: ['p2'] },
  { request: { field: 'host.name', value: 'n1', excludeId: 'p1', size: 0 }, total: 2, ids: [] },
  {
    request: { field: 'container.id', value: 'c1', excludeId: 'p1', size: 5 },
    total: 1,
    ids: ['p3'],
  },
  {
    request: { field: 'user.name', value: 'root', excludeId: 'p1', size: 5 },
    total: 1,
    ids: ['p2'],
  },
  { request: { field: 'user.name', value: 'alice', excludeId: 'p3', size: 5 }, total: 0, ids: [] },
  {
    request: { field: 'host.name', value: 'n1', excludeId: 'none', size: 5 },
    total: 3,
    ids: ['p2', 'p4', 'p1'],
  },
];

/** The total and ids a store answers for a case. */
export const pivotAnswer = async (
  queries: AlertQueries,
  request: AlertPivotRequest
): Promise<{ total: number; ids: string[] }> => {
  const found = await queries.pivot(request);
  return { total: found.total, ids: found.alerts.map((alert) => String(alert[F.ALERT_UUID])) };
};
