/** A query that parses but cannot be compiled for a target (e.g. a range on a boolean field). */
export class KqlCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KqlCompileError';
  }
}
