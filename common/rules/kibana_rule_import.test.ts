/**
 * A Kibana new_terms rule object, checked as Kibana's create route and import check it. The
 * expected messages are those Kibana's own tests and source state: zod's wording as
 * `stringifyZodError` joins path and message (`rule_request_schema.test.ts`), the rule type's
 * `parseDateString` / `validateHistoryWindowStart` (`rule_types/new_terms/utils.ts`), and the
 * create route's timeline checks (`request_schema_validation.ts`).
 */
import { ecsFieldTypes } from '../ecs/ecs_field_types';
import { kibanaCreateMock } from '../../test/helpers/rule_fixtures';
import {
  FILTERS_UNSUPPORTED,
  INDEX_REQUIRED,
  intervalUnsupported,
  LUCENE_UNSUPPORTED,
  parseKibanaRule,
  TIMELINE_ID_WITHOUT_TITLE,
  TIMELINE_TITLE_EMPTY,
  type KibanaRuleParseOptions,
} from './kibana_rule_import';
import { HISTORY_WINDOW_ERROR, parseRuleDefinition } from './rule_schema';

const NOW = new Date('2025-06-15T12:00:00.000Z');
const ECS = ecsFieldTypes();
const CREATE: KibanaRuleParseOptions = { mode: 'create', ecsFields: ECS, now: NOW };
const IMPORT: KibanaRuleParseOptions = { mode: 'import', ecsFields: ECS, now: NOW };

const kibanaMock = kibanaCreateMock;

const accepted = (input: Record<string, unknown>, options = CREATE) => {
  const result = parseKibanaRule(input, options);
  if (!result.ok) throw new Error(`expected the rule to be accepted: ${result.errors.join('; ')}`);
  return result.rule;
};

const errorsOf = (input: Record<string, unknown>, options = CREATE): readonly string[] => {
  const result = parseKibanaRule(input, options);
  if (result.ok) throw new Error('expected the rule to be refused');
  return result.errors;
};

describe('parseKibanaRule: what Kibana accepts', () => {
  it("accepts Kibana's mock and applies Kibana's defaults to what it leaves out", () => {
    const { definition } = accepted(kibanaMock());
    expect(definition).toMatchObject({
      rule_id: 'rule-1',
      to: 'now',
      max_signals: 100,
      version: 1,
      tags: [],
      threat: [],
      setup: '',
      references: [],
      author: [],
      false_positives: [],
      required_fields: [],
      related_integrations: [],
    });
    const { interval: _interval, from: _from, language: _language, ...bare } = kibanaMock();
    expect(accepted(bare).definition).toMatchObject({
      interval: '5m',
      from: 'now-6m',
      language: 'kuery',
    });
  });

  it('takes any rule_id, and generates one for a create request without it', () => {
    expect(accepted({ ...kibanaMock(), rule_id: 'my rule #1' }).definition.rule_id).toBe(
      'my rule #1'
    );
    const { rule_id: _ruleId, ...withoutId } = kibanaMock();
    expect(accepted(withoutId).definition.rule_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
    expect(errorsOf(withoutId, IMPORT)).toEqual([
      'rule_id: Invalid input: expected string, received undefined',
    ]);
  });

  it('drops keys Kibana does not know and keeps every Kibana field for export', () => {
    const kept = {
      actions: [
        { action_type_id: '.slack', group: 'default', id: 'slack-1', params: { message: 'hi' } },
      ],
      exceptions_list: [
        { id: 'e1', list_id: 'endpoint_list', type: 'endpoint', namespace_type: 'agnostic' },
      ],
      meta: { from: '1m', kibana_siem_app_url: 'https://kibana/app/security' },
      investigation_fields: { field_names: ['host.name'] },
      risk_score_mapping: [{ field: 'event.risk_score', operator: 'equals', value: '' }],
      building_block_type: 'default',
      throttle: '1h',
      alert_suppression: { group_by: ['host.name'], missing_fields_strategy: 'suppress' },
    };
    const { kibana } = accepted({ ...kibanaMock(), ...kept, madeUp: 'hi', saved_id: 'x' });
    expect(kibana).toMatchObject(kept);
    expect(kibana).not.toHaveProperty('madeUp');
    expect(kibana).not.toHaveProperty('saved_id');
  });

  it('accepts an empty query, absolute dates and response fields of an export', () => {
    expect(accepted({ ...kibanaMock(), query: '' }).definition.query).toBe('');
    const absolute = accepted({
      ...kibanaMock(),
      from: '2025-06-01T00:00:00.000Z',
      to: '2025-06-02T00:00:00.000Z',
      history_window_start: '2025-05-01T00:00:00.000Z',
    });
    expect(absolute.definition.from).toBe('2025-06-01T00:00:00.000Z');
    const exported = {
      ...kibanaMock(),
      id: '0b2a5d8e-7c35-4c1a-9a33-0d6e8e7e3b8a',
      created_at: '2025-06-01T10:00:00.000Z',
      updated_at: '2025-06-02T10:00:00.000Z',
      created_by: 'elastic',
      updated_by: 'elastic',
      revision: 3,
      immutable: false,
      rule_source: { type: 'internal' },
      required_fields: [
        { name: 'process.name', type: 'keyword', ecs: true },
        { name: 'custom.thing', type: 'keyword', ecs: true },
      ],
    };
    const { definition, kibana } = accepted(exported, IMPORT);
    expect(kibana).not.toHaveProperty('rule_source');
    // `ecs` is computed again, as Kibana's addEcsToRequiredFields does.
    expect(definition.required_fields).toEqual([
      { name: 'process.name', type: 'keyword', ecs: true },
      { name: 'custom.thing', type: 'keyword', ecs: false },
    ]);
  });

  it("migrates 8.10's investigation_fields list on import, as Kibana's import does", () => {
    expect(
      accepted({ ...kibanaMock(), investigation_fields: ['host.name'] }, IMPORT).kibana
        .investigation_fields
    ).toEqual({ field_names: ['host.name'] });
    expect(
      accepted({ ...kibanaMock(), investigation_fields: [] }, IMPORT).kibana
    ).not.toHaveProperty('investigation_fields');
  });

  it('gives a definition the engine accepts as its own', () => {
    const { definition } = accepted({
      ...kibanaMock(),
      rule_id: '11111111-2222-4333-8444-555555555555',
      threat: [
        {
          framework: 'MITRE ATT&CK',
          tactic: {
            id: 'TA0002',
            name: 'Execution',
            reference: 'https://attack.mitre.org/tactics/TA0002/',
          },
        },
      ],
    });
    expect(parseRuleDefinition(definition, { now: NOW })).toEqual({ ok: true, rule: definition });
  });
});

describe('parseKibanaRule: what Kibana refuses, in its words', () => {
  it.each([
    [
      { new_terms_fields: ['a', 'b', 'c', 'd'] },
      'new_terms_fields: Too big: expected array to have <=3 items',
    ],
    [{ new_terms_fields: [] }, 'new_terms_fields: Too small: expected array to have >=1 items'],
    [{ risk_score: undefined }, 'risk_score: Invalid input: expected number, received undefined'],
    [{ risk_score: 101 }, 'risk_score: Too big: expected number to be <=100'],
    [{ max_signals: 0 }, 'max_signals: Too small: expected number to be >=1'],
    [{ language: 'eql' }, 'language: Invalid option: expected one of "kuery"|"lucene"'],
    [{ history_window_start: ' ' }, 'history_window_start: No empty strings allowed'],
    [{ from: 'yesterday-ish' }, 'from: Failed to parse date-math expression'],
    [
      { investigation_fields: { field_names: [] } },
      'investigation_fields.field_names: Too small: expected array to have >=1 items',
    ],
  ])('%j → %s', (override, message) => {
    expect(errorsOf({ ...kibanaMock(), ...override })).toContain(message);
  });

  it("refuses a history window Kibana's rule type cannot parse or that is not before `from`", () => {
    expect(errorsOf({ ...kibanaMock(), history_window_start: 'now-7x' })).toEqual([
      "Failed to parse 'historyWindowStart'",
    ]);
    expect(errorsOf({ ...kibanaMock(), history_window_start: 'now-5m' })).toEqual([
      HISTORY_WINDOW_ERROR,
    ]);
  });

  it('refuses a timeline id without its title, and an empty title', () => {
    expect(errorsOf({ ...kibanaMock(), timeline_id: 'abc' })).toEqual([TIMELINE_ID_WITHOUT_TITLE]);
    expect(errorsOf({ ...kibanaMock(), timeline_id: 'abc', timeline_title: '' })).toEqual([
      TIMELINE_TITLE_EMPTY,
    ]);
  });

  it('checks the response fields of an exported rule when they are present', () => {
    expect(errorsOf({ ...kibanaMock(), id: 'not-a-uuid' }, IMPORT)).toEqual(['id: Invalid UUID']);
    expect(errorsOf({ ...kibanaMock(), created_at: 'Monday' }, IMPORT)).toEqual([
      'created_at: Invalid ISO datetime',
    ]);
  });
});

describe('parseKibanaRule: what this engine cannot run', () => {
  it('says so for Lucene, data views, filters and a schedule that is not a duration', () => {
    const { index: _index, ...withoutIndex } = kibanaMock();
    expect(errorsOf({ ...kibanaMock(), language: 'lucene' })).toEqual([LUCENE_UNSUPPORTED]);
    expect(errorsOf({ ...withoutIndex, data_view_id: 'logs-view' })).toEqual([INDEX_REQUIRED]);
    expect(errorsOf({ ...kibanaMock(), filters: [{ query: { match_all: {} } }] })).toEqual([
      FILTERS_UNSUPPORTED,
    ]);
    expect(errorsOf({ ...kibanaMock(), interval: '5 minutes' })).toEqual([
      intervalUnsupported('5 minutes'),
    ]);
  });
});
