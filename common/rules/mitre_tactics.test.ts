import { TACTIC_EXECUTION, TACTIC_PRIVILEGE_ESCALATION } from './mitre';
import { MITRE_TACTICS, mitreTactic } from './mitre_tactics';

describe('MITRE ATT&CK tactics', () => {
  it('spells the tactics our prebuilt rules use exactly as those rules do', () => {
    expect(mitreTactic('TA0002')).toEqual(TACTIC_EXECUTION);
    expect(mitreTactic('TA0004')).toEqual(TACTIC_PRIVILEGE_ESCALATION);
  });

  it('holds the 14 Enterprise tactics, each id once, each with its attack.mitre.org page', () => {
    expect(MITRE_TACTICS).toHaveLength(14);
    expect(new Set(MITRE_TACTICS.map((tactic) => tactic.id)).size).toBe(14);
    for (const tactic of MITRE_TACTICS)
      expect(tactic.reference).toBe(`https://attack.mitre.org/tactics/${tactic.id}/`);
  });

  it('knows no tactic by a technique id', () => {
    expect(mitreTactic('T1059')).toBeUndefined();
  });
});
