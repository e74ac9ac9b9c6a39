import {
  GuardedPreparer,
  INTERNAL_ERROR_REASON,
  MAX_LOGGED_INTERNAL_ERRORS,
  type InternalLineError,
  type LinePreparer,
} from './line_guard';
import type { PrepareResult } from './prepare_event';

const REFUSED: PrepareResult = { ok: false, reason: 'missing @timestamp' };

/** A preparer whose step throws what a line names (`throw:<message>`), as a bug in a check would. */
const throwingPreparer = (
  thrown: (text: string) => unknown = (text) => new RangeError(text.slice('throw:'.length))
): LinePreparer => ({
  prepare: (text) => {
    if (text.startsWith('throw:')) throw thrown(text);
    return REFUSED;
  },
});

describe('GuardedPreparer', () => {
  it('turns what a step throws into a rejection with a short reason, and passes other results through', () => {
    const guard = new GuardedPreparer(throwingPreparer());
    expect(guard.prepare('throw:Maximum call stack size exceeded', 'f.ndjson', 3)).toEqual({
      ok: false,
      reason: `${INTERNAL_ERROR_REASON}: RangeError: Maximum call stack size exceeded`,
    });
    expect(guard.prepare('{}', 'f.ndjson', 4)).toBe(REFUSED);
  });

  it('logs each distinct internal error once, with its stack, file and line', () => {
    const logged: InternalLineError[] = [];
    const guard = new GuardedPreparer(
      throwingPreparer(() => new TypeError('same bug')),
      (failure) => logged.push(failure)
    );
    for (let line = 1; line <= 1_000; line++) guard.prepare('throw:', 'f.ndjson', line);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ file: 'f.ndjson', line: 1 });
    expect(String((logged[0]?.error as Error).stack)).toMatch(/^TypeError: same bug\n\s+at /);
  });

  it(`logs at most ${MAX_LOGGED_INTERNAL_ERRORS} distinct errors per ingest`, () => {
    let logged = 0;
    const guard = new GuardedPreparer(throwingPreparer(), () => logged++);
    for (let line = 1; line <= 100; line++) guard.prepare(`throw:bug ${line}`, 'f.ndjson', line);
    expect(logged).toBe(MAX_LOGGED_INTERNAL_ERRORS);
  });

  it('bounds the message it quotes and survives whatever is thrown, and a logger that throws', () => {
    const hugeMessage = new GuardedPreparer(throwingPreparer()).prepare(
      `throw:${'x'.repeat(1_000_000)}`,
      'f',
      1
    );
    expect(hugeMessage.ok || hugeMessage.reason.length).toBeLessThan(200);
    const unprintable = {
      toString: (): string => {
        throw new Error('no');
      },
    };
    const odd = new GuardedPreparer(
      throwingPreparer(() => unprintable),
      () => {
        throw new Error('logger down');
      }
    );
    expect(odd.prepare('throw:', 'f', 1)).toEqual({
      ok: false,
      reason: `${INTERNAL_ERROR_REASON}: an unprintable value was thrown`,
    });
    expect(new GuardedPreparer(throwingPreparer(() => 42)).prepare('throw:', 'f', 1)).toEqual({
      ok: false,
      reason: `${INTERNAL_ERROR_REASON}: 42`,
    });
  });
});
