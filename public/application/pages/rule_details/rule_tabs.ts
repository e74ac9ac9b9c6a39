/**
 * The rule details page's tabs, kept in the address (`?tab=executions`) so a tab can be linked
 * and survives a reload. Overview, the default, has no query.
 */
import { rulePath } from '../../navigation';

export const RULE_TABS = ['overview', 'alerts', 'executions'] as const;
export type RuleTab = (typeof RULE_TABS)[number];

export const RULE_TAB_LABELS: Readonly<Record<RuleTab, string>> = {
  overview: 'Overview',
  alerts: 'Alerts',
  executions: 'Execution results',
};

const isRuleTab = (value: string | undefined): value is RuleTab =>
  (RULE_TABS as readonly string[]).includes(value ?? '');

/** The tab a location's query names; Overview for none or an unknown one. */
export const ruleTabOf = (query: Readonly<Record<string, string>>): RuleTab => {
  const { tab } = query;
  return isRuleTab(tab) ? tab : 'overview';
};

export const ruleTabPath = (ruleId: string, tab: RuleTab): string =>
  tab === 'overview' ? rulePath(ruleId) : `${rulePath(ruleId)}?${new URLSearchParams({ tab })}`;
