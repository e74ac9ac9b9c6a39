/**
 * The host's router and request dispatch behave as Kibana's HTTP server: registration refuses what
 * Kibana refuses, and a request goes routing → xsrf → version → authz → validation → handler,
 * each refusal with Kibana's status and body.
 */
import type { Client } from '@elastic/elasticsearch';
import type { KibanaRequest, RouteValidationResultFactory } from '@kbn/core/server';
import {
  BROWSER_HEADERS,
  dispatchKibanaRequest,
  RecordingRouter,
  type HttpCall,
  type TestUser,
} from './fake_http';

const WRITER: TestUser = { username: 'writer', apiPrivileges: ['x-all', 'x-read'] };
const READER: TestUser = { username: 'reader', apiPrivileges: ['x-read'] };
const clients = { asCurrentUser: {} as Client, asInternalUser: {} as Client };

const echo = (data: unknown, result: RouteValidationResultFactory) => result.ok(data);
const limited = (data: unknown, result: RouteValidationResultFactory) =>
  Number((data as { size?: string }).size ?? 0) > 10
    ? result.badRequest('size is at most 10', ['size'])
    : result.ok(data);

const seen: Array<Pick<KibanaRequest, 'params' | 'query' | 'body'>> = [];

const routerWithRoutes = (): RecordingRouter => {
  const router = new RecordingRouter();
  const record = async (
    _context: unknown,
    request: KibanaRequest,
    response: { ok: (options: { body: object }) => never }
  ) => {
    seen.push({ params: request.params, query: request.query, body: request.body });
    return response.ok({ body: { ok: true } });
  };
  router.get(
    {
      path: '/api/items',
      validate: { query: limited },
      security: { authz: { requiredPrivileges: ['x-read'] } },
    },
    record as never
  );
  router.get(
    {
      path: '/api/items/_count',
      validate: false,
      security: { authz: { requiredPrivileges: ['x-read'] } },
    },
    record as never
  );
  router.get(
    {
      path: '/api/items/{id}',
      validate: { params: echo },
      security: { authz: { requiredPrivileges: ['x-read'] } },
    },
    record as never
  );
  router.post(
    {
      path: '/api/items',
      validate: { body: echo },
      security: { authz: { requiredPrivileges: ['x-all'] } },
    },
    record as never
  );
  router.post(
    {
      path: '/api/explode',
      validate: false,
      security: { authz: { requiredPrivileges: ['x-all'] } },
    },
    () => {
      throw new Error('boom');
    }
  );
  return router;
};

const call = (partial: Partial<HttpCall> & Pick<HttpCall, 'method' | 'path'>): HttpCall => ({
  user: WRITER,
  headers: BROWSER_HEADERS,
  ...partial,
});

describe('the host HTTP server', () => {
  const router = routerWithRoutes();
  const dispatch = (partial: Parameters<typeof call>[0]) =>
    dispatchKibanaRequest(router.routes, clients, call(partial));

  beforeEach(() => {
    seen.length = 0;
  });

  it("refuses at registration what Kibana's router refuses", () => {
    expect(() =>
      new RecordingRouter().get(
        {
          path: '/api/x',
          validate: { params: undefined },
          security: { authz: { requiredPrivileges: ['x'] } },
        },
        (() => undefined) as never
      )
    ).toThrow(
      "Expected a valid validation logic declared with '@kbn/config-schema' package, '@kbn/zod' package or a RouteValidationFunction at key: [params]."
    );
  });

  it("answers hapi's 404 for an unknown path and prefers literal segments over parameters", async () => {
    expect(await dispatch({ method: 'GET', path: '/api/nothing' })).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Not Found' },
    });
    expect((await dispatch({ method: 'GET', path: '/api/items/_count' })).status).toBe(200);
    expect(seen[0]).toEqual({ params: {}, query: {}, body: {} });
  });

  it('parses the query as hapi does: a repeated key becomes an array', async () => {
    await dispatch({ method: 'GET', path: '/api/items?tag=a&tag=b&size=2' });
    expect(seen[0]?.query).toEqual({ tag: ['a', 'b'], size: '2' });
    await dispatch({ method: 'GET', path: '/api/items/a%2Fb' });
    expect(seen[1]?.params).toEqual({ id: 'a/b' });
    await dispatch({ method: 'GET', path: '/api/items?__proto__=x' });
    expect(Object.getPrototypeOf(seen[2]?.query)).toBeNull();
    expect({ ...(seen[2]?.query as object) }).toEqual({ ['__proto__']: 'x' });
  });

  it("refuses a path parameter that is not valid percent-encoded UTF-8 with hapi's 400, before any other check", async () => {
    for (const raw of ['%FF', '%ED%A0%80', '%C0%80', '%zz']) {
      expect(
        await dispatch({ method: 'GET', path: `/api/items/${raw}`, headers: {}, user: READER })
      ).toEqual({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'Invalid request path' },
      });
    }
    expect(seen).toEqual([]);
  });

  it("answers a failed validation with Kibana's 400", async () => {
    expect(await dispatch({ method: 'GET', path: '/api/items', query: { size: '50' } })).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: '[request query.size]: size is at most 10',
      },
    });
  });

  it('hands a body validator null when a POST has no body', async () => {
    expect((await dispatch({ method: 'POST', path: '/api/items' })).status).toBe(200);
    expect(seen[0]?.body).toBeNull();
  });

  it('checks xsrf before privileges, and privileges before validation', async () => {
    const noHeaders = await dispatch({
      method: 'POST',
      path: '/api/items',
      headers: {},
      user: READER,
    });
    expect(noHeaders.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Request must contain a kbn-xsrf header.',
    });
    const forbidden = await dispatch({
      method: 'POST',
      path: '/api/items',
      headers: { 'kbn-xsrf': 'x' },
      user: READER,
    });
    expect(forbidden).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message:
          'API [POST /api/items] is unauthorized for user, this action is granted by the Kibana privileges [x-all]',
      },
    });
    const outdated = await dispatch({
      method: 'GET',
      path: '/api/items',
      headers: { 'kbn-version': '8.19.0' },
    });
    expect(outdated.status).toBe(400);
    expect(seen).toEqual([]);
  });

  it("answers Kibana's 500 when a handler throws, telling the host why", async () => {
    const errors: unknown[] = [];
    const result = await dispatchKibanaRequest(
      router.routes,
      clients,
      call({ method: 'POST', path: '/api/explode' }),
      { onHandlerError: (error) => errors.push(error) }
    );
    expect(result).toEqual({
      status: 500,
      body: {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'An internal server error occurred. Check Kibana server logs for details.',
      },
    });
    expect(errors).toEqual([new Error('boom')]);
  });
});
