/** What the rule looks at: query, indices, new-terms fields, history window and limits. */
import { EuiBadge, EuiBadgeGroup, EuiCode, EuiCodeBlock, EuiDescriptionList } from '@elastic/eui';
import type { NewTermsRuleDefinition } from '../../../../common/rules/rule_schema';
import { formatKql } from './format_kql';
import { SectionPanel } from './section_panel';

const codeBadges = (values: readonly string[]) => (
  <EuiBadgeGroup gutterSize="xs">
    {values.map((value) => (
      <EuiBadge key={value} color="hollow">
        {value}
      </EuiBadge>
    ))}
  </EuiBadgeGroup>
);

export const DefinitionSection = ({ rule }: { readonly rule: NewTermsRuleDefinition }) => (
  <SectionPanel title="Definition" data-test-subj="ctdRuleDefinition">
    <EuiDescriptionList
      compressed
      type="column"
      columnWidths={[1, 3]}
      listItems={[
        { title: 'Rule type', description: 'New terms' },
        {
          title: 'Custom query (KQL)',
          description: (
            <EuiCodeBlock
              language="kql"
              fontSize="s"
              paddingSize="s"
              isCopyable
              whiteSpace="pre"
              data-test-subj="ctdRuleQuery"
            >
              {formatKql(rule.query)}
            </EuiCodeBlock>
          ),
        },
        { title: 'Index patterns', description: codeBadges(rule.index) },
        { title: 'New terms fields', description: codeBadges(rule.new_terms_fields) },
        {
          title: 'History window',
          description: (
            <>
              A term is new when not seen since <EuiCode>{rule.history_window_start}</EuiCode>{' '}
              before the rule window
            </>
          ),
        },
        {
          title: 'Timestamp override',
          description: rule.timestamp_override ? (
            <>
              <EuiCode>{rule.timestamp_override}</EuiCode>
              {rule.timestamp_override_fallback_disabled
                ? ' (no fallback)'
                : ' (falls back to @timestamp)'}
            </>
          ) : (
            <EuiCode>@timestamp</EuiCode>
          ),
        },
        { title: 'Max alerts per run', description: String(rule.max_signals) },
      ]}
    />
  </SectionPanel>
);
