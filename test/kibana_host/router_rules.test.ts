/**
 * The host refuses at registration the routes Kibana's router refuses, with Kibana's messages
 * (src/core/packages/http/router-server-internal/src/route.ts, util.ts; the validate messages are
 * Kibana's own router.test.ts snapshots), plus the host rules for what Kibana's types forbid.
 */
import { z } from 'zod';
import { checkRouteRegistration, routeKey } from './router_rules';

const SECURITY = { authz: { requiredPrivileges: ['p'] } };
const validation = (data: unknown, result: { ok: (value: unknown) => unknown }) => result.ok(data);
const register = (
  method: 'get' | 'post',
  config: Record<string, unknown>,
  taken: ReadonlySet<string> = new Set()
) => checkRouteRegistration(method, { path: '/api/x', security: SECURITY, ...config }, taken);

describe('route registration as Kibana checks it', () => {
  it('needs validate, false being allowed', () => {
    expect(() => register('get', { validate: undefined })).toThrow(
      "The [get] at [/api/x] does not have a 'validate' specified. Use 'false' as the value if you want to bypass validation."
    );
    expect(register('get', { validate: false }).validators).toBeUndefined();
  });

  it('refuses a validate key holding anything but a schema or a function, undefined included', () => {
    const message = (key: string) =>
      `Expected a valid validation logic declared with '@kbn/config-schema' package, '@kbn/zod' package or a RouteValidationFunction at key: [${key}].`;
    expect(() => register('get', { validate: { params: undefined } })).toThrow(message('params'));
    expect(() => register('post', { validate: { query: validation, body: undefined } })).toThrow(
      message('body')
    );
    expect(() => register('get', { validate: { params: { validate: () => 'error' } } })).toThrow(
      message('params')
    );
    expect(() =>
      register('get', { validate: { query: validation, unsafe: { query: true } } })
    ).toThrow(message('unsafe'));
  });

  it('accepts validation functions, zod v4 schemas, config-schema types, lazily given once', () => {
    expect(
      register('post', {
        validate: {
          params: validation,
          query: z.object({}),
          body: { __isKbnConfigSchemaType: true, validate: () => ({}) },
        },
      }).validators
    ).toEqual(expect.objectContaining({ params: validation }));
    const lazy = jest.fn(() => ({ query: validation }));
    expect(register('get', { validate: lazy }).validators).toEqual({ query: validation });
    expect(lazy).toHaveBeenCalledTimes(1);
    expect(
      register('get', { validate: () => ({ request: { query: validation } }) }).validators
    ).toEqual({ query: validation });
  });

  it("refuses options Kibana's router refuses", () => {
    expect(() =>
      register('post', { validate: false, options: { body: { output: 'file' } } })
    ).toThrow(
      "[options.body.output: 'file'] in route POST /api/x is not valid. Only 'data' or 'stream' are valid."
    );
    expect(() => register('get', { validate: false, options: { security: SECURITY } })).toThrow(
      '`options.security` is not allowed in route config. Use `security` instead.'
    );
  });

  it('checks security after validate and options, as Kibana builds the route', () => {
    expect(() =>
      register('get', { validate: false, security: { authz: { requiredPrivileges: [] } } })
    ).toThrow('[authz.requiredPrivileges]: array size is [0], but cannot be smaller than [1]');
    expect(() => register('get', { validate: { params: undefined }, security: undefined })).toThrow(
      'at key: [params].'
    );
  });

  it('host rules: no body validation on GET, no xsrfRequired on GET, known access values', () => {
    expect(() => register('get', { validate: { body: validation } })).toThrow(
      'validates a body, but Kibana never reads the payload of a GET or HEAD request (host rule)'
    );
    expect(() => register('get', { validate: false, options: { xsrfRequired: false } })).toThrow(
      'sets options.xsrfRequired'
    );
    expect(() => register('post', { validate: false, options: { access: 'open' } })).toThrow(
      "has options.access [open]; expected 'public' or 'internal'"
    );
    expect(() =>
      register('post', {
        validate: { body: validation },
        options: { access: 'public', xsrfRequired: false },
      })
    ).not.toThrow();
  });

  it('host rules: a path starting with / and without a trailing /, registered once per method', () => {
    expect(() => register('get', { validate: false, path: 'api/x' })).toThrow(
      "Invalid path: [api/x] must start with '/'"
    );
    expect(() => register('get', { validate: false, path: '/api/x/' })).toThrow(
      "Invalid path: [/api/x/] must not end with '/'"
    );
    const taken = new Set([routeKey('get', '/api/{id}')]);
    expect(() => register('get', { validate: false, path: '/api/{name}' }, taken)).toThrow(
      'The [get] at [/api/{name}] is already registered (host rule).'
    );
    expect(() => register('post', { validate: false, path: '/api/{name}' }, taken)).not.toThrow();
  });
});
