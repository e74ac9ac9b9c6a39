import { errorMessage } from '../../../common/error_message';

/** What an ingest had committed when it failed. */
export interface CommittedSoFar {
  readonly stored: number;
  /** Lines read (blank lines aside) up to the last commit: every one stored, a duplicate or rejected. */
  readonly linesRead: number;
}

/** DuckDB appends tuning advice on further lines; the reason is the first. */
const firstLine = (text: string): string => text.split('\n', 1)[0]?.trim() ?? text;

/**
 * Writing to the store failed (disk full, read-only or vanished file system, DuckDB out of
 * memory): what was committed before stays, the store is usable again (EmbeddedStore.ingest
 * recovers it), and the same ingest can simply be run again once the cause is fixed.
 */
export class StoreWriteError extends Error {
  /** DuckDB's reason, one line. */
  readonly reason: string;

  constructor(location: string, cause: unknown, committed?: CommittedSoFar) {
    const reason = firstLine(errorMessage(cause));
    const kept =
      committed === undefined
        ? 'Events stored before this point are kept'
        : `Events stored before this point are kept: ${committed.stored} events of this ingest, from its first ${committed.linesRead} non-blank lines; the lines after them were not stored`;
    super(
      `Could not write to the event store ${location}: ${reason}. ${kept}; ` +
        'fix the cause and run the same ingest again (events already stored are skipped as duplicates).'
    );
    this.name = 'StoreWriteError';
    this.reason = reason;
  }
}
