/**
 * Request validation shared by every host: zod schemas produce either the typed input or a list
 * of `{ path, message }` problems for a 400 response, never an exception with a stack trace.
 */
import type { z } from 'zod';
import { formatPath } from '../../common/rules/rule_schema';
import { MAX_QUOTED_CHARS } from './request_values';

export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
}

export type Validated<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: ValidationProblem[] };

/** A key as a path segment, cut to MAX_QUOTED_CHARS (a parameter name can be a megabyte long). */
const boundedKey = (key: string): string =>
  key.length > MAX_QUOTED_CHARS ? `${key.slice(0, MAX_QUOTED_CHARS)}…` : key;

/** Problems of one issue; an unknown key is named in its own problem's path, each of them. */
const problemsOf = (issue: z.core.$ZodIssue, part: string): ValidationProblem[] => {
  if (issue.code !== 'unrecognized_keys')
    return [{ path: `${part}.${formatPath(issue.path)}`, message: issue.message }];
  return issue.keys.map((key) => {
    const name = boundedKey(key);
    return {
      path: `${part}.${formatPath([...issue.path, name])}`,
      message: `${name} is not a parameter of this route`,
    };
  });
};

export const validateWith = <T>(
  schema: z.ZodType<T> | undefined,
  input: unknown,
  part: string
): Validated<T> => {
  if (schema === undefined) return { ok: true, value: input as T };
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.flatMap((issue) => problemsOf(issue, part)) };
};
