import * as F from './field_names';
import { assigneesOf, changedList, notesOf, tagsOf } from './alert_annotations';

describe('changedList (Kibana tags and assignees semantics)', () => {
  it('gives an alert without the field the added values, once each, in order', () => {
    expect(changedList(undefined, { add: ['b', 'a', 'b'], remove: ['c'] })).toEqual(['b', 'a']);
    expect(changedList(null, { add: [], remove: ['a'] })).toEqual([]);
  });

  it('keeps held values in order, drops removed ones, then appends added values not held', () => {
    expect(changedList(['x', 'y', 'z'], { add: ['z', 'w', 'w'], remove: ['y'] })).toEqual([
      'x',
      'z',
      'w',
    ]);
  });

  it('reads a single keyword as a list of one', () => {
    expect(changedList('x', { add: ['y'], remove: [] })).toEqual(['x', 'y']);
  });
});

describe('reading annotations from an alert', () => {
  it('reads tags, assignees and well-formed notes only', () => {
    const note = { id: 'n1', text: 'hi', author: 'ann', created_at: '2025-01-01T00:00:00.000Z' };
    const alert = {
      [F.ALERT_WORKFLOW_TAGS]: ['a', 3, 'b'],
      [F.ALERT_WORKFLOW_ASSIGNEE_IDS]: 'ann',
      [F.ALERT_NOTES]: [note, { id: 'broken' }, 'text'],
    };
    expect(tagsOf(alert)).toEqual(['a', 'b']);
    expect(assigneesOf(alert)).toEqual(['ann']);
    expect(notesOf(alert)).toEqual([note]);
    expect(tagsOf({})).toEqual([]);
    expect(notesOf({})).toEqual([]);
  });
});
