import {
  buildTechnique,
  buildThreat,
  MITRE_ENTRIES,
  mitreReferenceUrl,
  SUBTECHNIQUE_UNIX_SHELL,
  TACTIC_EXECUTION,
  TECHNIQUE_COMMAND_AND_SCRIPTING_INTERPRETER,
  TECHNIQUE_ESCAPE_TO_HOST,
} from './mitre';
import { threatSchema } from './rule_schema';

describe('mitreReferenceUrl', () => {
  it.each([
    ['TA0002', 'https://attack.mitre.org/tactics/TA0002/'],
    ['T1611', 'https://attack.mitre.org/techniques/T1611/'],
    ['T1059.004', 'https://attack.mitre.org/techniques/T1059/004/'],
  ])('maps %p to its attack.mitre.org page', (id, url) => {
    expect(mitreReferenceUrl(id)).toBe(url);
  });

  it.each(['', 'TA002', 'T159', 'T1059.4', 't1059', 'T1059/004'])(
    'rejects malformed id %p',
    (id) => {
      expect(mitreReferenceUrl(id)).toBeUndefined();
    }
  );
});

describe('MITRE constants', () => {
  it('point at the official page for their id', () => {
    for (const entry of MITRE_ENTRIES) {
      expect({ id: entry.id, reference: entry.reference }).toEqual({
        id: entry.id,
        reference: mitreReferenceUrl(entry.id),
      });
    }
  });

  it('use the official names', () => {
    expect(MITRE_ENTRIES.map(({ id, name }) => `${id} ${name}`)).toEqual([
      'TA0002 Execution',
      'TA0004 Privilege Escalation',
      'T1059 Command and Scripting Interpreter',
      'T1059.004 Unix Shell',
      'T1609 Container Administration Command',
      'T1611 Escape to Host',
    ]);
  });
});

describe('threat builders', () => {
  it('build schema-valid threat entries, omitting empty subtechnique lists', () => {
    const threat = buildThreat(TACTIC_EXECUTION, [
      buildTechnique(TECHNIQUE_COMMAND_AND_SCRIPTING_INTERPRETER, [SUBTECHNIQUE_UNIX_SHELL]),
      buildTechnique(TECHNIQUE_ESCAPE_TO_HOST),
    ]);
    expect(threatSchema.parse(threat)).toEqual(threat);
    expect(threat.technique?.[1]).not.toHaveProperty('subtechnique');
  });

  it('copy the constants instead of sharing them', () => {
    const threat = buildThreat(TACTIC_EXECUTION, []);
    expect(threat.tactic).toEqual(TACTIC_EXECUTION);
    expect(threat.tactic).not.toBe(TACTIC_EXECUTION);
  });
});
