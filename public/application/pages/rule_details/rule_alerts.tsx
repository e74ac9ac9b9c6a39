/**
 * The Alerts tab: the rule's most recent alerts, each opening its investigation, and a link to the
 * Alerts page filtered to the rule for the rest (filters, triage, export).
 */
import {
  EuiBasicTable,
  EuiFlexGroup,
  EuiFlexItem,
  EuiSpacer,
  EuiText,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import { formatRuleIdList } from '../../../../common/api/rule_id_list';
import type { ApiClient } from '../../api_client';
import { AppLink } from '../../components/app_link';
import { ApiCallContent } from '../../components/page_state';
import { useApiCall } from '../../components/use_api_call';
import { alertPath, alertsPath, type AppNavigation } from '../../navigation';
import { toAlertRow, type AlertSummaryRow } from '../alerts/shared/alert_fields';
import { formatTime } from '../alerts/shared/format';
import { SeverityBadge } from '../alerts/shared/severity_badge';
import { StatusBadge } from '../alerts/shared/status_badge';
import { NOT_REPORTED } from './execution_format';

/** How many of the rule's alerts the tab lists; the Alerts page has the others. */
export const RULE_ALERTS_SHOWN = 20;

const columns = (navigation: AppNavigation): Array<EuiBasicTableColumn<AlertSummaryRow>> => [
  {
    field: 'timestamp',
    name: 'Raised',
    width: '14em',
    render: (timestamp: string | null, row: AlertSummaryRow) => (
      <AppLink navigation={navigation} path={alertPath(row.id)} data-test-subj="ctdRuleAlertLink">
        {formatTime(timestamp)}
      </AppLink>
    ),
  },
  {
    field: 'severity',
    name: 'Severity',
    width: '8em',
    render: (severity: string) => <SeverityBadge severity={severity} />,
  },
  { field: 'hostName', name: 'Host', render: (host: string | null) => host ?? NOT_REPORTED },
  {
    field: 'newTerms',
    name: 'New term',
    render: (terms: readonly string[]) => (terms.length > 0 ? terms.join(', ') : NOT_REPORTED),
  },
  {
    field: 'status',
    name: 'Status',
    width: '10em',
    render: (_status: AlertSummaryRow['status'], row: AlertSummaryRow) => (
      <StatusBadge status={row.status} reason={row.closingReason} />
    ),
  },
];

export interface RuleAlertsProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly ruleId: string;
  /** Changes when the rule ran or its alert counts changed: the list is read anew. */
  readonly reloadKey: string;
}

export const RuleAlerts = ({ api, navigation, ruleId, reloadKey }: RuleAlertsProps) => {
  const alerts = useApiCall(
    () =>
      api.searchAlerts({
        ruleIds: [ruleId],
        page: 0,
        perPage: RULE_ALERTS_SHOWN,
        sortField: '@timestamp',
        sortOrder: 'desc',
      }),
    [api, ruleId, reloadKey]
  );
  return (
    <ApiCallContent state={alerts} errorTitle="Could not load the rule's alerts">
      {(page) => (
        <>
          <EuiFlexGroup alignItems="center" gutterSize="m" responsive={false}>
            <EuiFlexItem grow={false}>
              <EuiText size="s" data-test-subj="ctdRuleAlertsCount">
                {page.total === 0
                  ? 'This rule has raised no alerts.'
                  : `The ${page.alerts.length} most recent of ${page.total} alert${page.total === 1 ? '' : 's'}, every status.`}
              </EuiText>
            </EuiFlexItem>
            <EuiFlexItem grow={false}>
              <AppLink
                navigation={navigation}
                path={alertsPath({ rule_id: formatRuleIdList([ruleId]) })}
                data-test-subj="ctdRuleAlertsOpenPage"
              >
                Triage them on the Alerts page
              </AppLink>
            </EuiFlexItem>
          </EuiFlexGroup>
          <EuiSpacer size="m" />
          <EuiBasicTable<AlertSummaryRow>
            tableCaption="The rule's most recent alerts"
            items={page.alerts.map(toAlertRow)}
            itemId="id"
            columns={columns(navigation)}
            loading={alerts.loading}
            noItemsMessage="No alerts"
            rowProps={() => ({ 'data-test-subj': 'ctdRuleAlertRow' })}
            data-test-subj="ctdRuleAlertsTable"
          />
        </>
      )}
    </ApiCallContent>
  );
};
