/** An error the API answered with: its HTTP status and message (never an unreadable stack). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
