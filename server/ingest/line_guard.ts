/**
 * The one guard around a line's preparation, shared by both stores' ingests: whatever a step
 * throws (a bug, a limit of the runtime a line found before we did), that line is rejected with
 * its line number and a short reason, and the ingest goes on with the next line. The error itself
 * is handed once, with its stack, to the caller's logger; users see only the reason.
 */
import type { PrepareResult } from './prepare_event';
import { InternalErrorLog, shortMessage, type InternalErrorHandler } from './internal_error_log';

export {
  MAX_LOGGED_INTERNAL_ERRORS,
  type InternalErrorHandler,
  type InternalLineError,
} from './internal_error_log';
import { quoted } from './reasons';

export const INTERNAL_ERROR_REASON = 'internal error while preparing the line';
export interface LinePreparer {
  prepare(text: string): PrepareResult;
}

export class GuardedPreparer {
  private readonly errors: InternalErrorLog;

  constructor(
    private readonly preparer: LinePreparer,
    onInternalError?: InternalErrorHandler
  ) {
    this.errors = new InternalErrorLog(onInternalError);
  }

  prepare(text: string, file: string, line: number): PrepareResult {
    try {
      return this.preparer.prepare(text);
    } catch (error) {
      this.errors.log({ file, line, error });
      return { ok: false, reason: `${INTERNAL_ERROR_REASON}: ${quoted(shortMessage(error))}` };
    }
  }
}
