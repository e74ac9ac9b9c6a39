/** The installed copy of a catalog rule: state, last run, alerts, and the install/enable/run controls. */
import { EuiDescriptionList, EuiFlexGroup, EuiFlexItem, EuiPanel } from '@elastic/eui';
import { formatRuleIdList } from '../../../../common/api/rule_id_list';
import type { RuleSummary } from '../../api_client';
import { AppLink } from '../../components/app_link';
import { alertsPath, type AppNavigation } from '../../navigation';
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
              title: 'Alerts',
              description: (
                <AppLink
                  navigation={navigation}
                  path={alertsPath({ rule_id: formatRuleIdList([rule.rule_id]) })}
                  data-test-subj="ctdRuleDetailsAlerts"
                >
                  {`${rule.alert_count} alert${rule.alert_count === 1 ? '' : 's'}`}
                </AppLink>
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
