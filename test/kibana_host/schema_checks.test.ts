/**
 * The config-schema behaviours the host's route checks rely on, with config-schema's texts.
 */
import {
  arrayCheck,
  detectType,
  failureMessage,
  literalCheck,
  neverCheck,
  objectCheck,
  oneOfCheck,
  stringCheck,
} from './schema_checks';

const messageOf = (failure: ReturnType<typeof stringCheck>): string | undefined =>
  failure === undefined ? undefined : failureMessage(failure);

describe('config-schema checks', () => {
  it('name values as type-detect does', () => {
    expect([
      detectType(undefined),
      detectType(null),
      detectType([]),
      detectType({}),
      detectType(1),
      detectType('a'),
    ]).toEqual(['undefined', 'null', 'Array', 'Object', 'number', 'string']);
  });

  it('render a failure with its path, or bare at the root', () => {
    expect(messageOf(stringCheck(1, ['authz', 'reason']))).toBe(
      '[authz.reason]: expected value of type [string] but got [number]'
    );
    expect(messageOf(stringCheck(undefined, []))).toBe(
      'expected value of type [string] but got [undefined]'
    );
    expect(messageOf(literalCheck(false)(true, ['enabled']))).toBe(
      '[enabled]: expected value to equal [false]'
    );
    expect(messageOf(neverCheck('x', ['reason']))).toBe(
      "[reason]: a value wasn't expected to be present"
    );
  });

  it('check array items, then size, then the custom rule', () => {
    const check = arrayCheck(stringCheck, {
      minSize: 1,
      validate: (value) => (value.length > 2 ? 'too many' : undefined),
    });
    expect(messageOf(check('x', ['list']))).toBe(
      '[list]: expected value of type [array] but got [string]'
    );
    expect(messageOf(check([], ['list']))).toBe(
      '[list]: array size is [0], but cannot be smaller than [1]'
    );
    expect(messageOf(check(['a', 2], ['list']))).toBe(
      '[list.1]: expected value of type [string] but got [number]'
    );
    expect(messageOf(check(['a', 'b', 'c'], ['list']))).toBe('[list]: too many');
    expect(check(['a'], ['list'])).toBeUndefined();
  });

  it('list every failed alternative of a union, indented per level', () => {
    const check = oneOfCheck(objectCheck({ a: stringCheck }), stringCheck);
    expect(messageOf(check(1, ['x']))).toBe(
      '[x]: types that failed validation:\n- [x.0]: expected a plain object value, but found [number] instead.\n- [x.1]: expected value of type [string] but got [number]'
    );
    const nested = oneOfCheck(oneOfCheck(literalCheck(true), literalCheck(false)), stringCheck);
    expect(messageOf(nested(1, []))).toBe(
      'types that failed validation:\n- [0]: types that failed validation:\n - [0.0]: expected value to equal [true]\n - [0.1]: expected value to equal [false]\n- [1]: expected value of type [string] but got [number]'
    );
  });

  it('treat an absent object as {}, refuse unknown keys and apply the custom rule last', () => {
    const check = objectCheck(
      { a: stringCheck },
      { validate: (value) => (value.a === 'bad' ? 'custom' : undefined) }
    );
    expect(messageOf(check(undefined, ['o']))).toBe(
      '[o.a]: expected value of type [string] but got [undefined]'
    );
    expect(messageOf(check({ a: 'x', b: 1 }, ['o']))).toBe(
      '[o.b]: definition for this key is missing'
    );
    expect(messageOf(check({ a: 'bad' }, ['o']))).toBe('[o]: custom');
    expect(messageOf(check([], ['o']))).toBe(
      '[o]: expected a plain object value, but found [Array] instead.'
    );
  });
});
