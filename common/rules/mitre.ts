/**
 * The MITRE ATT&CK entries our prebuilt rules map to, defined once so every rule spells ids, names
 * and URLs identically (Kibana groups alerts by these strings, so a typo splits a technique in two).
 */
import { MITRE_ATTACK_FRAMEWORK } from './rule_schema';
import type { RuleThreat, ThreatTactic, ThreatTechnique, ThreatSubtechnique } from './rule_schema';

export interface MitreEntry {
  readonly id: string;
  readonly name: string;
  readonly reference: string;
}

const ATTACK_BASE_URL = 'https://attack.mitre.org';

export const TACTIC_EXECUTION = {
  id: 'TA0002',
  name: 'Execution',
  reference: 'https://attack.mitre.org/tactics/TA0002/',
} as const satisfies MitreEntry;

export const TACTIC_PRIVILEGE_ESCALATION = {
  id: 'TA0004',
  name: 'Privilege Escalation',
  reference: 'https://attack.mitre.org/tactics/TA0004/',
} as const satisfies MitreEntry;

export const TECHNIQUE_COMMAND_AND_SCRIPTING_INTERPRETER = {
  id: 'T1059',
  name: 'Command and Scripting Interpreter',
  reference: 'https://attack.mitre.org/techniques/T1059/',
} as const satisfies MitreEntry;

export const SUBTECHNIQUE_UNIX_SHELL = {
  id: 'T1059.004',
  name: 'Unix Shell',
  reference: 'https://attack.mitre.org/techniques/T1059/004/',
} as const satisfies MitreEntry;

export const TECHNIQUE_CONTAINER_ADMINISTRATION_COMMAND = {
  id: 'T1609',
  name: 'Container Administration Command',
  reference: 'https://attack.mitre.org/techniques/T1609/',
} as const satisfies MitreEntry;

export const TECHNIQUE_ESCAPE_TO_HOST = {
  id: 'T1611',
  name: 'Escape to Host',
  reference: 'https://attack.mitre.org/techniques/T1611/',
} as const satisfies MitreEntry;

/** Every entry above, for catalog-wide checks. */
export const MITRE_ENTRIES: readonly MitreEntry[] = [
  TACTIC_EXECUTION,
  TACTIC_PRIVILEGE_ESCALATION,
  TECHNIQUE_COMMAND_AND_SCRIPTING_INTERPRETER,
  SUBTECHNIQUE_UNIX_SHELL,
  TECHNIQUE_CONTAINER_ADMINISTRATION_COMMAND,
  TECHNIQUE_ESCAPE_TO_HOST,
];

const TACTIC_ID = /^TA\d{4}$/;
const TECHNIQUE_ID = /^T(\d{4})$/;
const SUBTECHNIQUE_ID = /^T(\d{4})\.(\d{3})$/;

/** The canonical attack.mitre.org page for an id, or undefined when the id is malformed. */
export const mitreReferenceUrl = (id: string): string | undefined => {
  if (TACTIC_ID.test(id)) return `${ATTACK_BASE_URL}/tactics/${id}/`;
  const technique = TECHNIQUE_ID.exec(id);
  if (technique) return `${ATTACK_BASE_URL}/techniques/T${technique[1]}/`;
  const subtechnique = SUBTECHNIQUE_ID.exec(id);
  if (subtechnique) return `${ATTACK_BASE_URL}/techniques/T${subtechnique[1]}/${subtechnique[2]}/`;
  return undefined;
};

// Builders copy the constants so rules never share (and can never mutate) the same objects.
const copyEntry = (entry: MitreEntry): ThreatSubtechnique => ({
  id: entry.id,
  name: entry.name,
  reference: entry.reference,
});

export const buildTechnique = (
  technique: MitreEntry,
  subtechniques: readonly MitreEntry[] = []
): ThreatTechnique =>
  subtechniques.length === 0
    ? copyEntry(technique)
    : { ...copyEntry(technique), subtechnique: subtechniques.map(copyEntry) };

export const buildThreat = (
  tactic: MitreEntry,
  techniques: readonly ThreatTechnique[]
): RuleThreat => {
  const threatTactic: ThreatTactic = copyEntry(tactic);
  return { framework: MITRE_ATTACK_FRAMEWORK, tactic: threatTactic, technique: [...techniques] };
};
