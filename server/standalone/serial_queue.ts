/**
 * Runs async tasks one at a time. The embedded store has one DuckDB connection and rule
 * executions use transactions on it, so API requests and scheduled runs take turns instead of
 * interleaving statements inside each other's transactions.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The next task waits for this one whether it succeeds or fails.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
