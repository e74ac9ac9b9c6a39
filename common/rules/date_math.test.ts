import { isValidDateMath, isValidDuration, parseDateMath, parseDuration } from './date_math';

const NOW = new Date('2025-06-15T12:34:56.789Z');
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

const dateOf = (expr: string, roundUp = false): Date => {
  const result = parseDateMath(expr, NOW, roundUp);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('parseDateMath', () => {
  it('resolves "now" to the given instant', () => {
    expect(dateOf('now')).toEqual(NOW);
  });

  it('subtracts and adds relative amounts', () => {
    expect(dateOf('now-9m').getTime()).toBe(NOW.getTime() - 9 * MINUTE);
    expect(dateOf('now-14d').getTime()).toBe(NOW.getTime() - 14 * DAY);
    expect(dateOf('now+1h').getTime()).toBe(NOW.getTime() + 60 * MINUTE);
  });

  it('rounds down by default and up when asked', () => {
    const roundedDown = dateOf('now/d');
    const roundedUp = dateOf('now/d', true);
    expect(roundedDown.getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(roundedUp.getTime()).toBeGreaterThanOrEqual(NOW.getTime());
    expect(roundedUp.getTime() - roundedDown.getTime()).toBe(DAY - 1);
  });

  it('accepts an ISO-8601 anchor with optional math', () => {
    expect(dateOf('2024-01-02T00:00:00Z')).toEqual(new Date('2024-01-02T00:00:00Z'));
    expect(dateOf('2024-01-02T00:00:00Z||-1d')).toEqual(new Date('2024-01-01T00:00:00Z'));
  });

  it.each([
    '',
    ' now-9m',
    'now-9x',
    'now-',
    'now 9m',
    'nowish',
    'yesterday',
    '14d',
    'now-1.5d',
    'now-9M9',
  ])('rejects %p with a message quoting the input', (expr) => {
    const result = parseDateMath(expr, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(`'${expr}' is not valid date math`);
  });

  it('exposes a boolean shortcut', () => {
    expect(isValidDateMath('now-6m')).toBe(true);
    expect(isValidDateMath('now-6q')).toBe(false);
  });
});

describe('parseDuration', () => {
  it.each([
    ['30s', 30 * 1000],
    ['5m', 5 * MINUTE],
    ['2h', 120 * MINUTE],
    ['1d', DAY],
  ])('parses %p', (expr, ms) => {
    expect(parseDuration(expr)).toEqual({ ok: true, value: ms });
  });

  it.each(['', '5', 'm', '0m', '-5m', '5 m', '5min', '1.5h', '5w', '05m', '5M'])(
    'rejects %p',
    (expr) => {
      const result = parseDuration(expr);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain(`'${expr}' is not a valid duration`);
    }
  );

  it('rejects durations that overflow safe integers', () => {
    expect(parseDuration('9999999999999999d').ok).toBe(false);
  });

  it('exposes a boolean shortcut', () => {
    expect(isValidDuration('5m')).toBe(true);
    expect(isValidDuration('5y')).toBe(false);
  });
});
