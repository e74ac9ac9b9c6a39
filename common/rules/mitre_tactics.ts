/**
 * The tactics of the MITRE ATT&CK Enterprise matrix, in the matrix's order: what a rule's threat
 * mapping picks from (a technique belongs under one of them). Ids and names as attack.mitre.org
 * spells them; references built the way mitre.ts builds every other.
 */
import { mitreReferenceUrl, type MitreEntry } from './mitre';

const TACTICS: ReadonlyArray<readonly [string, string]> = [
  ['TA0043', 'Reconnaissance'],
  ['TA0042', 'Resource Development'],
  ['TA0001', 'Initial Access'],
  ['TA0002', 'Execution'],
  ['TA0003', 'Persistence'],
  ['TA0004', 'Privilege Escalation'],
  ['TA0005', 'Defense Evasion'],
  ['TA0006', 'Credential Access'],
  ['TA0007', 'Discovery'],
  ['TA0008', 'Lateral Movement'],
  ['TA0009', 'Collection'],
  ['TA0011', 'Command and Control'],
  ['TA0010', 'Exfiltration'],
  ['TA0040', 'Impact'],
];

export const MITRE_TACTICS: readonly MitreEntry[] = TACTICS.map(([id, name]) => ({
  id,
  name,
  reference: mitreReferenceUrl(id) ?? '',
}));

export const mitreTactic = (id: string): MitreEntry | undefined =>
  MITRE_TACTICS.find((tactic) => tactic.id === id);
