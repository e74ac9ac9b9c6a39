/** Elasticsearch refused items of an alert bulk request; the message names the first three. */
export class AlertWriteError extends Error {
  constructor(failures: readonly string[]) {
    super(`Elasticsearch refused ${failures.length} alert(s): ${failures.slice(0, 3).join('; ')}`);
    this.name = 'AlertWriteError';
  }
}
