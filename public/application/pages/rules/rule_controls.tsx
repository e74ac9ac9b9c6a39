/**
 * The controls of one catalog rule: the enable switch (only for installed rules), Install and Run
 * now. Used in the rules table cells and the rule details header.
 */
import { EuiButton, EuiButtonEmpty, EuiSwitch } from '@elastic/eui';
import type { RuleSummary } from '../../api_client';
import type { RuleActions } from './use_rule_actions';

export interface RuleControlProps {
  readonly rule: RuleSummary;
  readonly actions: RuleActions;
}

export const RuleEnabledSwitch = ({
  rule,
  actions,
  showLabel = false,
}: RuleControlProps & { readonly showLabel?: boolean }) => (
  <EuiSwitch
    label={showLabel ? (rule.enabled ? 'Enabled' : 'Disabled') : `Enable ${rule.name}`}
    showLabel={showLabel}
    checked={rule.enabled}
    disabled={!rule.installed || actions.pending.has(rule.rule_id)}
    onChange={(event) => void actions.setEnabled(rule, event.target.checked)}
    data-test-subj={`ctdRuleEnabledSwitch-${rule.rule_id}`}
  />
);

export const InstallRuleButton = ({
  rule,
  actions,
  fill = false,
}: RuleControlProps & { readonly fill?: boolean }) => (
  <EuiButton
    size="s"
    iconType="download"
    fill={fill}
    isDisabled={rule.installed}
    isLoading={actions.pending.has(rule.rule_id)}
    onClick={() => void actions.install(rule)}
    aria-label={`Install ${rule.name}`}
    data-test-subj={`ctdInstallRule-${rule.rule_id}`}
  >
    {rule.installed ? 'Installed' : 'Install'}
  </EuiButton>
);

export const RunRuleButton = ({ rule, actions }: RuleControlProps) => (
  <EuiButtonEmpty
    size="s"
    iconType="play"
    isDisabled={!rule.installed || !rule.enabled}
    isLoading={actions.pending.has(rule.rule_id)}
    onClick={() => void actions.runNow(rule)}
    aria-label={`Run ${rule.name} now`}
    data-test-subj={`ctdRunRule-${rule.rule_id}`}
  >
    Run now
  </EuiButtonEmpty>
);
