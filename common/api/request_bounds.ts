/**
 * The ranges the HTTP API accepts for its numbers and ids: what both stores bind exactly and what
 * means something. The routes refuse anything outside with a 400 naming the parameter and these
 * bounds (server/routes/request_values.ts). Browser-safe: constants only.
 */

/**
 * ECMAScript's time values reach ±100,000,000 days from the epoch (ECMA-262, "Time Values and
 * Time Range"): `new Date(ms).toISOString()` throws beyond. Elasticsearch's `date` and DuckDB's
 * BIGINT take the whole range (tried on Elasticsearch 8.19: `gte: ±8640000000000000` with
 * `format: epoch_millis` answers; `99999999999999999999999` is a `parse_exception`).
 */
export const MAX_INSTANT_MS = 8_640_000_000_000_000;
export const MIN_INSTANT_MS = -MAX_INSTANT_MS;

/** Histogram buckets: at least a millisecond, at most the distance from the epoch to the last instant (100,000,000 days). */
export const MIN_HISTOGRAM_INTERVAL_MS = 1;
export const MAX_HISTOGRAM_INTERVAL_MS = MAX_INSTANT_MS;

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 1_000;
/** Deepest page: page × per_page stays an exact integer (a safe integer) in both stores. */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_PER_PAGE);

/**
 * Alert ids are Elasticsearch `_id`s: "id [...] is too long, must be no longer than 512 bytes"
 * (Elasticsearch 8.19, indexing a 513-byte id). A longer id cannot name an alert.
 */
export const MAX_ALERT_ID_BYTES = 512;
