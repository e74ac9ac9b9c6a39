/**
 * Other alerts on the alert's host, container and user: how many for each, and the newest few,
 * each linking to its own investigation. (The alerts page does not filter by these fields, so
 * there is no link to a filtered list.)
 */
import {
  EuiBadge,
  EuiBasicTable,
  EuiSpacer,
  EuiText,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { ApiClient, RelatedAlerts as Related } from '../../api_client';
import { DEFAULT_RELATED_ALERTS_SIZE } from '../../../../common/api/investigation_api';
import { AppLink } from '../../components/app_link';
import { ApiCallContent } from '../../components/page_state';
import { useApiCall } from '../../components/use_api_call';
import { alertPath, type AppNavigation } from '../../navigation';
import { toAlertRow, type AlertSummaryRow } from '../alerts/shared/alert_fields';
import { formatTime, humanize, shortContainerId } from '../alerts/shared/format';
import { InvestigationSection } from './investigation_section';

type Pivot = Related['pivots'][number];

const PIVOT_NAMES: Readonly<Record<Pivot['field'], string>> = {
  'host.name': 'host',
  'container.id': 'container',
  'user.name': 'user',
};

const valueText = (pivot: Pivot): string =>
  pivot.field === 'container.id' ? shortContainerId(pivot.value) : pivot.value;

const columnsFor = (navigation: AppNavigation): Array<EuiBasicTableColumn<AlertSummaryRow>> => [
  {
    field: 'ruleName',
    name: 'Rule',
    render: (name: string, row: AlertSummaryRow) => (
      <AppLink
        navigation={navigation}
        path={alertPath(row.id)}
        data-test-subj="ctdRelatedAlertLink"
      >
        {name}
      </AppLink>
    ),
  },
  {
    field: 'originalTime',
    name: 'Event time',
    width: '220px',
    render: (time: string | null) => formatTime(time),
  },
  { field: 'newTerms', name: 'New term', render: (terms: readonly string[]) => terms.join(', ') },
  {
    field: 'severity',
    name: 'Severity',
    width: '90px',
    render: (severity: string) => humanize(severity),
  },
  { field: 'status', name: 'Status', width: '110px', render: (status: string) => humanize(status) },
];

const PivotAlerts = ({
  pivot,
  navigation,
}: {
  readonly pivot: Pivot;
  readonly navigation: AppNavigation;
}) => {
  const more = pivot.total - pivot.alerts.length;
  return (
    <div data-test-subj={`ctdRelatedAlerts-${pivot.field}`}>
      <EuiText size="s">
        <h4>
          Same {PIVOT_NAMES[pivot.field]} <code>{valueText(pivot)}</code>{' '}
          <EuiBadge
            color={pivot.total > 0 ? 'primary' : 'hollow'}
            data-test-subj="ctdRelatedAlertsCount"
          >
            {pivot.total}
          </EuiBadge>
        </h4>
      </EuiText>
      {pivot.total === 0 ? (
        <EuiText size="s" color="subdued">
          <p>No other alert on this {PIVOT_NAMES[pivot.field]}.</p>
        </EuiText>
      ) : (
        <>
          <EuiBasicTable<AlertSummaryRow>
            tableCaption={`Other alerts with ${pivot.field} ${pivot.value}`}
            items={pivot.alerts.map(toAlertRow)}
            itemId="id"
            columns={columnsFor(navigation)}
            compressed
          />
          {more > 0 ? (
            <EuiText size="xs" color="subdued">
              <p>
                The newest {pivot.alerts.length} shown; {more} older{' '}
                {more === 1 ? 'alert' : 'alerts'} not listed.
              </p>
            </EuiText>
          ) : null}
        </>
      )}
      <EuiSpacer size="m" />
    </div>
  );
};

export const RelatedAlerts = ({
  api,
  alertId,
  navigation,
}: {
  readonly api: ApiClient;
  readonly alertId: string;
  readonly navigation: AppNavigation;
}) => {
  const related = useApiCall(
    () => api.getRelatedAlerts(alertId, DEFAULT_RELATED_ALERTS_SIZE),
    [api, alertId]
  );
  return (
    <InvestigationSection
      title="Other alerts on this host, container or user"
      data-test-subj="ctdRelatedAlerts"
    >
      <ApiCallContent
        state={related}
        errorTitle="Could not load the other alerts"
        loadingLabel="Loading the other alerts"
      >
        {(data) =>
          data.pivots.length === 0 ? (
            <EuiText size="s" color="subdued">
              <p>This alert has no host, container or user to look up.</p>
            </EuiText>
          ) : (
            data.pivots.map((pivot) => (
              <PivotAlerts key={pivot.field} pivot={pivot} navigation={navigation} />
            ))
          )
        }
      </ApiCallContent>
    </InvestigationSection>
  );
};
