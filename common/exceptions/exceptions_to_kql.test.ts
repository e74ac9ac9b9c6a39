import fc from 'fast-check';
import { createMatcher } from '../kql/matcher';
import { parseKql } from '../kql/parse';
import { testFields } from '../kql/test_helpers/test_fields';
import type { KqlNode } from '../kql/ast';
import { exceptionListItem } from './exception_schema';
import type {
  EntryMatchAny,
  EntryNested,
  ExceptionEntry,
  ExceptionListItem,
} from './exception_schema';
import {
  exceptionItemsToKql,
  quoteKqlString,
  ruleExceptionsToKql,
  splitEsWildcard,
  UNSUPPORTED_MESSAGES,
  unquotedWildcard,
} from './exceptions_to_kql';

const NOW = new Date('2025-03-12T12:00:00.000Z');
const fields = testFields();

const item = (entries: ExceptionEntry[], extra: Partial<ExceptionListItem> = {}) =>
  exceptionListItem.parse({
    item_id: 'item-1',
    list_id: 'list-1',
    type: 'simple',
    name: 'an exception',
    description: '',
    entries,
    ...extra,
  });

const parse = (query: string): KqlNode => {
  const result = parseKql(query);
  if (!result.ok) throw new Error(`${result.error.message}\n${query}`);
  return result.ast;
};

const kqlFor = (items: ExceptionListItem[]): string => {
  const { kql, unsupported } = exceptionItemsToKql(items, { now: NOW });
  expect(unsupported).toEqual([]);
  if (kql === undefined) throw new Error('expected a query');
  return kql;
};

/** Whether Kibana's exception filter would drop `doc`, judged by our matcher on the output KQL. */
const excludes = (items: ExceptionListItem[], doc: Record<string, unknown>): boolean =>
  createMatcher(parse(kqlFor(items)), fields)(doc);

const match = (fieldName: string, value: string, operator: 'included' | 'excluded' = 'included') =>
  ({ type: 'match', field: fieldName, value, operator }) as const;

describe('quoteKqlString', () => {
  it('round-trips any string as the same quoted literal', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const ast = parse(`f:${quoteKqlString(text)}`);
        expect(ast).toMatchObject({
          type: 'is',
          value: { kind: 'literal', value: text, quoted: true },
        });
      })
    );
  });

  it('keeps hostile values inside the literal', () => {
    const hostile = '" or * or x:"';
    expect(parse(`f:${quoteKqlString(hostile)}`)).toMatchObject({
      type: 'is',
      value: { value: hostile },
    });
  });
});

describe('unquotedWildcard', () => {
  const segment = fc.string({ unit: 'binary' });
  const noEdgeSpace = (segments: string[]) =>
    !/^\s/.test(segments[0] ?? '') && !/\s$/.test(segments.at(-1) ?? '');

  it('round-trips any segments as the same wildcard', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 2, maxLength: 5 }).filter(noEdgeSpace),
        (segments) => {
          expect(parse(`f:${unquotedWildcard(segments)}`)).toMatchObject(
            segments.every((text) => text === '') && segments.length === 2
              ? { type: 'exists' }
              : { type: 'is', value: { kind: 'wildcard', segments } }
          );
        }
      )
    );
  });

  it('round-trips segments made of keywords, escapes and specials', () => {
    const tricky = fc
      .array(
        fc.constantFrom(
          'or',
          'AND',
          'not',
          'Not',
          ' ',
          '\\',
          '\\n',
          'n',
          '*',
          '"',
          ':',
          '{',
          'u0041',
          'x'
        ),
        {
          maxLength: 8,
        }
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.array(tricky, { minLength: 2, maxLength: 4 }).filter(noEdgeSpace),
        (segments) => {
          fc.pre(segments.some((text) => text !== '') || segments.length > 2);
          expect(parse(`f:${unquotedWildcard(segments)}`)).toMatchObject({
            value: { kind: 'wildcard', segments },
          });
        }
      )
    );
  });

  it('escapes keywords and special characters', () => {
    const segments = ['a or b', ' and (c) not d:"e" {f} \\g'];
    expect(parse(`f:${unquotedWildcard(segments)}`)).toMatchObject({
      value: { kind: 'wildcard', segments },
    });
  });
});

describe('splitEsWildcard', () => {
  it('splits at unescaped stars and unescapes the rest', () => {
    expect(splitEsWildcard('a*b\\*c\\\\*')).toEqual(['a', 'b*c\\', '']);
    expect(splitEsWildcard('plain')).toEqual(['plain']);
    expect(splitEsWildcard('trailing\\')).toEqual(['trailing\\']);
  });
});

describe('exceptionItemsToKql', () => {
  it('gives no query without items', () => {
    expect(exceptionItemsToKql([], { now: NOW })).toEqual({ kql: undefined, unsupported: [] });
  });

  it('writes one item as the AND of its entries', () => {
    expect(kqlFor([item([match('process.name', 'sh'), match('host.name', 'h1')])])).toBe(
      '(("process.name":"sh") and ("host.name":"h1"))'
    );
  });

  it('matches an item exactly when all its entries hold', () => {
    const items = [item([match('process.name', 'sh'), match('host.name', 'h1')])];
    expect(excludes(items, { process: { name: 'sh' }, host: { name: 'h1' } })).toBe(true);
    expect(excludes(items, { process: { name: 'sh' }, host: { name: 'h2' } })).toBe(false);
    expect(excludes(items, { process: { name: 'bash' }, host: { name: 'h1' } })).toBe(false);
  });

  it('ORs items', () => {
    const items = [item([match('process.name', 'sh')]), item([match('host.name', 'h1')])];
    expect(excludes(items, { process: { name: 'sh' } })).toBe(true);
    expect(excludes(items, { host: { name: 'h1' } })).toBe(true);
    expect(excludes(items, { process: { name: 'zsh' }, host: { name: 'h2' } })).toBe(false);
  });

  it('inverts excluded entries (a missing field counts as not equal, as must_not does)', () => {
    const items = [item([match('process.name', 'sh'), match('host.name', 'h1', 'excluded')])];
    expect(excludes(items, { process: { name: 'sh' }, host: { name: 'h2' } })).toBe(true);
    expect(excludes(items, { process: { name: 'sh' } })).toBe(true);
    expect(excludes(items, { process: { name: 'sh' }, host: { name: 'h1' } })).toBe(false);
  });

  it('match_any holds for any of its values', () => {
    const entry: EntryMatchAny = {
      type: 'match_any',
      field: 'process.name',
      value: ['sh', 'bash'],
      operator: 'included',
    };
    expect(excludes([item([entry])], { process: { name: 'bash' } })).toBe(true);
    expect(excludes([item([entry])], { process: { name: 'zsh' } })).toBe(false);
    const excluded = [item([{ ...entry, operator: 'excluded' }])];
    expect(excludes(excluded, { process: { name: 'bash' } })).toBe(false);
    expect(excludes(excluded, { process: { name: 'zsh' } })).toBe(true);
  });

  it('exists, included and excluded', () => {
    const entry = { type: 'exists', field: 'process.parent.name', operator: 'included' } as const;
    const withParent = { process: { parent: { name: 'init' } } };
    expect(excludes([item([entry])], withParent)).toBe(true);
    expect(excludes([item([entry])], { process: { name: 'sh' } })).toBe(false);
    expect(excludes([item([{ ...entry, operator: 'excluded' }])], withParent)).toBe(false);
  });

  it('wildcard entries', () => {
    const entry = {
      type: 'wildcard',
      field: 'process.executable',
      value: '/usr/*/s(h)',
      operator: 'included',
    } as const;
    expect(excludes([item([entry])], { process: { executable: '/usr/bin/s(h)' } })).toBe(true);
    expect(excludes([item([entry])], { process: { executable: '/usr/bin/sh' } })).toBe(false);
    const literalStar = [item([{ ...entry, value: 'a\\*b' }])];
    expect(excludes(literalStar, { process: { executable: 'a*b' } })).toBe(true);
    expect(excludes(literalStar, { process: { executable: 'axb' } })).toBe(false);
    const excluded = [item([{ ...entry, operator: 'excluded' }])];
    expect(excludes(excluded, { process: { executable: '/usr/bin/s(h)' } })).toBe(false);
  });

  it('nested entries must hold inside one object', () => {
    const entry: EntryNested = {
      type: 'nested',
      field: 'items',
      entries: [
        { type: 'match', field: 'name', value: 'a', operator: 'included' },
        { type: 'exists', field: 'count', operator: 'included' },
      ],
    };
    expect(kqlFor([item([entry])])).toBe('(("items":{ ("name":"a") and ("count":*) }))');
    expect(excludes([item([entry])], { items: [{ name: 'a', count: 1 }] })).toBe(true);
    expect(excludes([item([entry])], { items: [{ name: 'a' }, { name: 'b', count: 1 }] })).toBe(
      false
    );
  });

  it('a field matches when any value of an array does', () => {
    const items = [item([match('event.category', 'process')])];
    expect(excludes(items, { event: { category: ['network', 'process'] } })).toBe(true);
    expect(excludes(items, { event: { category: ['network'] } })).toBe(false);
    const excluded = [item([match('event.category', 'process', 'excluded')])];
    expect(excludes(excluded, { event: { category: ['network', 'process'] } })).toBe(false);
  });

  it('ANDs os_types over both OS fields, as Kibana', () => {
    const items = [item([match('process.name', 'sh')], { os_types: ['linux'] })];
    expect(excludes(items, { host: { os: { type: 'linux' } }, process: { name: 'sh' } })).toBe(
      true
    );
    expect(
      excludes(items, { host: { os: { name: { caseless: 'linux' } } }, process: { name: 'sh' } })
    ).toBe(true);
    expect(excludes(items, { host: { os: { type: 'windows' } }, process: { name: 'sh' } })).toBe(
      false
    );
  });

  it('keeps user values from changing the query', () => {
    const items = [item([match('process.name', '") or ("x":*')])];
    expect(excludes(items, { process: { name: 'sh' }, x: 1 })).toBe(false);
    expect(excludes(items, { process: { name: '") or ("x":*' } })).toBe(true);
  });

  it('drops expired items', () => {
    const expired = item([match('process.name', 'sh')], {
      expire_time: '2025-03-12T11:59:59.000Z',
    });
    expect(exceptionItemsToKql([expired], { now: NOW }).kql).toBeUndefined();
  });

  it('reports items it cannot express and keeps the rest', () => {
    const listEntry = {
      type: 'list',
      field: 'source.ip',
      list: { id: 'ips', type: 'ip' },
      operator: 'included',
    } as const;
    const questionMark = {
      type: 'wildcard',
      field: 'process.name',
      value: 's?',
      operator: 'included',
    } as const;
    const result = exceptionItemsToKql(
      [
        item([listEntry], { item_id: 'with-list' }),
        item([questionMark], { item_id: 'with-question-mark' }),
        item([], { item_id: 'empty' }),
        item([match('process.name', 'sh')]),
      ],
      { now: NOW }
    );
    expect(result.kql).toBe('(("process.name":"sh"))');
    expect(result.unsupported).toEqual([
      { item_id: 'with-list', list_id: 'list-1', reason: UNSUPPORTED_MESSAGES.valueList },
      {
        item_id: 'with-question-mark',
        list_id: 'list-1',
        reason: UNSUPPORTED_MESSAGES.singleCharacterWildcard,
      },
      { item_id: 'empty', list_id: 'list-1', reason: UNSUPPORTED_MESSAGES.noEntries },
    ]);
  });
});

describe('ruleExceptionsToKql', () => {
  it('uses only the items of the referenced lists, by list_id and namespace', () => {
    const items = [
      item([match('process.name', 'a')], { list_id: 'mine' }),
      item([match('process.name', 'b')], { list_id: 'mine', namespace_type: 'agnostic' }),
      item([match('process.name', 'c')], { list_id: 'other' }),
    ];
    const { kql } = ruleExceptionsToKql([{ list_id: 'mine', namespace_type: 'single' }], items, {
      now: NOW,
    });
    expect(kql).toBe('(("process.name":"a"))');
  });
});

describe('agreement with a direct reading of Kibana semantics', () => {
  const FIELD_NAMES = ['process.name', 'host.name', 'event.category'] as const;
  const VALUES = ['a', 'b', 'c d', 'or', '"*"'] as const;
  type FieldName = (typeof FIELD_NAMES)[number];
  type Doc = Partial<Record<FieldName, string[]>>;

  const fieldName = fc.constantFrom(...FIELD_NAMES);
  const value = fc.constantFrom(...VALUES);
  const operator = fc.constantFrom('included' as const, 'excluded' as const);
  const entryArb: fc.Arbitrary<ExceptionEntry> = fc.oneof(
    fc.record({ type: fc.constant('match' as const), field: fieldName, value, operator }),
    fc.record({
      type: fc.constant('match_any' as const),
      field: fieldName,
      value: fc.array(value, { minLength: 1, maxLength: 3 }),
      operator,
    }),
    fc.record({ type: fc.constant('exists' as const), field: fieldName, operator })
  );
  const docArb: fc.Arbitrary<Doc> = fc.record(
    {
      'process.name': fc.array(value, { maxLength: 2 }),
      'host.name': fc.array(value, { maxLength: 2 }),
      'event.category': fc.array(value, { maxLength: 2 }),
    },
    { requiredKeys: [] }
  );

  /** What must_not / match_phrase / exists mean on keyword fields, written out directly. */
  const holds = (entry: ExceptionEntry, doc: Doc): boolean => {
    const values = doc[entry.field as FieldName] ?? [];
    const positive =
      entry.type === 'match'
        ? values.includes(entry.value)
        : entry.type === 'match_any'
          ? entry.value.some((candidate) => values.includes(candidate))
          : values.length > 0;
    return 'operator' in entry && entry.operator === 'excluded' ? !positive : positive;
  };

  it('excludes a document exactly when some item has all its entries holding', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(entryArb, { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 3,
        }),
        docArb,
        (itemEntries, doc) => {
          const items = itemEntries.map((entries) => item(entries));
          const expected = itemEntries.some((entries) =>
            entries.every((entry) => holds(entry, doc))
          );
          expect(excludes(items, doc)).toBe(expected);
        }
      )
    );
  });
});
