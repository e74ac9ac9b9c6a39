/**
 * How Kibana's router validates one part of a request (params, query, body) before the handler
 * runs, and what the handler then receives. Kibana (9.x): src/core/packages/http/
 * router-server-internal/src/validator.ts (RouteValidator), request.ts (namespaces), and
 * src/core/packages/http/server/src/router/route_validator.ts (RouteValidationError).
 */
import type { RouteValidationResultFactory } from '@kbn/core/server';
import { failureMessage } from './schema_checks';
import { errorMessage } from '../../common/error_message';

export type RequestPart = 'params' | 'query' | 'body';

/** Kibana: CoreKibanaRequest.validate — the namespace each part's errors are reported under. */
export const REQUEST_NAMESPACES: Readonly<Record<RequestPart, string>> = {
  params: 'request params',
  query: 'request query',
  body: 'request body',
};

/** A failed validation; dispatch turns it into Kibana's 400. */
export class RequestValidationError extends Error {}

/** Kibana: isConfigSchema (@kbn/config-schema) — its types carry this marker. */
export const isConfigSchemaType = (
  rule: unknown
): rule is { validate(data: unknown, context: object, namespace: string): unknown } =>
  typeof rule === 'object' &&
  rule !== null &&
  (rule as { __isKbnConfigSchemaType?: unknown }).__isKbnConfigSchemaType === true;

/**
 * Kibana: isZod (@kbn/zod/v4, is_zod.ts) recognises zod v4 by its `_zod` property. Kibana also
 * recognised v3 by `instanceof` its own zod copy, which a plugin's bundled zod never passes.
 */
export const isZodSchema = (rule: unknown): rule is { parse(data: unknown): unknown } =>
  typeof rule === 'object' &&
  rule !== null &&
  '_zod' in rule &&
  typeof (rule as { parse?: unknown }).parse === 'function';

interface ValidationOutcome {
  readonly value?: unknown;
  readonly error?: { readonly message: string; readonly path: readonly string[] };
}

/** Kibana's RouteValidator.ResultFactory: badRequest wraps a RouteValidationError (message + path). */
const resultFactory = {
  ok: <T>(value: T) => ({ value }),
  badRequest: (error: unknown, path: string[] = []) => ({
    error: { message: errorMessage(error), path },
  }),
} as unknown as RouteValidationResultFactory;

const runFunction = (
  rule: (data: unknown, factory: RouteValidationResultFactory) => unknown,
  data: unknown,
  namespace: string
): unknown => {
  let outcome: ValidationOutcome;
  try {
    outcome = rule(data, resultFactory) as ValidationOutcome;
  } catch (error) {
    // Kibana: a throwing validation function is a RouteValidationError with the thrown message.
    outcome = { error: { message: errorMessage(error), path: [] } };
  }
  if (outcome.error !== undefined) {
    throw new RequestValidationError(
      failureMessage({ path: [namespace, ...outcome.error.path], message: outcome.error.message })
    );
  }
  return outcome.value;
};

/**
 * The value the handler receives for one part: `{}` when the route does not validate the part
 * (never the raw input), else what the rule returns; throws Kibana's message when it fails.
 */
export const validateRequestPart = (rule: unknown, data: unknown, part: RequestPart): unknown => {
  if (rule === undefined) return {};
  const namespace = REQUEST_NAMESPACES[part];
  try {
    if (isConfigSchemaType(rule)) return rule.validate(data, {}, namespace);
    if (isZodSchema(rule)) return rule.parse(data);
  } catch (error) {
    throw new RequestValidationError(errorMessage(error));
  }
  if (typeof rule === 'function')
    return runFunction(
      rule as (data: unknown, factory: RouteValidationResultFactory) => unknown,
      data,
      namespace
    );
  // Registration refuses anything else; Kibana's validator would fail the request the same way.
  throw new RequestValidationError(
    failureMessage({
      path: [namespace],
      message: 'The validation rule provided in the handler is not valid',
    })
  );
};
