/** A path parameter that is not valid percent-encoded UTF-8: hapi answers it with a 400. */
export class InvalidRequestPathError extends Error {}
