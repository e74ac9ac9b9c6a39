/**
 * Kibana's HTTP layer as the test host plays it: a router that records what the plugin registers,
 * and a request dispatcher that does what Kibana does before a handler runs — match the path
 * (literal segments before `{params}`), enforce `security.authz.requiredPrivileges` against the
 * user's feature API privileges (403), run the route's validation functions (400) — then calls
 * the handler with a request context and Kibana's response factory.
 */
import type {
  IKibanaResponse,
  IRouter,
  KibanaRequest,
  KibanaResponseFactory,
  RequestHandler,
  RequestHandlerContext,
  RouteConfig,
  RouteMethod,
  RouteRegistrar,
  RouteValidationResultFactory,
  RouteValidator,
  IScopedClusterClient,
} from '@kbn/core/server';

export interface RecordedRoute {
  readonly method: RouteMethod;
  readonly config: RouteConfig<unknown, unknown, unknown, RouteMethod>;
  readonly handler: RequestHandler<unknown, unknown, unknown, RequestHandlerContext, RouteMethod>;
}

export interface TestUser {
  readonly username: string;
  /** Feature API privileges the user's roles grant. */
  readonly apiPrivileges: readonly string[];
}

export interface HttpResult {
  readonly status: number;
  readonly body: unknown;
}

export const USER_HEADER = 'x-test-user';

class ValidationFailure extends Error {}

export class RecordingRouter implements IRouter<RequestHandlerContext> {
  readonly routes: RecordedRoute[] = [];

  private record<Method extends RouteMethod>(method: Method): RouteRegistrar<Method, RequestHandlerContext> {
    const register = <P, Q, B>(config: RouteConfig<P, Q, B, Method>, handler: RequestHandler<P, Q, B, RequestHandlerContext, Method>): void => {
      this.routes.push({
        method,
        config: config as unknown as RouteConfig<unknown, unknown, unknown, RouteMethod>,
        handler: handler as unknown as RequestHandler<unknown, unknown, unknown, RequestHandlerContext, RouteMethod>,
      });
    };
    return register;
  }

  get = this.record('get');
  post = this.record('post');
  put = this.record('put');
  patch = this.record('patch');
  delete = this.record('delete');
}

const responseFactory: KibanaResponseFactory = {
  ok: (options) => ({ status: 200, payload: options?.body, options: options ?? {} }),
  badRequest: (options) => ({ status: 400, payload: options?.body, options: options ?? {} }),
  forbidden: (options) => ({ status: 403, payload: options?.body, options: options ?? {} }),
  notFound: (options) => ({ status: 404, payload: options?.body, options: options ?? {} }),
  conflict: (options) => ({ status: 409, payload: options?.body, options: options ?? {} }),
  customError: (options) => ({ status: options.statusCode, payload: options.body, options }),
};

const validationResult: RouteValidationResultFactory = {
  ok: (value) => ({ value }),
  badRequest: (error) => {
    throw new ValidationFailure(typeof error === 'string' ? error : error instanceof Error ? error.message : String(error));
  },
};

const segments = (path: string): string[] => path.split('/').filter((segment) => segment.length > 0);

const matchPath = (pattern: string, path: string): { params: Record<string, string>; literals: number } | undefined => {
  const expected = segments(pattern);
  const actual = segments(path);
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  let literals = 0;
  for (const [i, segment] of expected.entries()) {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (name !== undefined) params[name] = decodeURIComponent(actual[i] ?? '');
    else if (segment === actual[i]) literals++;
    else return undefined;
  }
  return { params, literals };
};

const validatorsOf = (config: RecordedRoute['config']): RouteValidator<unknown, unknown, unknown> =>
  config.validate === false ? {} : typeof config.validate === 'function' ? config.validate() : config.validate;

const runValidator = (validate: RouteValidator<unknown, unknown, unknown>['body'], data: unknown): unknown =>
  validate === undefined ? data : (validate(data, validationResult).value as unknown);

const missingPrivileges = (route: RecordedRoute, user: TestUser): string[] => {
  const { authz } = route.config.security;
  if ('enabled' in authz) return [];
  return authz.requiredPrivileges.flatMap((privilege) => {
    if (typeof privilege === 'string') return user.apiPrivileges.includes(privilege) ? [] : [privilege];
    const all = privilege.allRequired ?? [];
    const any = privilege.anyRequired ?? [];
    const missingAll = all.filter((p) => !user.apiPrivileges.includes(p));
    const missingAny = any.length > 0 && !any.some((p) => user.apiPrivileges.includes(p)) ? any : [];
    return [...missingAll, ...missingAny];
  });
};

export interface HttpCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly body?: unknown;
  readonly user: TestUser;
}

/** Dispatches one request the way Kibana's HTTP server would, over the recorded routes. */
export const dispatchKibanaRequest = async (
  routes: readonly RecordedRoute[],
  clients: IScopedClusterClient,
  call: HttpCall
): Promise<HttpResult> => {
  const method = call.method.toLowerCase() as RouteMethod;
  const matches = routes
    .filter((route) => route.method === method)
    .map((route) => ({ route, match: matchPath(route.config.path, call.path) }))
    .filter((candidate): candidate is { route: RecordedRoute; match: { params: Record<string, string>; literals: number } } => candidate.match !== undefined)
    .sort((a, b) => b.match.literals - a.match.literals);
  const found = matches[0];
  if (found === undefined) return { status: 404, body: { message: 'Not Found' } };
  const missing = missingPrivileges(found.route, call.user);
  if (missing.length > 0) return { status: 403, body: { message: `Forbidden: missing [${missing.join(', ')}]` } };
  const validators = validatorsOf(found.route.config);
  let request: KibanaRequest<unknown, unknown, unknown, RouteMethod>;
  try {
    request = {
      id: 'test-request',
      uuid: 'test-request',
      url: new URL(`http://localhost${call.path}`),
      headers: { [USER_HEADER]: call.user.username },
      route: { path: found.route.config.path, method },
      auth: { isAuthenticated: true },
      params: runValidator(validators.params, found.match.params),
      query: runValidator(validators.query, call.query ?? {}),
      // Kibana hands handlers `null` when a POST has no body.
      body: runValidator(validators.body, call.body ?? null),
    };
  } catch (error) {
    if (error instanceof ValidationFailure) return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: error.message } };
    throw error;
  }
  const context: RequestHandlerContext = { core: Promise.resolve({ elasticsearch: { client: clients } }) };
  const response: IKibanaResponse = await found.route.handler(context, request, responseFactory);
  return { status: response.status, body: response.payload };
};
