import type { AttemptFailure } from './attempt_failure';

const MS_PER_SECOND = 1_000;

/** A duration as the retry messages give it ("1.5 s"). */
export const secondsText = (ms: number): string => `${(ms / MS_PER_SECOND).toFixed(1)} s`;

/** A request `withRetries` gave up on: the cause, the operation, why it stopped, the attempts made. */
export class EsRequestFailedError extends Error {
  constructor(
    readonly operation: string,
    readonly failure: AttemptFailure,
    readonly attempts: number,
    readonly elapsedMs: number,
    why: string
  ) {
    super(
      `${failure.cause} for the ${operation} ${why} (${attempts} attempt${attempts === 1 ? '' : 's'} in ${secondsText(elapsedMs)})`
    );
    this.name = 'EsRequestFailedError';
  }

  get status(): number | undefined {
    return this.failure.status;
  }
}
