/**
 * What Kibana's router refuses when a plugin registers a route, checked in Kibana's order with
 * Kibana's messages (Kibana 9.x: src/core/packages/http/router-server-internal/src/route.ts
 * buildRoute → routeSchemasFromRouteConfig, util.ts validOptions, security_route_config_validator.ts;
 * 8.19: packages/core/http/core-http-router-server-internal/src/route.ts, same messages).
 *
 * One 9.x variant builds the schemas lazily outside dev mode, so a bad `validate` surfaces as a 500
 * on the route's first request instead of at start-up (router.test.ts: "Use dev mode to test eager
 * schema construction"). The host always checks at registration: the stricter of the two.
 *
 * A few rules are the host's, worded by the host, where Kibana's types forbid something its code
 * lets through to fail later or silently (marked "host rule").
 */
import type { RouteMethod } from '@kbn/core/server';
import { interpolatedText } from './interpolated_text';
import { assertValidRouteSecurity } from './route_security';
import { isConfigSchemaType, isZodSchema } from './route_validator';
import { isPlainObject } from './schema_checks';

export class RouteRegistrationError extends Error {}

/** Request validators as Kibana's RouteValidator receives them (absent part = no key). */
export type RequestValidators = Readonly<Partial<Record<string, unknown>>>;

/** Kibana: validBodyOutput in @kbn/core-http-server. */
const VALID_BODY_OUTPUTS = ['data', 'stream'];
/** Kibana: RouteAccess in @kbn/core-http-server (type only). */
const ROUTE_ACCESS = ['public', 'internal'];
/** Kibana: validOptions — GET and HEAD never parse a payload. */
const METHODS_WITHOUT_PAYLOAD: ReadonlySet<string> = new Set(['get', 'head']);

const fail = (message: string): never => {
  throw new RouteRegistrationError(message);
};

/** Kibana: getRequestValidation — the lazy form is called (once), a `{ request }` container unwrapped. */
const requestValidationOf = (validate: unknown): unknown => {
  const resolved: unknown =
    typeof validate === 'function' ? (validate as () => unknown)() : validate;
  return isPlainObject(resolved) && 'request' in resolved ? resolved.request : resolved;
};

const isValidationLogic = (rule: unknown): boolean =>
  isConfigSchemaType(rule) || isZodSchema(rule) || typeof rule === 'function';

/** Kibana: routeSchemasFromRouteConfig. Returns the validators, or undefined for `validate: false`. */
const routeSchemas = (
  method: RouteMethod,
  path: string,
  validate: unknown
): RequestValidators | undefined => {
  if (validate === undefined) {
    fail(
      `The [${method}] at [${path}] does not have a 'validate' specified. Use 'false' as the value if you want to bypass validation.`
    );
  }
  if (validate === false) return undefined;
  const validation = requestValidationOf(validate);
  if (!isPlainObject(validation))
    return fail(
      `The [${method}] at [${path}] has an invalid 'validate': expected an object, 'false' or a function returning one (host rule).`
    );
  // Every key is checked, `undefined` values included: that is what stops Kibana at start-up.
  for (const [key, rule] of Object.entries(validation)) {
    if (!isValidationLogic(rule)) {
      fail(
        `Expected a valid validation logic declared with '@kbn/config-schema' package, '@kbn/zod' package or a RouteValidationFunction at key: [${key}].`
      );
    }
  }
  return validation;
};

/** Kibana: validOptions (util.ts), plus the host rules on what Kibana's option types forbid. */
const checkOptions = (
  method: RouteMethod,
  path: string,
  rawOptions: unknown,
  validators: RequestValidators | undefined
): void => {
  const options = isPlainObject(rawOptions) ? rawOptions : {};
  const body = isPlainObject(options.body) ? options.body : {};
  const output = body.output;
  if (typeof output === 'string' && !VALID_BODY_OUTPUTS.includes(output)) {
    fail(
      `[options.body.output: '${output}'] in route ${method.toUpperCase()} ${path} is not valid. Only '${VALID_BODY_OUTPUTS.join("' or '")}' are valid.`
    );
  }
  if (options.security !== undefined)
    fail('`options.security` is not allowed in route config. Use `security` instead.');
  // Host rules: Kibana drops body options on GET/HEAD, so a body validator would only ever see no body.
  if (METHODS_WITHOUT_PAYLOAD.has(method) && validators?.body !== undefined) {
    fail(
      `The [${method}] at [${path}] validates a body, but Kibana never reads the payload of a GET or HEAD request (host rule).`
    );
  }
  if (method === 'get' && options.xsrfRequired !== undefined) {
    fail(
      `The [${method}] at [${path}] sets options.xsrfRequired, which Kibana's types allow only on destructive methods (host rule).`
    );
  }
  if (options.access !== undefined && !ROUTE_ACCESS.includes(interpolatedText(options.access))) {
    fail(
      `The [${method}] at [${path}] has options.access [${interpolatedText(options.access)}]; expected 'public' or 'internal' (host rule).`
    );
  }
};

/**
 * Host rules standing for the HTTP server's own refusals when Kibana starts (checked last, as
 * Kibana's router has accepted the route by then): path syntax, one handler per method and path.
 */
const checkPath = (method: RouteMethod, path: unknown, taken: ReadonlySet<string>): string => {
  if (typeof path !== 'string' || !path.startsWith('/'))
    return fail(`Invalid path: [${String(path)}] must start with '/' (host rule).`);
  if (path.length > 1 && path.endsWith('/'))
    fail(`Invalid path: [${path}] must not end with '/' (host rule).`);
  if (taken.has(routeKey(method, path)))
    fail(`The [${method}] at [${path}] is already registered (host rule).`);
  return path;
};

/** `{param}` segments compare equal whatever their names, as the HTTP server's router sees them. */
export const routeKey = (method: RouteMethod, path: string): string =>
  `${method} ${path.replace(/\{[^}]+\}/g, '{}')}`;

export interface RegistrableRoute {
  readonly path: string;
  /** Validators to run on each request (none for `validate: false`). */
  readonly validators: RequestValidators | undefined;
}

/** Checks a route as Kibana does on `router.<method>(config, handler)`; throws Kibana's error. */
export const checkRouteRegistration = (
  method: RouteMethod,
  config: unknown,
  taken: ReadonlySet<string>
): RegistrableRoute => {
  const route = isPlainObject(config) ? config : {};
  const shownPath = String(route.path);
  const validators = routeSchemas(method, shownPath, route.validate);
  checkOptions(method, shownPath, route.options, validators);
  assertValidRouteSecurity(route.security);
  return { path: checkPath(method, route.path, taken), validators };
};
