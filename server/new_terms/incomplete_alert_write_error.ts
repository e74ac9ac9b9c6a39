/**
 * Thrown by a sink that stored some alerts of a `create` call and then failed: the ids let the run
 * report what was written before the failure.
 */
export class IncompleteAlertWriteError extends Error {
  constructor(
    message: string,
    readonly createdIds: readonly string[]
  ) {
    super(message);
    this.name = 'IncompleteAlertWriteError';
  }
}
