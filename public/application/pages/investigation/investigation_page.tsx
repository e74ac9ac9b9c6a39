/**
 * One alert, for investigating it: why it fired, how widespread its new term is, the source event
 * and its process ancestry, what its container (or session, or host) did around it, the other
 * alerts on its host, container and user, and the rule's guide and MITRE mapping beside them.
 */
import { useState } from 'react';
import { EuiButtonEmpty, EuiFlexGroup, EuiFlexItem, EuiSpacer } from '@elastic/eui';
import type { ApiClient, Investigation } from '../../api_client';
import { ApiError } from '../../api_error';
import { appLinkProps } from '../../components/app_link';
import { ApiCallContent, NotFoundState } from '../../components/page_state';
import { useApiCall } from '../../components/use_api_call';
import { useToasts } from '../../components/toasts';
import { LazyAddExceptionFlyout } from '../../exceptions/lazy_exception_flyouts';
import { addedExceptionToast } from '../../exceptions/added_exception_toast';
import { alertsPath, type AppNavigation } from '../../navigation';
import type { ClosingReason, WorkflowStatus } from '../../../../common/alerts/workflow_status';
import { suppressionOf, textField, toAlertRow } from '../alerts/shared/alert_fields';
import { useTriage } from '../alerts/triage/use_triage';
import { useAnnotations, type Annotations } from '../alerts/annotations/use_annotations';
import { AlertAnnotationsSection } from './alert_annotations_section';
import { AlertNotes } from './alert_notes';
import { InvestigationGuide } from './investigation_guide';
import { InvestigationHeader } from './investigation_header';
import { ProcessAncestry } from './process_ancestry';
import { RelatedAlerts } from './related_alerts';
import { RelatedEvents } from './related_events';
import { SourceEventFields } from './source_event_fields';
import { alertsPathWithPill } from './filter_alerts_by';
import { CellFilterContext } from '../alerts/query/cell_actions';
import { TermPrevalence } from './term_prevalence';
import { WhyItFired } from './why_it_fired';

export interface InvestigationPageProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly alertId: string;
  /** The host's API keeps rule exceptions (the standalone server). */
  readonly ruleEditing?: boolean;
}

const BackToAlerts = ({ navigation }: { readonly navigation: AppNavigation }) => (
  <EuiButtonEmpty
    iconType="arrowLeft"
    flush="left"
    size="s"
    {...appLinkProps(navigation, alertsPath(navigation.query))}
    data-test-subj="investigationBackToAlerts"
  >
    Alerts
  </EuiButtonEmpty>
);

interface InvestigationViewProps {
  readonly api: ApiClient;
  readonly alertId: string;
  readonly investigation: Investigation;
  readonly navigation: AppNavigation;
  readonly busy: boolean;
  readonly onSetStatus: (status: WorkflowStatus, reason?: ClosingReason) => Promise<void>;
  readonly onAddException?: () => void;
  readonly annotations: Annotations;
}

const InvestigationView = ({
  api,
  alertId,
  investigation,
  navigation,
  busy,
  onSetStatus,
  onAddException,
  annotations,
}: InvestigationViewProps) => {
  const alert = toAlertRow(investigation.alert);
  return (
    <>
      <InvestigationHeader
        alert={alert}
        navigation={navigation}
        busy={busy}
        onSetStatus={onSetStatus}
        {...(onAddException ? { onAddException } : {})}
      />
      <EuiSpacer size="l" />
      <EuiFlexGroup gutterSize="l" alignItems="flexStart" wrap>
        <EuiFlexItem grow={3} style={{ minWidth: 420 }}>
          <WhyItFired
            why={investigation.why}
            suppression={suppressionOf(investigation.alert)}
            {...(investigation.rule?.timestamp_override === undefined
              ? {}
              : { timestampField: investigation.rule.timestamp_override })}
            timestampFallback={investigation.rule?.timestamp_override_fallback_disabled !== true}
          />
          <EuiSpacer size="m" />
          <TermPrevalence api={api} alertId={alertId} />
          <EuiSpacer size="m" />
          <ProcessAncestry ancestry={investigation.ancestry} />
          <EuiSpacer size="m" />
          <RelatedEvents
            api={api}
            alertId={alertId}
            related={investigation.related_events}
            sourceId={investigation.source_event?.id}
          />
          <EuiSpacer size="m" />
          <RelatedAlerts api={api} alertId={alertId} navigation={navigation} />
          <EuiSpacer size="m" />
          <CellFilterContext.Provider
            value={(pill) => navigation.navigate(alertsPathWithPill(navigation.query, pill))}
          >
            <SourceEventFields
              sourceEvent={investigation.source_event}
              alert={investigation.alert}
            />
          </CellFilterContext.Provider>
        </EuiFlexItem>
        <EuiFlexItem grow={2} style={{ minWidth: 320 }}>
          <AlertAnnotationsSection alert={alert} annotations={annotations} />
          <EuiSpacer size="m" />
          <AlertNotes api={api} alertId={alertId} />
          <EuiSpacer size="m" />
          <aside aria-label="Rule guidance">
            <InvestigationGuide
              rule={investigation.rule}
              description={textField(investigation.alert, 'kibana.alert.rule.description')}
            />
          </aside>
        </EuiFlexItem>
      </EuiFlexGroup>
    </>
  );
};

export const InvestigationPage = ({
  api,
  navigation,
  alertId,
  ruleEditing = false,
}: InvestigationPageProps) => {
  const investigation = useApiCall(() => api.getInvestigation(alertId), [api, alertId]);
  const triage = useTriage(api, investigation.reload);
  const annotations = useAnnotations(api, investigation.reload);
  const toasts = useToasts();
  const [addingException, setAddingException] = useState(false);
  const setStatus = (status: WorkflowStatus, reason?: ClosingReason) =>
    triage.setStatus([alertId], status, reason);

  if (
    investigation.data === undefined &&
    investigation.error instanceof ApiError &&
    investigation.error.status === 404
  ) {
    return (
      <NotFoundState
        title="Alert not found"
        body={<p>There is no alert with the id {alertId}. It may have been deleted.</p>}
        actions={<BackToAlerts navigation={navigation} />}
      />
    );
  }
  return (
    <>
      <BackToAlerts navigation={navigation} />
      <EuiSpacer size="s" />
      <ApiCallContent
        state={investigation}
        errorTitle="Could not load the alert"
        loadingLabel="Loading the alert"
      >
        {(data) => (
          <InvestigationView
            api={api}
            alertId={alertId}
            investigation={data}
            navigation={navigation}
            busy={triage.busy}
            onSetStatus={setStatus}
            annotations={annotations}
            {...(ruleEditing ? { onAddException: () => setAddingException(true) } : {})}
          />
        )}
      </ApiCallContent>
      {addingException ? (
        <LazyAddExceptionFlyout
          api={api}
          alertId={alertId}
          onClose={() => setAddingException(false)}
          onAdded={(result) => {
            setAddingException(false);
            toasts.success(...addedExceptionToast(result));
            investigation.reload();
          }}
        />
      ) : null}
    </>
  );
};
