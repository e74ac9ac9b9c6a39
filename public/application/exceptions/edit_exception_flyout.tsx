/**
 * Editing a stored exception item's name and conditions (rule details). Its list, comments and
 * expiry stay as they are; later runs of every rule naming the list use the edited conditions.
 */
import { useState } from 'react';
import {
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiFormRow,
  EuiTitle,
  useGeneratedHtmlId,
} from '@elastic/eui';
import type { ExceptionListItem } from '../../../common/exceptions/exception_schema';
import type { ApiClient } from '../api_client';
import { errorMessage } from '../components/page_state';
import { toError } from '../components/use_api_call';
import { ExceptionConditionsEditor } from './exception_conditions_editor';
import { draftProblems, editedItem, type ExceptionDraft } from './exception_draft';

export interface EditExceptionFlyoutProps {
  readonly api: ApiClient;
  readonly item: ExceptionListItem;
  /** The item as the form shows it (from `draftFromItem`). */
  readonly draft: ExceptionDraft;
  readonly onClose: () => void;
  readonly onSaved: (item: ExceptionListItem) => void;
}

export const EditExceptionFlyout = ({
  api,
  item,
  draft: initial,
  onClose,
  onSaved,
}: EditExceptionFlyoutProps) => {
  const [draft, setDraft] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [touched, setTouched] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const titleId = useGeneratedHtmlId({ prefix: 'ctdEditExceptionTitle' });
  const problems = draftProblems(draft);

  const save = async () => {
    setTouched(true);
    if (problems.length > 0) return;
    setSaving(true);
    setFailure(undefined);
    try {
      const edited = editedItem(item, draft);
      await api.updateExceptionItem(edited);
      onSaved(edited);
    } catch (error) {
      setFailure(errorMessage(toError(error)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <EuiFlyout
      ownFocus
      onClose={onClose}
      size="m"
      aria-labelledby={titleId}
      data-test-subj="ctdEditException"
    >
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="m">
          <h2 id={titleId}>Edit rule exception</h2>
        </EuiTitle>
      </EuiFlyoutHeader>
      <EuiFlyoutBody>
        <EuiFormRow fullWidth label="Exception name">
          <EuiFieldText
            fullWidth
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            data-test-subj="ctdExceptionName"
          />
        </EuiFormRow>
        <EuiFormRow fullWidth label="Conditions (all must hold)">
          <ExceptionConditionsEditor
            conditions={draft.conditions}
            onChange={(conditions) => setDraft({ ...draft, conditions })}
          />
        </EuiFormRow>
        {touched && problems.length > 0 ? (
          <EuiCallOut
            size="s"
            color="danger"
            iconType="error"
            title="The exception is not complete"
          >
            <ul>
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </EuiCallOut>
        ) : null}
        {failure === undefined ? null : (
          <EuiCallOut size="s" color="danger" iconType="error" title="The exception was not saved">
            <p>{failure}</p>
          </EuiCallOut>
        )}
      </EuiFlyoutBody>
      <EuiFlyoutFooter>
        <EuiFlexGroup justifyContent="spaceBetween" responsive={false}>
          <EuiFlexItem grow={false}>
            <EuiButtonEmpty onClick={onClose} data-test-subj="ctdEditExceptionCancel">
              Cancel
            </EuiButtonEmpty>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiButton
              fill
              isLoading={saving}
              onClick={() => void save()}
              data-test-subj="ctdEditExceptionSave"
            >
              Save exception
            </EuiButton>
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiFlyoutFooter>
    </EuiFlyout>
  );
};
