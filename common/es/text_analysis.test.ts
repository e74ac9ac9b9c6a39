import {
  MAX_TOKEN_LENGTH,
  analyzeText,
  encodeAnalyzedText,
  encodeTokenSequence,
} from './text_analysis';

describe('analyzeText (standard analyzer approximation)', () => {
  it.each([
    ['Docker RUN --privileged', ['docker', 'run', 'privileged']],
    ['/usr/bin/bash -c "echo hi"', ['usr', 'bin', 'bash', 'c', 'echo', 'hi']],
    ["don't stop", ["don't", 'stop']],
    ['foo.bar foo. 3.14 1,000 a:b', ['foo.bar', 'foo', '3.14', '1,000', 'a:b']],
    ['ubuntu:22.04', ['ubuntu', '22.04']],
    ['snake_case x2y', ['snake_case', 'x2y']],
    ['___ ...', []],
    ['Ünïcödé ΣΊΣΥΦΟΣ', ['ünïcödé', 'σίσυφοσ']],
    ['日本語', ['日', '本', '語']],
    ['', []],
  ])('%p', (text, tokens) => {
    expect(analyzeText(text)).toEqual(tokens);
  });
  it('splits over-long tokens', () => {
    expect(analyzeText('a'.repeat(MAX_TOKEN_LENGTH + 1))).toEqual([
      'a'.repeat(MAX_TOKEN_LENGTH),
      'a',
    ]);
  });
  it('encodes token sequences for substring phrase tests', () => {
    expect(encodeTokenSequence(['a', 'b'])).toBe('\u0001a\u0001b\u0001');
    expect(encodeAnalyzedText('A b')).toContain(encodeTokenSequence(['a', 'b']));
    expect(encodeTokenSequence([])).toBe('\u0001');
  });
});
