import { formatSpread, spreadOf } from './stats';

describe('spreadOf', () => {
  it('takes the middle sample of an odd count and the mean of the two middle ones of an even count', () => {
    expect(spreadOf([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: 3 });
    expect(spreadOf([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, runs: 4 });
  });

  it('refuses an empty sample set instead of reporting a number that was never measured', () => {
    expect(() => spreadOf([])).toThrow(RangeError);
  });

  it('formats the median first and the range after it', () => {
    expect(formatSpread(spreadOf([2, 1, 3]), (value) => `${value} s`)).toBe('2 s (1 s–3 s)');
  });
});
