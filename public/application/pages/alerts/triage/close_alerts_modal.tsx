/**
 * Asks for the closing reason (Security Solution's list) before closing alerts. Nothing is chosen
 * for the user and focus starts on the list: Enter alone must never record a reason.
 */
import { useState } from 'react';
import { EuiConfirmModal, EuiFormRow, EuiSelect, useGeneratedHtmlId } from '@elastic/eui';
import {
  CLOSING_REASONS,
  isClosingReason,
  type ClosingReason,
} from '../../../../../common/alerts/workflow_status';
import { humanize } from '../shared/format';

export interface CloseAlertsModalProps {
  readonly count: number;
  readonly isLoading: boolean;
  readonly onCancel: () => void;
  readonly onConfirm: (reason: ClosingReason) => void;
}

/** The select's name: React's generated ids (`:r8:`) are not valid CSS selectors for the focus trap. */
const REASON_FIELD = 'closingReason';
const REASON_OPTIONS = CLOSING_REASONS.map((reason) => ({ value: reason, text: humanize(reason) }));

export const CloseAlertsModal = ({
  count,
  isLoading,
  onCancel,
  onConfirm,
}: CloseAlertsModalProps) => {
  const [reason, setReason] = useState<ClosingReason | undefined>(undefined);
  const titleId = useGeneratedHtmlId({ prefix: 'closeAlertsTitle' });
  const plural = count === 1 ? 'alert' : 'alerts';
  return (
    <EuiConfirmModal
      aria-labelledby={titleId}
      titleProps={{ id: titleId }}
      title={`Close ${count} ${plural}`}
      onCancel={onCancel}
      onConfirm={() => {
        if (reason !== undefined) onConfirm(reason);
      }}
      cancelButtonText="Cancel"
      confirmButtonText={`Close ${plural}`}
      isLoading={isLoading}
      confirmButtonDisabled={reason === undefined}
      initialFocus={`select[name="${REASON_FIELD}"]`}
      data-test-subj="closeAlertsModal"
    >
      <EuiFormRow label="Reason for closing" fullWidth>
        <EuiSelect
          name={REASON_FIELD}
          fullWidth
          hasNoInitialSelection
          options={REASON_OPTIONS}
          value={reason ?? ''}
          onChange={(event) => {
            if (isClosingReason(event.target.value)) setReason(event.target.value);
          }}
          data-test-subj="closingReasonSelect"
        />
      </EuiFormRow>
    </EuiConfirmModal>
  );
};
