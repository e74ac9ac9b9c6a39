import { CliError } from './cli_error';
import {
  defaultWorkers,
  defaultWorkersFor,
  parseWorkers,
  workersFrom,
  WORKERS_PAY_FROM_BYTES,
} from './worker_option';

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

  it('is absent when not given, so the inputs decide', () => {
    expect(workersFrom({})).toBeUndefined();
    expect(workersFrom({ workers: '0' })).toBe(0);
  });

  it('defaults to one per CPU core for inputs of 16 MiB or more', () => {
    expect(defaultWorkers()).toBeGreaterThanOrEqual(1);
    expect(defaultWorkersFor([WORKERS_PAY_FROM_BYTES])).toBe(defaultWorkers());
    expect(defaultWorkersFor([WORKERS_PAY_FROM_BYTES / 2, WORKERS_PAY_FROM_BYTES / 2])).toBe(
      defaultWorkers()
    );
  });

  it('defaults to none for inputs known to be smaller', () => {
    expect(defaultWorkersFor([WORKERS_PAY_FROM_BYTES - 1])).toBe(0);
    expect(defaultWorkersFor([1, 2, 3])).toBe(0);
    expect(defaultWorkersFor([])).toBe(0);
  });

  it('counts an input of unknown size (a pipe reports 0) as large', () => {
    expect(defaultWorkersFor([0])).toBe(defaultWorkers());
    expect(defaultWorkersFor([100, 0])).toBe(defaultWorkers());
  });
});
