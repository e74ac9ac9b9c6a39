/** The rule form's MITRE ATT&CK mapping: one row per tactic / technique / sub-technique. */
import {
  EuiButtonEmpty,
  EuiButtonIcon,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiSelect,
  EuiSpacer,
} from '@elastic/eui';
import { MITRE_TACTICS } from '../../../../../common/rules/mitre_tactics';
import { EMPTY_MITRE_ROW, type MitreRow } from './rule_form_state';

export interface MitreRowsEditorProps {
  readonly rows: readonly MitreRow[];
  readonly onChange: (rows: MitreRow[]) => void;
}

const TACTIC_OPTIONS = [
  { value: '', text: 'Tactic…' },
  ...MITRE_TACTICS.map((tactic) => ({ value: tactic.id, text: `${tactic.name} (${tactic.id})` })),
];

const TEXT_FIELDS: ReadonlyArray<{
  readonly key: Exclude<keyof MitreRow, 'tacticId'>;
  readonly label: string;
  readonly placeholder: string;
}> = [
  { key: 'techniqueId', label: 'Technique id', placeholder: 'T1059' },
  {
    key: 'techniqueName',
    label: 'Technique name',
    placeholder: 'Command and Scripting Interpreter',
  },
  { key: 'subtechniqueId', label: 'Sub-technique id', placeholder: 'T1059.004' },
  { key: 'subtechniqueName', label: 'Sub-technique name', placeholder: 'Unix Shell' },
];

export const MitreRowsEditor = ({ rows, onChange }: MitreRowsEditorProps) => {
  const update = (position: number, change: Partial<MitreRow>) =>
    onChange(rows.map((row, i) => (i === position ? { ...row, ...change } : row)));
  return (
    <>
      {rows.map((row, position) => (
        <EuiFlexGroup
          // Rows have no identity of their own; their position is what the user edits.
          key={position}
          gutterSize="xs"
          alignItems="center"
          wrap
          data-test-subj={`ctdRuleFormMitreRow-${position}`}
        >
          <EuiFlexItem style={{ minWidth: 180 }}>
            <EuiSelect
              compressed
              aria-label={`MITRE row ${position + 1} tactic`}
              options={TACTIC_OPTIONS}
              value={row.tacticId}
              onChange={(event) => update(position, { tacticId: event.target.value })}
              data-test-subj={`ctdRuleFormMitreTactic-${position}`}
            />
          </EuiFlexItem>
          {TEXT_FIELDS.map(({ key, label, placeholder }) => (
            <EuiFlexItem key={key} style={{ minWidth: 110 }}>
              <EuiFieldText
                compressed
                aria-label={`MITRE row ${position + 1} ${label.toLowerCase()}`}
                placeholder={placeholder}
                value={row[key]}
                onChange={(event) => update(position, { [key]: event.target.value })}
                data-test-subj={`ctdRuleFormMitre-${key}-${position}`}
              />
            </EuiFlexItem>
          ))}
          <EuiFlexItem grow={false}>
            <EuiButtonIcon
              iconType="trash"
              color="danger"
              aria-label={`Remove MITRE row ${position + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== position))}
            />
          </EuiFlexItem>
        </EuiFlexGroup>
      ))}
      {rows.length > 0 ? <EuiSpacer size="xs" /> : null}
      <EuiButtonEmpty
        size="s"
        iconType="plusInCircle"
        flush="left"
        onClick={() => onChange([...rows, EMPTY_MITRE_ROW])}
        data-test-subj="ctdRuleFormMitreAdd"
      >
        Add MITRE ATT&CK mapping
      </EuiButtonEmpty>
    </>
  );
};
