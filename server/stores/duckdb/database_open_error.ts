import { errorMessage } from '../../../common/error_message';

/** The store file could not be opened; names the file and, for a lock, the likely holder. */
export class DatabaseOpenError extends Error {
  constructor(location: string, cause: unknown) {
    const reason = errorMessage(cause);
    const hint = /lock/i.test(reason)
      ? ' Another ctd process (a running `npm start`?) holds it; stop it or use another --data-dir.'
      : '';
    super(`Cannot open the event store ${location}: ${reason}.${hint}`);
    this.name = 'DatabaseOpenError';
  }
}
