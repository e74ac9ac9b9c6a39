/** The Rules page: prebuilt and custom rules with install, enable and run-now controls; create, import and export where the host writes rules. */
import { EuiButton, EuiCallOut, EuiSpacer, EuiText } from '@elastic/eui';
import type { ApiClient, RuleSummary } from '../../api_client';
import { ApiCallContent, EmptyState } from '../../components/page_state';
import { useApiCall } from '../../components/use_api_call';
import type { AppNavigation } from '../../navigation';
import { RulesTable } from './rules_table';
import { RulesToolbar } from './rules_toolbar';
import { ALL_RULES, useRuleActions, withRule } from './use_rule_actions';

export interface RulesPageProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  /** The host's API writes rules (standalone): offer create, import and export. */
  readonly ruleEditing?: boolean;
}

export const RulesPage = ({ api, navigation, ruleEditing = false }: RulesPageProps) => {
  const rules = useApiCall(() => api.listRules(), [api]);
  const actions = useRuleActions(api, {
    onRulesChanged: (updated) => rules.setData(updated),
    onRuleChanged: (rule) => rules.setData((current) => withRule(current, rule)),
  });

  return (
    <>
      {ruleEditing ? (
        <>
          <RulesToolbar api={api} navigation={navigation} onRulesChanged={rules.reload} />
          <EuiSpacer size="m" />
        </>
      ) : null}
      <ApiCallContent
        state={rules}
        errorTitle="Could not load the rules"
        loadingLabel="Loading rules"
      >
        {(list: RuleSummary[]) => {
          if (list.length === 0)
            return <EmptyState title="No rules" body={<p>The rule catalog is empty.</p>} />;
          const prebuilt = list.filter((rule) => rule.source === 'prebuilt');
          const notInstalled = prebuilt.filter((rule) => !rule.installed).length;
          return (
            <>
              {notInstalled > 0 ? (
                <>
                  <EuiCallOut
                    title={`${notInstalled} of ${prebuilt.length} prebuilt rules ${notInstalled === 1 ? 'is' : 'are'} not installed`}
                    iconType="info"
                    data-test-subj="ctdInstallCallout"
                  >
                    <EuiText size="s">
                      <p>
                        Installed rules start disabled; enable them to detect new terms on their
                        schedule.
                      </p>
                    </EuiText>
                    <EuiSpacer size="s" />
                    <EuiButton
                      size="s"
                      fill
                      iconType="download"
                      isLoading={actions.pending.has(ALL_RULES)}
                      onClick={() => void actions.install()}
                      data-test-subj="ctdInstallAllRules"
                    >
                      Install all
                    </EuiButton>
                  </EuiCallOut>
                  <EuiSpacer size="m" />
                </>
              ) : null}
              <RulesTable
                rules={list}
                navigation={navigation}
                actions={actions}
                loading={rules.loading}
              />
            </>
          );
        }}
      </ApiCallContent>
    </>
  );
};
