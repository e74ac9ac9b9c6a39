/** An execution's status as a coloured dot and its word. */
import { EuiHealth } from '@elastic/eui';
import type { RuleExecution } from '../../api_client';

type HealthColor = 'success' | 'warning' | 'danger' | 'subdued';

const STATUS_COLORS: Readonly<Record<RuleExecution['status'], HealthColor>> = {
  succeeded: 'success',
  warning: 'warning',
  'partial failure': 'warning',
  failed: 'danger',
  unknown: 'subdued',
};

export const ExecutionStatusHealth = ({ status }: { readonly status: RuleExecution['status'] }) => (
  <EuiHealth color={STATUS_COLORS[status]} data-test-subj="ctdExecutionStatus">
    {status}
  </EuiHealth>
);
