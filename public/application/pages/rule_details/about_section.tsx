/** What the rule is: description, provenance and labels. */
import { EuiBadge, EuiBadgeGroup, EuiDescriptionList, EuiSpacer, EuiText } from '@elastic/eui';
import type { NewTermsRuleDefinition } from '../../../../common/rules/rule_schema';
import { ExternalLink } from './external_link';
import { NONE, SectionPanel } from './section_panel';

const list = (items: readonly string[]) =>
  items.length === 0 ? (
    NONE
  ) : (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );

export const AboutSection = ({ rule }: { readonly rule: NewTermsRuleDefinition }) => (
  <SectionPanel title="About" data-test-subj="ctdRuleAbout">
    <EuiText size="s">
      <p>{rule.description}</p>
    </EuiText>
    <EuiSpacer size="m" />
    <EuiDescriptionList
      compressed
      type="column"
      columnWidths={[1, 3]}
      listItems={[
        { title: 'Author', description: rule.author.length > 0 ? rule.author.join(', ') : NONE },
        { title: 'License', description: rule.license ?? NONE },
        { title: 'Version', description: String(rule.version) },
        {
          title: 'References',
          description:
            rule.references.length === 0 ? (
              NONE
            ) : (
              <ul>
                {rule.references.map((url) => (
                  <li key={url}>
                    <ExternalLink href={url}>{url}</ExternalLink>
                  </li>
                ))}
              </ul>
            ),
        },
        { title: 'False positive examples', description: list(rule.false_positives) },
        {
          title: 'Tags',
          description:
            rule.tags.length === 0 ? (
              NONE
            ) : (
              <EuiBadgeGroup gutterSize="xs" data-test-subj="ctdRuleTags">
                {rule.tags.map((tag) => (
                  <EuiBadge key={tag} color="hollow">
                    {tag}
                  </EuiBadge>
                ))}
              </EuiBadgeGroup>
            ),
        },
      ]}
    />
  </SectionPanel>
);
