/** A detection-rules TOML new_terms rule, converted as detection-rules' `NewTermsRuleData.transform` does. */
import fs from 'fs';
import path from 'path';
import { ecsFieldTypes } from '../ecs/ecs_field_types';
import {
  HISTORY_WINDOW_MISSING,
  newTermsFieldMessage,
  NO_RULE_TABLE,
  readDetectionRulesToml,
} from './detection_rules_toml';

const TOML_RULE = path.resolve(
  __dirname,
  '../../test/fixtures/rules/unusual_interactive_process.toml'
);
const OPTIONS = { ecsFields: ecsFieldTypes(), now: new Date('2026-12-01T00:00:00.000Z') };
const text = fs.readFileSync(TOML_RULE, 'utf8');

describe('readDetectionRulesToml', () => {
  it('turns the new_terms block into new_terms_fields and history_window_start', () => {
    const result = readDetectionRulesToml(text, OPTIONS);
    if (!result.ok) throw new Error(result.errors.join('; '));
    const { definition, kibana } = result.rule;
    expect(definition).toMatchObject({
      rule_id: 'container-interactive-shell-toml',
      new_terms_fields: ['process.parent.name'],
      history_window_start: 'now-5d',
      from: 'now-9m',
      interval: '5m',
      max_signals: 100,
      severity: 'medium',
      risk_score: 47,
      timestamp_override: 'event.ingested',
      index: ['logs-endpoint.events.process*'],
    });
    expect(definition.query).toContain('process.entry_leader.entry_meta.type:container');
    expect(definition.threat[0]?.technique?.[0]?.subtechnique?.[0]?.id).toBe('T1059.004');
    expect(kibana).not.toHaveProperty('new_terms');
    expect(kibana).not.toHaveProperty('metadata');
  });

  it('names what is wrong with the new_terms block', () => {
    const badField = text.replace('field = "new_terms_fields"', 'field = "fields"');
    expect(readDetectionRulesToml(badField, OPTIONS)).toEqual({
      ok: false,
      errors: [newTermsFieldMessage('fields')],
    });
    const noWindow = text.slice(0, text.indexOf('[[rule.new_terms.history_window_start]]'));
    expect(readDetectionRulesToml(noWindow, OPTIONS)).toEqual({
      ok: false,
      errors: [HISTORY_WINDOW_MISSING],
    });
    expect(readDetectionRulesToml('[metadata]\nmaturity = "production"\n', OPTIONS)).toEqual({
      ok: false,
      errors: [NO_RULE_TABLE],
    });
  });

  it("validates the rule as Kibana would, in Kibana's words", () => {
    const tooSoon = text.replace('value = "now-5d"', 'value = "now-5m"');
    const result = readDetectionRulesToml(tooSoon, OPTIONS);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/^History window size is smaller/);
  });

  it('reports a TOML syntax error with its line and column', () => {
    const result = readDetectionRulesToml('[rule]\nname = "unterminated\n', OPTIONS);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/^TOML syntax error at line 2, column \d+: /);
  });
});
