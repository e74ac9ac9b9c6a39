import { buildCatalog, getPrebuiltRule, PREBUILT_RULES, PrebuiltRuleError } from './catalog';
import { privilegedDockerContainerCreation } from './prebuilt/privileged_docker_container_creation';
import { unusualInteractiveProcessInContainer } from './prebuilt/unusual_interactive_process_in_container';

describe('PREBUILT_RULES', () => {
  it('holds both container rules, in a stable order', () => {
    expect(PREBUILT_RULES.map((rule) => rule.name)).toEqual([
      'Unusual Interactive Process Launched in a Container',
      'Privileged Docker Container Creation',
    ]);
  });

  it('holds the validated definitions, equal to the rule modules', () => {
    expect(PREBUILT_RULES).toEqual([
      unusualInteractiveProcessInContainer,
      privilegedDockerContainerCreation,
    ]);
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(PREBUILT_RULES)).toBe(true);
    const [rule] = PREBUILT_RULES;
    expect(rule && Object.isFrozen(rule)).toBe(true);
    expect(rule && Object.isFrozen(rule.tags)).toBe(true);
    expect(rule && Object.isFrozen(rule.threat[0]?.tactic)).toBe(true);
  });

  it('does not freeze the exported rule modules themselves', () => {
    expect(Object.isFrozen(unusualInteractiveProcessInContainer)).toBe(false);
  });
});

describe('getPrebuiltRule', () => {
  it('finds a rule by rule_id', () => {
    expect(getPrebuiltRule('a80d96cd-1164-41b3-9852-ef58724be496')?.name).toBe(
      'Privileged Docker Container Creation'
    );
    expect(getPrebuiltRule('7020ff25-76d7-4a7d-b95b-266cf27d70e8')?.name).toBe(
      'Unusual Interactive Process Launched in a Container'
    );
  });

  it('returns undefined for unknown ids', () => {
    expect(getPrebuiltRule('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});

describe('buildCatalog', () => {
  it('fails loudly with the rule_id and field path of a broken rule', () => {
    const broken = {
      ...privilegedDockerContainerCreation,
      new_terms_fields: ['a', 'b', 'c', 'd'],
      severity: 'urgent',
    };
    const build = () => buildCatalog([unusualInteractiveProcessInContainer, broken]);
    expect(build).toThrow(PrebuiltRuleError);
    expect(build).toThrow(/Prebuilt rule a80d96cd-1164-41b3-9852-ef58724be496 is invalid/);
    expect(build).toThrow(/new_terms_fields: new_terms_fields accepts at most 3 fields/);
    expect(build).toThrow(/severity: severity must be one of/);
  });

  it('reports the history-window relation like Kibana does', () => {
    const broken = { ...unusualInteractiveProcessInContainer, history_window_start: 'now-1m' };
    expect(() => buildCatalog([broken])).toThrow(
      /history_window_start: History window size is smaller than rule interval \+ additional lookback/
    );
  });

  it('names rules without a usable rule_id', () => {
    const { rule_id: _ruleId, ...anonymous } = unusualInteractiveProcessInContainer;
    expect(() => buildCatalog([anonymous])).toThrow(
      /Prebuilt rule <missing rule_id> is invalid:\nrule_id: /
    );
  });

  it('rejects duplicate rule_ids', () => {
    expect(() =>
      buildCatalog([privilegedDockerContainerCreation, privilegedDockerContainerCreation])
    ).toThrow('Prebuilt rule a80d96cd-1164-41b3-9852-ef58724be496 is defined more than once');
  });
});
