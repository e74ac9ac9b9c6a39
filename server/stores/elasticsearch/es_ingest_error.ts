/** The ingest stopped: a request failed as a whole. Says how far it got; re-running is safe. */
export class EsIngestError extends Error {
  constructor(
    message: string,
    readonly stored: number,
    readonly duplicates: number,
    options?: { cause?: unknown }
  ) {
    super(message, options);
    this.name = 'EsIngestError';
  }
}
