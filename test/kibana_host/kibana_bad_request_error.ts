/** Kibana's `Boom.badRequest` from a rules client method (a 400 when a route lets it through). */
export class KibanaBadRequestError extends Error {
  readonly statusCode = 400;

  constructor(message: string) {
    super(message);
    this.name = 'KibanaBadRequestError';
  }
}
