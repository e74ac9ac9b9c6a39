/** The rule's MITRE ATT&CK mapping: one row per technique, with its tactic and subtechniques. */
import { EuiBasicTable, EuiText, type EuiBasicTableColumn } from '@elastic/eui';
import type {
  RuleThreat,
  ThreatSubtechnique,
  ThreatTactic,
  ThreatTechnique,
} from '../../../../common/rules/rule_schema';
import { ExternalLink } from './external_link';
import { NONE, SectionPanel } from './section_panel';

interface MitreRow {
  readonly key: string;
  readonly tactic: ThreatTactic;
  readonly technique: ThreatTechnique | undefined;
  readonly subtechniques: readonly ThreatSubtechnique[];
}

export const mitreRows = (threats: readonly RuleThreat[]): MitreRow[] =>
  threats.flatMap((threat): MitreRow[] => {
    const techniques = threat.technique ?? [];
    if (techniques.length === 0)
      return [
        { key: threat.tactic.id, tactic: threat.tactic, technique: undefined, subtechniques: [] },
      ];
    return techniques.map((technique) => ({
      key: `${threat.tactic.id}/${technique.id}`,
      tactic: threat.tactic,
      technique,
      subtechniques: technique.subtechnique ?? [],
    }));
  });

const entryLink = (entry: { id: string; name: string; reference: string }) => (
  <ExternalLink href={entry.reference}>
    {entry.name} ({entry.id})
  </ExternalLink>
);

const COLUMNS: Array<EuiBasicTableColumn<MitreRow>> = [
  { field: 'tactic', name: 'Tactic', render: (tactic: ThreatTactic) => entryLink(tactic) },
  {
    field: 'technique',
    name: 'Technique',
    render: (technique: ThreatTechnique | undefined) => (technique ? entryLink(technique) : NONE),
  },
  {
    field: 'subtechniques',
    name: 'Subtechniques',
    render: (subtechniques: readonly ThreatSubtechnique[]) =>
      subtechniques.length === 0 ? (
        NONE
      ) : (
        <ul>
          {subtechniques.map((subtechnique) => (
            <li key={subtechnique.id}>{entryLink(subtechnique)}</li>
          ))}
        </ul>
      ),
  },
];

export const MitreSection = ({ threats }: { readonly threats: readonly RuleThreat[] }) => (
  <SectionPanel title="MITRE ATT&CK" data-test-subj="ctdRuleMitre">
    {threats.length === 0 ? (
      <EuiText size="s" color="subdued">
        <p>No MITRE ATT&CK mapping.</p>
      </EuiText>
    ) : (
      <EuiBasicTable<MitreRow>
        tableCaption="MITRE ATT&CK mapping"
        items={mitreRows(threats)}
        itemId="key"
        columns={COLUMNS}
      />
    )}
  </SectionPanel>
);
