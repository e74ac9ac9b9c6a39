import { formatDuration } from './execution_format';

describe('formatDuration', () => {
  it('writes the two largest units', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(4_200)).toBe('4.2 s');
    expect(formatDuration(211 * 60_000 + 5_000)).toBe('3 h 31 min');
    expect(formatDuration(3 * 60_000 + 31_000)).toBe('3 min 31 s');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(formatDuration(60_000)).toBe('1 min 0 s');
  });
});
