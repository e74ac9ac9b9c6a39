/** The installed copy of a catalog rule: state, last run, alerts, and the install/enable/run controls. */
import { EuiDescriptionList, EuiFlexGroup, EuiFlexItem, EuiPanel } from '@elastic/eui';
import type { RuleSummary } from '../../api_client';
import { OpenAlertsLink, OpenAlertsTitle } from '../../components/open_alerts_link';
import type { AppNavigation } from '../../navigation';
import { LastRun } from '../rules/last_run';
import { InstallRuleButton, RuleEnabledSwitch, RunRuleButton } from '../rules/rule_controls';
import type { RuleActions } from '../rules/use_rule_actions';

export interface RuleStatePanelProps {
  readonly rule: RuleSummary;
  readonly actions: RuleActions;
  readonly navigation: AppNavigation;
}

export const RuleStatePanel = ({ rule, actions, navigation }: RuleStatePanelProps) => (
  <EuiPanel hasBorder paddingSize="m" data-test-subj="ctdRuleState">
    <EuiFlexGroup alignItems="center" wrap gutterSize="l">
      <EuiFlexItem grow={false}>
        <EuiDescriptionList
          type="inline"
          compressed
          listItems={[
            { title: 'Status', description: rule.installed ? 'Installed' : 'Not installed' },
            {
              title: <OpenAlertsTitle label="Open alerts" />,
              description: (
                <span>
                  <OpenAlertsLink
                    rule={rule}
                    navigation={navigation}
                    data-test-subj="ctdRuleDetailsAlerts"
                  >
                    {`${rule.open_alert_count} open`}
                  </OpenAlertsLink>
                  <span data-test-subj="ctdRuleDetailsAlertTotal">{` · ${rule.alert_count} in all`}</span>
                </span>
              ),
            },
          ]}
        />
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <LastRun run={rule.last_run} />
      </EuiFlexItem>
      <EuiFlexItem />
      {rule.installed ? (
        <EuiFlexItem grow={false}>
          <RuleEnabledSwitch rule={rule} actions={actions} showLabel />
        </EuiFlexItem>
      ) : (
        <EuiFlexItem grow={false}>
          <InstallRuleButton rule={rule} actions={actions} fill />
        </EuiFlexItem>
      )}
      <EuiFlexItem grow={false}>
        <RunRuleButton rule={rule} actions={actions} />
      </EuiFlexItem>
    </EuiFlexGroup>
  </EuiPanel>
);
