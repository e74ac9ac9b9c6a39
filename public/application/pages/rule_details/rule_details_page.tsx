/**
 * One rule, prebuilt or user: its definition and the state of its installed copy, both from the
 * API, with the same install / enable / run controls as the list; where the host writes rules
 * (standalone), edit and delete, and the installed rule's exceptions. Tabs (in the address):
 * Overview, the rule's Alerts and its Execution results.
 */
import { useState } from 'react';
import {
  EuiButtonEmpty,
  EuiFlexGroup,
  EuiFlexItem,
  EuiSpacer,
  EuiTab,
  EuiTabs,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import type { NewTermsRuleDefinition } from '../../../../common/rules/rule_schema';
import type { ApiClient } from '../../api_client';
import { ApiError } from '../../api_error';
import { appLinkProps } from '../../components/app_link';
import { ApiCallContent, EmptyState, NotFoundState } from '../../components/page_state';
import { SeverityHealth } from '../../components/severity_health';
import { useApiCall } from '../../components/use_api_call';
import { rulesPath, type AppNavigation } from '../../navigation';
import { useRuleActions, withRule } from '../rules/use_rule_actions';
import { ExceptionsSection } from './exceptions_section';
import { ExecutionHistory } from './execution_history';
import { RuleAlerts } from './rule_alerts';
import { RuleDetailsView } from './rule_details_view';
import { RuleEditingActions } from './rule_editing_actions';
import { RuleStatePanel } from './rule_state_panel';
import { RULE_TAB_LABELS, RULE_TABS, ruleTabOf, ruleTabPath, type RuleTab } from './rule_tabs';

export interface RuleDetailsPageProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly ruleId: string;
  /** The host's API writes rules (standalone): offer edit and delete. */
  readonly ruleEditing?: boolean;
}

const BackToRules = ({ navigation }: { readonly navigation: AppNavigation }) => (
  <EuiButtonEmpty
    iconType="arrowLeft"
    flush="left"
    size="s"
    {...appLinkProps(navigation, rulesPath())}
  >
    Rules
  </EuiButtonEmpty>
);

const RuleTabs = ({
  navigation,
  ruleId,
  selected,
}: {
  readonly navigation: AppNavigation;
  readonly ruleId: string;
  readonly selected: RuleTab;
}) => (
  <EuiTabs data-test-subj="ctdRuleTabs">
    {RULE_TABS.map((tab) => (
      <EuiTab
        key={tab}
        isSelected={tab === selected}
        {...appLinkProps(navigation, ruleTabPath(ruleId, tab))}
        data-test-subj={`ctdRuleTab-${tab}`}
      >
        {RULE_TAB_LABELS[tab]}
      </EuiTab>
    ))}
  </EuiTabs>
);

const NotInstalled = ({ what }: { readonly what: string }) => (
  <EmptyState
    title="The rule is not installed"
    body={<p>Install the rule to see its {what}.</p>}
    iconType="info"
  />
);

const RuleDetails = ({
  api,
  navigation,
  definition,
  editing,
}: {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly definition: NewTermsRuleDefinition;
  /** Present where the host writes rules: the rule in Kibana's form, and how to re-read it. */
  readonly editing?: {
    readonly kibana: Readonly<Record<string, unknown>>;
    readonly reload: () => void;
  };
}) => {
  const rules = useApiCall(() => api.listRules(), [api]);
  const actions = useRuleActions(api, {
    onRulesChanged: (updated) => rules.setData(updated),
    onRuleChanged: (rule) => rules.setData((current) => withRule(current, rule)),
  });
  const installedSummary = rules.data?.find(
    (rule) => rule.rule_id === definition.rule_id && rule.installed
  );
  // Saves of the rule; with its runs and alerts, what the exceptions section reads again on.
  const [saves, setSaves] = useState(0);
  // Its last run and alert counts: the tabs read their lists again when these change.
  const runKey = `${installedSummary?.last_run?.started_at ?? ''}:${installedSummary?.alert_count ?? 0}:${installedSummary?.open_alert_count ?? 0}`;
  const tab = ruleTabOf(navigation.query);
  // Said once the state is known: while it loads, the panel above says so.
  const notInstalled = rules.data !== undefined && installedSummary === undefined;
  return (
    <>
      <BackToRules navigation={navigation} />
      <EuiSpacer size="s" />
      <EuiFlexGroup alignItems="center" gutterSize="m" wrap responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiTitle size="m">
            <h2 data-test-subj="ctdRuleName">{definition.name}</h2>
          </EuiTitle>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <SeverityHealth severity={definition.severity} />
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiText size="s" color="subdued">
            Risk score {definition.risk_score}
          </EuiText>
        </EuiFlexItem>
        <EuiFlexItem />
        {editing === undefined ? null : (
          <EuiFlexItem grow={false}>
            {installedSummary === undefined ? null : (
              <RuleEditingActions
                api={api}
                navigation={navigation}
                rule={installedSummary}
                kibana={editing.kibana}
                onSaved={() => {
                  editing.reload();
                  rules.reload();
                  setSaves((count) => count + 1);
                }}
              />
            )}
          </EuiFlexItem>
        )}
      </EuiFlexGroup>
      <EuiSpacer size="m" />
      <ApiCallContent
        state={rules}
        errorTitle="Could not load the rule's state"
        loadingLabel="Loading rule state"
      >
        {(list) => {
          const summary = list.find((rule) => rule.rule_id === definition.rule_id);
          return summary ? (
            <RuleStatePanel rule={summary} actions={actions} navigation={navigation} />
          ) : null;
        }}
      </ApiCallContent>
      <EuiSpacer size="l" />
      <RuleTabs navigation={navigation} ruleId={definition.rule_id} selected={tab} />
      <EuiSpacer size="l" />
      {tab === 'overview' ? (
        <>
          {/* Standalone only: inside Kibana, Security manages rule exceptions. */}
          {editing === undefined || installedSummary === undefined ? null : (
            <>
              <ExceptionsSection
                api={api}
                ruleId={definition.rule_id}
                reloadKey={`${saves}:${runKey}`}
              />
              <EuiSpacer size="l" />
            </>
          )}
          <RuleDetailsView rule={definition} />
        </>
      ) : null}
      {tab === 'alerts' && notInstalled ? <NotInstalled what="alerts" /> : null}
      {tab === 'alerts' && installedSummary !== undefined ? (
        <RuleAlerts
          api={api}
          navigation={navigation}
          ruleId={definition.rule_id}
          reloadKey={runKey}
        />
      ) : null}
      {tab === 'executions' && notInstalled ? <NotInstalled what="executions" /> : null}
      {tab === 'executions' && installedSummary !== undefined ? (
        <ExecutionHistory api={api} ruleId={definition.rule_id} reloadKey={runKey} />
      ) : null}
    </>
  );
};

const HTTP_NOT_FOUND = 404;

export const RuleDetailsPage = ({
  api,
  navigation,
  ruleId,
  ruleEditing = false,
}: RuleDetailsPageProps) => {
  const details = useApiCall(() => api.getRule(ruleId), [api, ruleId]);
  if (details.error instanceof ApiError && details.error.status === HTTP_NOT_FOUND) {
    return (
      <NotFoundState
        title="Rule not found"
        body={<p>No rule has the id {ruleId}.</p>}
        actions={<BackToRules navigation={navigation} />}
      />
    );
  }
  return (
    <ApiCallContent
      state={details}
      errorTitle="Could not load the rule"
      loadingLabel="Loading rule"
    >
      {({ definition, kibana }) => (
        // Keyed by rule so switching rules starts from a fresh state.
        <RuleDetails
          key={definition.rule_id}
          api={api}
          navigation={navigation}
          definition={definition}
          {...(ruleEditing ? { editing: { kibana, reload: details.reload } } : {})}
        />
      )}
    </ApiCallContent>
  );
};
