/**
 * "Add rule exception" from an alert, as Kibana's flyout offers it: conditions prefilled with the
 * new term and context fields, a name and a comment, the options to close this alert and every
 * open alert of the rule the exception matches, and a replay of the stored history with and
 * without it before saving. The item goes into the rule's default exception list.
 */
import { useState } from 'react';
import {
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiCheckbox,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiFormRow,
  EuiSpacer,
  EuiText,
  EuiTextArea,
  EuiTitle,
  useGeneratedHtmlId,
} from '@elastic/eui';
import type { AddRuleExceptionsResponse } from '../../../common/api/exceptions_api';
import type { HistoryPreview } from '../../../common/api/preview_api';
import type { AlertDocument } from '../../../common/alerts/alert_document';
import type { ApiClient } from '../api_client';
import { ApiCallContent, errorMessage } from '../components/page_state';
import { toError, useApiCall } from '../components/use_api_call';
import { toAlertRow } from '../pages/alerts/shared/alert_fields';
import { ExceptionConditionsEditor } from './exception_conditions_editor';
import { draftFromAlert, draftProblems, draftToItem, type ExceptionDraft } from './exception_draft';
import { HistoryPreviewPanel } from '../components/history_preview_panel';

export interface AddExceptionFlyoutProps {
  readonly api: ApiClient;
  readonly alertId: string;
  readonly onClose: () => void;
  /** After the exception is stored (and alerts closed). */
  readonly onAdded: (result: AddRuleExceptionsResponse) => void;
}

interface FormProps extends Omit<AddExceptionFlyoutProps, 'alertId'> {
  readonly alert: AlertDocument;
}

const AddExceptionForm = ({ api, alert, onClose, onAdded }: FormProps) => {
  const row = toAlertRow(alert);
  const [draft, setDraft] = useState<ExceptionDraft>(() => draftFromAlert(alert));
  const [closeThis, setCloseThis] = useState(row.status !== 'closed');
  const [closeMatching, setCloseMatching] = useState(false);
  const [saving, setSaving] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [preview, setPreview] = useState<HistoryPreview | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [touched, setTouched] = useState(false);
  const closeThisId = useGeneratedHtmlId({ prefix: 'ctdExceptionCloseThis' });
  const closeMatchingId = useGeneratedHtmlId({ prefix: 'ctdExceptionCloseMatching' });
  const problems = draftProblems(draft);
  const ruleId = row.ruleId;

  const change = (next: ExceptionDraft) => {
    setDraft(next);
    setPreview(undefined);
  };

  const run = async (action: () => Promise<void>, setBusy: (busy: boolean) => void) => {
    setTouched(true);
    if (problems.length > 0 || ruleId === null) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
    } catch (error) {
      setFailure(errorMessage(toError(error)));
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      const result = await api.addRuleExceptions(ruleId ?? '', [draftToItem(draft)], {
        alertIds: closeThis ? [row.id] : [],
        closeMatching,
      });
      onAdded(result);
    }, setSaving);

  const runPreview = () =>
    run(async () => {
      setPreview(await api.previewRuleExceptions(ruleId ?? '', [draftToItem(draft)]));
    }, setPreviewing);

  return (
    <>
      <EuiFlyoutBody>
        <EuiText size="s">
          <p>
            Events matching every chosen condition are left out of <strong>{row.ruleName}</strong>{' '}
            from its next run: they neither raise alerts nor count as history.
          </p>
        </EuiText>
        <EuiSpacer size="m" />
        <EuiFormRow fullWidth label="Exception name">
          <EuiFieldText
            fullWidth
            value={draft.name}
            onChange={(event) => change({ ...draft, name: event.target.value })}
            data-test-subj="ctdExceptionName"
          />
        </EuiFormRow>
        <EuiFormRow fullWidth label="Conditions (all must hold)">
          <ExceptionConditionsEditor
            conditions={draft.conditions}
            onChange={(conditions) => change({ ...draft, conditions })}
          />
        </EuiFormRow>
        <EuiFormRow fullWidth label="Comment (optional)">
          <EuiTextArea
            fullWidth
            rows={2}
            value={draft.comment}
            onChange={(event) => change({ ...draft, comment: event.target.value })}
            data-test-subj="ctdExceptionComment"
          />
        </EuiFormRow>
        {row.status === 'closed' ? null : (
          <EuiCheckbox
            id={closeThisId}
            label="Close this alert"
            checked={closeThis}
            onChange={(event) => setCloseThis(event.target.checked)}
            data-test-subj="ctdExceptionCloseThis"
          />
        )}
        <EuiCheckbox
          id={closeMatchingId}
          label="Close all alerts that match this exception and were generated by this rule"
          checked={closeMatching}
          onChange={(event) => setCloseMatching(event.target.checked)}
          data-test-subj="ctdExceptionCloseMatching"
        />
        <EuiSpacer size="m" />
        {touched && problems.length > 0 ? (
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
        ) : null}
        {failure === undefined ? null : (
          <EuiCallOut
            size="s"
            color="danger"
            iconType="error"
            title="The exception was not added"
            data-test-subj="ctdExceptionFailure"
          >
            <p>{failure}</p>
          </EuiCallOut>
        )}
        <EuiSpacer size="m" />
        <EuiButton
          size="s"
          iconType="visLine"
          isLoading={previewing}
          onClick={() => void runPreview()}
          data-test-subj="ctdExceptionPreviewButton"
        >
          Preview on the stored history
        </EuiButton>
        <EuiSpacer size="m" />
        {preview === undefined ? null : (
          <HistoryPreviewPanel preview={preview} afterLabel="this exception" />
        )}
      </EuiFlyoutBody>
      <EuiFlyoutFooter>
        <EuiFlexGroup justifyContent="spaceBetween" responsive={false}>
          <EuiFlexItem grow={false}>
            <EuiButtonEmpty onClick={onClose} data-test-subj="ctdExceptionCancel">
              Cancel
            </EuiButtonEmpty>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiButton
              fill
              isLoading={saving}
              isDisabled={ruleId === null}
              onClick={() => void save()}
              data-test-subj="ctdExceptionSubmit"
            >
              Add rule exception
            </EuiButton>
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiFlyoutFooter>
    </>
  );
};

export const AddExceptionFlyout = (props: AddExceptionFlyoutProps) => {
  const { api, alertId, onClose } = props;
  const titleId = useGeneratedHtmlId({ prefix: 'ctdAddExceptionTitle' });
  const investigation = useApiCall(() => api.getInvestigation(alertId), [api, alertId]);
  return (
    <EuiFlyout
      ownFocus
      onClose={onClose}
      size="m"
      aria-labelledby={titleId}
      data-test-subj="ctdAddException"
    >
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="m">
          <h2 id={titleId}>Add rule exception</h2>
        </EuiTitle>
      </EuiFlyoutHeader>
      <ApiCallContent
        state={investigation}
        errorTitle="Could not load the alert"
        loadingLabel="Loading the alert"
      >
        {(data) => <AddExceptionForm {...props} alert={data.alert} />}
      </ApiCallContent>
    </EuiFlyout>
  );
};
