/** The alert at a glance: rule, severity, status and times, with the triage buttons. */
import { EuiButton, EuiFlexGroup, EuiFlexItem, EuiSpacer, EuiText, EuiTitle } from '@elastic/eui';
import { AppLink } from '../../components/app_link';
import { rulePath, type AppNavigation } from '../../navigation';
import type { ClosingReason, WorkflowStatus } from '../../../../common/alerts/workflow_status';
import type { AlertSummaryRow } from '../alerts/shared/alert_fields';
import { formatTime, shortContainerId } from '../alerts/shared/format';
import { SeverityBadge } from '../alerts/shared/severity_badge';
import { StatusBadge } from '../alerts/shared/status_badge';
import { TriageButtons } from '../alerts/triage/triage_buttons';

export interface InvestigationHeaderProps {
  readonly alert: AlertSummaryRow;
  readonly navigation: AppNavigation;
  readonly busy: boolean;
  readonly onSetStatus: (status: WorkflowStatus, reason?: ClosingReason) => Promise<void>;
  /** Opens "Add rule exception"; absent where the host keeps no exceptions. */
  readonly onAddException?: () => void;
}

const Fact = ({
  label,
  value,
  testSubj,
}: {
  readonly label: string;
  readonly value: string;
  readonly testSubj?: string;
}) => (
  <EuiFlexItem grow={false} data-test-subj={testSubj}>
    <EuiText size="xs" color="subdued">
      {label}
    </EuiText>
    <EuiText size="s">{value}</EuiText>
  </EuiFlexItem>
);

export const InvestigationHeader = ({
  alert,
  navigation,
  busy,
  onSetStatus,
  onAddException,
}: InvestigationHeaderProps) => (
  <>
    <EuiFlexGroup alignItems="center" justifyContent="spaceBetween" gutterSize="m" wrap>
      <EuiFlexItem grow={false}>
        <EuiFlexGroup alignItems="center" gutterSize="m" wrap responsive={false}>
          <EuiFlexItem grow={false}>
            <EuiTitle size="m">
              <h2 data-test-subj="ctdAlertRuleName">{alert.ruleName}</h2>
            </EuiTitle>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <SeverityBadge severity={alert.severity} />
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <StatusBadge status={alert.status} reason={alert.closingReason} />
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <EuiFlexGroup gutterSize="s" responsive={false} wrap>
          {onAddException && alert.ruleId ? (
            <EuiFlexItem grow={false}>
              <EuiButton
                size="s"
                iconType="minusInCircle"
                onClick={onAddException}
                data-test-subj="ctdAddRuleException"
              >
                Add rule exception
              </EuiButton>
            </EuiFlexItem>
          ) : null}
          <EuiFlexItem grow={false}>
            <TriageButtons
              statuses={[alert.status]}
              busy={busy}
              onChange={onSetStatus}
              target="this alert"
            />
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiFlexItem>
    </EuiFlexGroup>
    <EuiSpacer size="s" />
    <EuiFlexGroup gutterSize="xl" wrap responsive={false}>
      <Fact label="Event time (@timestamp)" value={formatTime(alert.originalTime)} />
      <Fact label="Alert created" value={formatTime(alert.timestamp)} />
      <Fact label="Risk score" value={alert.riskScore === null ? '—' : String(alert.riskScore)} />
      <Fact label="Host" value={alert.hostName ?? '—'} />
      {alert.containerId ? (
        <Fact label="Container" value={shortContainerId(alert.containerId)} />
      ) : null}
      {alert.suppressedCount === null ? null : (
        // Kibana's alert flyout label: how many alerts suppression folded into this one.
        <Fact
          label="Suppressed alerts"
          value={String(alert.suppressedCount)}
          testSubj="ctdSuppressedAlerts"
        />
      )}
      {alert.ruleId ? (
        <EuiFlexItem grow={false}>
          <EuiText size="xs" color="subdued">
            Rule
          </EuiText>
          <EuiText size="s">
            <AppLink navigation={navigation} path={rulePath(alert.ruleId)}>
              View rule details
            </AppLink>
          </EuiText>
        </EuiFlexItem>
      ) : null}
    </EuiFlexGroup>
  </>
);
