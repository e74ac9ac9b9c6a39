/**
 * The rule's side of the investigation: what it detects, its investigation guide (markdown, see
 * GuideMarkdownFormat) and its MITRE ATT&CK mapping.
 */
import { EuiLink, EuiSpacer, EuiText } from '@elastic/eui';
import { GuideMarkdownFormat } from '../../components/guide_markdown_format';
import type { NewTermsRuleDefinition, RuleThreat } from '../../../../common/rules/rule_schema';
import { InvestigationSection } from './investigation_section';

interface MitreEntry {
  readonly id: string;
  readonly name: string;
  readonly reference: string;
}

const GUIDE_TITLE = 'Investigation guide';

const isHttpUrl = (url: string): boolean => /^https?:\/\//i.test(url);

const EntryLink = ({ entry }: { readonly entry: MitreEntry }) => {
  const label = `${entry.name} (${entry.id})`;
  // Only http(s): a `javascript:` reference must never become a clickable link.
  return isHttpUrl(entry.reference) ? (
    <EuiLink href={entry.reference} target="_blank" external>
      {label}
    </EuiLink>
  ) : (
    <>{label}</>
  );
};

export const MitreContext = ({ threats }: { readonly threats: readonly RuleThreat[] }) =>
  threats.length === 0 ? (
    <EuiText size="s" color="subdued">
      <p>No MITRE ATT&CK mapping.</p>
    </EuiText>
  ) : (
    <EuiText size="s">
      <ul data-test-subj="ctdMitre">
        {threats.map((threat) => (
          <li key={threat.tactic.id}>
            Tactic: <EntryLink entry={threat.tactic} />
            {(threat.technique ?? []).length > 0 ? (
              <ul>
                {(threat.technique ?? []).map((technique) => (
                  <li key={technique.id}>
                    Technique: <EntryLink entry={technique} />
                    {(technique.subtechnique ?? []).length > 0 ? (
                      <ul>
                        {(technique.subtechnique ?? []).map((subtechnique) => (
                          <li key={subtechnique.id}>
                            Subtechnique: <EntryLink entry={subtechnique} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </EuiText>
  );

export interface InvestigationGuideProps {
  readonly rule: NewTermsRuleDefinition | null;
  /** From the alert: the rule snapshot on an alert carries no name or description. */
  readonly description: string | null;
}

export const InvestigationGuide = ({ rule, description }: InvestigationGuideProps) => {
  const note =
    typeof rule?.note === 'string' && rule.note.trim().length > 0 ? rule.note : undefined;
  const threats = Array.isArray(rule?.threat) ? rule.threat : [];
  return (
    <>
      <InvestigationSection title={GUIDE_TITLE} data-test-subj="ctdInvestigationGuide">
        {description ? (
          <>
            <EuiText size="s" color="subdued">
              <p>{description}</p>
            </EuiText>
            <EuiSpacer size="m" />
          </>
        ) : null}
        {note ? (
          <GuideMarkdownFormat
            markdown={note}
            sectionTitle={GUIDE_TITLE}
            data-test-subj="ctdGuideMarkdown"
          />
        ) : (
          <EuiText size="s" color="subdued">
            <p>
              {rule
                ? 'This rule has no investigation guide.'
                : 'The rule of this alert is unknown.'}
            </p>
          </EuiText>
        )}
      </InvestigationSection>
      <EuiSpacer size="m" />
      <InvestigationSection title="MITRE ATT&CK" data-test-subj="ctdMitreContext">
        <MitreContext threats={threats} />
      </InvestigationSection>
    </>
  );
};
