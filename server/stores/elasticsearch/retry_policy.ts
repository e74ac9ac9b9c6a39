/**
 * Bounded retries for the Elasticsearch requests of a rule run. The transport's own retries are
 * implicit (immediate retries on 502/503/504, none on 429 or timeouts) and, under Kibana, set by
 * Kibana; the stores turn them off per request and retry here instead, with one explicit policy:
 * a fixed number of retries, exponential backoff with jitter, `Retry-After` honoured up to a cap,
 * and a deadline after which no new attempt starts. A request that still fails throws
 * `EsRequestFailedError`, whose message names the cause, the operation and the attempts made.
 */
import type { AttemptFailure } from './attempt_failure';
import { EsRequestFailedError, secondsText } from './es_request_failed_error';
import { RetryableError } from './retryable_error';
import { errorMessage } from '../../../common/error_message';

export interface RetryPolicy {
  /** Retries after the first attempt (so at most `maxRetries + 1` attempts). */
  readonly maxRetries: number;
  /** Backoff ceiling of the first retry; doubles on each further retry. */
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Longest `Retry-After` waited for; a longer one ends the retries at once. */
  readonly maxRetryAfterMs: number;
  /** No new attempt starts later than this after the first one began. */
  readonly deadlineMs: number;
  /** Per-attempt timeout; undefined keeps the client's own `requestTimeout`. */
  readonly requestTimeoutMs?: number;
}

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_INITIAL_BACKOFF_MS = 500;
export const DEFAULT_MAX_BACKOFF_MS = 8_000;
export const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;
export const DEFAULT_RETRY_DEADLINE_MS = 60_000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: DEFAULT_MAX_RETRIES,
  initialBackoffMs: DEFAULT_INITIAL_BACKOFF_MS,
  maxBackoffMs: DEFAULT_MAX_BACKOFF_MS,
  maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS,
  deadlineMs: DEFAULT_RETRY_DEADLINE_MS,
};

/** Statuses worth another attempt: overload (429) and an unavailable node or gateway. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
export const TOO_MANY_REQUESTS = 429;
const MS_PER_SECOND = 1_000;

const STATUS_TEXT: Readonly<Record<number, string>> = {
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * "Equal jitter" backoff before retry number `retry` (1-based): half the ceiling fixed, half
 * random, so retries never bunch at zero yet clients spread out.
 */
export const backoffMs = (
  policy: RetryPolicy,
  retry: number,
  random: () => number = Math.random
): number => {
  const ceiling = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
};

/** `Retry-After` as milliseconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export const retryAfterMs = (value: unknown, now: number = Date.now()): number | undefined => {
  const text: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * MS_PER_SECOND;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(date - now, 0);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Connection errors meaning nothing answers at the address (as opposed to a dropped connection). */
const UNREACHABLE =
  /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|No Living connections/i;

/** `type: reason` of an Elasticsearch error body, when it has one. */
const bodyReason = (body: unknown): string | undefined => {
  const error = isObject(body) ? body.error : undefined;
  if (typeof error === 'string') return error;
  if (!isObject(error)) return undefined;
  const type = typeof error.type === 'string' ? error.type : 'error';
  return typeof error.reason === 'string' ? `${type}: ${error.reason}` : type;
};

const responseFailure = (error: Record<string, unknown>): AttemptFailure | undefined => {
  const meta = isObject(error.meta) ? error.meta : {};
  const status = meta.statusCode;
  if (typeof status !== 'number') return undefined;
  const headers = isObject(meta.headers) ? meta.headers : {};
  const reason = bodyReason(meta.body);
  const statusText = STATUS_TEXT[status];
  const cause = `Elasticsearch returned ${status}${statusText ? ` ${statusText}` : ''}${reason ? ` (${reason})` : ''}`;
  const wait = retryAfterMs(headers['retry-after']);
  return {
    retryable: RETRYABLE_STATUSES.has(status),
    cause,
    status,
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
  };
};

/**
 * Classifies by the error's `name` and shape rather than `instanceof`: under Kibana the client
 * classes come from Kibana's copy of @elastic/elasticsearch, not ours.
 */
export const classifyFailure = (error: unknown): AttemptFailure => {
  if (error instanceof RetryableError) return error.failure;
  const message = errorMessage(error);
  const name = error instanceof Error ? error.name : '';
  if (name === 'ResponseError' && isObject(error)) {
    const failure = responseFailure(error);
    if (failure) return failure;
  }
  if (name === 'TimeoutError')
    return { retryable: true, cause: `Elasticsearch did not answer in time (${message})` };
  if (name === 'ConnectionError' || name === 'NoLivingConnectionsError') {
    const cause = UNREACHABLE.test(message)
      ? 'Elasticsearch is unreachable'
      : 'The connection to Elasticsearch failed';
    return { retryable: true, cause: `${cause} (${message})` };
  }
  return { retryable: false, cause: message };
};

export interface RetryClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

export const SYSTEM_CLOCK: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** How long to wait before retry number `retry`, or why not to retry at all. */
const nextWait = (
  policy: RetryPolicy,
  failure: AttemptFailure,
  retry: number,
  elapsedMs: number,
  random: () => number
): { readonly waitMs: number } | { readonly stop: string } => {
  const retries = policy.maxRetries;
  if (retry > retries) return { stop: `after ${retries} ${retries === 1 ? 'retry' : 'retries'}` };
  if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxRetryAfterMs) {
    return {
      stop: `and asked to retry after ${secondsText(failure.retryAfterMs)}, more than the ${secondsText(policy.maxRetryAfterMs)} a run waits`,
    };
  }
  const waitMs = Math.max(backoffMs(policy, retry, random), failure.retryAfterMs ?? 0);
  if (elapsedMs + waitMs > policy.deadlineMs)
    return {
      stop: `after ${retry - 1} ${retry === 2 ? 'retry' : 'retries'}, at the ${policy.deadlineMs} ms retry deadline`,
    };
  return { waitMs };
};

/**
 * Runs `attempt` until it succeeds, fails for a reason retrying cannot fix (thrown unchanged, so
 * callers still see Elasticsearch's own error), or the policy is exhausted (`EsRequestFailedError`).
 * `attempt` receives the 1-based attempt number.
 */
export const withRetries = async <T>(
  operation: string,
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  clock: RetryClock = SYSTEM_CLOCK
): Promise<T> => {
  const began = clock.now();
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt(attempts);
    } catch (error) {
      const failure = classifyFailure(error);
      if (!failure.retryable) throw error;
      const next = nextWait(policy, failure, attempts, clock.now() - began, clock.random);
      if ('stop' in next)
        throw new EsRequestFailedError(
          operation,
          failure,
          attempts,
          clock.now() - began,
          next.stop
        );
      await clock.sleep(next.waitMs);
    }
  }
};
