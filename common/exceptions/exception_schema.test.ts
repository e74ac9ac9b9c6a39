import {
  EMPTY_STRING_MESSAGE,
  exceptionEntry,
  exceptionList,
  exceptionListItem,
  itemBelongsTo,
} from './exception_schema';
import { exportedItem, exportedList } from './test_fixtures';

describe('exceptionListItem', () => {
  it('reads an exported item unchanged', () => {
    expect(exceptionListItem.parse(exportedItem)).toEqual(exportedItem);
  });

  it('keeps fields it does not know', () => {
    expect(exceptionListItem.parse({ ...exportedItem, future_field: 1 })).toMatchObject({
      future_field: 1,
    });
  });

  it('defaults namespace_type to single, as Kibana import does', () => {
    const { namespace_type: _omitted, ...rest } = exportedItem;
    expect(exceptionListItem.parse(rest).namespace_type).toBe('single');
  });

  it('rejects blank values with Kibana message', () => {
    const bad = {
      ...exportedItem,
      entries: [{ field: 'process.name', operator: 'included', type: 'match', value: ' ' }],
    };
    const result = exceptionListItem.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['entries', 0, 'value'],
      message: EMPTY_STRING_MESSAGE,
    });
  });

  it('rejects unknown operators and item types', () => {
    expect(exceptionListItem.safeParse({ ...exportedItem, type: 'complex' }).success).toBe(false);
    expect(
      exceptionEntry.safeParse({ field: 'a', operator: 'is', type: 'match', value: 'x' }).success
    ).toBe(false);
  });
});

describe('exceptionEntry', () => {
  it('needs at least one match_any value', () => {
    const entry = { field: 'a', operator: 'included', type: 'match_any', value: [] };
    expect(exceptionEntry.safeParse(entry).success).toBe(false);
  });

  it('allows only match, match_any and exists inside nested', () => {
    const nested = (inner: Record<string, unknown>) => ({
      field: 'parent',
      type: 'nested',
      entries: [inner],
    });
    expect(
      exceptionEntry.safeParse(nested({ field: 'c', operator: 'included', type: 'exists' })).success
    ).toBe(true);
    const wildcard = { field: 'c', operator: 'included', type: 'wildcard', value: 'x*' };
    expect(exceptionEntry.safeParse(nested(wildcard)).success).toBe(false);
    expect(exceptionEntry.safeParse({ ...nested(wildcard), entries: [] }).success).toBe(false);
  });

  it('knows value-list types', () => {
    const entry = {
      field: 'a',
      operator: 'included',
      type: 'list',
      list: { id: 'l', type: 'nope' },
    };
    expect(exceptionEntry.safeParse(entry).success).toBe(false);
  });
});

describe('exceptionList', () => {
  it('reads an exported list unchanged', () => {
    expect(exceptionList.parse(exportedList)).toEqual(exportedList);
  });

  it('rejects unknown list types and namespaces', () => {
    expect(exceptionList.safeParse({ ...exportedList, type: 'other' }).success).toBe(false);
    expect(exceptionList.safeParse({ ...exportedList, namespace_type: 'space' }).success).toBe(
      false
    );
  });
});

describe('itemBelongsTo', () => {
  it('matches list_id and namespace_type', () => {
    const ref = { list_id: 'my-exceptions', namespace_type: 'single' } as const;
    expect(itemBelongsTo(exceptionListItem.parse(exportedItem), ref)).toBe(true);
    expect(itemBelongsTo({ list_id: 'my-exceptions', namespace_type: 'agnostic' }, ref)).toBe(
      false
    );
  });
});
