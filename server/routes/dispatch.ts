/**
 * Serves the API routes without Kibana (standalone server, tests): matches a method and path,
 * validates params, query and body with the route's schemas, and runs the handler. Literal path
 * segments win over `{param}` segments, as in Kibana's router (`alerts/_status` is not an id).
 * A path parameter that is not valid percent-encoded UTF-8 is a 400 naming it (Kibana's router,
 * hapi, answers 400 "Invalid request path" there too).
 */
import type { ApiResponse, ApiRoute, ApiServices, HttpMethod } from './api_types';
import { quoted } from './request_values';
import { validateWith, type ValidationProblem } from './validation';

export interface ApiCall {
  readonly method: string;
  readonly path: string;
  /** One string per key; a repeated key's values as a list (as hapi hands them to Kibana routes). */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  readonly body: unknown;
}

interface RouteMatch {
  readonly route: ApiRoute;
  /** Path parameters as sent, still percent-encoded. */
  readonly params: Record<string, string>;
  /** Literal segments matched: the more, the more specific. */
  readonly literals: number;
}

const segmentsOf = (path: string): string[] =>
  path.split('/').filter((segment) => segment.length > 0);

const PARAM_SEGMENT = /^\{(\w+)\}$/;

const matchRoute = (route: ApiRoute, method: string, path: string): RouteMatch | undefined => {
  if (route.method !== method) return undefined;
  const pattern = segmentsOf(route.path);
  const actual = segmentsOf(path);
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  let literals = 0;
  for (const [i, segment] of pattern.entries()) {
    const value = actual[i] ?? '';
    const param = PARAM_SEGMENT.exec(segment);
    if (param?.[1] !== undefined) {
      params[param[1]] = value;
    } else if (segment === value) {
      literals++;
    } else {
      return undefined;
    }
  }
  return { route, params, literals };
};

export const findRoute = (
  routes: readonly ApiRoute[],
  method: string,
  path: string
): RouteMatch | undefined =>
  routes
    .map((route) => matchRoute(route, method, path))
    .filter((match): match is RouteMatch => match !== undefined)
    .sort((a, b) => b.literals - a.literals)[0];

/** The decoded path parameters, or a problem for each one that is not valid percent-encoded UTF-8. */
const decodeParams = (
  encoded: Readonly<Record<string, string>>
): { params: Record<string, string>; problems: ValidationProblem[] } => {
  const params: Record<string, string> = {};
  const problems: ValidationProblem[] = [];
  for (const [name, value] of Object.entries(encoded)) {
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      problems.push({
        path: `params.${name}`,
        message: `${name} is not valid percent-encoded UTF-8 (got ${quoted(value)})`,
      });
    }
  }
  return { params, problems };
};

const invalid = (problems: readonly ValidationProblem[]): ApiResponse => ({
  status: 400,
  body: {
    message: `Invalid request: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    errors: problems,
  },
});

export const isHttpMethod = (method: string): method is HttpMethod =>
  method === 'GET' || method === 'POST' || method === 'DELETE';

/** Runs the matching route, or answers 404 / 405 / 400. Handler failures propagate to the host. */
export const dispatch = async (
  routes: readonly ApiRoute[],
  services: ApiServices,
  call: ApiCall
): Promise<ApiResponse> => {
  const match = findRoute(routes, call.method, call.path);
  if (match === undefined) {
    const otherMethod = routes.some((route) =>
      matchRoute({ ...route, method: call.method as HttpMethod }, call.method, call.path)
    );
    return otherMethod
      ? { status: 405, body: { message: `${call.method} is not allowed on ${call.path}` } }
      : { status: 404, body: { message: `No API route ${call.method} ${call.path}` } };
  }
  const decoded = decodeParams(match.params);
  if (decoded.problems.length > 0) return invalid(decoded.problems);
  const params = validateWith(match.route.validate.params, decoded.params, 'params');
  const query = validateWith(match.route.validate.query, call.query, 'query');
  const body = validateWith(match.route.validate.body, call.body ?? undefined, 'body');
  const problems = [params, query, body].flatMap((part) => (part.ok ? [] : part.problems));
  if (!params.ok || !query.ok || !body.ok) return invalid(problems);
  return match.route.handler(services, {
    params: params.value,
    query: query.value,
    body: body.value,
  });
};
