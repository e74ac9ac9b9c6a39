import { parseKql } from '../../../../../common/kql/parse';
import type { KqlNode } from '../../../../../common/kql/ast';
import {
  combinedQuery,
  formatPills,
  parsePills,
  pillToKql,
  quoteKqlValue,
  withPill,
  type AlertPill,
} from './alert_pills';

/** The literal a `field: value` query holds, as the project's parser reads it. */
const parsedValue = (kql: string): unknown => {
  const parsed = parseKql(kql);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const node: KqlNode = parsed.ast;
  if (node.type !== 'is') throw new Error(`not a field query: ${node.type}`);
  return node.value.kind === 'literal' ? node.value.value : node.value;
};

const EXTREME_VALUES = [
  '',
  ' ',
  'plain',
  'say "hi"',
  '"',
  '\\',
  '\\\\',
  'C:\\Windows\\System32\\',
  'ends with backslash \\',
  '\\"',
  '*',
  'web*01',
  'a:b',
  'host:*',
  '(a or b)',
  'not x',
  'a and b or c',
  '{nested: true}',
  '<=5',
  '\\t\\n\\u0041',
  'line\nbreak\ttab',
  'true',
  'null',
  '123',
  '𝔘ser ｕ-svc',
  "'; DROP TABLE alerts; --",
];

describe('KQL values of filter pills', () => {
  it.each(EXTREME_VALUES)('quotes %j so the parser reads it back exactly', (value) => {
    expect(parsedValue(`host.name: ${quoteKqlValue(value)}`)).toBe(value);
    const pill: AlertPill = { field: 'host.name', value, negate: false };
    expect(parsedValue(pillToKql(pill))).toBe(value);
  });

  it('writes a negated pill as NOT field: "value"', () => {
    expect(pillToKql({ field: 'container.id', value: 'y', negate: true })).toBe(
      'NOT container.id: "y"'
    );
    const parsed = parseKql(pillToKql({ field: 'container.id', value: 'a"b', negate: true }));
    expect(parsed.ok && parsed.ast.type).toBe('not');
  });

  it('combines the query and the pills by AND, the query kept whole', () => {
    const pills: AlertPill[] = [
      { field: 'host.name', value: 'x', negate: false },
      { field: 'container.id', value: 'y', negate: true },
    ];
    expect(combinedQuery('', [])).toBe('');
    expect(combinedQuery('  a or b ', [])).toBe('  a or b ');
    expect(combinedQuery('', pills)).toBe('host.name: "x" and NOT container.id: "y"');
    expect(combinedQuery('a or b', pills)).toBe(
      '(a or b) and host.name: "x" and NOT container.id: "y"'
    );
    expect(parseKql(combinedQuery('a or b', pills)).ok).toBe(true);
  });

  it('replaces a pill of the same field and value', () => {
    const first = withPill([], { field: 'host.name', value: 'x', negate: false });
    const flipped = withPill(first, { field: 'host.name', value: 'x', negate: true });
    expect(flipped).toEqual([{ field: 'host.name', value: 'x', negate: true }]);
    expect(withPill(flipped, { field: 'host.name', value: 'y', negate: false })).toHaveLength(2);
  });

  it('round-trips pills through their URL form and refuses anything else', () => {
    const pills: AlertPill[] = EXTREME_VALUES.map((value, i) => ({
      field: 'user.name',
      value,
      negate: i % 2 === 0,
    }));
    expect(parsePills(formatPills(pills))).toEqual(pills);
    for (const bad of ['', 'nope', '{}', '[1]', '[{"field":"a","value":1,"negate":false}]'])
      expect(parsePills(bad)).toBeUndefined();
    expect(parsePills('[{"field":"","value":"x","negate":false}]')).toBeUndefined();
  });
});
