/**
 * Kibana's response factory and the HTTP it becomes (src/core/packages/http/router-server-internal/src/
 * response.ts, response_adapter.ts).
 */
import { INTERNAL_ERROR_MESSAGE, kibanaResponseFactory, toHttpResult } from './kibana_response';

describe("Kibana's responses", () => {
  it('send a success body as is', () => {
    expect(toHttpResult(kibanaResponseFactory.ok({ body: { a: 1 } }))).toEqual({
      status: 200,
      body: { a: 1 },
    });
  });

  it("render errors as Boom payloads, with the factory's default messages", () => {
    expect(toHttpResult(kibanaResponseFactory.notFound())).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Not Found' },
    });
    expect(toHttpResult(kibanaResponseFactory.badRequest({ body: 'no' }))).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'no' },
    });
    expect(
      toHttpResult(
        kibanaResponseFactory.customError({
          statusCode: 409,
          body: { message: 'taken', attributes: { id: 'x' } },
        })
      )
    ).toEqual({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'taken', attributes: { id: 'x' } },
    });
  });

  it('refuse a custom error outside 400-599', () => {
    expect(() => kibanaResponseFactory.customError({ statusCode: 302, body: 'x' })).toThrow(
      'Unexpected Http status code. Expected from 400 to 599, but given: 302'
    );
  });

  it('answer 500 for what a handler built by hand or an error without a message', () => {
    const internal = {
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: INTERNAL_ERROR_MESSAGE },
    };
    expect(toHttpResult({ status: 200, payload: {}, options: {} })).toEqual(internal);
    expect(toHttpResult(kibanaResponseFactory.customError({ statusCode: 500 }))).toEqual(internal);
  });
});
