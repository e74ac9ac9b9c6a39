/**
 * Hands each distinct internal error of an ingest to its logger once, with its stack: a bug that
 * every line hits is logged once, not a million times, whichever thread prepared the lines.
 */
/** Distinct internal errors handed to the logger per ingest; a bug hit by every line logs once, not a million times. */
export const MAX_LOGGED_INTERNAL_ERRORS = 10;

export interface InternalLineError {
  readonly file: string;
  readonly line: number;
  readonly error: unknown;
}

/** Receives each distinct internal error once (its `error.stack` is for the log, not the user). */
export type InternalErrorHandler = (failure: InternalLineError) => void;

/** `Name: message` of whatever was thrown, never itself throwing. */
export const shortMessage = (error: unknown): string => {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return String(error);
  } catch {
    return 'an unprintable value was thrown';
  }
};

/** Hands each distinct internal error to the handler once, at most MAX_LOGGED_INTERNAL_ERRORS of them. */
export class InternalErrorLog {
  private readonly logged = new Set<string>();

  constructor(private readonly onInternalError?: InternalErrorHandler) {}

  log(failure: InternalLineError): void {
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
