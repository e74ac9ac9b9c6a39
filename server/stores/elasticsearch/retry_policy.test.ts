/**
 * The retry policy on its own: backoff bounds, Retry-After, which client errors are retried, and
 * how many attempts a failing request gets. A virtual clock keeps time exact; the errors are the
 * client's own classes (the fault tests in test/faults exercise the same code against a real
 * cluster behind a misbehaving proxy).
 */
import { errors } from '@elastic/elasticsearch';
import { EsRequestFailedError } from './es_request_failed_error';
import {
  backoffMs,
  classifyFailure,
  DEFAULT_RETRY_POLICY,
  retryAfterMs,
  withRetries,
  type RetryClock,
  type RetryPolicy,
} from './retry_policy';
import { RetryableError } from './retryable_error';

const responseError = (
  statusCode: number,
  headers: Record<string, string> = {}
): errors.ResponseError =>
  new errors.ResponseError({
    statusCode,
    headers,
    body: {
      error: { type: 'es_rejected_execution_exception', reason: 'queue full' },
      status: statusCode,
    },
    warnings: null,
    meta: {
      context: null,
      name: 'test',
      request: { params: { method: 'POST', path: '/_search' }, options: {}, id: 1 },
      connection: null,
      attempts: 0,
      aborted: false,
    },
  });

/** Time passes only when the retry loop sleeps. */
const virtualClock = (random = 0.5): RetryClock & { readonly sleeps: number[] } => {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => random,
  };
};

const failing = (
  error: unknown,
  times = Number.POSITIVE_INFINITY
): { attempts: number; call: () => Promise<string> } => {
  const state = {
    attempts: 0,
    call: async (): Promise<string> => {
      state.attempts++;
      if (state.attempts <= times) throw error;
      return 'ok';
    },
  };
  return state;
};

describe('backoffMs', () => {
  it('doubles the ceiling per retry up to the maximum, half of it fixed and half jittered', () => {
    const policy: RetryPolicy = {
      ...DEFAULT_RETRY_POLICY,
      initialBackoffMs: 500,
      maxBackoffMs: 1_500,
    };
    expect([1, 2, 3, 4].map((retry) => backoffMs(policy, retry, () => 0))).toEqual([
      250, 500, 750, 750,
    ]);
    expect([1, 2, 3, 4].map((retry) => backoffMs(policy, retry, () => 1))).toEqual([
      500, 1_000, 1_500, 1_500,
    ]);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs('2')).toBe(2_000);
    expect(retryAfterMs(['3'])).toBe(3_000);
    expect(retryAfterMs('Wed, 12 Mar 2025 12:00:05 GMT', Date.parse('2025-03-12T12:00:00Z'))).toBe(
      5_000
    );
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('classifyFailure', () => {
  it('retries 429, 502, 503, 504, timeouts and connection errors; not other statuses', () => {
    expect(
      [429, 502, 503, 504, 400, 404, 500].map(
        (status) => classifyFailure(responseError(status)).retryable
      )
    ).toEqual([true, true, true, true, false, false, false]);
    expect(classifyFailure(new errors.TimeoutError('Request timed out')).retryable).toBe(true);
    expect(
      classifyFailure(new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9')).cause
    ).toBe('Elasticsearch is unreachable (connect ECONNREFUSED 127.0.0.1:9)');
    expect(classifyFailure(new errors.ConnectionError('other side closed')).cause).toBe(
      'The connection to Elasticsearch failed (other side closed)'
    );
    expect(classifyFailure(new Error('boom'))).toEqual({ retryable: false, cause: 'boom' });
  });

  it("names the status and Elasticsearch's reason, and reads Retry-After", () => {
    expect(classifyFailure(responseError(429, { 'retry-after': '2' }))).toEqual({
      retryable: true,
      status: 429,
      retryAfterMs: 2_000,
      cause:
        'Elasticsearch returned 429 Too Many Requests (es_rejected_execution_exception: queue full)',
    });
  });
});

describe('withRetries', () => {
  it('makes maxRetries + 1 attempts, backing off between them, then says what failed and how often', async () => {
    const clock = virtualClock();
    const request = failing(responseError(503));
    const error = await withRetries(
      'search of logs-x',
      request.call,
      DEFAULT_RETRY_POLICY,
      clock
    ).catch((caught: unknown) => caught);
    expect(request.attempts).toBe(4);
    expect(clock.sleeps).toEqual([375, 750, 1_500]);
    expect(error).toBeInstanceOf(EsRequestFailedError);
    expect((error as Error).message).toBe(
      'Elasticsearch returned 503 Service Unavailable (es_rejected_execution_exception: queue full) for the search of logs-x after 3 retries (4 attempts in 2.6 s)'
    );
  });

  it('returns the first success', async () => {
    const clock = virtualClock();
    const request = failing(responseError(429), 2);
    await expect(withRetries('search', request.call, DEFAULT_RETRY_POLICY, clock)).resolves.toBe(
      'ok'
    );
    expect(request.attempts).toBe(3);
  });

  it('waits as long as Retry-After asks, and gives up at once when it asks for more than the cap', async () => {
    const clock = virtualClock();
    await withRetries(
      'search',
      failing(responseError(429, { 'retry-after': '5' }), 1).call,
      DEFAULT_RETRY_POLICY,
      clock
    );
    expect(clock.sleeps).toEqual([5_000]);

    const tooLong = failing(responseError(429, { 'retry-after': '120' }));
    await expect(
      withRetries('search', tooLong.call, DEFAULT_RETRY_POLICY, virtualClock())
    ).rejects.toThrow(
      'for the search and asked to retry after 120.0 s, more than the 30.0 s a run waits (1 attempt in 0.0 s)'
    );
    expect(tooLong.attempts).toBe(1);
  });

  it('starts no attempt past the deadline', async () => {
    const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxRetries: 10, deadlineMs: 2_000 };
    const request = failing(new errors.TimeoutError('Request timed out'));
    await expect(withRetries('search', request.call, policy, virtualClock())).rejects.toThrow(
      'after 2 retries, at the 2000 ms retry deadline'
    );
    expect(request.attempts).toBe(3);
  });

  it('rethrows errors retrying cannot fix unchanged, after one attempt', async () => {
    const badRequest = responseError(400);
    const request = failing(badRequest);
    await expect(
      withRetries('search', request.call, DEFAULT_RETRY_POLICY, virtualClock())
    ).rejects.toBe(badRequest);
    expect(request.attempts).toBe(1);
  });

  it('retries what a caller marks retryable', async () => {
    const request = failing(
      new RetryableError({
        retryable: true,
        status: 429,
        cause: 'Elasticsearch rejected 1 of 2 alert(s) with 429',
      }),
      1
    );
    await expect(
      withRetries('alert write', request.call, DEFAULT_RETRY_POLICY, virtualClock())
    ).resolves.toBe('ok');
  });
});
