/**
 * The checks Kibana runs on a request after routing and before validation and the handler, in
 * Kibana's order and with Kibana's responses: the xsrf header and the client version (core's
 * onPostAuth handlers, registered before any plugin's), then the route's `security.authz`
 * (the security plugin's onPostAuth handler).
 * Kibana (9.x): src/core/packages/http/server-internal/src/lifecycle_handlers.ts
 * (createXsrfPostAuthHandler, createVersionCheckPostAuthHandler);
 * x-pack/platform/plugins/shared/security/server/authorization/api_authorization.ts (initAPIAuthorization).
 */
import type {
  Headers,
  Privilege,
  PrivilegeSet,
  RouteMethod,
  RouteSecurity,
} from '@kbn/core/server';
import { boomPayload, type HttpResult } from './kibana_response';

const VERSION_HEADER = 'kbn-version';
const XSRF_HEADER = 'kbn-xsrf';
/** Kibana: isSafeMethod (route.ts). */
const SAFE_METHODS: ReadonlySet<RouteMethod> = new Set<RouteMethod>(['get', 'options']);

export interface LifecycleRoute {
  readonly method: RouteMethod;
  readonly path: string;
  readonly xsrfRequired?: boolean;
  readonly security: RouteSecurity;
}

const badRequest = (message: string, attributes?: unknown): HttpResult => ({
  status: 400,
  body: boomPayload(400, message, attributes),
});

/** Kibana: createXsrfPostAuthHandler — a destructive request needs `kbn-xsrf` or `kbn-version`. */
export const xsrfCheck = (route: LifecycleRoute, headers: Headers): HttpResult | undefined => {
  if (route.xsrfRequired === false || SAFE_METHODS.has(route.method)) return undefined;
  if (VERSION_HEADER in headers || XSRF_HEADER in headers) return undefined;
  return badRequest(`Request must contain a ${XSRF_HEADER} header.`);
};

/** Kibana: createVersionCheckPostAuthHandler — a browser of another Kibana version is refused. */
export const versionCheck = (headers: Headers, kibanaVersion: string): HttpResult | undefined => {
  const requestVersion = headers[VERSION_HEADER];
  if (!requestVersion || requestVersion === kibanaVersion) return undefined;
  return badRequest(
    `Browser client is out of date, please refresh the page ("${VERSION_HEADER}" header was "${String(requestVersion)}" but should be "${kibanaVersion}")`,
    { expected: kibanaVersion, got: requestVersion }
  );
};

const namesOf = (
  entries: ReadonlyArray<string | { allOf?: string[]; anyOf?: string[] }> | undefined
): string[] =>
  (entries ?? []).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : [...(entry.allOf ?? []), ...(entry.anyOf ?? [])]
  );

/** Every privilege name a requirement asks Elasticsearch about. */
const requestedNames = (requirement: Privilege | PrivilegeSet): string[] =>
  typeof requirement === 'string'
    ? [requirement]
    : [...namesOf(requirement.allRequired), ...namesOf(requirement.anyRequired)];

const satisfied = (
  requirement: Privilege | PrivilegeSet,
  granted: (name: string) => boolean
): boolean => {
  if (typeof requirement === 'string') return granted(requirement);
  const all = requirement.allRequired ?? [];
  const any = requirement.anyRequired ?? [];
  return all.every(granted) && (any.length === 0 || any.some(granted));
};

/**
 * Kibana: initAPIAuthorization — each required privilege (or set) must hold; otherwise a 403
 * naming the route and every requested privilege the user lacks.
 */
export const authzCheck = (
  route: LifecycleRoute,
  url: URL,
  grantedPrivileges: readonly string[]
): HttpResult | undefined => {
  const { authz } = route.security;
  if ('enabled' in authz) return undefined;
  const granted = (name: string): boolean => grantedPrivileges.includes(name);
  const requested = [...new Set(authz.requiredPrivileges.flatMap(requestedNames))];
  if (authz.requiredPrivileges.every((requirement) => satisfied(requirement, granted)))
    return undefined;
  const missing = requested.filter((name) => !granted(name));
  const message = `API [${route.method.toUpperCase()} ${url.pathname}${url.search}] is unauthorized for user, this action is granted by the Kibana privileges [${missing.join(',')}]`;
  return { status: 403, body: boomPayload(403, message) };
};
