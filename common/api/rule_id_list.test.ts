import fc from 'fast-check';
import { formatRuleIdList, parseRuleIdList } from './rule_id_list';

describe('a list of rule ids in one query parameter', () => {
  it('reads plain comma-separated ids as before, whitespace around them dropped', () => {
    expect(parseRuleIdList('a, b,,c')).toEqual(['a', 'b', 'c']);
    expect(formatRuleIdList(['a', 'b'])).toBe('a,b');
  });

  it('keeps an id holding a comma or a percent sign whole', () => {
    const ids = ['rules,v2', '100%', 'a%2Cb', 'plain'];
    expect(formatRuleIdList(ids)).toBe('rules%2Cv2,100%25,a%252Cb,plain');
    expect(parseRuleIdList(formatRuleIdList(ids))).toEqual(ids);
  });

  it('gives back any list of ids it wrote (ids without surrounding whitespace)', () => {
    const id = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
      .filter((text) => text.trim() === text && text.length > 0);
    fc.assert(
      fc.property(fc.array(id, { maxLength: 6 }), (ids) => {
        expect(parseRuleIdList(formatRuleIdList(ids))).toEqual(ids);
      })
    );
  });
});
