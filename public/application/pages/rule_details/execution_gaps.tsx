/**
 * The gaps of a rule's history: periods no execution searched (the server was down longer than
 * catch-up reaches back). Kibana reports them as "gap duration" per execution; here they are
 * listed above the executions, whatever the status filter.
 */
import { EuiCallOut, EuiText } from '@elastic/eui';
import type { ReportedGap } from '../../api_client';
import { formatGap } from './execution_format';

export const ExecutionGaps = ({ gaps }: { readonly gaps: readonly ReportedGap[] }) =>
  gaps.length === 0 ? (
    <EuiText size="s" color="subdued" data-test-subj="ctdExecutionNoGaps">
      <p>No gaps: every period between the recorded executions was searched.</p>
    </EuiText>
  ) : (
    <EuiCallOut
      color="warning"
      iconType="warning"
      size="s"
      title={`${gaps.length} gap${gaps.length === 1 ? '' : 's'}: time no execution searched, so alerts may have been missed`}
      data-test-subj="ctdExecutionGaps"
    >
      <ul>
        {gaps.map((gap) => (
          <li key={gap.execution_id} data-test-subj="ctdExecutionGapItem">
            {formatGap(gap)}
          </li>
        ))}
      </ul>
    </EuiCallOut>
  );
