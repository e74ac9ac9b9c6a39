/**
 * The alerts grouped by one field: a page of groups from the server (largest first), each an
 * accordion with its count, severities and rule count that expands to that group's alerts, paged.
 */
import { useCallback, useState } from 'react';
import {
  EuiAccordion,
  EuiBadge,
  EuiFlexGroup,
  EuiFlexItem,
  EuiPanel,
  EuiSpacer,
  EuiTablePagination,
  EuiText,
} from '@elastic/eui';
import type { AlertGroup, AlertGroupField } from '../../../../../common/api/alerts_api';
import type { AlertFilters, ApiClient } from '../../../api_client';
import type { AppNavigation } from '../../../navigation';
import { ErrorState } from '../../../components/page_state';
import { useApiCall } from '../../../components/use_api_call';
import type { OptionalColumnId } from '../columns/optional_columns';
import { SeverityBadge } from '../shared/severity_badge';
import { GroupAlertsTable } from './group_alerts_table';
import { GROUP_FIELD_LABELS } from './group_selector';

/** Groups per page, as Kibana's grouping pages them. */
export const GROUPS_PER_PAGE = 25;

export interface GroupedAlertsProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly groupBy: AlertGroupField;
  readonly filters: AlertFilters;
  /** Changes whenever the filters do: a new grouping starts on its first page. */
  readonly filtersKey: string;
  readonly optionalColumns: readonly OptionalColumnId[];
  readonly busy: boolean;
  /** Changes the status of alerts; the groups' counts are read again after it. */
  readonly onSetStatus: GroupAccordionProps['onSetStatus'];
}

/** A group's title: its value (as text, never markup), or that the field is missing. */
const groupTitle = (groupBy: AlertGroupField, group: AlertGroup): string =>
  group.value === null ? `- ${GROUP_FIELD_LABELS[groupBy]} is missing` : group.value;

interface GroupAccordionProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly groupBy: AlertGroupField;
  readonly group: AlertGroup;
  readonly filters: AlertFilters;
  readonly filtersKey: string;
  readonly optionalColumns: readonly OptionalColumnId[];
  readonly busy: boolean;
  readonly onSetStatus: Parameters<typeof GroupAlertsTable>[0]['onSetStatus'];
}

const GroupAccordion = ({ group, groupBy, ...table }: GroupAccordionProps) => {
  const [open, setOpen] = useState(false);
  return (
    <EuiPanel hasBorder paddingSize="s" data-test-subj="alertGroup">
      <EuiAccordion
        id={`alert-group-${groupBy}-${group.value ?? '\u0000missing'}`}
        forceState={open ? 'open' : 'closed'}
        onToggle={setOpen}
        buttonContent={
          <EuiText size="s" data-test-subj="alertGroupTitle">
            <strong>{groupTitle(groupBy, group)}</strong>
          </EuiText>
        }
        extraAction={
          <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
            {group.severities.map(({ severity, count }) => (
              <EuiFlexItem grow={false} key={severity}>
                <span title={`${count} ${severity}`}>
                  <SeverityBadge severity={severity} />
                </span>
              </EuiFlexItem>
            ))}
            <EuiFlexItem grow={false}>
              <EuiText size="xs" data-test-subj="alertGroupRules">
                Rules: {group.rule_count}
              </EuiText>
            </EuiFlexItem>
            <EuiFlexItem grow={false}>
              <EuiBadge color="hollow" data-test-subj="alertGroupCount">
                {group.count}
              </EuiBadge>
            </EuiFlexItem>
          </EuiFlexGroup>
        }
      >
        {open ? (
          <GroupAlertsTable {...table} group={{ field: groupBy, value: group.value }} />
        ) : null}
      </EuiAccordion>
    </EuiPanel>
  );
};

export const GroupedAlerts = ({
  api,
  groupBy,
  filters,
  filtersKey,
  onSetStatus,
  ...rest
}: GroupedAlertsProps) => {
  const [paging, setPaging] = useState({ key: `${groupBy}|${filtersKey}`, page: 0 });
  const page = paging.key === `${groupBy}|${filtersKey}` ? paging.page : 0;
  const groups = useApiCall(
    () => api.alertGroups(filters, groupBy, page, GROUPS_PER_PAGE),
    [api, groupBy, filtersKey, page]
  );
  const { reload: reloadGroups } = groups;
  const setStatus = useCallback<GroupedAlertsProps['onSetStatus']>(
    async (ids, status, reason) => {
      await onSetStatus(ids, status, reason);
      reloadGroups();
    },
    [onSetStatus, reloadGroups]
  );
  if (groups.error)
    return (
      <ErrorState title="Could not load groups" error={groups.error} onRetry={groups.reload} />
    );
  const answer = groups.data;
  return (
    <div data-test-subj="alertGroups">
      <EuiText size="xs" data-test-subj="alertGroupsSummary">
        {answer === undefined
          ? 'Loading groups…'
          : `${answer.total_groups} ${answer.total_groups === 1 ? 'group' : 'groups'}`}
      </EuiText>
      <EuiSpacer size="s" />
      {(answer?.groups ?? []).map((group) => (
        <div key={group.value ?? '\u0000missing'}>
          <GroupAccordion
            api={api}
            groupBy={groupBy}
            group={group}
            filters={filters}
            filtersKey={filtersKey}
            onSetStatus={setStatus}
            {...rest}
          />
          <EuiSpacer size="s" />
        </div>
      ))}
      {answer !== undefined && answer.total_groups > GROUPS_PER_PAGE ? (
        <EuiTablePagination
          pageCount={Math.ceil(answer.total_groups / GROUPS_PER_PAGE)}
          activePage={page}
          onChangePage={(next) => setPaging({ key: `${groupBy}|${filtersKey}`, page: next })}
          itemsPerPage={GROUPS_PER_PAGE}
          data-test-subj="alertGroupsPagination"
        />
      ) : null}
    </div>
  );
};
