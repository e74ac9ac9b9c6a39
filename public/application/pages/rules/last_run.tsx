/** A rule's last execution: status colour, when, alerts created; the run's message in a tooltip. */
import { EuiHealth, EuiText, EuiToolTip } from '@elastic/eui';
import { formatTime } from '../alerts/shared/format';
import type { RuleRunSummary } from '../../api_client';

type HealthColor = 'success' | 'warning' | 'danger' | 'subdued';

/** Execution statuses of the standalone engine and of Kibana's alerting framework. */
const STATUS_COLORS: Readonly<Record<string, HealthColor>> = {
  succeeded: 'success',
  ok: 'success',
  active: 'success',
  'partial failure': 'warning',
  warning: 'warning',
  failed: 'danger',
  error: 'danger',
};

export const LastRun = ({ run }: { readonly run: RuleRunSummary | null }) => {
  if (run === null) {
    return (
      <EuiText size="s" color="subdued">
        Never run
      </EuiText>
    );
  }
  const summary = (
    <EuiHealth color={STATUS_COLORS[run.status] ?? 'subdued'} data-test-subj="ctdLastRunStatus">
      {run.status} · {formatTime(run.started_at)}
    </EuiHealth>
  );
  const details = `${run.alerts_created} alert${run.alerts_created === 1 ? '' : 's'} created in ${run.duration_ms} ms${
    run.message ? `. ${run.message}` : ''
  }`;
  return (
    <EuiToolTip content={details} title={`Last run: ${run.status}`}>
      {/* tabIndex makes the tooltip reachable from the keyboard */}
      <span tabIndex={0}>{summary}</span>
    </EuiToolTip>
  );
};
