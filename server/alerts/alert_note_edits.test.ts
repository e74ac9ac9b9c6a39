import { MAX_NOTES_PER_ALERT, type AlertNote } from '../../common/alerts/alert_annotations';
import { addNote, removeNote } from './alert_note_edits';

const note = (id: string): AlertNote => ({
  id,
  text: `note ${id}`,
  author: 'analyst',
  created_at: '2025-03-12T10:00:00.000Z',
});

describe('alert note edits', () => {
  it('appends a note after the others', () => {
    expect(addNote(note('b'))([note('a')])).toEqual({
      notes: [note('a'), note('b')],
      result: { added: note('b') },
    });
  });

  it('writes nothing when the alert holds the most notes it may', () => {
    const full = Array.from({ length: MAX_NOTES_PER_ALERT }, (_, i) => note(`n${i}`));
    expect(addNote(note('x'))(full)).toEqual({ notes: undefined, result: { full: true } });
  });

  it('removes only the named note, and writes nothing for a note the alert does not hold', () => {
    expect(removeNote('a')([note('a'), note('b')])).toEqual({ notes: [note('b')], result: true });
    expect(removeNote('c')([note('a')])).toEqual({ notes: undefined, result: false });
  });
});
