import { interpolatedText } from './interpolated_text';

describe('interpolatedText', () => {
  it('reads as String() for JSON values, undefined, symbols and functions', () => {
    const values: unknown[] = [
      'public',
      '',
      0,
      -0,
      1e21,
      Number.NaN,
      10n,
      true,
      null,
      undefined,
      Symbol('access'),
      function access() {},
      [],
      [1, null, undefined, ['a', [true]], { a: 1 }],
      { access: 'public' },
    ];
    for (const value of values) expect(interpolatedText(value)).toBe(String(value));
  });
});
