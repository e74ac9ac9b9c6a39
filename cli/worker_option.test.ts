import { CliError } from './cli_error';
import { defaultWorkers, parseWorkers, workersFrom } from './worker_option';

describe('--workers', () => {
  it('takes a whole number from 0 to 64', () => {
    expect(parseWorkers('0')).toBe(0);
    expect(parseWorkers('2')).toBe(2);
    expect(parseWorkers('64')).toBe(64);
  });

  it.each(['', '-1', '1.5', '65', 'two', '1e3', '0x2', '9007199254740993'])(
    'refuses %j, naming the option',
    (value) => {
      expect(() => parseWorkers(value)).toThrow(CliError);
      expect(() => parseWorkers(value)).toThrow(/^--workers must be a whole number from 0 to 64/);
    }
  );

  it('defaults to one per CPU core', () => {
    expect(workersFrom({})).toBe(defaultWorkers());
    expect(defaultWorkers()).toBeGreaterThanOrEqual(1);
  });
});
