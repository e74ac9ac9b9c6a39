/** A workflow status (with the closing reason when closed) as a badge. */
import { EuiBadge } from '@elastic/eui';
import type { WorkflowStatus } from '../../../../../common/alerts/workflow_status';
import { humanize } from './format';

const COLORS: Readonly<Record<WorkflowStatus, string>> = {
  open: 'primary',
  acknowledged: 'warning',
  closed: 'default',
};

/** "Open", "Acknowledged", or "Closed: false positive" (the reason when one was given). */
export const statusLabel = (status: WorkflowStatus, reason?: string | null): string =>
  status === 'closed' && reason
    ? `${humanize(status)}: ${humanize(reason).toLowerCase()}`
    : humanize(status);

export const StatusBadge = ({
  status,
  reason,
}: {
  readonly status: WorkflowStatus;
  readonly reason?: string | null;
}) => (
  <EuiBadge color={COLORS[status]} data-test-subj="statusBadge">
    {statusLabel(status, reason)}
  </EuiBadge>
);
