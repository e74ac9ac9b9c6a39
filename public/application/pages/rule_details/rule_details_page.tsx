/**
 * One prebuilt rule: its definition (from the catalog, which the browser bundles) and the state of
 * its installed copy (from the API), with the same install / enable / run controls as the list.
 */
import {
  EuiButtonEmpty,
  EuiFlexGroup,
  EuiFlexItem,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import { getPrebuiltRule } from '../../../../common/rules/catalog';
import type { NewTermsRuleDefinition } from '../../../../common/rules/rule_schema';
import type { ApiClient } from '../../api_client';
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

export const RuleDetailsPage = ({ api, navigation, ruleId }: RuleDetailsPageProps) => {
  const definition = getPrebuiltRule(ruleId);
  if (definition === undefined) {
    return (
      <NotFoundState
        title="Rule not found"
        body={<p>No prebuilt rule has the id {ruleId}.</p>}
        actions={<BackToRules navigation={navigation} />}
      />
    );
  }
  // Keyed by rule so switching rules starts from a fresh state.
  return (
    <RuleDetails
      key={definition.rule_id}
      api={api}
      navigation={navigation}
      definition={definition}
    />
  );
};
