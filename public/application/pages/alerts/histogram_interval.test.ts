/** The histogram's bucket size: round intervals, at most ~100 buckets for any range. */
import { histogramInterval, MAX_BUCKETS } from './histogram_interval';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('histogramInterval', () => {
  it.each([
    [15 * MINUTE, '10s', '10 seconds'],
    [HOUR, '1m', '1 minute'],
    [24 * HOUR, '30m', '30 minutes'],
    [7 * DAY, '3h', '3 hours'],
    [30 * DAY, '12h', '12 hours'],
    [90 * DAY, '1d', '1 day'],
    [365 * DAY, '7d', '7 days'],
    [10 * 365 * DAY, '37d', '37 days'],
  ])('a range of %d ms gets %s buckets', (range, expression, description) => {
    const interval = histogramInterval(range);
    expect(interval.expression).toBe(expression);
    expect(interval.description).toBe(description);
    expect(Math.ceil(range / interval.ms)).toBeLessThanOrEqual(MAX_BUCKETS);
  });

  it('picks the smallest round interval that fits, for any range', () => {
    for (let range = 1_000; range < 20 * 365 * DAY; range *= 1.7) {
      const interval = histogramInterval(range);
      expect(Math.ceil(range / interval.ms)).toBeLessThanOrEqual(MAX_BUCKETS);
      expect(interval.expression).toMatch(/^[1-9]\d*[smhd]$/);
    }
    expect(histogramInterval(0).expression).toBe('1s');
  });
});
