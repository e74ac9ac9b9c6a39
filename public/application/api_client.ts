/**
 * The one way the UI talks to the server: the plugin's HTTP API (server/routes), through whatever
 * `fetch` the host provides — Kibana's `core.http` inside Kibana (it adds the base path, space and
 * `kbn-xsrf`), `window.fetch` in the standalone server. Response types are shared with the route handlers
 * (common/api/).
 */
import {
  API_BASE_PATH,
  type ApiSourceEvent,
  type Investigation,
  type RuleRunSummary,
  type RuleDetails,
  type RuleSummary,
} from '../../common/api/api_types';
import type {
  AlertHistogram,
  AlertHistogramBucket,
  AlertSortField,
  AlertsPage,
} from '../../common/api/alerts_api';
import type { ClosingReason, WorkflowStatus } from '../../common/alerts/workflow_status';
import { ApiError } from './api_error';

export { API_BASE_PATH };
export type { ApiSourceEvent as SourceEvent, Investigation, RuleRunSummary, RuleSummary };
export type { AlertHistogramBucket as HistogramBucket, AlertSortField, AlertsPage };

export interface AlertFilters {
  readonly ruleIds?: readonly string[];
  readonly statuses?: readonly WorkflowStatus[];
  readonly severities?: readonly string[];
  /** Epoch ms or ISO 8601. */
  readonly from?: string | number;
  readonly to?: string | number;
}

export interface AlertSearch extends AlertFilters {
  readonly page: number;
  readonly perPage: number;
  readonly sortField: AlertSortField;
  readonly sortOrder: 'asc' | 'desc';
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** The host's transport: resolves to the parsed JSON body, rejects with an ApiError. */
export type HttpTransport = (request: HttpRequest) => Promise<unknown>;

const list = (values: readonly string[] | undefined): string | undefined =>
  values && values.length > 0 ? values.join(',') : undefined;

const filterQuery = (filters: AlertFilters): Record<string, string> => {
  const query: Record<string, string | undefined> = {
    rule_id: list(filters.ruleIds),
    status: list(filters.statuses),
    severity: list(filters.severities),
    from: filters.from === undefined ? undefined : String(filters.from),
    to: filters.to === undefined ? undefined : String(filters.to),
  };
  return Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined)
  );
};

export class ApiClient {
  constructor(private readonly http: HttpTransport) {}

  async listRules(): Promise<RuleSummary[]> {
    return (
      (await this.http({ method: 'GET', path: `${API_BASE_PATH}/rules` })) as {
        rules: RuleSummary[];
      }
    ).rules;
  }

  /** One rule with its definition, prebuilt or user. */
  async getRule(ruleId: string): Promise<RuleDetails> {
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/rules/${encodeURIComponent(ruleId)}`,
    })) as RuleDetails;
  }

  async installRules(ruleIds?: readonly string[], enable = false): Promise<RuleSummary[]> {
    const body = { ...(ruleIds ? { rule_ids: ruleIds } : {}), enable };
    return (
      (await this.http({ method: 'POST', path: `${API_BASE_PATH}/rules/_install`, body })) as {
        rules: RuleSummary[];
      }
    ).rules;
  }

  async setRuleEnabled(ruleId: string, enabled: boolean): Promise<RuleSummary> {
    const action = enabled ? '_enable' : '_disable';
    return (
      (await this.http({
        method: 'POST',
        path: `${API_BASE_PATH}/rules/${encodeURIComponent(ruleId)}/${action}`,
      })) as { rule: RuleSummary }
    ).rule;
  }

  async runRule(ruleId: string): Promise<RuleSummary> {
    return (
      (await this.http({
        method: 'POST',
        path: `${API_BASE_PATH}/rules/${encodeURIComponent(ruleId)}/_run`,
      })) as { rule: RuleSummary }
    ).rule;
  }

  async searchAlerts(search: AlertSearch): Promise<AlertsPage> {
    const query = {
      ...filterQuery(search),
      page: String(search.page),
      per_page: String(search.perPage),
      sort_field: search.sortField,
      sort_order: search.sortOrder,
    };
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts`,
      query,
    })) as AlertsPage;
  }

  async alertHistogram(filters: AlertFilters, interval: string): Promise<AlertHistogram> {
    const query = { ...filterQuery(filters), interval };
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/_histogram`,
      query,
    })) as AlertHistogram;
  }

  async setAlertStatus(
    ids: readonly string[],
    status: WorkflowStatus,
    reason?: ClosingReason
  ): Promise<number> {
    const body = { ids, status, ...(reason ? { reason } : {}) };
    return (
      (await this.http({ method: 'POST', path: `${API_BASE_PATH}/alerts/_status`, body })) as {
        updated: number;
      }
    ).updated;
  }

  async getInvestigation(alertId: string): Promise<Investigation> {
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/${encodeURIComponent(alertId)}`,
    })) as Investigation;
  }
}

/** The standalone server's transport: same-origin `fetch` with JSON in and out. */
export const fetchTransport =
  (fetchImpl: typeof fetch = fetch): HttpTransport =>
  async (request) => {
    const search = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
    const response = await fetchImpl(`${request.path}${search}`, {
      method: request.method,
      headers: { 'content-type': 'application/json', 'kbn-xsrf': 'true' },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    const text = await response.text();
    const body: unknown = text.length > 0 ? JSON.parse(text) : null;
    if (!response.ok) {
      const message =
        typeof body === 'object' && body !== null && 'message' in body
          ? String(body.message)
          : response.statusText;
      throw new ApiError(response.status, message);
    }
    return body;
  };
