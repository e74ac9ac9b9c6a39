/**
 * An error's message. DuckDB's native errors may come from another realm than this module's
 * `Error` (under jest's VM contexts `instanceof Error` is false for them), so no `instanceof`.
 */
export const errorMessage = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'message' in error
    ? String(error.message)
    : String(error);
