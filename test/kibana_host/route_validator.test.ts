/**
 * What a handler receives for each request part, and Kibana's messages when a part fails
 * (src/core/packages/http/router-server-internal/src/validator.ts, request.ts).
 */
import { z } from 'zod';
import type { RouteValidationResultFactory } from '@kbn/core/server';
import { schema } from './kbn_packages/config_schema';
import { RequestValidationError, validateRequestPart } from './route_validator';

const perPage = (data: unknown, result: RouteValidationResultFactory) => {
  const value = Number((data as { per_page?: string }).per_page);
  return value <= 100
    ? result.ok({ per_page: value })
    : result.badRequest('per_page is at most 100', ['per_page']);
};

describe('request validation as Kibana runs it', () => {
  it('hands {} for a part the route does not validate, never the raw input', () => {
    expect(validateRequestPart(undefined, { secret: 'raw' }, 'query')).toEqual({});
    expect(validateRequestPart(undefined, null, 'body')).toEqual({});
  });

  it('hands what the validation returns', () => {
    expect(validateRequestPart(perPage, { per_page: '20' }, 'query')).toEqual({ per_page: 20 });
    expect(validateRequestPart(z.object({ id: z.string() }), { id: 'a' }, 'params')).toEqual({
      id: 'a',
    });
  });

  it("prefixes a function's failure with the part's namespace and the failure's path", () => {
    expect(() => validateRequestPart(perPage, { per_page: '500' }, 'query')).toThrow(
      new RequestValidationError('[request query.per_page]: per_page is at most 100')
    );
    const noPath = (_data: unknown, result: RouteValidationResultFactory) =>
      result.badRequest('bad body');
    expect(() => validateRequestPart(noPath, null, 'body')).toThrow(
      new RequestValidationError('[request body]: bad body')
    );
    const throwing = () => {
      throw new Error('exploded');
    };
    expect(() => validateRequestPart(throwing, {}, 'params')).toThrow(
      new RequestValidationError('[request params]: exploded')
    );
  });

  it('runs a config-schema type under the namespace', () => {
    const query = schema.object({ size: schema.number() });
    expect(validateRequestPart(query, { size: '5' }, 'query')).toEqual({ size: 5 });
    expect(() => validateRequestPart(query, { size: 'x' }, 'query')).toThrow(
      /^\[request query\.size\]: /
    );
  });

  it("reports a zod schema's own error message", () => {
    expect(() => validateRequestPart(z.object({ id: z.string() }), {}, 'params')).toThrow(
      RequestValidationError
    );
  });
});
