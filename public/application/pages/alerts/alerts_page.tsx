/**
 * The alerts page: filters and time range (kept in the URL), a histogram of alerts over time, and
 * a server-paged, sortable table with single and bulk triage, or the alerts grouped by a field.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { EuiCallOut, EuiHorizontalRule, EuiPanel, EuiSpacer } from '@elastic/eui';
import type { ApiClient } from '../../api_client';
import { ErrorState } from '../../components/page_state';
import { useApiCall } from '../../components/use_api_call';
import { alertsPath, type AppNavigation } from '../../navigation';
import type { ClosingReason, WorkflowStatus } from '../../../../common/alerts/workflow_status';
import { AlertsFilters, type FilterChange, type RuleOption } from './alerts_filters';
import { AlertsHistogram } from './alerts_histogram';
import { AlertsTable } from './alerts_table';
import { useToasts } from '../../components/toasts';
import { addedExceptionToast } from '../../exceptions/added_exception_toast';
import { LazyAddExceptionFlyout } from '../../exceptions/lazy_exception_flyouts';
import { AlertsToolbar } from './alerts_toolbar';
import { GroupedAlerts } from './grouping/grouped_alerts';
import { GroupSelector } from './grouping/group_selector';
import { useVisibleColumns } from './columns/column_preference';
import {
  DEFAULT_VIEW,
  filtersOf,
  resolveRange,
  searchOf,
  urlProblems,
  viewFromQuery,
  viewKey,
  viewToQuery,
  zoomedTo,
  type AlertsViewState,
} from './alerts_view_state';
import { histogramInterval } from './histogram_interval';
import { toAlertRow, type AlertSummaryRow } from './shared/alert_fields';
import { useRowSelection } from './triage/use_row_selection';
import { useTriage } from './triage/use_triage';
import { AlertsQueryBar } from './query/alerts_query_bar';
import { AlertPillsBar } from './query/alert_pills_bar';
import { withPill, type AlertPill } from './query/alert_pills';
import { CellFilterContext } from './query/cell_actions';
import { useAnnotations } from './annotations/use_annotations';

export interface AlertsPageProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  /** The host's API keeps rule exceptions (the standalone server). */
  readonly ruleEditing?: boolean;
}

/** The view, initialised from the URL, written back to it on change, and following it on back/forward. */
const NO_RULES: readonly RuleOption[] = [];

const useUrlView = (
  navigation: AppNavigation
): [AlertsViewState, (next: AlertsViewState) => void] => {
  const [view, setView] = useState<AlertsViewState>(() => viewFromQuery(navigation.query));
  const urlKey = viewKey(viewFromQuery(navigation.query));
  const [followedUrlKey, setFollowedUrlKey] = useState(urlKey);
  if (followedUrlKey !== urlKey) {
    // Only a change of the URL itself (e.g. back/forward) should override the view.
    setFollowedUrlKey(urlKey);
    setView((current) => (viewKey(current) === urlKey ? current : viewFromQuery(navigation.query)));
  }
  const update = useCallback(
    (next: AlertsViewState) => {
      setView(next);
      navigation.navigate(alertsPath(viewToQuery(next)));
    },
    [navigation]
  );
  return [view, update];
};

export const AlertsPage = ({ api, navigation, ruleEditing = false }: AlertsPageProps) => {
  const [view, setView] = useUrlView(navigation);
  const toasts = useToasts();
  const [exceptionFor, setExceptionFor] = useState<AlertSummaryRow | undefined>();
  const [refreshedAt, setRefreshedAt] = useState(() => Date.now());
  const [optionalColumns, setOptionalColumns] = useVisibleColumns();

  const { from, to } = view;
  const range = useMemo(
    () => resolveRange({ from, to }, new Date(refreshedAt)),
    [from, to, refreshedAt]
  );
  const interval = useMemo(() => histogramInterval(range.to - range.from), [range]);
  // The table and the groups do not change with the histogram's stack.
  const { stackBy, ...unstacked } = view;
  const key = viewKey(unstacked);
  // The histogram does not change with the table's page or sort.
  const filtersKey = viewKey({
    ...unstacked,
    page: 0,
    sortField: DEFAULT_VIEW.sortField,
    sortOrder: DEFAULT_VIEW.sortOrder,
    perPage: DEFAULT_VIEW.perPage,
  });

  const problems = urlProblems(navigation.query, new Date(refreshedAt));
  const searchable = problems.invalidRange === undefined;
  const alerts = useApiCall(
    () =>
      searchable
        ? api.searchAlerts(searchOf(view, range))
        : Promise.resolve({ total: 0, page: 0, per_page: view.perPage, alerts: [] }),
    [api, key, range, searchable]
  );
  // The rule filter offers every rule the API lists, custom ones included; loaded once.
  const rules = useApiCall(() => api.listRules(), [api]);
  const queryFields = useApiCall(() => api.alertFields(), [api]);
  const histogram = useApiCall(
    () =>
      searchable
        ? api.alertHistogram(filtersOf(view, range), interval.expression, stackBy)
        : Promise.resolve({ interval_ms: interval.ms, buckets: [] }),
    [api, filtersKey, range, interval, searchable, stackBy]
  );
  const rows = useMemo(() => (alerts.data?.alerts ?? []).map(toAlertRow), [alerts.data]);
  // The export reads the same filter, range and sort as the table, from its first page to the last.
  const exportSearch = useMemo(
    () => ({ ...filtersOf(view, range), sortField: view.sortField, sortOrder: view.sortOrder }),
    [view, range]
  );
  const [selected, setSelected] = useRowSelection(alerts.data);
  // A page past the end (the last alerts of it were just closed, or a stale link): show the last one.
  const lastPage = alerts.data
    ? Math.max(0, Math.ceil(alerts.data.total / alerts.data.per_page) - 1)
    : 0;
  const pastTheEnd =
    alerts.data !== undefined && alerts.data.alerts.length === 0 && alerts.data.page > lastPage;
  useEffect(() => {
    if (pastTheEnd && view.page > lastPage) setView({ ...view, page: lastPage });
  }, [pastTheEnd, lastPage, view, setView]);

  const { reload: reloadAlerts } = alerts;
  const { reload: reloadHistogram } = histogram;
  const reloadAll = useCallback(() => {
    reloadAlerts();
    reloadHistogram();
  }, [reloadAlerts, reloadHistogram]);
  const triage = useTriage(api, reloadAll);
  const annotations = useAnnotations(api, reloadAlerts);

  const changeFilters = (change: FilterChange) => setView({ ...view, ...change, page: 0 });
  const setSelectedStatus = (status: WorkflowStatus, reason?: ClosingReason) =>
    triage.setStatus(
      selected.map((row) => row.id),
      status,
      reason
    );

  const total = alerts.data?.total;
  // From the answer, not the view: while the next page loads, the count still describes the rows shown.
  const firstShown = alerts.data ? alerts.data.page * alerts.data.per_page + 1 : 1;
  const addPill = (pill: AlertPill) =>
    setView({ ...view, pills: withPill(view.pills, pill), page: 0 });
  return (
    <CellFilterContext.Provider value={addPill}>
      <AlertsQueryBar
        query={view.query}
        onSubmit={(query) => setView({ ...view, query, page: 0 })}
        {...(queryFields.data === undefined ? {} : { fields: queryFields.data })}
      />
      <AlertPillsBar
        pills={view.pills}
        onChange={(pills) => setView({ ...view, pills, page: 0 })}
      />
      <EuiSpacer size="s" />
      <AlertsFilters
        view={view}
        rules={rules.data ?? NO_RULES}
        isLoading={alerts.loading || histogram.loading}
        onChange={changeFilters}
        onRefresh={() => setRefreshedAt(Date.now())}
      />
      <EuiSpacer size="m" />
      {problems.ignored.length > 0 ? (
        <>
          <EuiCallOut
            color="warning"
            iconType="warning"
            size="s"
            title="Some values in the address were not understood and are not applied"
            data-test-subj="alertsUrlIgnored"
          >
            <ul>
              {problems.ignored.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </EuiCallOut>
          <EuiSpacer size="m" />
        </>
      ) : null}
      {problems.invalidRange === undefined ? null : (
        <EuiCallOut
          color="danger"
          iconType="error"
          title="Invalid time range: no alerts were searched"
          data-test-subj="alertsInvalidRange"
        >
          <p>{problems.invalidRange}</p>
        </EuiCallOut>
      )}
      {searchable ? (
        <>
          <EuiPanel hasBorder paddingSize="m">
            <AlertsHistogram
              buckets={histogram.data?.buckets}
              loading={histogram.loading}
              error={histogram.error}
              range={range}
              interval={interval}
              onRetry={histogram.reload}
              stackBy={stackBy}
              onStackByChange={(next) =>
                setView(next === undefined ? unstacked : { ...unstacked, stackBy: next })
              }
              onBrush={(brushed) => setView(zoomedTo(view, brushed))}
            />
          </EuiPanel>
          <EuiSpacer size="m" />
          {alerts.error ? (
            <ErrorState
              title="Could not load alerts"
              error={alerts.error}
              onRetry={alerts.reload}
            />
          ) : null}
          <EuiSpacer size="s" />
          <GroupSelector
            groupBy={view.groupBy}
            onChange={(groupBy) => {
              const { groupBy: _previous, ...rest } = view;
              setView(groupBy === undefined ? rest : { ...rest, groupBy, page: 0 });
            }}
          />
          <EuiSpacer size="s" />
          {view.groupBy !== undefined ? (
            <GroupedAlerts
              api={api}
              navigation={navigation}
              groupBy={view.groupBy}
              filters={filtersOf(view, range)}
              filtersKey={`${filtersKey}|${range.from}|${range.to}`}
              optionalColumns={optionalColumns}
              busy={triage.busy}
              onSetStatus={triage.setStatus}
            />
          ) : (
            <>
              <AlertsToolbar
                api={api}
                search={exportSearch}
                total={total}
                firstShown={firstShown}
                lastShown={firstShown + rows.length - 1}
                selected={selected}
                busy={triage.busy}
                onSetStatus={setSelectedStatus}
                optionalColumns={optionalColumns}
                onOptionalColumnsChange={setOptionalColumns}
                annotations={{ known: rows, state: annotations }}
              />
              <EuiHorizontalRule margin="s" />
              <AlertsTable
                rows={rows}
                total={total ?? 0}
                loading={alerts.loading}
                failed={alerts.error !== undefined}
                view={view}
                optionalColumns={optionalColumns}
                navigation={navigation}
                selected={selected}
                busy={triage.busy}
                onSelectionChange={setSelected}
                onTableChange={(change) => setView({ ...view, ...change })}
                onSetStatus={triage.setStatus}
                {...(ruleEditing ? { onAddException: setExceptionFor } : {})}
              />
            </>
          )}
        </>
      ) : null}
      {exceptionFor ? (
        <LazyAddExceptionFlyout
          api={api}
          alertId={exceptionFor.id}
          onClose={() => setExceptionFor(undefined)}
          onAdded={(result) => {
            setExceptionFor(undefined);
            toasts.success(...addedExceptionToast(result));
            reloadAll();
          }}
        />
      ) : null}
    </CellFilterContext.Provider>
  );
};
