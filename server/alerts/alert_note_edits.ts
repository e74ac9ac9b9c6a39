/** Adding and deleting an alert's notes, as edits a store applies to the notes it reads. */
import { MAX_NOTES_PER_ALERT, type AlertNote } from '../../common/alerts/alert_annotations';
import type { NotesEdit } from '../stores/store_contract';

export type NoteAddition = { readonly added: AlertNote } | { readonly full: true };

/** Appends `note`, unless the alert already holds MAX_NOTES_PER_ALERT notes. */
export const addNote =
  (note: AlertNote) =>
  (notes: readonly AlertNote[]): NotesEdit<NoteAddition> =>
    notes.length >= MAX_NOTES_PER_ALERT
      ? { notes: undefined, result: { full: true } }
      : { notes: [...notes, note], result: { added: note } };

/** Removes the note with `noteId`; the result says whether the alert held it. */
export const removeNote =
  (noteId: string) =>
  (notes: readonly AlertNote[]): NotesEdit<boolean> => {
    const kept = notes.filter((note) => note.id !== noteId);
    return kept.length === notes.length
      ? { notes: undefined, result: false }
      : { notes: kept, result: true };
  };

/** Reads without writing. */
export const listNotes = (notes: readonly AlertNote[]): NotesEdit<readonly AlertNote[]> => ({
  notes: undefined,
  result: notes,
});
