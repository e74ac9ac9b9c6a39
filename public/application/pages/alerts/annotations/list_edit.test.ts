import { listChange, listEntries, withValue } from './list_edit';

describe('tags and assignees editor state', () => {
  it('marks values held by every alert on, by some mixed, suggestions off', () => {
    expect(listEntries([['a', 'b'], ['b']], ['c', 'a'])).toEqual([
      { value: 'a', state: 'mixed' },
      { value: 'b', state: 'on' },
      { value: 'c', state: undefined },
    ]);
  });

  it('adds values switched on and removes values switched off, leaving mixed ones alone', () => {
    const before = listEntries([['a', 'b'], ['b']], ['c', 'd']);
    const after = withValue(
      before.map((entry) =>
        entry.value === 'b'
          ? { ...entry, state: undefined }
          : entry.value === 'c'
            ? { ...entry, state: 'on' as const }
            : entry
      ),
      'new'
    );
    expect(listChange(before, after)).toEqual({ add: ['c', 'new'], remove: ['b'] });
  });

  it('switches on a typed value already listed instead of listing it twice', () => {
    expect(withValue([{ value: 'a', state: undefined }], 'a')).toEqual([
      { value: 'a', state: 'on' },
    ]);
  });
});
