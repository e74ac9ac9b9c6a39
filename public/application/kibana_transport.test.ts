import type { HttpFetchOptions } from '@kbn/core/public';
import { ApiError } from './api_error';
import { kibanaTransport, toApiError } from './kibana_transport';

describe('kibanaTransport', () => {
  it('passes method, query and the JSON body to core http.fetch and returns its answer', async () => {
    const calls: Array<[string, HttpFetchOptions | undefined]> = [];
    const fetch = async <T>(path: string, options?: HttpFetchOptions): Promise<T> => {
      calls.push([path, options]);
      return { ok: true } as T;
    };
    const transport = kibanaTransport({ fetch });
    expect(await transport({ method: 'POST', path: '/api/x', body: { enable: true } })).toEqual({
      ok: true,
    });
    await transport({ method: 'GET', path: '/api/y', query: { page: '1' } });
    expect(calls).toEqual([
      ['/api/x', { method: 'POST', body: '{"enable":true}' }],
      ['/api/y', { method: 'GET', query: { page: '1' } }],
    ]);
  });

  it("turns Kibana's HttpFetchError into an ApiError with the status and the server's message", async () => {
    const failure = Object.assign(new Error('Not Found'), {
      response: { status: 404 },
      body: {
        statusCode: 404,
        error: 'Not Found',
        message: 'Rule x is not installed; install it first',
      },
    });
    const transport = kibanaTransport({ fetch: async () => Promise.reject(failure) });
    await expect(transport({ method: 'POST', path: '/api/z' })).rejects.toEqual(
      new ApiError(404, 'Rule x is not installed; install it first')
    );
  });

  it("keeps the per-parameter problems our routes put in Kibana's error attributes", () => {
    const errors = [{ path: 'body.rule.name', message: 'name: Required' }];
    expect(
      toApiError({
        response: { status: 400 },
        body: { statusCode: 400, message: 'name: Required', attributes: { details: { errors } } },
      }).errors
    ).toEqual(errors);
  });

  it('maps errors without a response (network, abort) to status 0', () => {
    expect(toApiError(new TypeError('Failed to fetch'))).toMatchObject({
      status: 0,
      message: 'Failed to fetch',
    });
    expect(toApiError({ body: { statusCode: 403, message: 'Forbidden' } })).toMatchObject({
      status: 403,
      message: 'Forbidden',
    });
    expect(toApiError('boom')).toMatchObject({ status: 0, message: 'boom' });
    const same = new ApiError(400, 'bad');
    expect(toApiError(same)).toBe(same);
  });
});
