/**
 * Request validation shared by every host: zod schemas produce either the typed input or a list
 * of `{ path, message }` problems for a 400 response, never an exception with a stack trace.
 */
import type { z } from 'zod';
import { formatPath } from '../../common/rules/rule_schema';

export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
}

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: ValidationProblem[] };

export const validateWith = <T>(schema: z.ZodType<T> | undefined, input: unknown, part: string): Validated<T> => {
  if (schema === undefined) return { ok: true, value: input as T };
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ path: `${part}.${formatPath(issue.path)}`, message: issue.message })),
  };
};
