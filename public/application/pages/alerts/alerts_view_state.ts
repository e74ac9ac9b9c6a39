/**
 * Everything that decides what the alerts page shows — filters, time range, page and sort — kept in
 * the URL query so a view can be bookmarked and shared. Keys: `rule_id`, `status`, `severity`
 * (comma lists), `from` / `to` (date math or ISO 8601), `page` (1-based), `per_page`, `sort_field`,
 * `sort_order`, `group_by` (a field of ALERT_GROUP_FIELDS; absent: not grouped), `stack_by` (the
 * histogram's stack, `rule` or `severity`; absent: not stacked), `query` (KQL) and `filters` (the
 * filter pills, a JSON list). Defaults are left out of the URL; an absent `status` means open and acknowledged,
 * an empty one means every status. Unknown or invalid values fall back to the defaults, and the
 * page says which it ignored (`urlProblems`); a range that ends before it starts is not searched.
 */
import { formatRuleIdList, parseRuleIdList } from '../../../../common/api/rule_id_list';
import type { AlertFilters, AlertSearch, AlertSortField } from '../../api_client';
import {
  ALERT_GROUP_FIELDS,
  ALERT_HISTOGRAM_STACKS,
  ALERT_SORT_FIELDS,
  isAlertGroupField,
  isAlertHistogramStack,
  type AlertGroupField,
  type AlertHistogramStack,
} from '../../../../common/api/alerts_api';
import {
  WORKFLOW_STATUSES,
  isWorkflowStatus,
  type WorkflowStatus,
} from '../../../../common/alerts/workflow_status';
import { parseDateMath } from '../../../../common/rules/date_math';
import { OPEN_ALERTS_FROM, OPEN_ALERT_STATUSES } from '../../../../common/alerts/open_alerts';
import { RULE_SEVERITIES, type RuleSeverity } from '../../../../common/rules/rule_schema';
import { combinedQuery, formatPills, parsePills, type AlertPill } from './query/alert_pills';

export const PAGE_SIZE_OPTIONS: readonly number[] = [10, 25, 50, 100];
const MAX_PER_PAGE = 100;

export interface AlertsViewState {
  readonly ruleIds: readonly string[];
  readonly statuses: readonly WorkflowStatus[];
  readonly severities: readonly RuleSeverity[];
  /** Date math (`now-30d`) or ISO 8601, as the date picker gives it. */
  readonly from: string;
  readonly to: string;
  /** 0-based. */
  readonly page: number;
  readonly perPage: number;
  readonly sortField: AlertSortField;
  readonly sortOrder: 'asc' | 'desc';
  /** Group alerts by this field; undefined: one table of every alert. */
  readonly groupBy?: AlertGroupField;
  /** Stack the histogram's bars by this; undefined: not stacked. */
  readonly stackBy?: AlertHistogramStack;
  /** KQL typed in the search bar, as submitted. */
  readonly query: string;
  /** Filter pills, combined with the query by AND. */
  readonly pills: readonly AlertPill[];
}

export const DEFAULT_VIEW: AlertsViewState = {
  ruleIds: [],
  statuses: OPEN_ALERT_STATUSES,
  severities: [],
  from: OPEN_ALERTS_FROM,
  to: 'now',
  page: 0,
  perPage: 25,
  sortField: 'original_time',
  sortOrder: 'desc',
  query: '',
  pills: [],
};

const isSeverity = (value: string): value is RuleSeverity =>
  (RULE_SEVERITIES as readonly string[]).includes(value);
const isSortField = (value: string): value is AlertSortField =>
  (ALERT_SORT_FIELDS as readonly string[]).includes(value);

const listOf = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

const isValidTime = (value: string): boolean => parseDateMath(value, new Date()).ok;
const isSortOrder = (value: string): value is 'asc' | 'desc' => value === 'asc' || value === 'desc';

const validTime = (value: string | undefined, fallback: string): string =>
  value !== undefined && isValidTime(value) ? value : fallback;

const positiveInt = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return parsed >= 1 ? parsed : undefined;
};

export const viewFromQuery = (query: Readonly<Record<string, string>>): AlertsViewState => {
  const perPage = positiveInt(query.per_page);
  const page = positiveInt(query.page);
  const sortField = query.sort_field;
  return {
    ruleIds:
      query.rule_id === undefined ? DEFAULT_VIEW.ruleIds : unique(parseRuleIdList(query.rule_id)),
    statuses:
      query.status === undefined
        ? DEFAULT_VIEW.statuses
        : unique(listOf(query.status).filter(isWorkflowStatus)),
    severities:
      query.severity === undefined
        ? DEFAULT_VIEW.severities
        : unique(listOf(query.severity).filter(isSeverity)),
    from: validTime(query.from, DEFAULT_VIEW.from),
    to: validTime(query.to, DEFAULT_VIEW.to),
    page: page === undefined ? DEFAULT_VIEW.page : page - 1,
    perPage: perPage === undefined ? DEFAULT_VIEW.perPage : Math.min(perPage, MAX_PER_PAGE),
    sortField:
      sortField !== undefined && isSortField(sortField) ? sortField : DEFAULT_VIEW.sortField,
    sortOrder:
      query.sort_order !== undefined && isSortOrder(query.sort_order)
        ? query.sort_order
        : DEFAULT_VIEW.sortOrder,
    ...(query.group_by !== undefined && isAlertGroupField(query.group_by)
      ? { groupBy: query.group_by }
      : {}),
    ...(query.stack_by !== undefined && isAlertHistogramStack(query.stack_by)
      ? { stackBy: query.stack_by }
      : {}),
    query: query.query ?? DEFAULT_VIEW.query,
    pills:
      query.filters === undefined
        ? DEFAULT_VIEW.pills
        : (parsePills(query.filters) ?? DEFAULT_VIEW.pills),
  };
};

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value, i) => value === b[i]);

/** The URL query for a view, without the keys that hold their default. */
export const viewToQuery = (view: AlertsViewState): Record<string, string> => {
  const query: Record<string, string> = {};
  if (view.ruleIds.length > 0) query.rule_id = formatRuleIdList(view.ruleIds);
  if (!sameList(view.statuses, DEFAULT_VIEW.statuses)) query.status = view.statuses.join(',');
  if (view.severities.length > 0) query.severity = view.severities.join(',');
  if (view.from !== DEFAULT_VIEW.from) query.from = view.from;
  if (view.to !== DEFAULT_VIEW.to) query.to = view.to;
  if (view.page !== DEFAULT_VIEW.page) query.page = String(view.page + 1);
  if (view.perPage !== DEFAULT_VIEW.perPage) query.per_page = String(view.perPage);
  if (view.sortField !== DEFAULT_VIEW.sortField) query.sort_field = view.sortField;
  if (view.sortOrder !== DEFAULT_VIEW.sortOrder) query.sort_order = view.sortOrder;
  if (view.groupBy !== undefined) query.group_by = view.groupBy;
  if (view.stackBy !== undefined) query.stack_by = view.stackBy;
  if (view.query !== DEFAULT_VIEW.query) query.query = view.query;
  if (view.pills.length > 0) query.filters = formatPills(view.pills);
  return query;
};

/** A stable key of a view (its URL query), for comparing views and as a hook dependency. */
export const viewKey = (view: AlertsViewState): string =>
  new URLSearchParams(viewToQuery(view)).toString();

export interface ResolvedRange {
  readonly from: number;
  readonly to: number;
}

/** The picker's range as epoch ms at `now` (`to` rounds up, as Kibana does); defaults when unparsable. */
export const resolveRange = (
  view: Pick<AlertsViewState, 'from' | 'to'>,
  now: Date
): ResolvedRange => {
  const from = parseDateMath(view.from, now);
  const to = parseDateMath(view.to, now, true);
  const fallbackFrom = parseDateMath(DEFAULT_VIEW.from, now);
  const fromMs = from.ok
    ? from.value.getTime()
    : fallbackFrom.ok
      ? fallbackFrom.value.getTime()
      : now.getTime();
  const toMs = to.ok ? to.value.getTime() : now.getTime();
  return fromMs <= toMs ? { from: fromMs, to: toMs } : { from: toMs, to: fromMs };
};

/** The view over an absolute range (a brush on the histogram), as the date picker gives one. */
export const zoomedTo = (view: AlertsViewState, range: ResolvedRange): AlertsViewState => ({
  ...view,
  from: new Date(range.from).toISOString(),
  to: new Date(range.to).toISOString(),
  page: 0,
});

export const filtersOf = (view: AlertsViewState, range: ResolvedRange): AlertFilters => ({
  query: combinedQuery(view.query, view.pills),
  ruleIds: view.ruleIds,
  statuses: view.statuses,
  severities: view.severities,
  from: range.from,
  to: range.to,
});

export const searchOf = (view: AlertsViewState, range: ResolvedRange): AlertSearch => ({
  ...filtersOf(view, range),
  page: view.page,
  perPage: view.perPage,
  sortField: view.sortField,
  sortOrder: view.sortOrder,
});

/** What the page ignored or refuses in its URL query, each in words the user can act on. */
export interface UrlProblems {
  /** Values the page dropped and shows the default for instead. */
  readonly ignored: readonly string[];
  /** Set when the range ends before it starts: nothing is searched until it is fixed. */
  readonly invalidRange?: string;
}

const quote = (value: string): string => `"${value}"`;

const ignoredListValues = (
  parameter: string,
  value: string | undefined,
  isKnown: (item: string) => boolean,
  known: readonly string[]
): string[] => {
  if (value === undefined) return [];
  const unknown = listOf(value).filter((item) => !isKnown(item));
  return unknown.length === 0
    ? []
    : [
        `${parameter}: ${unknown.map(quote).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one of ${known.join(', ')}`,
      ];
};

const ignoredValue = (
  parameter: string,
  value: string | undefined,
  accepted: (item: string) => boolean,
  expected: string
): string[] =>
  value === undefined || accepted(value)
    ? []
    : [`${parameter}: ${quote(value)} is not ${expected}`];

/** The query's values the view could not use, and a range whose end is before its start. */
export const urlProblems = (query: Readonly<Record<string, string>>, now: Date): UrlProblems => {
  const ignored = [
    ...ignoredListValues('status', query.status, isWorkflowStatus, WORKFLOW_STATUSES),
    ...ignoredListValues('severity', query.severity, isSeverity, RULE_SEVERITIES),
    ...ignoredValue('from', query.from, isValidTime, 'a date or date math such as now-7d'),
    ...ignoredValue('to', query.to, isValidTime, 'a date or date math such as now'),
    ...ignoredValue('page', query.page, (v) => positiveInt(v) !== undefined, 'a page number'),
    ...ignoredValue(
      'per_page',
      query.per_page,
      (v) => (positiveInt(v) ?? MAX_PER_PAGE + 1) <= MAX_PER_PAGE,
      `a number from 1 to ${MAX_PER_PAGE}`
    ),
    ...ignoredValue(
      'sort_field',
      query.sort_field,
      isSortField,
      `one of ${ALERT_SORT_FIELDS.join(', ')}`
    ),
    ...ignoredValue('sort_order', query.sort_order, isSortOrder, 'asc or desc'),
    ...ignoredValue(
      'group_by',
      query.group_by,
      isAlertGroupField,
      `one of ${ALERT_GROUP_FIELDS.join(', ')}`
    ),
    ...ignoredValue(
      'stack_by',
      query.stack_by,
      isAlertHistogramStack,
      `one of ${ALERT_HISTOGRAM_STACKS.join(', ')}`
    ),
    ...ignoredValue(
      'filters',
      query.filters,
      (v) => parsePills(v) !== undefined,
      'a list of filters'
    ),
  ];
  const view = viewFromQuery(query);
  const from = parseDateMath(view.from, now);
  const to = parseDateMath(view.to, now, true);
  const reversed = from.ok && to.ok && from.value.getTime() > to.value.getTime();
  return {
    ignored,
    ...(reversed
      ? {
          invalidRange: `The time range starts (${view.from}) after it ends (${view.to}). Choose a start before the end.`,
        }
      : {}),
  };
};
