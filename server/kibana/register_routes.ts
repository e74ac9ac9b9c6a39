/**
 * Mounts the host-neutral API routes on Kibana's router: zod schemas become Kibana validation
 * functions, each route requires its feature API privilege (`security.authz`, 9.x; a route that
 * changes state must require `all`), and handlers get services scoped to the request's user and
 * space.
 */
import type { z } from 'zod';
import type {
  IRouter,
  KibanaRequest,
  KibanaResponseFactory,
  RequestHandlerContext,
  RouteValidationFunction,
  RouteValidatorConfig,
} from '@kbn/core/server';
import {
  API_PRIVILEGES,
  type ApiResponse,
  type ApiRoute,
  type ApiServices,
} from '../routes/api_types';
import { validateWith } from '../routes/validation';

export type ServicesForRequest = (
  context: RequestHandlerContext,
  request: KibanaRequest
) => Promise<ApiServices>;

const OK = 200;

/** A Kibana validation function for one request part. */
const validatorFor =
  <T>(schema: z.ZodType<T>, part: string): RouteValidationFunction<T> =>
  (data, result) => {
    // Kibana hands an absent body over as null; the schemas' defaults expect undefined.
    const validated = validateWith(schema, data ?? undefined, part);
    if (validated.ok) return result.ok(validated.value);
    return result.badRequest(
      validated.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')
    );
  };

type RequestPart = keyof ApiRoute['validate'];
const REQUEST_PARTS: readonly RequestPart[] = ['params', 'query', 'body'];

/**
 * The route's `validate`: a validator for each part that has a schema and no key for the others,
 * or `false` when no part has one. Kibana refuses, at start-up, a `validate` key holding anything
 * but a schema or a function — `undefined` included (Kibana: src/core/packages/http/
 * router-server-internal/src/route.ts, routeSchemasFromRouteConfig) — and hands a handler `{}` for
 * a part it does not validate.
 */
export const routeValidate = (
  route: ApiRoute
): RouteValidatorConfig<unknown, unknown, unknown> | false => {
  const validators = REQUEST_PARTS.flatMap((part) => {
    const schema: z.ZodType<unknown> | undefined = route.validate[part];
    return schema === undefined ? [] : [[part, validatorFor(schema, part)] as const];
  });
  return validators.length === 0 ? false : Object.fromEntries(validators);
};

const toKibanaResponse = (response: KibanaResponseFactory, result: ApiResponse) => {
  if (result.status === OK) return response.ok({ body: result.body as object });
  const body = result.body as { message?: unknown };
  const message =
    typeof body.message === 'string' ? body.message : `request failed with status ${result.status}`;
  return response.customError({
    statusCode: result.status,
    body: { message, attributes: { details: result.body } },
  });
};

/** Refuses, at plugin setup, a state-changing route open to read-only roles: no route definition can loosen that. */
const requiredPrivilegeOf = (route: ApiRoute): string => {
  if (route.method !== 'GET' && route.privilege !== 'all') {
    throw new Error(
      `${route.method} ${route.path} changes state and must require the "all" privilege, not "${route.privilege}"`
    );
  }
  return API_PRIVILEGES[route.privilege];
};

const registerRoute = (
  router: IRouter<RequestHandlerContext>,
  route: ApiRoute,
  servicesFor: ServicesForRequest
): void => {
  const config = {
    path: route.path,
    validate: routeValidate(route),
    security: { authz: { requiredPrivileges: [requiredPrivilegeOf(route)] } },
    options: { access: 'public' as const, summary: route.description },
  };
  const handler = async (
    context: RequestHandlerContext,
    request: KibanaRequest<unknown, unknown, unknown>,
    response: KibanaResponseFactory
  ) => {
    const services = await servicesFor(context, request);
    const result = await route.handler(services, {
      params: request.params,
      query: request.query,
      body: request.body,
    });
    return toKibanaResponse(response, result);
  };
  if (route.method === 'GET') router.get(config, handler);
  else if (route.method === 'DELETE') router.delete(config, handler);
  else router.post(config, handler);
};

export const registerRoutes = (
  router: IRouter<RequestHandlerContext>,
  routes: readonly ApiRoute[],
  servicesFor: ServicesForRequest
): void => {
  for (const route of routes) registerRoute(router, route, servicesFor);
};
