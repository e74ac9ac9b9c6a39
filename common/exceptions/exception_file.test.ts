import fc from 'fast-check';
import {
  collectExceptions,
  readExceptionFile,
  SKIP_NOTES,
  writeExceptionFile,
} from './exception_file';
import { exportedItem, exportedList } from './test_fixtures';

const rule = { rule_id: 'r1', name: 'a rule', exceptions_list: [] };
const connector = { id: 'c1', type: 'action', attributes: { name: 'slack' } };
const summary = { exported_count: 3, exported_rules_count: 1, exported_exception_list_count: 1 };

const ndjson = (...lines: unknown[]): string =>
  lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');

describe('readExceptionFile', () => {
  it('reads lists and items of a rules export and skips the rest with a note', () => {
    const entries = readExceptionFile(
      ndjson(rule, exportedList, exportedItem, connector, '', summary)
    );
    expect(entries.map((entry) => [entry.line, entry.kind])).toEqual([
      [1, 'skipped'],
      [2, 'list'],
      [3, 'item'],
      [4, 'skipped'],
      [6, 'skipped'],
    ]);
    expect(entries.filter((entry) => entry.kind === 'skipped')).toEqual([
      { line: 1, kind: 'skipped', note: SKIP_NOTES.rule },
      { line: 4, kind: 'skipped', note: SKIP_NOTES.connector },
      { line: 6, kind: 'skipped', note: SKIP_NOTES.summary },
    ]);
  });

  it('reports bad lines by number and carries on', () => {
    const badItem = { ...exportedItem, entries: [{ type: 'match', field: 'a' }] };
    const entries = readExceptionFile(ndjson('{not json', '[1]', badItem, exportedList));
    expect(entries[0]).toMatchObject({ line: 1, kind: 'invalid' });
    expect(entries[1]).toEqual({ line: 2, kind: 'invalid', error: 'not a JSON object' });
    expect(entries[2]).toMatchObject({ line: 3, kind: 'invalid' });
    expect(entries[2]?.kind === 'invalid' && entries[2].error).toMatch(
      /^exception list item: entries\.0\.value/
    );
    expect(entries[3]).toMatchObject({ line: 4, kind: 'list' });
  });

  it('handles CRLF line ends', () => {
    expect(readExceptionFile(`${JSON.stringify(exportedList)}\r\n`)).toHaveLength(1);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => readExceptionFile(text)).not.toThrow();
      })
    );
    fc.assert(
      fc.property(fc.array(fc.json()), (lines) => {
        expect(() => readExceptionFile(lines.join('\n'))).not.toThrow();
      })
    );
  });
});

describe('writeExceptionFile', () => {
  it('writes each list then its items then the summary, as Kibana', () => {
    const { lists, items } = collectExceptions(
      readExceptionFile(ndjson(exportedList, exportedItem))
    );
    const text = writeExceptionFile(lists, items);
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(JSON.parse(lines[0] ?? '')).toEqual(exportedList);
    expect(JSON.parse(lines[1] ?? '')).toEqual(exportedItem);
    expect(JSON.parse(lines[2] ?? '')).toEqual({
      exported_exception_list_count: 1,
      exported_exception_list_item_count: 1,
      missing_exception_list_item_count: 0,
      missing_exception_list_items: [],
      missing_exception_lists: [],
      missing_exception_lists_count: 0,
    });
  });

  it('round-trips through readExceptionFile', () => {
    const otherItem = { ...exportedItem, item_id: 'other', list_id: 'elsewhere' };
    const first = collectExceptions(
      readExceptionFile(ndjson(otherItem, exportedList, exportedItem))
    );
    const again = collectExceptions(
      readExceptionFile(writeExceptionFile(first.lists, first.items))
    );
    expect(again.lists).toEqual(first.lists);
    expect(again.items).toEqual([first.items[1], first.items[0]]);
  });
});
