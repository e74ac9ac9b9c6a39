import { getRuleRangeTuples, MAX_CATCHUP_INTERVALS } from './rule_range_tuples';

const MINUTE = 60_000;
const STARTED_AT = Date.parse('2025-03-12T10:00:00.000Z');
/** The seed rules: from now-9m, to now, every 5m. */
const WINDOW = { from: STARTED_AT - 9 * MINUTE, to: STARTED_AT, intervalMs: 5 * MINUTE };

describe('getRuleRangeTuples', () => {
  it('searches one window on the first execution', () => {
    const result = getRuleRangeTuples(WINDOW, STARTED_AT, null);
    expect(result.tuples).toEqual([{ from: WINDOW.from, to: WINDOW.to }]);
    expect(result.remainingGapMs).toBe(0);
    expect(result.gapRange).toBeUndefined();
  });

  it('adds no catch-up window when the previous run was on time (windows overlap by 4m)', () => {
    const result = getRuleRangeTuples(WINDOW, STARTED_AT, STARTED_AT - 5 * MINUTE);
    expect(result.tuples).toHaveLength(1);
    expect(result.remainingGapMs).toBe(0);
  });

  it('adds no catch-up window while the lateness stays within the 4m look-back', () => {
    const result = getRuleRangeTuples(WINDOW, STARTED_AT, STARTED_AT - 9 * MINUTE);
    expect(result.tuples).toHaveLength(1);
  });

  it('catches up ceil(gap / interval) windows, each shifted back one interval, oldest first', () => {
    // 15m since the previous start: gap = 15m - 9m = 6m -> 2 catch-up windows.
    const result = getRuleRangeTuples(WINDOW, STARTED_AT, STARTED_AT - 15 * MINUTE);
    expect(result.tuples).toEqual([
      { from: WINDOW.from - 10 * MINUTE, to: WINDOW.to - 10 * MINUTE },
      { from: WINDOW.from - 5 * MINUTE, to: WINDOW.to - 5 * MINUTE },
      { from: WINDOW.from, to: WINDOW.to },
    ]);
    expect(result.remainingGapMs).toBe(0);
  });

  it('caps catch-up at four windows and reports the remaining gap after the previous run', () => {
    const previous = STARTED_AT - 60 * MINUTE;
    const result = getRuleRangeTuples(WINDOW, STARTED_AT, previous);
    expect(result.tuples).toHaveLength(MAX_CATCHUP_INTERVALS + 1);
    // gap = 60m - 9m = 51m; four catch-ups cover 20m; 31m remain.
    expect(result.remainingGapMs).toBe(31 * MINUTE);
    expect(result.gapRange).toEqual({ from: previous, to: previous + 31 * MINUTE });
    expect(result.tuples[0]).toEqual({
      from: WINDOW.from - 20 * MINUTE,
      to: WINDOW.to - 20 * MINUTE,
    });
  });
});
