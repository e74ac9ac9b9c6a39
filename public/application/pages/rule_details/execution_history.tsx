/** The Execution results tab: a rule's executions, newest first and paged, filtered by status, and its gaps. */
import { useState } from 'react';
import { EuiFlexGroup, EuiFlexItem, EuiSelect, EuiSpacer } from '@elastic/eui';
import {
  EXECUTION_STATUSES,
  DEFAULT_EXECUTIONS_PER_PAGE,
} from '../../../../common/api/executions_api';
import type { ApiClient, ExecutionStatus } from '../../api_client';
import { ApiCallContent } from '../../components/page_state';
import { useApiCall } from '../../components/use_api_call';
import { ExecutionGaps } from './execution_gaps';
import { ExecutionsTable } from './executions_table';

const ALL_STATUSES = '';

const STATUS_OPTIONS = [
  { value: ALL_STATUSES, text: 'All statuses' },
  ...EXECUTION_STATUSES.map((status) => ({ value: status, text: status })),
];

const isStatus = (value: string): value is ExecutionStatus =>
  (EXECUTION_STATUSES as readonly string[]).includes(value);

export interface ExecutionHistoryProps {
  readonly api: ApiClient;
  readonly ruleId: string;
  /** Changes when the rule ran again (its last run): the history is read anew. */
  readonly reloadKey: string;
}

export const ExecutionHistory = ({ api, ruleId, reloadKey }: ExecutionHistoryProps) => {
  const [paging, setPaging] = useState({ page: 0, perPage: DEFAULT_EXECUTIONS_PER_PAGE });
  const [status, setStatus] = useState<ExecutionStatus | typeof ALL_STATUSES>(ALL_STATUSES);
  const history = useApiCall(
    () =>
      api.ruleExecutions(ruleId, {
        ...paging,
        statuses: status === ALL_STATUSES ? [] : [status],
      }),
    [api, ruleId, paging, status, reloadKey]
  );
  return (
    <>
      <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiSelect
            compressed
            prepend="Status"
            options={STATUS_OPTIONS}
            value={status}
            onChange={(event) => {
              const { value } = event.target;
              setStatus(isStatus(value) ? value : ALL_STATUSES);
              setPaging((current) => ({ ...current, page: 0 }));
            }}
            aria-label="Filter executions by status"
            data-test-subj="ctdExecutionStatusFilter"
          />
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiSpacer size="m" />
      <ApiCallContent
        state={history}
        errorTitle="Could not load the rule's executions"
        loadingLabel="Loading executions"
      >
        {(page) => (
          <>
            <ExecutionGaps gaps={page.gaps} />
            <EuiSpacer size="m" />
            <ExecutionsTable
              page={page}
              loading={history.loading}
              onPage={(next, perPage) => setPaging({ page: next, perPage })}
            />
          </>
        )}
      </ApiCallContent>
    </>
  );
};
