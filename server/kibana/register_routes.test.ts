/**
 * No route of the plugin is left open: the plugin is set up as Kibana sets it up (the Kibana test
 * host) and every route it registers on the router must require privileges that its own feature
 * grants — reading routes the `read` privilege, state-changing ones the `all` privilege, which a
 * read-only role does not have — and keep Kibana's authentication and `kbn-xsrf` check. The router
 * is the test host's, which refuses at registration what Kibana's router refuses at start-up.
 */
import type { Client } from '@elastic/elasticsearch';
import type { PrivilegeSet, RouteMethod } from '@kbn/core/server';
import type { KibanaFeatureConfig } from '@kbn/features-plugin/server';
import { RecordingRouter, type RecordedRoute } from '../../test/kibana_host/fake_http';
import { KibanaTestHost } from '../../test/kibana_host/kibana_test_host';
import { API_ROUTES } from '../routes';
import { API_BASE_PATH, ok, type ApiRoute } from '../routes/api_types';
import { createEsClient } from '../stores/elasticsearch/es_client';
import { registerRoutes, routeValidate } from './register_routes';

/** Setting the plugin up never calls Elasticsearch; a client pointed at nothing proves it. */
const UNREACHABLE_ES = 'http://127.0.0.1:1';
const READING_METHODS: ReadonlySet<RouteMethod> = new Set<RouteMethod>(['get', 'options']);

interface FeatureApi {
  readonly all: readonly string[];
  readonly read: readonly string[];
}

type Requirement = string | PrivilegeSet;

const featureApi = (feature: KibanaFeatureConfig): FeatureApi => ({
  all: feature.privileges?.all.api ?? [],
  read: feature.privileges?.read.api ?? [],
});

const namesIn = (requirement: Requirement): string[] =>
  typeof requirement === 'string'
    ? [requirement]
    : [...(requirement.allRequired ?? []), ...(requirement.anyRequired ?? [])];

/** Whether a role granted `granted` passes the requirements, as Kibana's authz decides it. */
const passes = (granted: readonly string[], requirements: readonly Requirement[]): boolean =>
  requirements.every((requirement) => {
    if (typeof requirement === 'string') return granted.includes(requirement);
    const any = requirement.anyRequired ?? [];
    return (
      (requirement.allRequired ?? []).every((name) => granted.includes(name)) &&
      (any.length === 0 || any.some((name) => granted.includes(name)))
    );
  });

/** Every way a route falls short of the policy, as readable sentences (none for a good route). */
const routeProblems = (route: RecordedRoute, api: FeatureApi): string[] => {
  const name = `${route.method.toUpperCase()} ${route.config.path}`;
  const { authz, authc } = route.config.security;
  if ('enabled' in authz) return [`${name} disables authorization`];
  const problems: string[] = [];
  const requirements = authz.requiredPrivileges;
  const featurePrivileges = new Set([...api.all, ...api.read]);
  if (requirements.length === 0) problems.push(`${name} requires no privilege`);
  const foreign = requirements
    .flatMap(namesIn)
    .filter((privilege) => !featurePrivileges.has(privilege));
  if (foreign.length > 0)
    problems.push(`${name} requires [${foreign.join(', ')}], which the feature does not grant`);
  if (authc?.enabled === false) problems.push(`${name} disables authentication`);
  if (!passes(api.all, requirements))
    problems.push(`${name} is closed even to the "all" privilege`);
  const mutating = !READING_METHODS.has(route.method);
  if (mutating && passes(api.read, requirements))
    problems.push(`${name} changes state but the "read" privilege suffices`);
  if (mutating && route.config.options?.xsrfRequired === false)
    problems.push(`${name} changes state without the kbn-xsrf check`);
  if (!mutating && !passes(api.read, requirements))
    problems.push(`${name} only reads but the "read" privilege does not open it`);
  return problems;
};

describe('the routes the plugin registers', () => {
  let client: Client;
  let host: KibanaTestHost;
  let api: FeatureApi;

  beforeAll(async () => {
    client = createEsClient({ url: UNREACHABLE_ES });
    host = await KibanaTestHost.start(client, 'default');
    const [feature] = host.alerting.features;
    if (feature === undefined) throw new Error('the plugin registered no feature');
    api = featureApi(feature);
  });

  afterAll(async () => {
    await client.close();
  });

  it('are the whole API, under the plugin base path', () => {
    const registered = host.router.routes.map(
      (route) => `${route.method.toUpperCase()} ${route.config.path}`
    );
    expect(registered.sort()).toEqual(
      API_ROUTES.map((route) => `${route.method} ${route.path}`).sort()
    );
    expect(registered.every((route) => route.includes(` ${API_BASE_PATH}/`))).toBe(true);
    expect(registered.some((route) => route.startsWith('POST '))).toBe(true);
  });

  it('each require privileges from the feature: read to look, all to change', () => {
    expect(api.all.length).toBeGreaterThan(0);
    expect(api.read.every((privilege) => api.all.includes(privilege))).toBe(true);
    expect(host.router.routes.flatMap((route) => routeProblems(route, api))).toEqual([]);
  });
});

describe('the route policy check', () => {
  const api: FeatureApi = { all: ['x-all', 'x-read'], read: ['x-read'] };
  const route = (
    method: RouteMethod,
    security: RecordedRoute['config']['security'],
    xsrfRequired?: boolean
  ): RecordedRoute => ({
    method,
    config: {
      path: '/api/x',
      validate: false,
      security,
      options: xsrfRequired === undefined ? {} : { xsrfRequired },
    },
    handler: async (_context, _request, response) => response.ok(),
  });

  it('finds open, foreign, too loose and too tight routes', () => {
    expect(routeProblems(route('get', { authz: { enabled: false, reason: 'test' } }), api)).toEqual(
      ['GET /api/x disables authorization']
    );
    expect(routeProblems(route('post', { authz: { requiredPrivileges: [] } }), api)).toEqual([
      'POST /api/x requires no privilege',
      'POST /api/x changes state but the "read" privilege suffices',
    ]);
    expect(
      routeProblems(route('get', { authz: { requiredPrivileges: ['other'] } }), api)
    ).toContain('GET /api/x requires [other], which the feature does not grant');
    expect(
      routeProblems(
        route('delete', { authz: { requiredPrivileges: [{ anyRequired: ['x-all', 'x-read'] }] } }),
        api
      )
    ).toEqual(['DELETE /api/x changes state but the "read" privilege suffices']);
    expect(
      routeProblems(
        route(
          'post',
          { authz: { requiredPrivileges: ['x-all'] }, authc: { enabled: false, reason: 'test' } },
          false
        ),
        api
      )
    ).toEqual([
      'POST /api/x disables authentication',
      'POST /api/x changes state without the kbn-xsrf check',
    ]);
    expect(routeProblems(route('get', { authz: { requiredPrivileges: ['x-all'] } }), api)).toEqual([
      'GET /api/x only reads but the "read" privilege does not open it',
    ]);
    expect(
      routeProblems(
        route('post', { authz: { requiredPrivileges: [{ allRequired: ['x-all'] }] } }),
        api
      )
    ).toEqual([]);
  });

  it('is backed at setup: registering a state-changing route behind the read privilege throws', () => {
    const loose: ApiRoute = {
      method: 'POST',
      path: `${API_BASE_PATH}/loose`,
      privilege: 'read',
      description: 'test',
      validate: {},
      handler: async () => ok({}),
    };
    const servicesFor = () => Promise.reject(new Error('never called'));
    expect(() => registerRoutes(new RecordingRouter(), [loose], servicesFor)).toThrow(
      `POST ${API_BASE_PATH}/loose changes state and must require the "all" privilege, not "read"`
    );
  });
});

describe("the routes' validate config on Kibana's router", () => {
  const servicesFor = () => Promise.reject(new Error('never called'));
  const UNDEFINED_KEY_MESSAGE =
    "Expected a valid validation logic declared with '@kbn/config-schema' package, '@kbn/zod' package or a RouteValidationFunction at key: [params].";

  it('registers every route of the plugin without error', () => {
    const router = new RecordingRouter();
    expect(() => registerRoutes(router, API_ROUTES, servicesFor)).not.toThrow();
    expect(router.routes).toHaveLength(API_ROUTES.length);
  });

  it('has a key only for the parts with a schema, and is false when no part has one', () => {
    for (const route of API_ROUTES) {
      const validate = routeValidate(route);
      const declared = (['params', 'query', 'body'] as const).filter(
        (part) => route.validate[part] !== undefined
      );
      if (declared.length === 0) expect(validate).toBe(false);
      else expect(Object.keys(validate).sort()).toEqual([...declared].sort());
      for (const validator of Object.values(validate === false ? {} : validate))
        expect(typeof validator).toBe('function');
    }
  });

  it('validates the params of every route with a {param} in its path (Kibana hands {} otherwise)', () => {
    const withParams = API_ROUTES.filter((route) => route.path.includes('{'));
    expect(withParams.length).toBeGreaterThan(0);
    for (const route of withParams) expect(route.validate.params).toBeDefined();
  });

  it('would stop Kibana at start-up with a validate key left undefined, as the plugin once built it', () => {
    const [route] = API_ROUTES.filter((candidate) => candidate.validate.params === undefined);
    if (route === undefined) throw new Error('every route validates params');
    const validate = { ...routeValidate(route), params: undefined };
    const config = {
      path: route.path,
      validate,
      security: { authz: { requiredPrivileges: ['x'] } },
    };
    expect(() =>
      new RecordingRouter().get(config as never, (async () => undefined) as never)
    ).toThrow(UNDEFINED_KEY_MESSAGE);
  });
});
