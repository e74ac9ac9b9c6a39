/**
 * What an alert's container did around it — or, without a container, its session, or its host:
 * the events of that scope from T − window to T + window, T being the alert's original time, one
 * page at a time in either order. The investigation page opens on the first page of the default
 * window; `GET …/alerts/{id}/_activity` serves the others.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import * as F from '../../common/alerts/field_names';
import type { SortOrder } from '../../common/api/alerts_api';
import {
  ACTIVITY_SCOPE_FIELDS,
  DEFAULT_ACTIVITY_PER_PAGE,
  DEFAULT_ACTIVITY_WINDOW,
  type ActivityScopeField,
  type AlertActivity,
} from '../../common/api/investigation_api';
import { MAX_INSTANT_MS } from '../../common/api/request_bounds';
import { getFieldValues } from '../../common/es/document_fields';
import type { KqlNode } from '../../common/kql/ast';
import { parseDuration } from '../../common/rules/date_math';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { timestampSpecFor } from '../new_terms/run_new_terms_rule';
import type { EventLookups } from '../stores/store_contract';

export interface ActivityRequest {
  /** A duration such as `30m` (the route checks it). */
  readonly window: string;
  readonly page: number;
  readonly perPage: number;
  readonly sortOrder: SortOrder;
}

/** The investigation response's first page: ±30 minutes, oldest first. */
export const DEFAULT_ACTIVITY_REQUEST: ActivityRequest = {
  window: DEFAULT_ACTIVITY_WINDOW,
  page: 0,
  perPage: DEFAULT_ACTIVITY_PER_PAGE,
  sortOrder: 'asc',
};

const text = (doc: AlertDocument, field: string): string | null => {
  const value = getFieldValues(doc, field)[0];
  return typeof value === 'string' ? value : null;
};

/** `field:"value"` as a tree, so the value never passes through KQL text. */
export const exactly = (field: string, value: string): KqlNode => ({
  type: 'is',
  field: { kind: 'literal', value: field, quoted: false },
  value: { kind: 'literal', value, quoted: true },
});

/** The first scope field the alert holds, with its value. */
export const activityScope = (
  alert: AlertDocument
): { readonly field: ActivityScopeField; readonly value: string } | null => {
  for (const field of ACTIVITY_SCOPE_FIELDS) {
    const value = text(alert, field);
    if (value !== null && value.length > 0) return { field, value };
  }
  return null;
};

/** ISO text of an instant; empty when no `Date` holds it (an alert time near the end of the range). */
const isoOrEmpty = (ms: number): string =>
  Number.isFinite(ms) && Math.abs(ms) <= MAX_INSTANT_MS ? new Date(ms).toISOString() : '';

const windowMs = (window: string): number => {
  const parsed = parseDuration(window);
  if (!parsed.ok) throw new RangeError(parsed.error);
  return parsed.value;
};

export const alertActivity = async (
  alert: AlertDocument,
  rule: NewTermsRuleDefinition | null,
  events: EventLookups,
  request: ActivityRequest = DEFAULT_ACTIVITY_REQUEST
): Promise<AlertActivity> => {
  const halfWidth = windowMs(request.window);
  const center = Date.parse(text(alert, F.ALERT_ORIGINAL_TIME) ?? text(alert, '@timestamp') ?? '');
  const range = { from: center - halfWidth, to: center + halfWidth };
  const scope = activityScope(alert);
  const page = {
    window: request.window,
    window_ms: halfWidth,
    from: isoOrEmpty(range.from),
    to: isoOrEmpty(range.to),
    page: request.page,
    per_page: request.perPage,
    sort_order: request.sortOrder,
  };
  if (scope === null || rule === null || page.from === '' || page.to === '')
    return { field: null, value: null, ...page, total: 0, events: [] };
  const found = await events.searchEvents({
    index: rule.index,
    query: exactly(scope.field, scope.value),
    range,
    timestamp: timestampSpecFor(rule),
    size: request.perPage,
    offset: request.page * request.perPage,
    sortOrder: request.sortOrder,
  });
  return { ...scope, ...page, total: found.total, events: found.events };
};
