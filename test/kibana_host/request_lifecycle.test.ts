/**
 * The checks between routing and the handler, with Kibana's responses
 * (src/core/packages/http/server-internal/src/lifecycle_handlers.ts; security api_authorization.ts).
 */
import { authzCheck, versionCheck, xsrfCheck, type LifecycleRoute } from './request_lifecycle';

const route = (
  method: LifecycleRoute['method'],
  requiredPrivileges: LifecycleRoute['security']['authz'],
  xsrfRequired?: boolean
): LifecycleRoute => ({
  method,
  path: '/api/x',
  xsrfRequired,
  security: { authz: requiredPrivileges },
});

describe('the request lifecycle checks', () => {
  it('need kbn-xsrf or kbn-version on a destructive request', () => {
    const post = route('post', { requiredPrivileges: ['p'] });
    expect(xsrfCheck(post, {})).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Request must contain a kbn-xsrf header.',
      },
    });
    expect(xsrfCheck(post, { 'kbn-xsrf': 'anything' })).toBeUndefined();
    expect(xsrfCheck(post, { 'kbn-version': '9.2.0' })).toBeUndefined();
    expect(xsrfCheck(route('get', { requiredPrivileges: ['p'] }), {})).toBeUndefined();
    expect(xsrfCheck(route('post', { requiredPrivileges: ['p'] }, false), {})).toBeUndefined();
  });

  it('refuse a browser of another Kibana version', () => {
    expect(versionCheck({ 'kbn-version': '9.1.0' }, '9.2.0')).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message:
          'Browser client is out of date, please refresh the page ("kbn-version" header was "9.1.0" but should be "9.2.0")',
        attributes: { expected: '9.2.0', got: '9.1.0' },
      },
    });
    expect(versionCheck({ 'kbn-version': '9.2.0' }, '9.2.0')).toBeUndefined();
  });

  it("refuse a user without the route's privileges, naming every one missing", () => {
    const url = new URL('http://localhost/api/x?a=1');
    const needsAll = route('post', {
      requiredPrivileges: ['write', { anyRequired: ['read', 'audit'] }],
    });
    expect(authzCheck(needsAll, url, ['write', 'audit'])).toBeUndefined();
    expect(authzCheck(needsAll, url, ['read'])).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message:
          'API [POST /api/x?a=1] is unauthorized for user, this action is granted by the Kibana privileges [write,audit]',
      },
    });
    expect(authzCheck(route('get', { enabled: false, reason: 'x' }), url, [])).toBeUndefined();
  });
});
