/** Every section of a rule definition, in the order an analyst reads them. */
import { EuiFlexGrid, EuiFlexItem, EuiSpacer, useIsWithinMinBreakpoint } from '@elastic/eui';
import { WIDE_LAYOUT_BREAKPOINT } from '../../components/layout';
import type { NewTermsRuleDefinition } from '../../../../common/rules/rule_schema';
import { AboutSection } from './about_section';
import { DefinitionSection } from './definition_section';
import { GuideSection } from './guide_section';
import { MitreSection } from './mitre_table';
import { RelatedIntegrationsSection } from './related_integrations';
import { RequiredFieldsSection } from './required_fields_table';
import { ScheduleSection } from './schedule_section';

export const RuleDetailsView = ({ rule }: { readonly rule: NewTermsRuleDefinition }) => {
  const wide = useIsWithinMinBreakpoint(WIDE_LAYOUT_BREAKPOINT);
  return (
    <>
      <EuiFlexGrid columns={wide ? 2 : 1} gutterSize="l">
        <EuiFlexItem>
          <AboutSection rule={rule} />
        </EuiFlexItem>
        <EuiFlexItem>
          <DefinitionSection rule={rule} />
        </EuiFlexItem>
        <EuiFlexItem>
          <ScheduleSection rule={rule} />
        </EuiFlexItem>
        <EuiFlexItem>
          <MitreSection threats={rule.threat} />
        </EuiFlexItem>
        <EuiFlexItem>
          <RequiredFieldsSection fields={rule.required_fields} />
        </EuiFlexItem>
        <EuiFlexItem>
          <RelatedIntegrationsSection integrations={rule.related_integrations} />
        </EuiFlexItem>
      </EuiFlexGrid>
      <EuiSpacer size="l" />
      <GuideSection
        title="Investigation guide"
        markdown={rule.note}
        emptyText="This rule has no investigation guide."
        data-test-subj="ctdRuleNote"
      />
      <EuiSpacer size="l" />
      <GuideSection
        title="Setup"
        markdown={rule.setup}
        emptyText="This rule needs no setup."
        data-test-subj="ctdRuleSetup"
      />
    </>
  );
};
