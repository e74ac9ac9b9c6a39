/**
 * The HTTP API, written once and independent of the server that hosts it: each route declares its
 * method, path (Kibana's `{param}` syntax), the privilege it needs, zod schemas for its inputs and
 * a handler over `ApiServices`. Kibana's router (server/kibana/register_routes.ts) and the
 * standalone server mount the same list.
 */
import type { z } from 'zod';
import type { ClosingReason } from '../../common/alerts/workflow_status';
import type { AlertDocument } from '../../common/alerts/alert_document';
import type {
  Investigation,
  RuleDetails,
  RuleImportResult,
  RuleSummary,
} from '../../common/api/api_types';
import type {
  AddRuleExceptionsResponse,
  ExceptionListsResponse,
  RuleExceptionsResponse,
} from '../../common/api/exceptions_api';
import type { ExecutionStatus, RuleExecutionsPage } from '../../common/api/executions_api';
import type { HistoryPreview } from '../../common/api/preview_api';
import type { ExceptionListItem, NamespaceType } from '../../common/exceptions/exception_schema';
import type { NewRuleExceptionItem } from '../../common/exceptions/new_rule_exception_item';
import type { AlertQueries, EventLookups } from '../stores/store_contract';

export { API_BASE_PATH } from '../../common/api/api_types';
export type {
  RuleDetails,
  RuleImportResult,
  RuleRunSummary,
  RuleSummary,
} from '../../common/api/api_types';

/** Feature privileges (Kibana API privilege names): `read` to look, `all` to change anything. */
export const API_PRIVILEGES = {
  read: 'containerThreatDetection-read',
  all: 'containerThreatDetection-all',
} as const;
export type ApiPrivilege = keyof typeof API_PRIVILEGES;

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** A rule that cannot run now because it is disabled (it may have been disabled after the caller looked). */
export class RuleDisabledError extends Error {
  constructor(readonly ruleId: string) {
    super(`Rule ${ruleId} is disabled; enable it before running it`);
    this.name = 'RuleDisabledError';
  }
}

export interface RuleImportOptions {
  /** Replace installed rules with the same rule_id (Kibana's `overwrite`). */
  readonly overwrite: boolean;
  /** Enable the rules the import creates. */
  readonly enable: boolean;
}

/** Which executions of a rule to list (GET /rules/{rule_id}/_executions). */
export interface ExecutionHistoryRequest {
  /** 0-based. */
  readonly page: number;
  readonly perPage: number;
  /** Only these statuses; every status when absent. */
  readonly statuses?: readonly ExecutionStatus[];
}

export interface RuleService {
  list(): Promise<RuleSummary[]>;
  /** One rule of the catalog with its definition; undefined when there is none with that rule_id. */
  get(ruleId: string): Promise<RuleDetails | undefined>;
  /** Installs the given catalog rules (all when omitted) that are not installed yet; disabled unless `enable`. */
  install(ruleIds: readonly string[] | undefined, enable: boolean): Promise<RuleSummary[]>;
  /** Undefined when the rule is not installed. */
  setEnabled(ruleId: string, enabled: boolean): Promise<RuleSummary | undefined>;
  /** Runs an installed rule now (Kibana: "run soon"); undefined when not installed; throws RuleDisabledError when disabled. */
  runNow(ruleId: string): Promise<RuleSummary | undefined>;
  /** A page of an installed rule's executions, newest first, with its gaps; undefined when not installed. */
  executions(
    ruleId: string,
    request: ExecutionHistoryRequest
  ): Promise<RuleExecutionsPage | undefined>;
}

/** What the standalone engine's rule-writing routes need (Kibana keeps rules in Security instead). */
export interface RuleEditingService {
  /** Stores one rule object as `POST /api/detection_engine/rules` takes it (rule_id optional). */
  createRule(rule: unknown, enable: boolean): Promise<RuleImportResult>;
  /** Stores rule objects as Kibana's import takes them: every new_terms rule, a result per object. */
  importRules(rules: readonly unknown[], options: RuleImportOptions): Promise<RuleImportResult[]>;
  /** Reads a rule file (Kibana's formats, or detection-rules TOML by its `.toml` name): a result per line. */
  importFile(
    file: { readonly name: string; readonly content: string },
    options: RuleImportOptions
  ): Promise<RuleImportResult[]>;
  /** Replaces an installed rule with a whole rule object (Kibana's rule update); undefined when not installed. */
  updateRule(ruleId: string, rule: unknown): Promise<RuleImportResult | undefined>;
  /** Uninstalls a rule; false when it is not installed. */
  remove(ruleId: string): Promise<boolean>;
  /** Every installed rule as Kibana's rule export (NDJSON). */
  exportRules(): Promise<string>;
  /** The stored history replayed with the rule object and with the installed rule `ruleId` (if any). */
  previewRule(
    rule: unknown,
    ruleId: string | undefined
  ): Promise<{ readonly invalid: readonly string[] } | HistoryPreview>;
}

/** Which alerts adding an exception closes: those named, and with `matching` every open one it matches. */
export interface AlertCloseRequest {
  readonly alertIds: readonly string[];
  readonly matching: boolean;
  readonly reason?: ClosingReason;
}

/** The standalone engine's exception lists (Kibana keeps them in its lists plugin). */
export interface ExceptionService {
  lists(): Promise<ExceptionListsResponse>;
  /** The lists the rule names with their items; undefined when the rule is not installed. */
  ruleExceptions(ruleId: string, now: Date): Promise<RuleExceptionsResponse | undefined>;
  /** Kibana's "add rule exception": items into the rule's default list; undefined when not installed. */
  addToRule(
    ruleId: string,
    items: readonly NewRuleExceptionItem[],
    close: AlertCloseRequest,
    author: { readonly user: string; readonly now: Date }
  ): Promise<AddRuleExceptionsResponse | { readonly conflict: string } | undefined>;
  /** Replaces a stored item (same item_id and namespace); false when there is none. */
  updateItem(item: ExceptionListItem): Promise<boolean>;
  removeItem(itemId: string, namespace: NamespaceType): Promise<boolean>;
  /** Items of the alert's rule's lists that match the alert now (added since it fired). */
  exceptedNow(alert: AlertDocument, now: Date): Promise<Investigation['why']['excepted_now']>;
  /** The stored history replayed with and without the items; undefined when not installed. */
  preview(
    ruleId: string,
    items: readonly NewRuleExceptionItem[],
    now: Date
  ): Promise<HistoryPreview | undefined>;
}

/** What handlers work with, built per request (Kibana scopes clients to the request's user and space). */
export interface ApiServices {
  readonly rules: RuleService;
  /** The standalone engine's; absent in Kibana, which does not mount the routes that use it. */
  readonly ruleEditing?: RuleEditingService;
  /** The standalone engine's; absent in Kibana, whose lists plugin serves exceptions. */
  readonly exceptions?: ExceptionService;
  readonly alerts: AlertQueries;
  readonly events: EventLookups;
  /** Who is asking, recorded on triage changes. */
  readonly user: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface ApiRequest<Params, Query, Body> {
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
}

export interface ApiRoute<Params = unknown, Query = unknown, Body = unknown> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly privilege: ApiPrivilege;
  readonly description: string;
  readonly validate: {
    readonly params?: z.ZodType<Params>;
    readonly query?: z.ZodType<Query>;
    readonly body?: z.ZodType<Body>;
  };
  handler(services: ApiServices, request: ApiRequest<Params, Query, Body>): Promise<ApiResponse>;
}

export const ok = (body: unknown): ApiResponse => ({ status: 200, body });
export const notFound = (message: string): ApiResponse => ({ status: 404, body: { message } });
export const conflict = (message: string): ApiResponse => ({ status: 409, body: { message } });
export const badRequest = (
  message: string,
  errors: ReadonlyArray<{ path: string; message: string }> = []
): ApiResponse => ({
  status: 400,
  body: { message, errors },
});

/** Helps TypeScript infer a route's input types from its schemas while keeping one route list type. */
export const defineRoute = <Params, Query, Body>(route: ApiRoute<Params, Query, Body>): ApiRoute =>
  route;
