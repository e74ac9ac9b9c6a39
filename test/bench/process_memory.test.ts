import { processGroupOf, statusKb } from './process_memory';

describe('processGroupOf', () => {
  it('reads the process group after the command, whatever the command holds', () => {
    expect(processGroupOf('1234 (java) S 1200 1190 1190 0 -1 4194560')).toBe(1190);
    expect(processGroupOf('42 (odd ) name (x)) R 1 77 77 0')).toBe(77);
  });

  it('gives undefined for text that is not a stat line', () => {
    expect(processGroupOf('')).toBeUndefined();
    expect(processGroupOf('1 (x) S')).toBeUndefined();
  });
});

describe('statusKb', () => {
  const status = [
    'Name:\tjava',
    'VmPeak:\t 9000000 kB',
    'VmHWM:\t  812345 kB',
    'VmRSS:\t  700000 kB',
  ].join('\n');

  it('reads the peak and current resident set in kB', () => {
    expect(statusKb(status, 'VmHWM')).toBe(812_345);
    expect(statusKb(status, 'VmRSS')).toBe(700_000);
  });

  it('gives undefined when the line is missing (kernel threads, other systems)', () => {
    expect(statusKb('Name:\tkthreadd\n', 'VmHWM')).toBeUndefined();
  });
});
