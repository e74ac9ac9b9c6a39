/**
 * Kibana's HTTP layer as the test host plays it, as strict as Kibana:
 * - `RecordingRouter` refuses at registration what Kibana's router refuses (router_rules.ts), with
 *   Kibana's messages, and records the routes;
 * - `dispatchKibanaRequest` serves one request as Kibana does: match the route (404), the xsrf and
 *   version headers (400), `security.authz` (403), validate params / query / body (400, Kibana's
 *   message format), call the handler with a request context and Kibana's response factory, and
 *   render the result as Kibana does (Boom error bodies, 500 for a throwing handler).
 */
import type {
  Headers,
  IRouter,
  IScopedClusterClient,
  KibanaRequest,
  RequestHandler,
  RequestHandlerContext,
  RouteConfig,
  RouteMethod,
  RouteRegistrar,
} from '@kbn/core/server';
import { HOST_KIBANA_VERSION } from './host_version';
import { InvalidRequestPathError } from './invalid_request_path_error';
import {
  boomPayload,
  internalError,
  kibanaResponseFactory,
  toHttpResult,
  type HttpResult,
} from './kibana_response';
import { authzCheck, versionCheck, xsrfCheck } from './request_lifecycle';
import { checkRouteRegistration, routeKey, type RequestValidators } from './router_rules';
import { RequestValidationError, validateRequestPart } from './route_validator';

export type { HttpResult } from './kibana_response';
export { HOST_KIBANA_VERSION } from './host_version';

export interface RecordedRoute {
  readonly method: RouteMethod;
  readonly config: RouteConfig<unknown, unknown, unknown, RouteMethod>;
  readonly handler: RequestHandler<unknown, unknown, unknown, RequestHandlerContext, RouteMethod>;
  /** Validators Kibana runs on each request; absent on routes recorded by hand (resolved at dispatch). */
  readonly validators?: RequestValidators;
}

export interface TestUser {
  readonly username: string;
  /** Feature API privileges the user's roles grant. */
  readonly apiPrivileges: readonly string[];
}

export const USER_HEADER = 'x-test-user';

/** Headers Kibana's browser http client adds to every request (core's fetch). */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = {
  'kbn-version': HOST_KIBANA_VERSION,
  'x-elastic-internal-origin': 'Kibana',
};

export class RecordingRouter implements IRouter<RequestHandlerContext> {
  readonly routes: RecordedRoute[] = [];
  private readonly taken = new Set<string>();

  private record<Method extends RouteMethod>(
    method: Method
  ): RouteRegistrar<Method, RequestHandlerContext> {
    return <P, Q, B>(
      config: RouteConfig<P, Q, B, Method>,
      handler: RequestHandler<P, Q, B, RequestHandlerContext, Method>
    ): void => {
      const { path, validators } = checkRouteRegistration(method, config, this.taken);
      this.taken.add(routeKey(method, path));
      this.routes.push({
        method,
        config,
        handler: handler as unknown as RequestHandler<
          unknown,
          unknown,
          unknown,
          RequestHandlerContext,
          RouteMethod
        >,
        ...(validators === undefined ? {} : { validators }),
      });
    };
  }

  get = this.record('get');
  post = this.record('post');
  put = this.record('put');
  patch = this.record('patch');
  delete = this.record('delete');
}

export interface HttpCall {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path, optionally with a query string (`?a=1&a=2`). */
  readonly path: string;
  /** Query parameters added to the path's; a repeated key is given as an array. */
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: unknown;
  /** Request headers exactly as sent (none added). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly user: TestUser;
}

export interface DispatchOptions {
  /** The Kibana version `kbn-version` must match. */
  readonly kibanaVersion?: string;
  /** Told what a handler threw (Kibana logs it and answers a bare 500). */
  readonly onHandlerError?: (error: unknown) => void;
}

const segments = (path: string): string[] =>
  path.split('/').filter((segment) => segment.length > 0);

interface PathMatch {
  readonly params: Record<string, string>;
  readonly literals: number;
}

/** hapi's answer to a path parameter that is not valid percent-encoded UTF-8 (@hapi/call lib/index.js, internals.decode). */
const INVALID_REQUEST_PATH = 'Invalid request path';

const decodePathParameter = (raw: string): string => {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new InvalidRequestPathError(INVALID_REQUEST_PATH);
  }
};

/** hapi's matching: `{name}` takes one segment; literal segments win over parameters. Raw (encoded) parameter values. */
const matchPath = (pattern: string, path: string): PathMatch | undefined => {
  const expected = segments(pattern);
  const actual = segments(path);
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  let literals = 0;
  for (const [i, segment] of expected.entries()) {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (name !== undefined) params[name] = actual[i] ?? '';
    else if (segment === actual[i]) literals++;
    else return undefined;
  }
  return { params, literals };
};

const findRoute = (
  routes: readonly RecordedRoute[],
  method: RouteMethod,
  pathname: string
): { route: RecordedRoute; params: Record<string, string> } | undefined =>
  routes
    .filter((route) => route.method === method)
    .flatMap((route) => {
      const match = matchPath(route.config.path, pathname);
      return match === undefined ? [] : [{ route, match }];
    })
    .sort((a, b) => b.match.literals - a.match.literals)
    .map(({ route, match }) => ({ route, params: match.params }))[0];

const urlOf = (call: HttpCall): URL => {
  const url = new URL(`http://localhost${call.path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    for (const item of typeof value === 'string' ? [value] : value)
      url.searchParams.append(key, item);
  }
  return url;
};

/**
 * hapi's query object: one string per key, an array for a repeated key, on a null-prototype object
 * so `__proto__` is an ordinary key (hapi lib/request.js, _parseQuery).
 */
const queryOf = (url: URL): Record<string, string | string[]> => {
  const query: Record<string, string | string[]> = Object.create(null) as Record<
    string,
    string | string[]
  >;
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return query;
};

/** Validators of a route recorded by hand (not through RecordingRouter). */
const validatorsOf = (route: RecordedRoute): RequestValidators => {
  if (route.validators !== undefined) return route.validators;
  const { validate } = route.config;
  if (validate === false) return {};
  return (typeof validate === 'function' ? validate() : validate) as RequestValidators;
};

const validatedRequest = (
  route: RecordedRoute,
  url: URL,
  params: Record<string, string>,
  call: HttpCall,
  headers: Headers
) => {
  const validators = validatorsOf(route);
  const request: KibanaRequest<unknown, unknown, unknown, RouteMethod> = {
    id: 'test-request',
    uuid: 'test-request',
    url,
    headers,
    route: { path: route.config.path, method: route.method },
    auth: { isAuthenticated: true },
    params: validateRequestPart(validators.params, params, 'params'),
    query: validateRequestPart(validators.query, queryOf(url), 'query'),
    // An empty payload reaches a body validator as null.
    body: validateRequestPart(validators.body, call.body === undefined ? null : call.body, 'body'),
  };
  return request;
};

/** Serves one request as Kibana's HTTP server would, over the recorded routes. */
export const dispatchKibanaRequest = async (
  routes: readonly RecordedRoute[],
  clients: IScopedClusterClient,
  call: HttpCall,
  options: DispatchOptions = {}
): Promise<HttpResult> => {
  const method = call.method.toLowerCase() as RouteMethod;
  const url = urlOf(call);
  const found = findRoute(routes, method, url.pathname);
  if (found === undefined) return { status: 404, body: boomPayload(404, 'Not Found') };
  const { route } = found;
  let params: Record<string, string>;
  try {
    // hapi decodes parameters while looking the route up: a malformed one is refused before any other check.
    params = Object.fromEntries(
      Object.entries(found.params).map(([name, raw]) => [name, decodePathParameter(raw)])
    );
  } catch (error) {
    if (error instanceof InvalidRequestPathError)
      return { status: 400, body: boomPayload(400, error.message) };
    throw error;
  }
  const headers: Headers = { ...call.headers, [USER_HEADER]: call.user.username };
  const lifecycleRoute = {
    method,
    path: route.config.path,
    xsrfRequired: route.config.options?.xsrfRequired,
    security: route.config.security,
  };
  const refused =
    xsrfCheck(lifecycleRoute, headers) ??
    versionCheck(headers, options.kibanaVersion ?? HOST_KIBANA_VERSION) ??
    authzCheck(lifecycleRoute, url, call.user.apiPrivileges);
  if (refused !== undefined) return refused;
  let request: KibanaRequest<unknown, unknown, unknown, RouteMethod>;
  try {
    request = validatedRequest(route, url, params, call, headers);
  } catch (error) {
    if (error instanceof RequestValidationError)
      return { status: 400, body: boomPayload(400, error.message) };
    throw error;
  }
  const context: RequestHandlerContext = {
    core: Promise.resolve({ elasticsearch: { client: clients } }),
  };
  try {
    return toHttpResult(await route.handler(context, request, kibanaResponseFactory));
  } catch (error) {
    options.onHandlerError?.(error);
    return internalError();
  }
};
