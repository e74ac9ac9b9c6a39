/**
 * A rule's count of alerts still to triage, linked to the alerts page filtered to the rule. The
 * count is of the alerts page's default view (open and acknowledged, last 30 days), so the number
 * is the number of alerts the link opens; the tooltip gives the total beside it.
 */
import type { ReactNode } from 'react';
import { EuiIconTip, EuiToolTip } from '@elastic/eui';
import { formatRuleIdList } from '../../../common/api/rule_id_list';
import type { RuleSummary } from '../api_client';
import { alertsPath, type AppNavigation } from '../navigation';
import { AppLink } from './app_link';

export const OPEN_ALERTS_EXPLANATION =
  'Open and acknowledged alerts raised in the last 30 days: the alerts this number opens. ' +
  'Closed alerts and older ones are not counted.';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Both counts in words, for the tooltip and screen readers. */
export const alertCountsText = (rule: Pick<RuleSummary, 'alert_count' | 'open_alert_count'>) =>
  `${plural(rule.open_alert_count, 'open or acknowledged alert')} in the last 30 days; ` +
  `${plural(rule.alert_count, 'alert')} in all, whatever their status or age`;

/** The column header or label, with the explanation one hover or focus away. */
export const OpenAlertsTitle = ({ label }: { readonly label: string }) => (
  <span>
    {label}{' '}
    <EuiIconTip
      type="question"
      content={OPEN_ALERTS_EXPLANATION}
      aria-label={`About ${label.toLowerCase()}`}
    />
  </span>
);

export interface OpenAlertsLinkProps {
  readonly rule: RuleSummary;
  readonly navigation: AppNavigation;
  readonly children: ReactNode;
  readonly 'data-test-subj': string;
}

export const OpenAlertsLink = ({ rule, navigation, children, ...rest }: OpenAlertsLinkProps) => (
  <EuiToolTip content={alertCountsText(rule)}>
    <AppLink
      navigation={navigation}
      path={alertsPath({ rule_id: formatRuleIdList([rule.rule_id]) })}
      aria-label={`${alertCountsText(rule)}, of ${rule.name}`}
      data-test-subj={rest['data-test-subj']}
    >
      {children}
    </AppLink>
  </EuiToolTip>
);
