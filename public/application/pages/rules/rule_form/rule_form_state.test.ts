import { PREBUILT_RULES } from '../../../../../common/rules/catalog';
import { kibanaRuleOf } from '../../../../../common/rules/kibana_rule_export';
import { intervalUnsupported } from '../../../../../common/rules/kibana_rule_import';
import { HISTORY_WINDOW_ERROR } from '../../../../../common/rules/rule_schema';
import { parseKibanaRule } from '../../../../../common/rules/kibana_rule_import';
import {
  EMPTY_MITRE_ROW,
  EMPTY_RULE_FORM,
  fieldOfMessage,
  fieldOfParameter,
  hasProblems,
  kibanaRuleOfForm,
  ruleFormOf,
  ruleFormProblems,
  suppressionPartOf,
  type RuleFormState,
} from './rule_form_state';

const NOW = new Date('2026-12-06T12:00:00Z');

const filled: RuleFormState = {
  ...EMPTY_RULE_FORM,
  name: 'New image user',
  description: 'A user not seen running this image',
  index: ['logs-endpoint.events.process*'],
  query: 'event.type : "start" and container.id : *',
  newTermsFields: ['user.name', 'container.image.name'],
};

describe('the rule form as data', () => {
  it("gives back every prebuilt rule's fields and MITRE mapping unchanged", () => {
    for (const definition of PREBUILT_RULES) {
      const kibana = kibanaRuleOf({ definition });
      const again = kibanaRuleOfForm(ruleFormOf(kibana), kibana);
      expect(again).toEqual({ ...kibana, type: 'new_terms', language: 'kuery' });
      expect(hasProblems(ruleFormProblems(ruleFormOf(kibana), kibana, NOW))).toBe(false);
    }
  });

  it('keeps the fields the form does not show (tags, note, actions) from the rule it edits', () => {
    const base = { tags: ['Containers'], note: '## Triage', actions: [], rule_id: 'mine' };
    expect(kibanaRuleOfForm(filled, base)).toMatchObject(base);
  });

  it('accepts a filled form and Kibana defaults for the schedule', () => {
    expect(ruleFormProblems(filled, {}, NOW)).toEqual({ fields: {}, other: [] });
    expect(kibanaRuleOfForm(filled)).toMatchObject({ from: 'now-6m', interval: '5m' });
  });

  it("puts Kibana's messages beside the field they name", () => {
    const problems = ruleFormProblems(
      {
        ...filled,
        name: '',
        riskScore: '101',
        newTermsFields: ['a', 'b', 'c', 'd'],
        historyWindowStart: 'now-1m',
      },
      {},
      NOW
    );
    expect(problems.fields.name).toEqual([
      'name: Too small: expected string to have >=1 characters',
    ]);
    expect(problems.fields.risk_score).toEqual([
      'risk_score: Too big: expected number to be <=100',
    ]);
    expect(problems.fields.new_terms_fields).toEqual([
      'new_terms_fields: Too big: expected array to have <=3 items',
    ]);
    expect(problems.other).toEqual([]);
    // The engine's own checks follow once Kibana's schema holds, as on the server.
    const schedule = ruleFormProblems({ ...filled, interval: '5 minutes' }, {}, NOW);
    expect(schedule.fields.interval).toEqual([intervalUnsupported('5 minutes')]);
  });

  it('says when the history window does not start before the rule window', () => {
    const problems = ruleFormProblems({ ...filled, historyWindowStart: 'now-1m' }, {}, NOW);
    expect(problems.fields.history_window_start).toEqual([HISTORY_WINDOW_ERROR]);
    const unparsable = ruleFormProblems({ ...filled, historyWindowStart: 'last week' }, {}, NOW);
    expect(unparsable.fields.history_window_start).toEqual([
      "Failed to parse 'historyWindowStart'",
    ]);
  });

  it('shows a KQL syntax error with its position as the user types', () => {
    const problems = ruleFormProblems({ ...filled, query: 'process.name : (bash' }, {}, NOW);
    expect(problems.fields.query?.[0]).toMatch(/^Invalid query at line 1, column \d+: /);
  });

  it('builds MITRE threat entries from rows and says what a row is missing', () => {
    const rows = [
      {
        ...EMPTY_MITRE_ROW,
        tacticId: 'TA0002',
        techniqueId: 'T1059',
        techniqueName: 'Command and Scripting Interpreter',
        subtechniqueId: 'T1059.004',
        subtechniqueName: 'Unix Shell',
      },
      {
        ...EMPTY_MITRE_ROW,
        tacticId: 'TA0004',
        techniqueId: 'T1611',
        techniqueName: 'Escape to Host',
      },
      EMPTY_MITRE_ROW,
    ];
    const rule = kibanaRuleOfForm({ ...filled, threat: rows });
    expect(rule.threat).toEqual([
      {
        framework: 'MITRE ATT&CK',
        tactic: {
          id: 'TA0002',
          name: 'Execution',
          reference: 'https://attack.mitre.org/tactics/TA0002/',
        },
        technique: [
          {
            id: 'T1059',
            name: 'Command and Scripting Interpreter',
            reference: 'https://attack.mitre.org/techniques/T1059/',
            subtechnique: [
              {
                id: 'T1059.004',
                name: 'Unix Shell',
                reference: 'https://attack.mitre.org/techniques/T1059/004/',
              },
            ],
          },
        ],
      },
      {
        framework: 'MITRE ATT&CK',
        tactic: {
          id: 'TA0004',
          name: 'Privilege Escalation',
          reference: 'https://attack.mitre.org/tactics/TA0004/',
        },
        technique: [
          {
            id: 'T1611',
            name: 'Escape to Host',
            reference: 'https://attack.mitre.org/techniques/T1611/',
          },
        ],
      },
    ]);
    const wrong = ruleFormProblems(
      {
        ...filled,
        threat: [{ ...EMPTY_MITRE_ROW, techniqueId: 'T59', subtechniqueId: 'T1611.001' }],
      },
      {},
      NOW
    );
    expect(wrong.fields.threat).toEqual(
      expect.arrayContaining([
        'MITRE row 1: choose a tactic',
        'MITRE row 1: a technique id looks like T1059',
        'MITRE row 1: name the technique',
        "MITRE row 1: a sub-technique id is its technique's id and .NNN, e.g. T1059.004",
        'MITRE row 1: name the sub-technique',
      ])
    );
  });

  it("finds the field of an API problem's parameter", () => {
    expect(fieldOfParameter('body.rule.new_terms_fields')).toBe('new_terms_fields');
    expect(fieldOfParameter('body.rule.threat.0.tactic.id')).toBe('threat');
    expect(fieldOfParameter('body.rule')).toBeUndefined();
    expect(fieldOfParameter('body.rule.meta')).toBeUndefined();
  });

  describe('alert suppression', () => {
    const suppressing = (alert_suppression: Record<string, unknown>) => ({
      ...kibanaRuleOfForm(filled),
      rule_id: 'suppressing',
      alert_suppression,
    });

    it('fills the suppression settings from the rule and saves them back unchanged', () => {
      for (const suppression of [
        {
          group_by: ['host.name', 'user.name'],
          duration: { value: 30, unit: 'm' },
          missing_fields_strategy: 'doNotSuppress',
        },
        { group_by: ['host.name'], missing_fields_strategy: 'suppress' },
        // Left to Kibana's defaults (one execution, suppress): saved back without them.
        { group_by: ['container.id'] },
        { group_by: ['host.name'], duration: { value: 2, unit: 'h' } },
      ]) {
        const rule = suppressing(suppression);
        const form = ruleFormOf(rule);
        expect(kibanaRuleOfForm(form, rule)).toEqual(rule);
        expect(ruleFormProblems(form, rule, NOW)).toEqual({ fields: {}, other: [] });
        // What the server keeps of it: the engine's definition carries the same suppression.
        const parsed = parseKibanaRule(kibanaRuleOfForm(form, rule), {
          mode: 'create',
          ecsFields: { get: () => undefined, names: () => [] },
          now: NOW,
        });
        expect(parsed.ok && parsed.rule.definition.alert_suppression).toEqual(suppression);
      }
      expect(
        ruleFormOf(
          suppressing({
            group_by: ['host.name', 'user.name'],
            duration: { value: 30, unit: 'm' },
            missing_fields_strategy: 'doNotSuppress',
          })
        )
      ).toMatchObject({
        suppressionFields: ['host.name', 'user.name'],
        suppressionDurationType: 'time_period',
        suppressionDurationValue: '30',
        suppressionDurationUnit: 'm',
        suppressionMissingFields: 'doNotSuppress',
      });
    });

    it("starts as Kibana's form does: no field (no suppression), one rule execution, suppress", () => {
      expect(EMPTY_RULE_FORM).toMatchObject({
        suppressionFields: [],
        suppressionDurationType: 'rule_execution',
        suppressionDurationValue: '5',
        suppressionDurationUnit: 'm',
        suppressionMissingFields: 'suppress',
      });
      expect(kibanaRuleOfForm(filled)).not.toHaveProperty('alert_suppression');
      expect(ruleFormOf(kibanaRuleOfForm(filled))).toMatchObject({
        suppressionFields: [],
        suppressionDurationType: 'rule_execution',
      });
      // A new suppression writes the strategy out, as Kibana's form does.
      expect(kibanaRuleOfForm({ ...filled, suppressionFields: ['host.name'] })).toMatchObject({
        alert_suppression: { group_by: ['host.name'], missing_fields_strategy: 'suppress' },
      });
      expect(
        kibanaRuleOfForm({
          ...filled,
          suppressionFields: ['host.name'],
          suppressionDurationType: 'time_period',
          suppressionMissingFields: 'doNotSuppress',
        }).alert_suppression
      ).toEqual({
        group_by: ['host.name'],
        duration: { value: 5, unit: 'm' },
        missing_fields_strategy: 'doNotSuppress',
      });
    });

    it('drops the suppression when its fields are cleared, and the period for one execution', () => {
      const rule = suppressing({
        group_by: ['host.name'],
        duration: { value: 30, unit: 's' },
        missing_fields_strategy: 'suppress',
      });
      const form = ruleFormOf(rule);
      expect(kibanaRuleOfForm({ ...form, suppressionFields: [] }, rule)).not.toHaveProperty(
        'alert_suppression'
      );
      expect(
        kibanaRuleOfForm({ ...form, suppressionDurationType: 'rule_execution' }, rule)
          .alert_suppression
      ).toEqual({ group_by: ['host.name'], missing_fields_strategy: 'suppress' });
    });

    it('puts the problems of the suppression settings beside them', () => {
      const problems = ruleFormProblems(
        {
          ...filled,
          suppressionFields: ['a', 'b', 'c', 'd'],
          suppressionDurationType: 'time_period',
          suppressionDurationValue: '0',
        },
        {},
        NOW
      );
      expect(problems.fields.alert_suppression).toEqual([
        'alert_suppression.group_by: Too big: expected array to have <=3 items',
        'alert_suppression.duration.value: Too small: expected number to be >=1',
      ]);
      expect(problems.other).toEqual([]);
      expect(problems.fields.alert_suppression?.map(suppressionPartOf)).toEqual([
        'group_by',
        'duration',
      ]);
      const blank = ruleFormProblems(
        {
          ...filled,
          suppressionFields: ['host.name'],
          suppressionDurationType: 'time_period',
          suppressionDurationValue: '',
        },
        {},
        NOW
      );
      expect(blank.fields.alert_suppression?.map(suppressionPartOf)).toEqual(['duration']);
      // Nothing to check while no field is chosen: the period is not part of the rule.
      expect(
        ruleFormProblems(
          { ...filled, suppressionDurationType: 'time_period', suppressionDurationValue: '0' },
          {},
          NOW
        )
      ).toEqual({ fields: {}, other: [] });
      expect(
        suppressionPartOf(
          'alert_suppression.missing_fields_strategy: Invalid option: expected one of "doNotSuppress"|"suppress"'
        )
      ).toBe('missing_fields_strategy');
    });

    it("places the server's suppression messages beside the suppression settings", () => {
      expect(fieldOfParameter('body.rule.alert_suppression.duration.value')).toBe(
        'alert_suppression'
      );
      expect(fieldOfParameter('body.rule.alert_suppression')).toBe('alert_suppression');
      expect(
        fieldOfMessage(
          'alert_suppression.group_by: alert_suppression.group_by must name 1 to 3 fields'
        )
      ).toBe('alert_suppression');
    });
  });
});
