/**
 * "N selected" and the triage buttons for the selected rows, then any further actions the page
 * offers for them (`children`); nothing while none is selected.
 */
import type { ReactNode } from 'react';
import { EuiFlexGroup, EuiFlexItem, EuiText } from '@elastic/eui';
import type { ClosingReason, WorkflowStatus } from '../../../../../common/alerts/workflow_status';
import type { AlertSummaryRow } from '../shared/alert_fields';
import { TriageButtons } from './triage_buttons';

export interface BulkTriageProps {
  readonly selected: readonly AlertSummaryRow[];
  readonly busy: boolean;
  readonly onSetStatus: (status: WorkflowStatus, reason?: ClosingReason) => Promise<void>;
  readonly children?: ReactNode;
}

export const BulkTriage = ({ selected, busy, onSetStatus, children }: BulkTriageProps) =>
  selected.length === 0 ? null : (
    <EuiFlexGroup
      gutterSize="s"
      alignItems="center"
      responsive={false}
      role="group"
      aria-label="Bulk actions"
    >
      <EuiFlexItem grow={false}>
        <EuiText size="s">
          <strong>{`${selected.length} selected`}</strong>
        </EuiText>
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <TriageButtons
          statuses={selected.map((row) => row.status)}
          busy={busy}
          onChange={onSetStatus}
          target={
            selected.length === 1 ? 'the selected alert' : `${selected.length} selected alerts`
          }
        />
      </EuiFlexItem>
      {children === undefined || children === null ? null : (
        <EuiFlexItem grow={false}>{children}</EuiFlexItem>
      )}
    </EuiFlexGroup>
  );
