/**
 * Editing a stored exception item's name and conditions (rule details). Its list, comments and
 * expiry stay as they are; later runs of every rule naming the list use the edited conditions.
 */
import { useState } from 'react';
import {
  EuiButton,
  EuiButtonEmpty,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiTitle,
  useGeneratedHtmlId,
} from '@elastic/eui';
import type { ExceptionListItem } from '../../../common/exceptions/exception_schema';
import type { ApiClient } from '../api_client';
import { errorMessage } from '../components/page_state';
import { toError } from '../components/use_api_call';
import { ExceptionItemFields, ExceptionProblems } from './exception_item_fields';
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
        <ExceptionItemFields draft={draft} onChange={setDraft} />
        <ExceptionProblems
          problems={touched ? problems : []}
          failure={failure}
          failureTitle="The exception was not saved"
        />
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
