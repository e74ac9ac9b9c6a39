/** A KQL problem a user can act on: where it is and what was expected there. Never a stack trace. */
export interface KqlErrorDetails {
  readonly message: string;
  /** 1-based line and column of the offending character. */
  readonly line: number;
  readonly column: number;
  /** 0-based character offset into the query. */
  readonly offset: number;
  /** Human descriptions of what the parser would have accepted, e.g. `"whitespace"`, `")"`, `"value"`. */
  readonly expected: readonly string[];
  /** The text found at the error position, or null at end of input. */
  readonly found: string | null;
}

/** Thrown by the throwing entry points; carries the same details as the result-returning ones. */
export class KqlSyntaxError extends Error implements KqlErrorDetails {
  public readonly line: number;
  public readonly column: number;
  public readonly offset: number;
  public readonly expected: readonly string[];
  public readonly found: string | null;

  constructor(details: KqlErrorDetails) {
    super(details.message);
    this.name = 'KqlSyntaxError';
    this.line = details.line;
    this.column = details.column;
    this.offset = details.offset;
    this.expected = details.expected;
    this.found = details.found;
  }

  toJSON(): KqlErrorDetails {
    const { message, line, column, offset, expected, found } = this;
    return { message, line, column, offset, expected, found };
  }
}
