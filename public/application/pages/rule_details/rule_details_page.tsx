/**
 * One rule, prebuilt or user: its definition and the state of its installed copy, both from the
 * API, with the same install / enable / run controls as the list.
 */
import {
  EuiButtonEmpty,
  EuiFlexGroup,
  EuiFlexItem,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import type { NewTermsRuleDefinition } from '../../../../common/rules/rule_schema';
import type { ApiClient } from '../../api_client';
import { ApiError } from '../../api_error';
import { appLinkProps } from '../../components/app_link';
import { ApiCallContent, NotFoundState } from '../../components/page_state';
import { SeverityHealth } from '../../components/severity_health';
import { useApiCall } from '../../components/use_api_call';
import { rulesPath, type AppNavigation } from '../../navigation';
import { useRuleActions, withRule } from '../rules/use_rule_actions';
import { RuleDetailsView } from './rule_details_view';
import { RuleStatePanel } from './rule_state_panel';

export interface RuleDetailsPageProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly ruleId: string;
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

const RuleDetails = ({
  api,
  navigation,
  definition,
}: {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly definition: NewTermsRuleDefinition;
}) => {
  const rules = useApiCall(() => api.listRules(), [api]);
  const actions = useRuleActions(api, {
    onRulesChanged: (updated) => rules.setData(updated),
    onRuleChanged: (rule) => rules.setData((current) => withRule(current, rule)),
  });
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
      <RuleDetailsView rule={definition} />
    </>
  );
};

const HTTP_NOT_FOUND = 404;

export const RuleDetailsPage = ({ api, navigation, ruleId }: RuleDetailsPageProps) => {
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
      {({ definition }) => (
        // Keyed by rule so switching rules starts from a fresh state.
        <RuleDetails
          key={definition.rule_id}
          api={api}
          navigation={navigation}
          definition={definition}
        />
      )}
    </ApiCallContent>
  );
};
