/** The prebuilt rule catalog as a table: what each rule detects, its state, last run and alerts. */
import {
  EuiBadge,
  EuiBadgeGroup,
  EuiFlexGroup,
  EuiFlexItem,
  EuiInMemoryTable,
  EuiText,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { RuleSummary } from '../../api_client';
import { WIDE_LAYOUT_BREAKPOINT } from '../../components/layout';
import { AppLink } from '../../components/app_link';
import { OPEN_ALERTS_EXPLANATION, OpenAlertsLink } from '../../components/open_alerts_link';
import { SeverityHealth } from '../../components/severity_health';
import { rulePath, type AppNavigation } from '../../navigation';
import { LastRun } from './last_run';
import { InstallRuleButton, RuleEnabledSwitch, RunRuleButton } from './rule_controls';
import type { RuleActions } from './use_rule_actions';

const SEVERITY_RANK: Readonly<Record<string, number>> = { low: 1, medium: 2, high: 3, critical: 4 };
const INITIAL_SORT = { sort: { field: 'name' as const, direction: 'asc' as const } };

export interface RulesTableProps {
  readonly rules: readonly RuleSummary[];
  readonly navigation: AppNavigation;
  readonly actions: RuleActions;
  readonly loading: boolean;
}

const columns = (
  navigation: AppNavigation,
  actions: RuleActions
): Array<EuiBasicTableColumn<RuleSummary>> => [
  {
    field: 'name',
    name: 'Rule',
    sortable: true,
    truncateText: false,
    render: (name: string, rule: RuleSummary) => (
      <>
        <AppLink
          navigation={navigation}
          path={rulePath(rule.rule_id)}
          data-test-subj={`ctdRuleLink-${rule.rule_id}`}
        >
          {name}
        </AppLink>
        {rule.source === 'user' ? (
          <>
            {' '}
            <EuiBadge color="hollow" data-test-subj={`ctdUserRule-${rule.rule_id}`}>
              Custom
            </EuiBadge>
          </>
        ) : null}
      </>
    ),
  },
  {
    field: 'severity',
    name: 'Severity',
    sortable: (rule: RuleSummary) => SEVERITY_RANK[rule.severity] ?? 0,
    render: (severity: string) => <SeverityHealth severity={severity} />,
  },
  { field: 'risk_score', name: 'Risk score', sortable: true, dataType: 'number', width: '110px' },
  {
    field: 'tactics',
    name: 'MITRE ATT&CK tactics',
    render: (tactics: readonly string[]) =>
      tactics.length === 0 ? (
        '—'
      ) : (
        <EuiBadgeGroup gutterSize="xs">
          {tactics.map((tactic) => (
            <EuiBadge key={tactic} color="hollow">
              {tactic}
            </EuiBadge>
          ))}
        </EuiBadgeGroup>
      ),
  },
  { field: 'interval', name: 'Runs every', width: '90px' },
  {
    field: 'enabled',
    name: 'Enabled',
    width: '110px',
    render: (_enabled: boolean, rule: RuleSummary) =>
      rule.installed ? (
        <RuleEnabledSwitch rule={rule} actions={actions} />
      ) : (
        <EuiText size="s" color="subdued" data-test-subj={`ctdNotInstalled-${rule.rule_id}`}>
          Not installed
        </EuiText>
      ),
  },
  {
    field: 'last_run',
    name: 'Last run',
    width: '200px',
    render: (_run: RuleSummary['last_run'], rule: RuleSummary) => <LastRun run={rule.last_run} />,
  },
  {
    field: 'open_alert_count',
    name: 'Open alerts',
    nameTooltip: { content: OPEN_ALERTS_EXPLANATION },
    sortable: true,
    dataType: 'number',
    width: '110px',
    render: (count: number, rule: RuleSummary) => (
      <OpenAlertsLink
        rule={rule}
        navigation={navigation}
        data-test-subj={`ctdRuleAlerts-${rule.rule_id}`}
      >
        {count}
      </OpenAlertsLink>
    ),
  },
  {
    name: 'Actions',
    width: '220px',
    render: (rule: RuleSummary) => (
      <EuiFlexGroup gutterSize="s" responsive={false} wrap>
        {rule.installed ? null : (
          <EuiFlexItem grow={false}>
            <InstallRuleButton rule={rule} actions={actions} />
          </EuiFlexItem>
        )}
        <EuiFlexItem grow={false}>
          <RunRuleButton rule={rule} actions={actions} />
        </EuiFlexItem>
      </EuiFlexGroup>
    ),
  },
];

export const RulesTable = ({ rules, navigation, actions, loading }: RulesTableProps) => (
  <EuiInMemoryTable<RuleSummary>
    responsiveBreakpoint={WIDE_LAYOUT_BREAKPOINT}
    tableCaption="Prebuilt detection rules"
    items={[...rules]}
    itemId="rule_id"
    columns={columns(navigation, actions)}
    loading={loading}
    sorting={INITIAL_SORT}
    rowProps={(rule) => ({ 'data-test-subj': `ctdRuleRow-${rule.rule_id}` })}
    data-test-subj="ctdRulesTable"
  />
);
