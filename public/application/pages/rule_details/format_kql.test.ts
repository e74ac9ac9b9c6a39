import { PREBUILT_RULES } from '../../../../common/rules/catalog';
import { formatKql } from './format_kql';

describe('formatKql', () => {
  it('puts each top-level and/or clause on its own line, keeping groups and quotes whole', () => {
    expect(formatKql('a:1 and\n  b:(x and y) or c:"p and q"\n')).toBe(
      'a:1\nand b:(x and y)\nor c:"p and q"'
    );
    expect(formatKql('not a:1 AND b:"say \\"and\\" here"')).toBe(
      'not a:1\nAND b:"say \\"and\\" here"'
    );
    expect(formatKql('x:(a\n   or b)')).toBe('x:(a or b)');
    expect(formatKql('')).toBe('');
  });

  it('keeps every word of the prebuilt queries', () => {
    for (const rule of PREBUILT_RULES) {
      const words = (text: string) => text.split(/\s+/).filter((word) => word.length > 0);
      expect(words(formatKql(rule.query))).toEqual(words(rule.query));
    }
  });
});
