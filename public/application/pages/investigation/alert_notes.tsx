/**
 * The alert's notes, oldest first, with who wrote each and when; a field to add one and a button to
 * delete each. Notes are analysts' plain text: rendered as React text (line breaks kept), never as
 * markup.
 */
import { useState } from 'react';
import {
  EuiButton,
  EuiButtonIcon,
  EuiComment,
  EuiCommentList,
  EuiFormRow,
  EuiSpacer,
  EuiText,
  EuiTextArea,
} from '@elastic/eui';
import { MAX_NOTE_CHARS, type AlertNote } from '../../../../common/alerts/alert_annotations';
import type { ApiClient } from '../../api_client';
import { ApiCallContent } from '../../components/page_state';
import { useToasts } from '../../components/toasts';
import { toError, useApiCall } from '../../components/use_api_call';
import { formatTime } from '../alerts/shared/format';
import { InvestigationSection } from './investigation_section';

export interface AlertNotesProps {
  readonly api: ApiClient;
  readonly alertId: string;
}

/** One notes panel per page: a fixed id keeps the field's label apart from other generated ids. */
const NOTE_INPUT_ID = 'ctdAlertNoteInput';

const NoteText = ({ text }: { readonly text: string }) => (
  <EuiText size="s">
    <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-test-subj="alertNoteText">
      {text}
    </p>
  </EuiText>
);

const NoteList = ({
  notes,
  busy,
  onDelete,
}: {
  readonly notes: readonly AlertNote[];
  readonly busy: boolean;
  readonly onDelete: (note: AlertNote) => void;
}) =>
  notes.length === 0 ? (
    <EuiText size="s" color="subdued" data-test-subj="alertNotesEmpty">
      <p>No notes yet.</p>
    </EuiText>
  ) : (
    <EuiCommentList aria-label="Notes" data-test-subj="alertNotesList">
      {notes.map((note) => (
        <EuiComment
          key={note.id}
          username={note.author}
          event="added a note"
          timestamp={formatTime(note.created_at)}
          timelineAvatarAriaLabel={note.author}
          actions={
            <EuiButtonIcon
              iconType="trash"
              color="danger"
              aria-label={`Delete the note by ${note.author} from ${formatTime(note.created_at)}`}
              isDisabled={busy}
              onClick={() => onDelete(note)}
              data-test-subj="alertNoteDelete"
            />
          }
          data-test-subj="alertNote"
        >
          <NoteText text={note.text} />
        </EuiComment>
      ))}
    </EuiCommentList>
  );

export const AlertNotes = ({ api, alertId }: AlertNotesProps) => {
  const notes = useApiCall(() => api.alertNotes(alertId), [api, alertId]);
  const toasts = useToasts();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const tooLong = text.length > MAX_NOTE_CHARS;

  const run = async (work: () => Promise<void>, failure: string) => {
    setBusy(true);
    try {
      await work();
      notes.reload();
    } catch (error) {
      toasts.error(failure, toError(error));
    } finally {
      setBusy(false);
    }
  };
  const add = () =>
    void run(async () => {
      await api.addAlertNote(alertId, text);
      setText('');
    }, 'Could not add the note');
  const remove = (note: AlertNote) =>
    void run(() => api.deleteAlertNote(alertId, note.id), 'Could not delete the note');

  return (
    <InvestigationSection title="Notes" data-test-subj="alertNotes">
      <ApiCallContent
        state={notes}
        errorTitle="Could not load the notes"
        loadingLabel="Loading notes"
      >
        {(list) => <NoteList notes={list} busy={busy} onDelete={remove} />}
      </ApiCallContent>
      <EuiSpacer size="m" />
      <EuiFormRow
        id={NOTE_INPUT_ID}
        label="Add a note"
        fullWidth
        isInvalid={tooLong}
        error={`A note is at most ${MAX_NOTE_CHARS} characters`}
        helpText="Plain text"
      >
        <EuiTextArea
          fullWidth
          rows={3}
          value={text}
          isInvalid={tooLong}
          onChange={(event) => setText(event.target.value)}
          data-test-subj="alertNoteInput"
        />
      </EuiFormRow>
      <EuiSpacer size="s" />
      <EuiButton
        size="s"
        iconType="plusInCircle"
        isLoading={busy}
        isDisabled={text.trim().length === 0 || tooLong}
        onClick={add}
        data-test-subj="alertNoteAdd"
      >
        Add note
      </EuiButton>
    </InvestigationSection>
  );
};
