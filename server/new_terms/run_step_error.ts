/** The step of a run that failed, named in the error that wraps the store's own. */
export type RunStep =
  | 'recent terms search'
  | 'history search'
  | 'first documents search'
  | 'existing alerts lookup'
  | 'alert write'
  | 'suppressed alerts lookup'
  | 'suppressed alerts update';

export class RunStepError extends Error {
  constructor(
    readonly step: RunStep,
    readonly reason: unknown
  ) {
    super(`${step} failed: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'RunStepError';
  }
}
