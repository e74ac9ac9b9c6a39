/**
 * What the add and edit exception flyouts share: the item's name and its conditions, and the
 * callouts for an incomplete item and for a request the server refused.
 */
import { EuiCallOut, EuiFieldText, EuiFormRow } from '@elastic/eui';
import { ExceptionConditionsEditor } from './exception_conditions_editor';
import type { ExceptionDraft } from './exception_draft';

export const ExceptionItemFields = ({
  draft,
  onChange,
}: {
  readonly draft: ExceptionDraft;
  readonly onChange: (draft: ExceptionDraft) => void;
}) => (
  <>
    <EuiFormRow fullWidth label="Exception name">
      <EuiFieldText
        fullWidth
        value={draft.name}
        onChange={(event) => onChange({ ...draft, name: event.target.value })}
        data-test-subj="ctdExceptionName"
      />
    </EuiFormRow>
    <EuiFormRow fullWidth label="Conditions (all must hold)">
      <ExceptionConditionsEditor
        conditions={draft.conditions}
        onChange={(conditions) => onChange({ ...draft, conditions })}
      />
    </EuiFormRow>
  </>
);

export const ExceptionProblems = ({
  problems,
  failure,
  failureTitle,
}: {
  /** What is missing from the item (shown once the user tried to go on). */
  readonly problems: readonly string[];
  /** The server's refusal, if any. */
  readonly failure: string | undefined;
  readonly failureTitle: string;
}) => (
  <>
    {problems.length === 0 ? null : (
      <EuiCallOut
        size="s"
        color="danger"
        iconType="error"
        title="The exception is not complete"
        data-test-subj="ctdExceptionProblems"
      >
        <ul>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      </EuiCallOut>
    )}
    {failure === undefined ? null : (
      <EuiCallOut
        size="s"
        color="danger"
        iconType="error"
        title={failureTitle}
        data-test-subj="ctdExceptionFailure"
      >
        <p>{failure}</p>
      </EuiCallOut>
    )}
  </>
);
