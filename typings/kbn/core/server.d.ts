/**
 * Our own declarations of the Kibana 9.x `@kbn/core/server` surface this plugin uses (a subset, not
 * a copy). Names and shapes follow Kibana's sources; see typings/kbn/README.md for the file each
 * symbol follows. Resolved through the tsconfig `paths` entry `@kbn/*` -> `typings/kbn/*`, which
 * only applies outside a Kibana checkout.
 */
import type { Client } from '@elastic/elasticsearch';
import type {
  EcsBase,
  EcsError,
  EcsEvent,
  EcsHost,
  EcsLog,
  EcsProcess,
  EcsRule,
  EcsService,
  EcsTracing,
  EcsUser,
} from '@elastic/ecs';
import type { Type } from '@kbn/config-schema';

// ---------------------------------------------------------------------------------------------
// Logging (src/platform/packages/shared/kbn-logging/src/logger.ts, logger_factory.ts)
// ---------------------------------------------------------------------------------------------

/** ECS metadata attached to one log record (subset of Kibana's: fewer top-level field sets). */
export type LogMeta = Omit<EcsBase, '@timestamp' | 'message'> &
  EcsTracing & {
    /** Error details. */
    error?: EcsError;
    /** Event details. */
    event?: EcsEvent;
    /** Host details. */
    host?: EcsHost;
    /** Log details other than the reserved level and logger. */
    log?: Omit<EcsLog, 'level' | 'logger'>;
    /** Process details. */
    process?: EcsProcess;
    /** Rule details. */
    rule?: EcsRule;
    /** Service details. */
    service?: EcsService;
    /** User details. */
    user?: EcsUser;
  };

/** A log message, or a function producing it that only runs when the level is enabled. */
export type LogMessageSource = string | (() => string);

/** A context-bound logger handed to plugins and rule executors. */
export interface Logger {
  /** Logs at the most detailed level. */
  trace<Meta extends LogMeta = LogMeta>(message: LogMessageSource, meta?: Meta): void;
  /** Logs debugging detail. */
  debug<Meta extends LogMeta = LogMeta>(message: LogMessageSource, meta?: Meta): void;
  /** Logs normal application flow. */
  info<Meta extends LogMeta = LogMeta>(message: LogMessageSource, meta?: Meta): void;
  /** Logs something unexpected that did not stop the work. */
  warn<Meta extends LogMeta = LogMeta>(errorOrMessage: LogMessageSource | Error, meta?: Meta): void;
  /** Logs a failure of the current operation. */
  error<Meta extends LogMeta = LogMeta>(
    errorOrMessage: LogMessageSource | Error,
    meta?: Meta
  ): void;
  /** Logs an unrecoverable failure. */
  fatal<Meta extends LogMeta = LogMeta>(
    errorOrMessage: LogMessageSource | Error,
    meta?: Meta
  ): void;
  /** Returns a child logger whose context extends this one's. */
  get(...childContextPaths: string[]): Logger;
}

/** Hands out loggers bound to the plugin's context (`plugins.<id>`). */
export interface LoggerFactory {
  /** Returns the logger for the given context parts (none = the plugin's own context). */
  get(...contextParts: string[]): Logger;
}

// ---------------------------------------------------------------------------------------------
// Plugin lifecycle (src/core/packages/plugins/server/src/types.ts)
// ---------------------------------------------------------------------------------------------

/** What Kibana passes to a server plugin's constructor. */
export interface PluginInitializerContext<ConfigSchema = unknown> {
  /** Logger factory already bound to this plugin's context. */
  logger: LoggerFactory;
  /** Access to this plugin's validated configuration (`<configPath>` in kibana.yml). */
  config: {
    /** Returns the current configuration synchronously. */
    get: <T = ConfigSchema>() => T;
  };
}

/**
 * A standard server plugin. Kibana constrains the dependency maps with `Record<string, any>`;
 * `object` is used here instead (same effect for interfaces, and no `any`).
 */
export interface Plugin<
  TSetup = void,
  TStart = void,
  TPluginsSetup extends object = object,
  TPluginsStart extends object = object,
> {
  /** Registers routes, rule types, features…; receives core and the setup contracts of dependencies. */
  setup(core: CoreSetup<TPluginsStart, TStart>, plugins: TPluginsSetup): TSetup;
  /** Runs once every plugin has been set up; receives core and the start contracts of dependencies. */
  start(core: CoreStart, plugins: TPluginsStart): TStart;
  /** Releases resources when Kibana shuts down. */
  stop?(): void | Promise<void>;
}

/** The `plugin` function exported from `server/index.ts`. */
export type PluginInitializer<
  TSetup = void,
  TStart = void,
  TPluginsSetup extends object = object,
  TPluginsStart extends object = object,
> = (
  initializerContext: PluginInitializerContext
) =>
  | Plugin<TSetup, TStart, TPluginsSetup, TPluginsStart>
  | Promise<Plugin<TSetup, TStart, TPluginsSetup, TPluginsStart>>;

/**
 * Which validated config keys reach the browser plugin (`true`, or a nested descriptor for an
 * object). Kibana: src/core/packages/plugins/server/src/types.ts (ExposedToBrowserDescriptor).
 */
export type ExposedToBrowserDescriptor<T> = {
  [Key in keyof T]?: T[Key] extends readonly unknown[] | undefined
    ? boolean
    : T[Key] extends object | undefined
      ? ExposedToBrowserDescriptor<T[Key]> | boolean
      : boolean;
};

/**
 * The `config` export of a plugin's server entry: the schema of its `configPath` settings in
 * kibana.yml (core refuses start-up on keys the schema does not declare, and disables the plugin
 * when a declared `enabled` is `false`). Kibana: src/core/packages/plugins/server/src/types.ts
 * (PluginConfigDescriptor; deprecations, exposeToUsage and dynamicConfig not declared; Kibana
 * defaults `T` to `any`).
 */
export interface PluginConfigDescriptor<T = unknown> {
  /** The settings schema, a `@kbn/config-schema` type (core checks `isConfigSchema`). */
  schema: Type<T>;
  /** Settings sent to the browser plugin. */
  exposeToBrowser?: ExposedToBrowserDescriptor<T>;
}

/** Resolves, after `start`, to core's start contract, the dependencies' start contracts and our own. */
export type StartServicesAccessor<
  TPluginsStart extends object = object,
  TStart = unknown,
> = () => Promise<[CoreStart, TPluginsStart, TStart]>;

/** Core services available in `setup` (src/core/packages/lifecycle/server/src/core_setup.ts). */
export interface CoreSetup<TPluginsStart extends object = object, TStart = unknown> {
  /** The HTTP service (only the router factory is declared here). */
  http: HttpServiceSetup;
  /** Gives handlers registered in `setup` access to start contracts. */
  getStartServices: StartServicesAccessor<TPluginsStart, TStart>;
}

/** Core services available in `start` (src/core/packages/lifecycle/server/src/core_start.ts). */
export interface CoreStart {
  /** The Elasticsearch service. */
  elasticsearch: ElasticsearchServiceStart;
  /** Core security: who is behind a request (9.x; replaces the security plugin's `authc`). */
  security: SecurityServiceStart;
}

// ---------------------------------------------------------------------------------------------
// Elasticsearch (src/core/packages/elasticsearch/server/src/client/*.ts, contracts.ts)
// ---------------------------------------------------------------------------------------------

/** The `@elastic/elasticsearch` client as Kibana exposes it (lifecycle members removed). */
export type ElasticsearchClient = Omit<
  Client,
  'connectionPool' | 'serializer' | 'extend' | 'close' | 'diagnostic'
>;

/** Clients bound to one request: as the calling user, or as Kibana's internal user. */
export interface IScopedClusterClient {
  /** Queries Elasticsearch as the Kibana internal user. */
  readonly asInternalUser: ElasticsearchClient;
  /** Queries Elasticsearch with the credentials of the user behind the request (or the rule's API key). */
  readonly asCurrentUser: ElasticsearchClient;
}

/**
 * A saved objects client scoped to a request or a rule's API key (subset of
 * `SavedObjectsClientContract`, src/core/packages/saved-objects/api-server/src/saved_objects_client.ts).
 * The plugin only hands it to other plugins' clients (the lists plugin's exception list client).
 */
export interface SavedObjectsClientContract {
  /** The namespace (space) the client is scoped to; `undefined` for the default space. */
  getCurrentNamespace(): string | undefined;
}

/** A request-like object carrying authentication headers, for scoping a client outside HTTP handlers. */
export interface FakeRequest {
  /** Headers used to authenticate against Elasticsearch. */
  headers: Headers;
}

/** Anything `asScoped` accepts. */
export type ScopeableRequest = KibanaRequest | FakeRequest;

/** The cluster client created by core. */
export interface IClusterClient {
  /** Queries Elasticsearch as the Kibana internal user. */
  readonly asInternalUser: ElasticsearchClient;
  /** Returns clients bound to the given request's credentials. */
  asScoped(request: ScopeableRequest): IScopedClusterClient;
}

/** Core's Elasticsearch start contract. */
export interface ElasticsearchServiceStart {
  /** The pre-configured cluster client. */
  readonly client: IClusterClient;
}

// ---------------------------------------------------------------------------------------------
// Core security (src/core/packages/security/server/src/authc.ts; @kbn/core-security-common)
// ---------------------------------------------------------------------------------------------

/** The authenticated user behind a request (subset). */
export interface AuthenticatedUser {
  /** Login name. */
  username: string;
  /** Display name, when the realm provides one. */
  full_name?: string | null;
  /** E-mail address, when the realm provides one. */
  email?: string | null;
  /** Elasticsearch roles of the user. */
  roles: readonly string[];
  /** User profile id, when profiles are activated. */
  profile_uid?: string;
}

/** Core's authentication helpers. */
export interface CoreAuthenticationService {
  /** Returns the user bound to the request, or null when it is not authenticated. */
  getCurrentUser(request: KibanaRequest): AuthenticatedUser | null;
}

/** Core's security start contract (subset). */
export interface SecurityServiceStart {
  /** Authentication helpers. */
  authc: CoreAuthenticationService;
}

// ---------------------------------------------------------------------------------------------
// HTTP: router, routes, validation, requests, responses (src/core/packages/http/server/src/…)
// ---------------------------------------------------------------------------------------------

/** Incoming request headers. */
export type Headers = Record<string, string | string[] | undefined>;

/** Response headers to set. */
export type ResponseHeaders = Record<string, string | string[]>;

/** HTTP methods not changing server state. */
export type SafeRouteMethod = 'get' | 'options';

/** HTTP methods changing server state. */
export type DestructiveRouteMethod = 'post' | 'put' | 'delete' | 'patch';

/** Every HTTP method the router supports. */
export type RouteMethod = SafeRouteMethod | DestructiveRouteMethod;

/** Whether a route is public (stable API) or internal (needs the internal-origin header since 9.0). */
export type RouteAccess = 'public' | 'internal';

/** A Kibana API privilege name (a feature's `api` entry). */
export type Privilege = string;

/** Privileges of which at least one / all must be granted. */
export interface PrivilegeSet {
  /** At least one of these privileges is required. */
  anyRequired?: Privilege[];
  /** Every one of these privileges is required. */
  allRequired?: Privilege[];
}

/** Authorization on: the listed privileges (each a name or a set) are all required. */
export interface AuthzEnabled {
  /** Privileges checked before the handler runs. */
  requiredPrivileges: Array<Privilege | PrivilegeSet>;
}

/** Authorization explicitly off, with the reason (e.g. authorization delegated to Elasticsearch). */
export interface AuthzDisabled {
  /** Always `false`. */
  enabled: false;
  /** Why the route does its own authorization. */
  reason: string;
}

/** Authentication required (`true`) or optional. */
export interface AuthcEnabled {
  /** `true` or `'optional'`. */
  enabled: true | 'optional';
}

/** Authentication off, with the reason. */
export interface AuthcDisabled {
  /** Always `false`. */
  enabled: false;
  /** Why the route needs no authentication. */
  reason: string;
}

/** Route authorization config. */
export type RouteAuthz = AuthzEnabled | AuthzDisabled;

/** Route authentication config. */
export type RouteAuthc = AuthcEnabled | AuthcDisabled;

/** Security requirements of a route (9.x; 8.x used `options.tags: ['access:<privilege>']`). */
export interface RouteSecurity {
  /** Authorization requirements. */
  authz: RouteAuthz;
  /** Authentication requirements (default: required). */
  authc?: RouteAuthc;
}

/** Body-parsing options of a route. */
export interface RouteConfigOptionsBody {
  /** Maximum payload size in bytes. */
  maxBytes?: number;
  /** Whether the payload is fully read (`data`) or streamed. */
  output?: 'data' | 'stream';
  /** Whether to parse the payload. */
  parse?: boolean | 'gunzip';
}

/** Additional route options. */
export interface RouteConfigOptions<Method extends RouteMethod> {
  /** Public or internal route (default internal). */
  access?: RouteAccess;
  /** Whether the `kbn-xsrf` header is required (destructive methods only; default true). */
  xsrfRequired?: Method extends 'get' ? never : boolean;
  /** Extra metadata tags (no longer used for authorization in 9.x). */
  tags?: readonly string[];
  /** Body options (not for GET/OPTIONS). */
  body?: Method extends 'get' | 'options' ? undefined : RouteConfigOptionsBody;
  /** One-line summary for the OpenAPI docs. */
  summary?: string;
  /** Longer description for the OpenAPI docs. */
  description?: string;
}

/** Result factory handed to a custom validation function. */
export interface RouteValidationResultFactory {
  /** Wraps the validated value. */
  ok: <T>(value: T) => { value: T };
  /** Wraps a validation failure (becomes a 400). */
  badRequest: (error: unknown, path?: string[]) => { error: RouteValidationError };
}

/** Error returned by a custom validation function. */
export declare class RouteValidationError extends Error {
  /** The error the validator produced. */
  readonly rawError: unknown;
  /** Creates the error from a message or error, with the path of the offending field. */
  constructor(error: unknown, path?: string[]);
}

/**
 * A custom validator (Kibana types `data` as `any`; `unknown` here, which any implementation
 * written against this declaration also satisfies in Kibana).
 */
export type RouteValidationFunction<T> = (
  data: unknown,
  validationResult: RouteValidationResultFactory
) => { value: T; error?: never } | { value?: never; error: RouteValidationError };

/**
 * A validator for one request part. Kibana also accepts `@kbn/config-schema` and `@kbn/zod`
 * schemas here; only custom functions are declared, as neither library is available outside Kibana.
 */
export type RouteValidationSpec<T> = RouteValidationFunction<T>;

/** Validators for the request parts. */
export interface RouteValidatorConfig<P, Q, B> {
  /** Validates URL path parameters. */
  params?: RouteValidationSpec<P>;
  /** Validates the query string. */
  query?: RouteValidationSpec<Q>;
  /** Validates the body. */
  body?: RouteValidationSpec<B>;
}

/** Options modifying the router's own extra validation. */
export interface RouteValidatorOptions {
  /** Parts for which Kibana's additional safe-value checks are skipped. */
  unsafe?: { params?: boolean; query?: boolean; body?: boolean };
}

/** Request validators plus options (9.x name; 8.x called it `RouteValidatorFullConfig`). */
export type RouteValidatorFullConfigRequest<P, Q, B> = RouteValidatorConfig<P, Q, B> &
  RouteValidatorOptions;

/** Everything `validate` accepts (the response-schema form is not declared). */
export type RouteValidator<P, Q, B> = RouteValidatorFullConfigRequest<P, Q, B>;

/**
 * One route's configuration. Kibana's type makes `security` optional; it is required here so every
 * route states its authorization, as 9.x expects (access tags were migrated away in 8.18/9.0).
 */
export interface RouteConfig<P, Q, B, Method extends RouteMethod> {
  /** Path within the router, with `{name}` segments. */
  path: string;
  /** Validators for params/query/body, or `false` for none (then all three are empty). */
  validate: RouteValidator<P, Q, B> | (() => RouteValidator<P, Q, B>) | false;
  /** Authorization/authentication requirements. */
  security: RouteSecurity;
  /** Additional options. */
  options?: RouteConfigOptions<Method>;
}

/** Authentication status of a request. */
export interface KibanaRequestAuth {
  /** True when the request was authenticated. */
  isAuthenticated: boolean;
}

/** An incoming request as handlers see it. */
export interface KibanaRequest<
  Params = unknown,
  Query = unknown,
  Body = unknown,
  Method extends RouteMethod = RouteMethod,
> {
  /** Request id (may come from `X-Opaque-Id`). */
  readonly id: string;
  /** Unique id of this request. */
  readonly uuid: string;
  /** The request URL. */
  readonly url: URL;
  /** Filtered copy of the request headers. */
  readonly headers: Headers;
  /** Matched route details (subset). */
  readonly route: { readonly path: string; readonly method: Method };
  /** Authentication status. */
  readonly auth: KibanaRequestAuth;
  /** Validated path parameters. */
  readonly params: Params;
  /** Validated query parameters. */
  readonly query: Query;
  /** Validated body. */
  readonly body: Body;
}

/** Data a response can carry. `object` stands in for Kibana's `Record<string, any> | Buffer | Stream`. */
export type HttpResponsePayload = undefined | string | object;

/** Extra error data sent to the client. */
export type ResponseErrorAttributes = Record<string, unknown>;

/** Error body of an error response. */
export type ResponseError =
  | string
  | Error
  | { message: string | Error; attributes?: ResponseErrorAttributes };

/** Body and headers of a response. */
export interface HttpResponseOptions<
  T extends HttpResponsePayload | ResponseError = HttpResponsePayload | ResponseError,
> {
  /** The body. */
  body?: T;
  /** Extra headers. */
  headers?: ResponseHeaders;
}

/** Body and headers of an error response. */
export interface ErrorHttpResponseOptions {
  /** The error message / details. */
  body?: ResponseError;
  /** Extra headers. */
  headers?: ResponseHeaders;
}

/** Options of a response with an explicit status code. */
export interface CustomHttpResponseOptions<T extends HttpResponsePayload | ResponseError> {
  /** The body. */
  body?: T;
  /** Extra headers. */
  headers?: ResponseHeaders;
  /** The HTTP status code. */
  statusCode: number;
}

/** What a handler returns. */
export interface IKibanaResponse<
  T extends HttpResponsePayload | ResponseError = HttpResponsePayload | ResponseError,
> {
  /** HTTP status. */
  readonly status: number;
  /** The body. */
  readonly payload?: T;
  /** Options it was created with. */
  readonly options: HttpResponseOptions;
}

/** Builds handler responses. */
export interface KibanaResponseFactory {
  /** 200 with an optional body. */
  ok<T extends HttpResponsePayload | ResponseError = HttpResponsePayload | ResponseError>(
    options?: HttpResponseOptions<T>
  ): IKibanaResponse<T>;
  /** 400. */
  badRequest(options?: ErrorHttpResponseOptions): IKibanaResponse;
  /** 403. */
  forbidden(options?: ErrorHttpResponseOptions): IKibanaResponse;
  /** 404. */
  notFound(options?: ErrorHttpResponseOptions): IKibanaResponse;
  /** 409. */
  conflict(options?: ErrorHttpResponseOptions): IKibanaResponse;
  /** An error response with any status code. */
  customError(options: CustomHttpResponseOptions<ResponseError>): IKibanaResponse;
}

/** Base of every handler context (Kibana's `resolve`/`loadPluginContract` helpers are not declared). */
export interface RequestHandlerContextBase {}

/** Core's part of a handler context (subset). */
export interface CoreRequestHandlerContext {
  /** Elasticsearch clients scoped to the request. */
  elasticsearch: { client: IScopedClusterClient };
}

/** The default handler context: core, resolved lazily. */
export interface RequestHandlerContext extends RequestHandlerContextBase {
  /** Core's context. */
  core: Promise<CoreRequestHandlerContext>;
}

/** Adds plugin-provided context parts (each a promise) to the default context. */
export type CustomRequestHandlerContext<T> = RequestHandlerContext & {
  [Key in keyof T]: T[Key] extends Promise<unknown> ? T[Key] : Promise<T[Key]>;
};

/** A route handler. */
export type RequestHandler<
  P = unknown,
  Q = unknown,
  B = unknown,
  Context extends RequestHandlerContextBase = RequestHandlerContextBase,
  Method extends RouteMethod = RouteMethod,
> = (
  context: Context,
  request: KibanaRequest<P, Q, B, Method>,
  response: KibanaResponseFactory
) => IKibanaResponse | Promise<IKibanaResponse>;

/** Registers a handler for one method. */
export type RouteRegistrar<
  Method extends RouteMethod,
  Context extends RequestHandlerContextBase = RequestHandlerContextBase,
> = <P, Q, B>(
  route: RouteConfig<P, Q, B, Method>,
  handler: RequestHandler<P, Q, B, Context, Method>
) => void;

/** A router scoped to the plugin. */
export interface IRouter<Context extends RequestHandlerContextBase = RequestHandlerContextBase> {
  /** Registers a GET route. */
  get: RouteRegistrar<'get', Context>;
  /** Registers a POST route. */
  post: RouteRegistrar<'post', Context>;
  /** Registers a PUT route. */
  put: RouteRegistrar<'put', Context>;
  /** Registers a PATCH route. */
  patch: RouteRegistrar<'patch', Context>;
  /** Registers a DELETE route. */
  delete: RouteRegistrar<'delete', Context>;
}

/** Core's HTTP setup contract (subset). */
export interface HttpServiceSetup {
  /** Creates the plugin's router; `Context` adds plugin-provided context parts. */
  createRouter: <
    Context extends RequestHandlerContext = RequestHandlerContext,
  >() => IRouter<Context>;
}

// ---------------------------------------------------------------------------------------------
// App categories (src/core/packages/application/common/src/app_category.ts, default_app_categories.ts)
// ---------------------------------------------------------------------------------------------

/** A navigation/feature category. */
export interface AppCategory {
  /** Category id (e.g. `securitySolution`). */
  id: string;
  /** Display label. */
  label: string;
  /** Screen-reader label, when different. */
  ariaLabel?: string;
  /** Sort order (steps of 1000). */
  order?: number;
  /** EUI icon. */
  euiIconType?: string;
}

/** Kibana's built-in categories (`kibana`, `enterpriseSearch`, `observability`, `security`, `management`…). */
export declare const DEFAULT_APP_CATEGORIES: Record<string, AppCategory>;

export {};
