/** Routes of alert triage: search, histogram, groups, status changes, and one alert for the investigation page. */
import { z } from 'zod';
import { CLOSING_REASONS, WORKFLOW_STATUSES } from '../../common/alerts/workflow_status';
import { DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE } from '../../common/api/request_bounds';
import { RULE_SEVERITIES } from '../../common/rules/rule_schema';
import {
  ALERT_GROUP_FIELDS,
  ALERT_HISTOGRAM_STACKS,
  ALERT_SORT_FIELDS,
  type AlertGroupField,
  type AlertGroupsPage,
  type AlertHistogram,
  type AlertsPage,
} from '../../common/api/alerts_api';
import { suggestedAlertFields } from '../alerts/alert_field_names';
import { GROUP_VALUE_IGNORE_ABOVE } from '../alerts/alert_groups';
import { hasLoneSurrogate } from '../unicode_text';
import type { AlertFilter, AlertQueries } from '../stores/store_contract';
import type { TimeRange } from '../new_terms/types';
import { API_BASE_PATH, badRequest, defineRoute, notFound, ok, type ApiRoute } from './api_types';
import { alertActivity } from '../alerts/alert_activity';
import { alertQueryProblem, isAlertQuery } from '../alerts/alert_query';
import { buildInvestigation, ruleOf } from '../alerts/investigation';
import { relatedAlerts } from '../alerts/related_alerts';
import { termPrevalence } from '../alerts/term_prevalence';
import {
  DEFAULT_ACTIVITY_PER_PAGE,
  DEFAULT_ACTIVITY_WINDOW,
  DEFAULT_RELATED_ALERTS_SIZE,
  MAX_ACTIVITY_DEPTH,
  MAX_ACTIVITY_PER_PAGE,
  MAX_RELATED_ALERTS_SIZE,
} from '../../common/api/investigation_api';
import { parseRuleIdList } from '../../common/api/rule_id_list';
import {
  alertId,
  commaList,
  duration,
  histogramInterval,
  instant,
  ruleIdProblem,
  wholeNumber,
} from './request_values';

export { DEFAULT_PER_PAGE, MAX_PER_PAGE } from '../../common/api/request_bounds';
/** Histogram buckets are capped so a wide range with a tiny interval cannot flood the browser. */
export const MAX_HISTOGRAM_BUCKETS = 2_000;
const HOUR_MS = 3_600_000;

/** rule_ids, comma-separated (common/api/rule_id_list.ts): any text, as Kibana's rule_id. */
const ruleIdList = z.string().transform((value, ctx): string[] => {
  const ids = parseRuleIdList(value);
  const problem = ids
    .map((id) => ruleIdProblem('rule_id', id))
    .find((found) => found !== undefined);
  if (problem === undefined) return ids;
  ctx.addIssue({ code: 'custom', message: problem });
  return z.NEVER;
});

/**
 * KQL over the alert documents. A query that does not parse, or that Elasticsearch would refuse
 * for the alerts index's field types, is a 400 with the parser's message and position.
 */
const alertQuery = z
  .string({ error: 'query must be text (KQL)' })
  .refine((value) => !hasLoneSurrogate(value), {
    error: 'query must be well-formed Unicode text (it holds a lone surrogate)',
  })
  .transform((value, ctx): string => {
    const problem = alertQueryProblem(value);
    if (problem === undefined) return value;
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  });

const filterFields = {
  query: alertQuery.optional(),
  rule_id: ruleIdList.optional(),
  status: commaList(WORKFLOW_STATUSES, 'status').optional(),
  severity: commaList(RULE_SEVERITIES, 'severity').optional(),
  from: instant('from').optional(),
  to: instant('to').optional(),
};

interface FilterInput {
  query?: string;
  rule_id?: string[];
  status?: AlertFilter['statuses'];
  severity?: string[];
  from?: number;
  to?: number;
}

const toFilter = (input: FilterInput): AlertFilter => ({
  ...(isAlertQuery(input.query) ? { query: input.query } : {}),
  ...(input.rule_id ? { ruleIds: input.rule_id } : {}),
  ...(input.status ? { statuses: input.status } : {}),
  ...(input.severity ? { severities: input.severity } : {}),
  ...(input.from !== undefined || input.to !== undefined
    ? { range: { from: input.from, to: input.to } }
    : {}),
});

const groupBy = z.enum(ALERT_GROUP_FIELDS, {
  error: `group_by must be one of ${ALERT_GROUP_FIELDS.join(', ')}`,
});

/** A group's value: any keyword a group can hold (alert_groups.ts), well-formed text. */
const groupValue = z
  .string({ error: 'group_value must be text' })
  .max(GROUP_VALUE_IGNORE_ABOVE, {
    error: `group_value is at most ${GROUP_VALUE_IGNORE_ABOVE} characters (longer values are not grouped)`,
  })
  .refine((value) => !hasLoneSurrogate(value), {
    error: 'group_value must be well-formed Unicode text (it holds a lone surrogate)',
  });

/** One group of a grouping: `group_by` with either `group_value` or `group_missing=true`. */
const groupFields = {
  group_by: groupBy.optional(),
  group_value: groupValue.optional(),
  group_missing: z.literal('true', { error: 'group_missing must be true' }).optional(),
};

interface GroupInput {
  group_by?: AlertGroupField;
  group_value?: string;
  group_missing?: 'true';
}

const groupProblems = (input: GroupInput, ctx: z.RefinementCtx): void => {
  const chosen = (input.group_value !== undefined ? 1 : 0) + (input.group_missing ? 1 : 0);
  if (input.group_by !== undefined && chosen !== 1)
    ctx.addIssue({
      code: 'custom',
      path: [chosen === 0 ? 'group_value' : 'group_missing'],
      message: 'group_by takes either group_value or group_missing=true',
    });
  if (input.group_by === undefined && chosen > 0)
    ctx.addIssue({
      code: 'custom',
      path: ['group_by'],
      message: 'group_value and group_missing need group_by',
    });
};

const withGroup = (filter: AlertFilter, input: GroupInput): AlertFilter =>
  input.group_by === undefined
    ? filter
    : { ...filter, group: { field: input.group_by, value: input.group_value ?? null } };

const searchQuery = z
  .strictObject({
    ...filterFields,
    ...groupFields,
    page: wholeNumber('page', 0, MAX_PAGE).default(0),
    per_page: wholeNumber('per_page', 1, MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
    sort_field: z
      .enum(ALERT_SORT_FIELDS, {
        error: `sort_field must be one of ${ALERT_SORT_FIELDS.join(', ')}`,
      })
      .default('@timestamp'),
    sort_order: z
      .enum(['asc', 'desc'], { error: 'sort_order must be asc or desc' })
      .default('desc'),
  })
  .superRefine(groupProblems);

const groupsQuery = z.strictObject({
  ...filterFields,
  group_by: groupBy,
  page: wholeNumber('page', 0, MAX_PAGE).default(0),
  per_page: wholeNumber('per_page', 1, MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
});

/**
 * The time span a histogram's buckets cover: the given range, an open end closed by the alerts'
 * own earliest or latest time. Without it an open range had no bucket cap, and Elasticsearch
 * refuses more than `search.max_buckets` (65,536) with too_many_buckets_exception.
 */
const bucketedSpan = async (
  alerts: AlertQueries,
  filter: AlertFilter,
  range: { from?: number; to?: number }
): Promise<TimeRange | undefined> => {
  if (range.from !== undefined && range.to !== undefined) return { from: range.from, to: range.to };
  const stored = await alerts.timeSpan(filter);
  return stored === undefined
    ? undefined
    : { from: range.from ?? stored.from, to: range.to ?? stored.to };
};

const histogramQuery = z.strictObject({
  ...filterFields,
  interval: histogramInterval('interval').default(HOUR_MS),
  stack_by: z
    .enum(ALERT_HISTOGRAM_STACKS, {
      error: `stack_by must be one of ${ALERT_HISTOGRAM_STACKS.join(', ')}`,
    })
    .optional(),
});

const statusBody = z
  .strictObject({
    ids: z.array(alertId('ids')).min(1, { error: 'ids must name at least one alert' }).optional(),
    filter: z.strictObject(filterFields).optional(),
    status: z.enum(WORKFLOW_STATUSES, {
      error: `status must be one of ${WORKFLOW_STATUSES.join(', ')}`,
    }),
    reason: z
      .enum(CLOSING_REASONS, { error: `reason must be one of ${CLOSING_REASONS.join(', ')}` })
      .optional(),
  })
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), {
    error: 'give either ids or filter, not both',
  })
  .refine((body) => body.reason === undefined || body.status === 'closed', {
    error: 'reason only applies when closing alerts',
  });

const alertParams = z.strictObject({ id: alertId('id') });

const MINUTE_MS = 60_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

const activityQuery = z
  .strictObject({
    window: duration('window', MINUTE_MS, WEEK_MS).prefault(DEFAULT_ACTIVITY_WINDOW),
    page: wholeNumber('page', 0, MAX_ACTIVITY_DEPTH).default(0),
    per_page: wholeNumber('per_page', 1, MAX_ACTIVITY_PER_PAGE).default(DEFAULT_ACTIVITY_PER_PAGE),
    sort_order: z.enum(['asc', 'desc'], { error: 'sort_order must be asc or desc' }).default('asc'),
  })
  .refine((query) => (query.page + 1) * query.per_page <= MAX_ACTIVITY_DEPTH, {
    error: `page and per_page reach at most the first ${MAX_ACTIVITY_DEPTH} events`,
    path: ['page'],
  });

const relatedAlertsQuery = z.strictObject({
  size: wholeNumber('size', 0, MAX_RELATED_ALERTS_SIZE).default(DEFAULT_RELATED_ALERTS_SIZE),
});

const noSuchAlert = (id: string) => notFound(`No alert with id ${id}`);

export const ALERTS_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/alerts`,
    privilege: 'read',
    description:
      'alerts filtered by a KQL query, rule, status, severity and time, paged and sorted',
    validate: { query: searchQuery },
    handler: async (services, { query }) => {
      const result = await services.alerts.search({
        filter: withGroup(toFilter(query), query),
        page: query.page,
        perPage: query.per_page,
        sortField: query.sort_field,
        sortOrder: query.sort_order,
      });
      const page: AlertsPage = {
        total: result.total,
        page: query.page,
        per_page: query.per_page,
        alerts: result.alerts,
      };
      return ok(page);
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/alerts/_histogram`,
    privilege: 'read',
    description:
      'alert counts over time for the same filters, optionally stacked by rule or severity',
    validate: { query: histogramQuery },
    handler: async (services, { query }) => {
      const filter = toFilter(query);
      const span = await bucketedSpan(services.alerts, filter, query);
      if (span !== undefined && (span.to - span.from) / query.interval > MAX_HISTOGRAM_BUCKETS) {
        const message = `interval too small for the range: at most ${MAX_HISTOGRAM_BUCKETS} buckets`;
        return badRequest(message, [{ path: 'query.interval', message }]);
      }
      const histogram: AlertHistogram = {
        interval_ms: query.interval,
        ...(query.stack_by === undefined ? {} : { stack_by: query.stack_by }),
        buckets: await services.alerts.histogram(filter, query.interval, query.stack_by),
      };
      return ok(histogram);
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/alerts/_fields`,
    privilege: 'read',
    description:
      'the field names the alerts index maps and the stored alerts hold, for search suggestions',
    validate: {},
    handler: async (services) =>
      ok({ fields: suggestedAlertFields(await services.alerts.storedFieldNames()) }),
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/alerts/_groups`,
    privilege: 'read',
    description: 'the filtered alerts grouped by a field, largest group first, paged',
    validate: { query: groupsQuery },
    handler: async (services, { query }) => {
      const result = await services.alerts.groups({
        filter: toFilter(query),
        field: query.group_by,
        page: query.page,
        perPage: query.per_page,
      });
      const page: AlertGroupsPage = {
        group_by: query.group_by,
        total_groups: result.totalGroups,
        page: query.page,
        per_page: query.per_page,
        groups: result.groups,
      };
      return ok(page);
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/alerts/_status`,
    privilege: 'all',
    description:
      'set the workflow status (open, acknowledged, closed with a reason) of alerts by ids or by filter',
    validate: { body: statusBody },
    handler: async (services, { body }) => {
      const change = {
        status: body.status,
        ...(body.reason ? { reason: body.reason } : {}),
        user: services.user,
        at: new Date(),
      };
      const selection = body.ids ? { ids: body.ids } : { filter: toFilter(body.filter ?? {}) };
      return ok({ updated: await services.alerts.setWorkflowStatus(selection, change) });
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/alerts/{id}`,
    privilege: 'read',
    description: 'one alert with its source event, process ancestry, related events and rule',
    validate: { params: alertParams },
    handler: async (services, { params }) => {
      const alert = await services.alerts.get(params.id);
      if (alert === undefined) return noSuchAlert(params.id);
      const investigation = await buildInvestigation(alert, services.events);
      if (services.exceptions === undefined) return ok(investigation);
      const exceptedNow = await services.exceptions.exceptedNow(alert, new Date());
      return ok({ ...investigation, why: { ...investigation.why, excepted_now: exceptedNow } });
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/alerts/{id}/_activity`,
    privilege: 'read',
    description:
      "events of the alert's container (or session, or host) within a window either side of it, paged",
    validate: { params: alertParams, query: activityQuery },
    handler: async (services, { params, query }) => {
      const alert = await services.alerts.get(params.id);
      if (alert === undefined) return noSuchAlert(params.id);
      return ok(
        await alertActivity(alert, ruleOf(alert), services.events, {
          window: query.window.text,
          page: query.page,
          perPage: query.per_page,
          sortOrder: query.sort_order,
        })
      );
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/alerts/{id}/_prevalence`,
    privilege: 'read',
    description:
      "how many hosts, containers and images ever ran the alert's new term, first and last seen",
    validate: { params: alertParams },
    handler: async (services, { params }) => {
      const alert = await services.alerts.get(params.id);
      if (alert === undefined) return noSuchAlert(params.id);
      return ok(await termPrevalence(alert, ruleOf(alert), services.events));
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/alerts/{id}/_related_alerts`,
    privilege: 'read',
    description: 'other alerts on the same host, container or user: counts and the newest',
    validate: { params: alertParams, query: relatedAlertsQuery },
    handler: async (services, { params, query }) => {
      const alert = await services.alerts.get(params.id);
      if (alert === undefined) return noSuchAlert(params.id);
      return ok(await relatedAlerts(params.id, alert, services.alerts, query.size));
    },
  }),
];
