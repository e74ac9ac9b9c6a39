import { formatSpread, ratesPerSecond, sampleOperation, spreadOf } from './stats';

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

describe('ratesPerSecond', () => {
  it('turns durations in ms into a rate per second, without dividing by zero', () => {
    expect(ratesPerSecond(1_000, [500, 2_000])).toEqual([2_000, 500]);
    expect(Number.isFinite(ratesPerSecond(10, [0])[0])).toBe(true);
  });
});

describe('sampleOperation', () => {
  it('calls the operation warm-up + batches × perBatch times and gives µs per call for each batch', () => {
    let calls = 0;
    let now = 0;
    const clock = () => now;
    const samples = sampleOperation(
      () => {
        calls++;
        now += 0.002; // 2 µs a call
        return calls;
      },
      { warmup: 7, batches: 4, perBatch: 25 },
      clock
    );
    expect(calls).toBe(7 + 4 * 25);
    expect(samples).toHaveLength(4);
    for (const sample of samples) expect(sample).toBeCloseTo(2, 6);
  });
});
