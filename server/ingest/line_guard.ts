/**
 * The one guard around a line's preparation, shared by both stores' ingests: whatever a step
 * throws (a bug, a limit of the runtime a line found before we did), that line is rejected with
 * its line number and a short reason, and the ingest goes on with the next line. The error itself
 * is handed once, with its stack, to the caller's logger; users see only the reason.
 */
import type { PrepareResult } from './prepare_event';
import { quoted } from './reasons';

export const INTERNAL_ERROR_REASON = 'internal error while preparing the line';
/** Distinct internal errors handed to the logger per ingest; a bug hit by every line logs once, not a million times. */
export const MAX_LOGGED_INTERNAL_ERRORS = 10;

export interface InternalLineError {
  readonly file: string;
  readonly line: number;
  readonly error: unknown;
}

/** Receives each distinct internal error once (its `error.stack` is for the log, not the user). */
export type InternalErrorHandler = (failure: InternalLineError) => void;

export interface LinePreparer {
  prepare(text: string): PrepareResult;
}

/** `Name: message` of whatever was thrown, never itself throwing. */
const shortMessage = (error: unknown): string => {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return String(error);
  } catch {
    return 'an unprintable value was thrown';
  }
};

export class GuardedPreparer {
  private readonly logged = new Set<string>();

  constructor(
    private readonly preparer: LinePreparer,
    private readonly onInternalError?: InternalErrorHandler
  ) {}

  prepare(text: string, file: string, line: number): PrepareResult {
    try {
      return this.preparer.prepare(text);
    } catch (error) {
      this.log({ file, line, error });
      return { ok: false, reason: `${INTERNAL_ERROR_REASON}: ${quoted(shortMessage(error))}` };
    }
  }

  private log(failure: InternalLineError): void {
    const { error } = failure;
    const signature = (error instanceof Error ? error.stack : undefined) ?? shortMessage(error);
    if (this.logged.has(signature) || this.logged.size >= MAX_LOGGED_INTERNAL_ERRORS) return;
    this.logged.add(signature);
    try {
      this.onInternalError?.(failure);
    } catch {
      // A logger that fails must not stop the ingest either.
    }
  }
}
