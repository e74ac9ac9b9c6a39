/** An execution's errors then warnings, as text (never markup): each its own line. */
import { EuiText } from '@elastic/eui';
import type { RuleExecution } from '../../api_client';
import { NOT_REPORTED } from './execution_format';

export const ExecutionMessages = ({
  execution,
}: {
  readonly execution: Pick<RuleExecution, 'warnings' | 'errors'>;
}) => {
  const { errors, warnings } = execution;
  if (errors.length === 0 && warnings.length === 0)
    return (
      <EuiText size="xs" color="subdued">
        {NOT_REPORTED}
      </EuiText>
    );
  return (
    <EuiText size="xs">
      {errors.map((message, index) => (
        <p key={`error-${index}`} data-test-subj="ctdExecutionError">
          <EuiText size="xs" color="danger" component="span">
            {message}
          </EuiText>
        </p>
      ))}
      {warnings.map((message, index) => (
        <p key={`warning-${index}`} data-test-subj="ctdExecutionWarning">
          {message}
        </p>
      ))}
    </EuiText>
  );
};
