import fc from 'fast-check';
import { boundedReason, MAX_QUOTED_LENGTH, MAX_REASON_LENGTH, quoted } from './reasons';

describe('quoted', () => {
  it('keeps a short text whole', () => {
    expect(quoted('process.name')).toBe('process.name');
    expect(quoted('x'.repeat(MAX_QUOTED_LENGTH))).toBe('x'.repeat(MAX_QUOTED_LENGTH));
  });

  it('keeps the start and end of a long text and says how long it was', () => {
    const text = `${'a'.repeat(100_000)}.${'z'.repeat(100_000)}`;
    const shown = quoted(text);
    expect(shown).toMatch(/^a+\.\.\.\(200001 characters\)\.\.\.z+$/);
    expect(shown).toHaveLength(MAX_QUOTED_LENGTH);
  });

  it('never exceeds its bound, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 2_000 }),
        fc.integer({ min: 40, max: 300 }),
        (text, max) => {
          expect(quoted(text, max).length).toBeLessThanOrEqual(
            Math.max(max, text.length <= max ? text.length : max)
          );
        }
      )
    );
  });
});

describe('boundedReason', () => {
  it('cuts a reason longer than the limit and leaves others alone', () => {
    expect(boundedReason('missing @timestamp')).toBe('missing @timestamp');
    const cut = boundedReason(`malformed JSON: ${'x'.repeat(10_000)}`);
    expect(cut).toHaveLength(MAX_REASON_LENGTH);
    expect(cut.endsWith('...')).toBe(true);
  });
});
