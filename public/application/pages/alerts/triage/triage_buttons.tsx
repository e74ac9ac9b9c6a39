/**
 * Acknowledge / Close… / Reopen for one alert or a selection. Each button is offered only when it
 * would change at least one of the alerts; Close asks for a reason first.
 */
import { useState } from 'react';
import { EuiButton, EuiFlexGroup, EuiFlexItem } from '@elastic/eui';
import type { ClosingReason, WorkflowStatus } from '../../../../../common/alerts/workflow_status';
import { CloseAlertsModal } from './close_alerts_modal';

export interface TriageButtonsProps {
  /** Statuses of the alerts the buttons act on (one per alert). */
  readonly statuses: readonly WorkflowStatus[];
  readonly busy: boolean;
  readonly onChange: (status: WorkflowStatus, reason?: ClosingReason) => Promise<void>;
  /** Appended to each button's accessible name, e.g. "3 selected alerts". */
  readonly target?: string;
}

export const TriageButtons = ({ statuses, busy, onChange, target }: TriageButtonsProps) => {
  const [closing, setClosing] = useState(false);
  const offers = (status: WorkflowStatus): boolean =>
    statuses.some((current) => current !== status);
  const label = (verb: string): string | undefined => (target ? `${verb} ${target}` : undefined);
  return (
    <>
      <EuiFlexGroup gutterSize="s" responsive={false} wrap>
        {offers('acknowledged') ? (
          <EuiFlexItem grow={false}>
            <EuiButton
              size="s"
              iconType="eye"
              isDisabled={busy}
              aria-label={label('Acknowledge')}
              data-test-subj="triageAcknowledge"
              onClick={() => void onChange('acknowledged')}
            >
              Acknowledge
            </EuiButton>
          </EuiFlexItem>
        ) : null}
        {offers('closed') ? (
          <EuiFlexItem grow={false}>
            <EuiButton
              size="s"
              iconType="checkInCircleFilled"
              isDisabled={busy}
              aria-label={label('Close')}
              data-test-subj="triageClose"
              onClick={() => setClosing(true)}
            >
              Close…
            </EuiButton>
          </EuiFlexItem>
        ) : null}
        {offers('open') ? (
          <EuiFlexItem grow={false}>
            <EuiButton
              size="s"
              iconType="refresh"
              isDisabled={busy}
              aria-label={label('Reopen')}
              data-test-subj="triageReopen"
              onClick={() => void onChange('open')}
            >
              Reopen
            </EuiButton>
          </EuiFlexItem>
        ) : null}
      </EuiFlexGroup>
      {closing ? (
        <CloseAlertsModal
          count={statuses.length}
          isLoading={busy}
          onCancel={() => setClosing(false)}
          onConfirm={(reason) => {
            void onChange('closed', reason).finally(() => setClosing(false));
          }}
        />
      ) : null}
    </>
  );
};
