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
  type RuleImportResult,
  type RuleSummary,
} from '../../common/api/api_types';
import type {
  AlertGroupField,
  AlertGroupsPage,
  AlertHistogram,
  AlertHistogramBucket,
  AlertHistogramStack,
  AlertSortField,
  AlertsPage,
} from '../../common/api/alerts_api';
import type { ClosingReason, WorkflowStatus } from '../../common/alerts/workflow_status';
import type { AlertNote, WorkflowListChange } from '../../common/alerts/alert_annotations';
import type {
  AddedAlertNote,
  AlertNotes,
  AlertsUpdated,
  SetAlertAssigneesBody,
  SetAlertTagsBody,
} from '../../common/api/alert_annotations_api';
import type {
  AlertActivity,
  RelatedAlerts,
  TermPrevalence,
} from '../../common/api/investigation_api';
import type {
  AddRuleExceptionsResponse,
  ExceptionListsResponse,
  RuleExceptionsResponse,
} from '../../common/api/exceptions_api';
import type {
  ExecutionStatus,
  ExecutionWindow,
  RuleExecution,
  RuleExecutionsPage,
  ReportedGap,
} from '../../common/api/executions_api';
import type { HistoryPreview } from '../../common/api/preview_api';
import { formatRuleIdList } from '../../common/api/rule_id_list';
import type { ExceptionListItem } from '../../common/exceptions/exception_schema';
import type { NewRuleExceptionItem } from '../../common/exceptions/new_rule_exception_item';
import { ApiError, errorDetailsOf } from './api_error';

export { API_BASE_PATH };
export type {
  ApiSourceEvent as SourceEvent,
  Investigation,
  RuleImportResult,
  RuleRunSummary,
  RuleSummary,
};
export type { AlertHistogramBucket as HistogramBucket, AlertSortField, AlertsPage };
export type { AlertActivity, RelatedAlerts, TermPrevalence };

/** Which page of an alert's activity to read (`GET …/alerts/{id}/_activity`). */
export interface ActivityQuery {
  /** Either side of the alert's original time, as a duration such as `30m`. */
  readonly window: string;
  readonly page: number;
  readonly perPage: number;
  readonly sortOrder: 'asc' | 'desc';
}

export type { ExecutionStatus, ExecutionWindow, ReportedGap, RuleExecution, RuleExecutionsPage };

/** Which executions of a rule to read. */
export interface ExecutionsQuery {
  /** 0-based. */
  readonly page: number;
  readonly perPage: number;
  /** Every status when empty or absent. */
  readonly statuses?: readonly ExecutionStatus[];
}

/** What an import answers (POST /rules/_import). */
export interface RuleImportAnswer {
  readonly success: boolean;
  readonly success_count: number;
  readonly errors_count: number;
  /** Exception lists and items the file carried, stored / refused. */
  readonly exceptions_success_count: number;
  readonly exceptions_errors_count: number;
  readonly results: readonly RuleImportResult[];
}

export interface AlertFilters {
  /** KQL over the alert documents; blank selects every alert. */
  readonly query?: string;
  readonly ruleIds?: readonly string[];
  readonly statuses?: readonly WorkflowStatus[];
  readonly severities?: readonly string[];
  /** Epoch ms or ISO 8601. */
  readonly from?: string | number;
  readonly to?: string | number;
}

export interface AlertSearch extends AlertFilters {
  /** One group of a grouping: its value, or null for the alerts without one. */
  readonly group?: { readonly field: AlertGroupField; readonly value: string | null };
  readonly page: number;
  readonly perPage: number;
  readonly sortField: AlertSortField;
  readonly sortOrder: 'asc' | 'desc';
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
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
    query: filters.query === undefined || filters.query.trim() === '' ? undefined : filters.query,
    rule_id:
      filters.ruleIds && filters.ruleIds.length > 0 ? formatRuleIdList(filters.ruleIds) : undefined,
    status: list(filters.statuses),
    severity: list(filters.severities),
    from: filters.from === undefined ? undefined : String(filters.from),
    to: filters.to === undefined ? undefined : String(filters.to),
  };
  return Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined)
  );
};

const groupQuery = (group: AlertSearch['group']): Record<string, string> => {
  if (group === undefined) return {};
  return group.value === null
    ? { group_by: group.field, group_missing: 'true' }
    : { group_by: group.field, group_value: group.value };
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

  /** A page of an installed rule's executions, newest first, with the gaps its history holds. */
  async ruleExecutions(ruleId: string, query: ExecutionsQuery): Promise<RuleExecutionsPage> {
    const statuses = list(query.statuses);
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/rules/${encodeURIComponent(ruleId)}/_executions`,
      query: {
        page: String(query.page),
        per_page: String(query.perPage),
        ...(statuses === undefined ? {} : { status: statuses }),
      },
    })) as RuleExecutionsPage;
  }

  /** Creates a custom rule from a rule object as Kibana's create API takes it. */
  async createRule(rule: Readonly<Record<string, unknown>>, enable = false): Promise<RuleSummary> {
    return (
      (await this.http({
        method: 'POST',
        path: `${API_BASE_PATH}/rules`,
        body: { rule, enable },
      })) as {
        rule: RuleSummary;
      }
    ).rule;
  }

  /** Replaces an installed rule with a whole rule object (Kibana's rule update). */
  async updateRule(ruleId: string, rule: Readonly<Record<string, unknown>>): Promise<RuleSummary> {
    return (
      (await this.http({
        method: 'POST',
        path: `${API_BASE_PATH}/rules/${encodeURIComponent(ruleId)}/_update`,
        body: { rule },
      })) as { rule: RuleSummary }
    ).rule;
  }

  /** Imports a rule file read as text (Kibana's formats, or detection-rules TOML by its name). */
  async importRuleFile(
    file: { readonly name: string; readonly content: string },
    options: { readonly overwrite: boolean }
  ): Promise<RuleImportAnswer> {
    return (await this.http({
      method: 'POST',
      path: `${API_BASE_PATH}/rules/_import`,
      body: { file, overwrite: options.overwrite },
    })) as RuleImportAnswer;
  }

  /** Every installed rule as Kibana's export NDJSON. */
  async exportRules(): Promise<string> {
    return (
      (await this.http({ method: 'POST', path: `${API_BASE_PATH}/rules/_export` })) as {
        ndjson: string;
      }
    ).ndjson;
  }

  /** Uninstalls a rule: a custom rule is deleted, a prebuilt one can be installed again. */
  async deleteRule(ruleId: string): Promise<void> {
    await this.http({
      method: 'POST',
      path: `${API_BASE_PATH}/rules/${encodeURIComponent(ruleId)}/_delete`,
    });
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
      ...groupQuery(search.group),
    };
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts`,
      query,
    })) as AlertsPage;
  }

  async alertGroups(
    filters: AlertFilters,
    groupBy: AlertGroupField,
    page: number,
    perPage: number
  ): Promise<AlertGroupsPage> {
    const query = {
      ...filterQuery(filters),
      group_by: groupBy,
      page: String(page),
      per_page: String(perPage),
    };
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/_groups`,
      query,
    })) as AlertGroupsPage;
  }

  /** Field names to suggest in the search bar: the alerts index's and the stored alerts'. */
  async alertFields(): Promise<readonly string[]> {
    const answer = (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/_fields`,
    })) as { readonly fields: readonly string[] };
    return answer.fields;
  }

  async alertHistogram(
    filters: AlertFilters,
    interval: string,
    stackBy?: AlertHistogramStack
  ): Promise<AlertHistogram> {
    const query = {
      ...filterQuery(filters),
      interval,
      ...(stackBy === undefined ? {} : { stack_by: stackBy }),
    };
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

  async listExceptionLists(): Promise<ExceptionListsResponse> {
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/exception_lists`,
    })) as ExceptionListsResponse;
  }

  async getRuleExceptions(ruleId: string): Promise<RuleExceptionsResponse> {
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/rules/${encodeURIComponent(ruleId)}/exceptions`,
    })) as RuleExceptionsResponse;
  }

  /** Kibana's "add rule exception", closing the alerts named and, with `closeMatching`, every open one the items match. */
  async addRuleExceptions(
    ruleId: string,
    items: readonly NewRuleExceptionItem[],
    close: {
      readonly alertIds?: readonly string[];
      readonly closeMatching?: boolean;
      readonly reason?: ClosingReason;
    } = {}
  ): Promise<AddRuleExceptionsResponse> {
    const body = {
      items,
      ...(close.alertIds && close.alertIds.length > 0 ? { close_alert_ids: close.alertIds } : {}),
      ...(close.closeMatching ? { close_matching_alerts: true } : {}),
      ...(close.reason ? { close_reason: close.reason } : {}),
    };
    return (await this.http({
      method: 'POST',
      path: `${API_BASE_PATH}/rules/${encodeURIComponent(ruleId)}/exceptions`,
      body,
    })) as AddRuleExceptionsResponse;
  }

  async previewRuleExceptions(
    ruleId: string,
    items: readonly NewRuleExceptionItem[]
  ): Promise<HistoryPreview> {
    return (await this.http({
      method: 'POST',
      path: `${API_BASE_PATH}/rules/${encodeURIComponent(ruleId)}/exceptions/_preview`,
      body: { items },
    })) as HistoryPreview;
  }

  /** The stored history replayed with a rule object and, given `ruleId`, with the installed rule it would replace. */
  async previewRule(
    rule: Readonly<Record<string, unknown>>,
    ruleId?: string
  ): Promise<HistoryPreview> {
    return (await this.http({
      method: 'POST',
      path: `${API_BASE_PATH}/rules/_preview`,
      body: { rule, ...(ruleId === undefined ? {} : { rule_id: ruleId }) },
    })) as HistoryPreview;
  }

  async updateExceptionItem(item: ExceptionListItem): Promise<void> {
    await this.http({
      method: 'POST',
      path: `${API_BASE_PATH}/exception_items/_update`,
      body: { item },
    });
  }

  async deleteExceptionItem(
    item: Pick<ExceptionListItem, 'item_id' | 'namespace_type'>
  ): Promise<void> {
    await this.http({
      method: 'POST',
      path: `${API_BASE_PATH}/exception_items/_delete`,
      body: { item_id: item.item_id, namespace_type: item.namespace_type },
    });
  }

  async getInvestigation(alertId: string): Promise<Investigation> {
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/${encodeURIComponent(alertId)}`,
    })) as Investigation;
  }

  async getAlertActivity(alertId: string, query: ActivityQuery): Promise<AlertActivity> {
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/${encodeURIComponent(alertId)}/_activity`,
      query: {
        window: query.window,
        page: String(query.page),
        per_page: String(query.perPage),
        sort_order: query.sortOrder,
      },
    })) as AlertActivity;
  }

  async getTermPrevalence(alertId: string): Promise<TermPrevalence> {
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/${encodeURIComponent(alertId)}/_prevalence`,
    })) as TermPrevalence;
  }

  async getRelatedAlerts(alertId: string, size: number): Promise<RelatedAlerts> {
    return (await this.http({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/${encodeURIComponent(alertId)}/_related_alerts`,
      query: { size: String(size) },
    })) as RelatedAlerts;
  }

  /** Adds and removes tags on alerts (Kibana's alert tags body); returns how many alerts exist. */
  async setAlertTags(ids: readonly string[], change: WorkflowListChange): Promise<number> {
    const body: SetAlertTagsBody = {
      ids,
      tags: { tags_to_add: change.add, tags_to_remove: change.remove },
    };
    return (
      (await this.http({
        method: 'POST',
        path: `${API_BASE_PATH}/alerts/_tags`,
        body,
      })) as AlertsUpdated
    ).updated;
  }

  /** Assigns and unassigns users on alerts (Kibana's alert assignees body). */
  async setAlertAssignees(ids: readonly string[], change: WorkflowListChange): Promise<number> {
    const body: SetAlertAssigneesBody = { ids, assignees: change };
    return (
      (await this.http({
        method: 'POST',
        path: `${API_BASE_PATH}/alerts/_assignees`,
        body,
      })) as AlertsUpdated
    ).updated;
  }

  async alertNotes(alertId: string): Promise<readonly AlertNote[]> {
    return (
      (await this.http({
        method: 'GET',
        path: `${API_BASE_PATH}/alerts/${encodeURIComponent(alertId)}/_notes`,
      })) as AlertNotes
    ).notes;
  }

  async addAlertNote(alertId: string, text: string): Promise<AlertNote> {
    return (
      (await this.http({
        method: 'POST',
        path: `${API_BASE_PATH}/alerts/${encodeURIComponent(alertId)}/_notes`,
        body: { text },
      })) as AddedAlertNote
    ).note;
  }

  async deleteAlertNote(alertId: string, noteId: string): Promise<void> {
    await this.http({
      method: 'DELETE',
      path: `${API_BASE_PATH}/alerts/${encodeURIComponent(alertId)}/_notes/${encodeURIComponent(noteId)}`,
    });
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
      throw new ApiError(response.status, message, errorDetailsOf(body));
    }
    return body;
  };
