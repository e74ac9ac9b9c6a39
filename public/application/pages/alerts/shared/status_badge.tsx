/** A workflow status (with the closing reason when closed) as a badge. */
import { EuiBadge } from '@elastic/eui';
import type { WorkflowStatus } from '../../../../../common/alerts/workflow_status';
import { humanize } from './format';

const COLORS: Readonly<Record<WorkflowStatus, string>> = {
  open: 'primary',
  acknowledged: 'warning',
  closed: 'default',
};

export const StatusBadge = ({
  status,
  reason,
}: {
  readonly status: WorkflowStatus;
  readonly reason?: string | null;
}) => (
  <EuiBadge color={COLORS[status]} data-test-subj="statusBadge">
    {status === 'closed' && reason
      ? `${humanize(status)}: ${humanize(reason).toLowerCase()}`
      : humanize(status)}
  </EuiBadge>
);
