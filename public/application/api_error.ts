/** One problem of a refused request: the parameter it is about (`body.rule.name`) and what is wrong. */
export interface ApiErrorDetail {
  readonly path: string;
  readonly message: string;
}

/** A failed API call: the HTTP status, the server's message, and its per-parameter problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: readonly ApiErrorDetail[] = []
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The `errors` list of an error body (`{ message, errors: [{ path, message }] }`), well-formed entries only. */
export const errorDetailsOf = (body: unknown): ApiErrorDetail[] => {
  const errors = isRecord(body) ? body.errors : undefined;
  if (!Array.isArray(errors)) return [];
  return errors.flatMap((entry: unknown) =>
    isRecord(entry) && typeof entry.path === 'string' && typeof entry.message === 'string'
      ? [{ path: entry.path, message: entry.message }]
      : []
  );
};
