/** Routes of alert triage: search, histogram, status changes, and one alert for the investigation page. */
import { z } from 'zod';
import { CLOSING_REASONS, WORKFLOW_STATUSES } from '../../common/alerts/workflow_status';
import { RULE_SEVERITIES } from '../../common/rules/rule_schema';
import { parseDuration } from '../../common/rules/date_math';
import { ALERT_SORT_FIELDS, type AlertFilter } from '../alerts/alert_queries';
import { API_BASE_PATH, badRequest, defineRoute, notFound, ok, type ApiRoute } from './api_types';
import { buildInvestigation } from './investigation';

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 1_000;
/** Histogram buckets are capped so a wide range with a tiny interval cannot flood the browser. */
export const MAX_HISTOGRAM_BUCKETS = 2_000;

/** `a,b,c` in a query string → a list of allowed values. */
const commaList = <T extends string>(allowed: readonly T[], name: string) =>
  z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0))
    .pipe(z.array(z.enum(allowed as [T, ...T[]], { error: `${name} must be one of ${allowed.join(', ')}` })));

const uuidList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0))
  .pipe(z.array(z.uuid({ error: 'rule_id must hold UUIDs' })));

/** An instant: ISO 8601 or epoch milliseconds. */
const instant = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `not a time: ${String(value)} (ISO 8601 or epoch ms)` });
    return z.NEVER;
  }
  return ms;
});

const filterFields = {
  rule_id: uuidList.optional(),
  status: commaList(WORKFLOW_STATUSES, 'status').optional(),
  severity: commaList(RULE_SEVERITIES, 'severity').optional(),
  from: instant.optional(),
  to: instant.optional(),
};

type FilterInput = { rule_id?: string[]; status?: AlertFilter['statuses']; severity?: string[]; from?: number; to?: number };

const toFilter = (input: FilterInput): AlertFilter => ({
  ...(input.rule_id ? { ruleIds: input.rule_id } : {}),
  ...(input.status ? { statuses: input.status } : {}),
  ...(input.severity ? { severities: input.severity } : {}),
  ...(input.from !== undefined || input.to !== undefined ? { range: { from: input.from, to: input.to } } : {}),
});

const searchQuery = z.strictObject({
  ...filterFields,
  page: z.coerce.number().int().min(0, { error: 'page starts at 0' }).default(0),
  per_page: z.coerce.number().int().min(1).max(MAX_PER_PAGE, { error: `per_page is at most ${MAX_PER_PAGE}` }).default(DEFAULT_PER_PAGE),
  sort_field: z.enum(ALERT_SORT_FIELDS, { error: `sort_field must be one of ${ALERT_SORT_FIELDS.join(', ')}` }).default('@timestamp'),
  sort_order: z.enum(['asc', 'desc'], { error: 'sort_order must be asc or desc' }).default('desc'),
});

const intervalMs = z.string().transform((value, ctx) => {
  const parsed = /^\d+$/.test(value) ? { ok: true as const, value: Number(value) } : parseDuration(value);
  if (!parsed.ok || parsed.value <= 0) {
    ctx.addIssue({ code: 'custom', message: `interval must be a duration such as 1h or 30m (got ${value})` });
    return z.NEVER;
  }
  return parsed.value;
});

const histogramQuery = z.strictObject({ ...filterFields, interval: intervalMs.default(3_600_000) });

const statusBody = z
  .strictObject({
    ids: z.array(z.string().min(1)).min(1, { error: 'ids must name at least one alert' }).optional(),
    filter: z.strictObject(filterFields).optional(),
    status: z.enum(WORKFLOW_STATUSES, { error: `status must be one of ${WORKFLOW_STATUSES.join(', ')}` }),
    reason: z.enum(CLOSING_REASONS, { error: `reason must be one of ${CLOSING_REASONS.join(', ')}` }).optional(),
  })
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), { error: 'give either ids or filter, not both' })
  .refine((body) => body.reason === undefined || body.status === 'closed', { error: 'reason only applies when closing alerts' });

const alertParams = z.strictObject({ id: z.string().min(1) });

export const ALERTS_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/alerts`,
    privilege: 'read',
    description: 'alerts filtered by rule, status, severity and time, paged and sorted',
    validate: { query: searchQuery },
    handler: async (services, { query }) => {
      const result = await services.alerts.search({
        filter: toFilter(query),
        page: query.page,
        perPage: query.per_page,
        sortField: query.sort_field,
        sortOrder: query.sort_order,
      });
      return ok({ total: result.total, page: query.page, per_page: query.per_page, alerts: result.alerts });
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/alerts/_histogram`,
    privilege: 'read',
    description: 'alert counts over time for the same filters',
    validate: { query: histogramQuery },
    handler: async (services, { query }) => {
      if (query.from !== undefined && query.to !== undefined && (query.to - query.from) / query.interval > MAX_HISTOGRAM_BUCKETS) {
        return badRequest(`interval too small for the range: at most ${MAX_HISTOGRAM_BUCKETS} buckets`);
      }
      return ok({ interval_ms: query.interval, buckets: await services.alerts.histogram(toFilter(query), query.interval) });
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/alerts/_status`,
    privilege: 'all',
    description: 'set the workflow status (open, acknowledged, closed with a reason) of alerts by ids or by filter',
    validate: { body: statusBody },
    handler: async (services, { body }) => {
      const change = { status: body.status, ...(body.reason ? { reason: body.reason } : {}), user: services.user, at: new Date() };
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
      if (alert === undefined) return notFound(`No alert with id ${params.id}`);
      return ok(await buildInvestigation(alert, services.events));
    },
  }),
];
