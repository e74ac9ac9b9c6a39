import type { AttemptFailure } from './attempt_failure';

/** An error a caller raises to have `withRetries` try again (e.g. bulk items rejected with 429). */
export class RetryableError extends Error {
  constructor(readonly failure: AttemptFailure) {
    super(failure.cause);
    this.name = 'RetryableError';
  }
}
