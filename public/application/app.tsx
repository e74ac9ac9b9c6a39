/**
 * The app shell: a page template with the Rules and Alerts tabs (and Upload events when the host
 * takes uploads), and the page for the history's current location. Routing is ours (no router
 * package): `resolveRoute` over `ROUTES`, re-rendered on every history change.
 *
 * The Rules page (the landing page) is part of the shell; the other pages are loaded on first
 * visit, so the charts, time zone data, markdown and syntax highlighting they need are separate
 * chunks the rules list does not wait for.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
// The shim: React 17 (Kibana 8.19) has no useSyncExternalStore; on React 18 it uses the native hook.
import { useSyncExternalStore } from 'use-sync-external-store/shim';
import { EuiButton, EuiPageTemplate } from '@elastic/eui';
import type { ApiClient } from './api_client';
import { appLinkProps } from './components/app_link';
import { LoadingState, NotFoundState } from './components/page_state';
import { PageErrorBoundary } from './components/page_error_boundary';
import { pageTitle, type DocumentTitle } from './document_title';
import { ToastsProvider } from './components/toasts';
import type { EventUploader } from './event_uploader';
import { EventLoadingProvider } from './components/event_loading';
import { alertsPath, rulesPath, uploadPath, type AppNavigation } from './navigation';
import { RulesPage } from './pages/rules/rules_page';
import { createNavigation, resolveRoute, type AppHistory, type AppRoute } from './routing';

/**
 * The lazily loaded pages. React keeps a lazy component's failed import for good, so each retry
 * after a failure makes new ones: the next render imports the chunk again.
 */
const lazyPages = () => ({
  RuleDetailsPage: lazy(() =>
    import('./pages/rule_details/rule_details_page').then((module) => ({
      default: module.RuleDetailsPage,
    }))
  ),
  AlertsPage: lazy(() =>
    import('./pages/alerts/alerts_page').then((module) => ({ default: module.AlertsPage }))
  ),
  InvestigationPage: lazy(() =>
    import('./pages/investigation/investigation_page').then((module) => ({
      default: module.InvestigationPage,
    }))
  ),
  UploadPage: lazy(() =>
    import('./pages/upload/upload_page').then((module) => ({ default: module.UploadPage }))
  ),
  UploadUnavailablePage: lazy(() =>
    import('./pages/upload/upload_unavailable_page').then((module) => ({
      default: module.UploadUnavailablePage,
    }))
  ),
});

type LazyPages = ReturnType<typeof lazyPages>;

export const APP_TITLE = 'Container Threat Detection';

export interface AppProps {
  readonly history: AppHistory;
  readonly api: ApiClient;
  /** The host's API writes rules (the standalone server; inside Kibana, Security → Rules does). */
  readonly ruleEditing?: boolean;
  /** Where the browser tab's title goes (Kibana's chrome, or the document standalone). */
  readonly documentTitle?: DocumentTitle;
  /** Sends NDJSON events to the host: the standalone server. Kibana takes none (Fleet brings them). */
  readonly eventUploader?: EventUploader;
}

/** The current location as one string, so React re-renders exactly when it changes. */
const useLocationKey = (history: AppHistory): string =>
  useSyncExternalStore(
    (onChange) => history.listen(onChange),
    () => `${history.location.pathname}${history.location.search}`
  );

const PageContent = ({
  pages: { RuleDetailsPage, AlertsPage, InvestigationPage, UploadPage, UploadUnavailablePage },
  route,
  api,
  navigation,
  ruleEditing,
  eventUploader,
}: {
  readonly pages: LazyPages;
  readonly route: AppRoute;
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly ruleEditing: boolean;
  readonly eventUploader: EventUploader | undefined;
}) => {
  switch (route.page) {
    case 'rules':
      return <RulesPage api={api} navigation={navigation} ruleEditing={ruleEditing} />;
    case 'ruleDetails':
      return (
        <RuleDetailsPage
          api={api}
          navigation={navigation}
          ruleId={route.ruleId}
          ruleEditing={ruleEditing}
        />
      );
    case 'alerts':
      return <AlertsPage api={api} navigation={navigation} ruleEditing={ruleEditing} />;
    case 'investigation':
      return (
        <InvestigationPage
          api={api}
          navigation={navigation}
          alertId={route.alertId}
          ruleEditing={ruleEditing}
        />
      );
    case 'upload':
      return eventUploader ? (
        <UploadPage api={api} navigation={navigation} uploader={eventUploader} />
      ) : (
        <UploadUnavailablePage />
      );
    case 'notFound':
      return (
        <NotFoundState
          title="Page not found"
          body={
            <p>
              There is no page at {route.pathname} in {APP_TITLE}.
            </p>
          }
          actions={
            <EuiButton
              {...appLinkProps(navigation, rulesPath())}
              data-test-subj="ctdNotFoundToRules"
            >
              Go to the rules
            </EuiButton>
          }
        />
      );
  }
};

export const App = ({
  history,
  api,
  ruleEditing = false,
  documentTitle,
  eventUploader,
}: AppProps) => {
  useLocationKey(history);
  const { pathname, search } = history.location;
  const navigation = useMemo(() => createNavigation(history, search), [history, search]);
  const route = resolveRoute(pathname);
  const title = pageTitle(route);
  useEffect(() => documentTitle?.change([title, APP_TITLE]), [documentTitle, title]);
  const [{ attempt, pages }, setLoad] = useState(() => ({ attempt: 0, pages: lazyPages() }));
  const retry = useCallback(
    () => setLoad((current) => ({ attempt: current.attempt + 1, pages: lazyPages() })),
    []
  );
  const inRules = route.page === 'rules' || route.page === 'ruleDetails';
  const inAlerts = route.page === 'alerts' || route.page === 'investigation';

  return (
    <ToastsProvider>
      <EventLoadingProvider uploadAvailable={eventUploader !== undefined}>
        <EuiPageTemplate restrictWidth={false} panelled={false} data-test-subj="ctdApp">
          <EuiPageTemplate.Header
            pageTitle={APP_TITLE}
            iconType="securityApp"
            description="New-terms detection for container workloads: prebuilt rules, alerts and investigation."
            tabs={[
              {
                label: 'Rules',
                isSelected: inRules,
                ...appLinkProps(navigation, rulesPath()),
                'data-test-subj': 'ctdTabRules',
              },
              {
                label: 'Alerts',
                isSelected: inAlerts,
                ...appLinkProps(navigation, alertsPath()),
                'data-test-subj': 'ctdTabAlerts',
              },
              // Only a host that takes uploads gets the tab: Kibana's events come through Fleet.
              ...(eventUploader
                ? [
                    {
                      label: 'Upload events',
                      isSelected: route.page === 'upload',
                      ...appLinkProps(navigation, uploadPath()),
                      'data-test-subj': 'ctdTabUpload',
                    },
                  ]
                : []),
            ]}
          />
          <EuiPageTemplate.Section>
            <PageErrorBoundary resetKey={`${pathname}#${attempt}`} onRetry={retry}>
              <Suspense fallback={<LoadingState label="Loading page" />}>
                {/* Keyed by path: a new page (or rule, or alert) mounts fresh state. */}
                <PageContent
                  key={pathname}
                  pages={pages}
                  route={route}
                  api={api}
                  navigation={navigation}
                  ruleEditing={ruleEditing}
                  eventUploader={eventUploader}
                />
              </Suspense>
            </PageErrorBoundary>
          </EuiPageTemplate.Section>
        </EuiPageTemplate>
      </EventLoadingProvider>
    </ToastsProvider>
  );
};
