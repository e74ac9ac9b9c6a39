import {
  DEFAULT_FROM,
  DEFAULT_INTERVAL,
  DEFAULT_MAX_SIGNALS,
  FROM_AFTER_TO_ERROR,
  formatPath,
  formatRuleErrors,
  HISTORY_WINDOW_ERROR,
  newTermsRuleSchema,
  parseRuleDefinition,
} from './rule_schema';
import type { NewTermsRuleInput, RuleValidationError } from './rule_schema';

const NOW = new Date('2025-06-15T12:00:00.000Z');

/** The smallest valid input: everything else has a Kibana default. */
const minimalRule = (): NewTermsRuleInput => ({
  rule_id: '11111111-2222-4333-8444-555555555555',
  name: 'Test rule',
  description: 'A rule used by tests.',
  type: 'new_terms',
  language: 'kuery',
  index: ['logs-*'],
  query: 'event.category:process\n',
  new_terms_fields: ['host.name'],
  history_window_start: 'now-7d',
  risk_score: 21,
  severity: 'low',
});

const errorsFor = (overrides: Record<string, unknown>): RuleValidationError[] => {
  const result = parseRuleDefinition({ ...minimalRule(), ...overrides }, { now: NOW });
  if (result.ok) throw new Error(`expected ${JSON.stringify(overrides)} to be rejected`);
  return result.errors;
};

/** Asserts one error at `path` whose message (and formatted line) names the problem. */
const expectSingleError = (
  overrides: Record<string, unknown>,
  path: string,
  messagePart: string
) => {
  const errors = errorsFor(overrides);
  expect(errors).toEqual([{ path, message: expect.stringContaining(messagePart) as unknown }]);
  expect(formatRuleErrors(errors)).toContain(`${path}: `);
};

describe('parseRuleDefinition: accepting', () => {
  it('applies Kibana defaults', () => {
    const result = parseRuleDefinition(minimalRule(), { now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rule).toMatchObject({
      from: DEFAULT_FROM,
      to: 'now',
      interval: DEFAULT_INTERVAL,
      max_signals: DEFAULT_MAX_SIGNALS,
      version: 1,
      tags: [],
      threat: [],
      setup: '',
      required_fields: [],
      related_integrations: [],
      references: [],
      false_positives: [],
      author: [],
    });
    expect(result.rule.note).toBeUndefined();
    expect(result.rule.timestamp_override).toBeUndefined();
  });

  it('keeps strings byte for byte (no trimming of the query)', () => {
    const result = parseRuleDefinition({ ...minimalRule(), query: '  a:b\n' }, { now: NOW });
    expect(result.ok && result.rule.query).toBe('  a:b\n');
  });

  it('accepts 3 new-terms fields, ISO anchors and the optional fields', () => {
    const result = parseRuleDefinition(
      {
        ...minimalRule(),
        new_terms_fields: ['host.name', 'user.name', 'process.name'],
        history_window_start: '2025-06-01T00:00:00Z',
        timestamp_override: 'event.ingested',
        timestamp_override_fallback_disabled: true,
        license: 'Elastic License v2',
        related_integrations: [{ package: 'endpoint', version: '^8.2.0', integration: 'endpoint' }],
        references: ['https://example.com/ref'],
      },
      { now: NOW }
    );
    expect(result.ok).toBe(true);
  });
});

describe('parseRuleDefinition: rejecting', () => {
  it('more than 3 new-terms fields', () => {
    expectSingleError(
      { new_terms_fields: ['a', 'b', 'c', 'd'] },
      'new_terms_fields',
      'new_terms_fields accepts at most 3'
    );
  });

  it('no new-terms field', () => {
    expectSingleError(
      { new_terms_fields: [] },
      'new_terms_fields',
      'new_terms_fields must name at least 1'
    );
  });

  it('a repeated new-terms field', () => {
    expectSingleError(
      { new_terms_fields: ['a', 'a'] },
      'new_terms_fields',
      'new_terms_fields must not repeat'
    );
  });

  it('a history window that starts at or after from (Kibana message)', () => {
    expectSingleError(
      { history_window_start: 'now-6m' },
      'history_window_start',
      HISTORY_WINDOW_ERROR
    );
    expectSingleError(
      { history_window_start: 'now-1m', from: 'now-9m' },
      'history_window_start',
      HISTORY_WINDOW_ERROR
    );
  });

  it('a history window compared with the defaulted from', () => {
    expectSingleError(
      { history_window_start: 'now-5m' },
      'history_window_start',
      "'historyWindowStart' must be earlier than 'from'"
    );
  });

  it('bad date math in history_window_start, from and to', () => {
    const path = 'history_window_start';
    expectSingleError(
      { history_window_start: 'now-14x' },
      path,
      "history_window_start is not valid date math: 'now-14x'"
    );
    expectSingleError(
      { history_window_start: 'two weeks ago' },
      path,
      'history_window_start is not valid date math'
    );
    expectSingleError({ from: 'now-9' }, 'from', "from is not valid date math: 'now-9'");
    expectSingleError({ to: 'later' }, 'to', 'to is not valid date math');
  });

  it('from at or after to', () => {
    expectSingleError({ from: 'now+1m' }, 'from', FROM_AFTER_TO_ERROR);
  });

  it('a bad interval', () => {
    expectSingleError(
      { interval: '5 minutes' },
      'interval',
      "interval is not a valid duration: '5 minutes'"
    );
    expectSingleError({ interval: '0m' }, 'interval', 'interval is not a valid duration');
    expectSingleError({ interval: 300 }, 'interval', 'interval must be a duration string');
  });

  it('a bad severity', () => {
    expectSingleError(
      { severity: 'severe' },
      'severity',
      'severity must be one of low, medium, high, critical'
    );
  });

  it('a risk score out of range or fractional', () => {
    expectSingleError({ risk_score: 101 }, 'risk_score', 'risk_score must be between 0 and 100');
    expectSingleError({ risk_score: -1 }, 'risk_score', 'risk_score must be between 0 and 100');
    expectSingleError({ risk_score: 47.5 }, 'risk_score', 'risk_score must be an integer');
  });

  it('max_signals below 1', () => {
    expectSingleError({ max_signals: 0 }, 'max_signals', 'max_signals must be at least 1');
  });

  it('a wrong type, language or rule_id', () => {
    expectSingleError({ type: 'query' }, 'type', "type must be 'new_terms'");
    expectSingleError({ language: 'lucene' }, 'language', "language must be 'kuery'");
    expectSingleError({ rule_id: '' }, 'rule_id', 'rule_id must be a non-empty string');
    expectSingleError({ rule_id: 7 }, 'rule_id', 'rule_id must be a non-empty string');
  });

  it('an empty index list or query', () => {
    expectSingleError({ index: [] }, 'index', 'index must name at least 1');
    expectSingleError({ query: ' \n' }, 'query', 'query must not be empty');
  });

  it('a misspelt field, pointing at the key', () => {
    expectSingleError(
      { new_term_fields: ['a'] },
      'new_term_fields',
      "unknown field 'new_term_fields'"
    );
  });

  it('malformed MITRE entries with the nested path', () => {
    const threat = [
      {
        framework: 'MITRE ATT&CK',
        tactic: {
          id: 'TA0002',
          name: 'Execution',
          reference: 'https://attack.mitre.org/tactics/TA0002/',
        },
        technique: [
          { id: 'T1059', name: 'Command and Scripting Interpreter', reference: 'not a url' },
        ],
      },
    ];
    const referencePath = 'threat[0].technique[0].reference';
    expectSingleError(
      { threat },
      referencePath,
      'MITRE technique reference must be an http(s) URL'
    );
    const [first] = threat;
    if (first === undefined) throw new Error('the fixture holds one threat');
    const badId = [{ ...first, technique: [], tactic: { ...first.tactic, id: 'T0002' } }];
    expectSingleError(
      { threat: badId },
      'threat[0].tactic.id',
      'MITRE tactic id must look like TA0002'
    );
  });

  it('a missing required field', () => {
    const { query: _query, ...withoutQuery } = minimalRule();
    const result = parseRuleDefinition(withoutQuery, { now: NOW });
    expect(result).toEqual({
      ok: false,
      errors: [{ path: 'query', message: 'query must be a string' }],
    });
  });

  it('a non-object input', () => {
    const result = parseRuleDefinition('rule', { now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe('(root)');
  });

  it('reports field errors and window errors together', () => {
    const errors = errorsFor({ severity: 'nope', history_window_start: 'now-1m' });
    expect(errors.map((error) => error.path).sort()).toEqual(['history_window_start', 'severity']);
  });
});

describe('newTermsRuleSchema', () => {
  it('enforces the history window on its own too', () => {
    const result = newTermsRuleSchema.safeParse({
      ...minimalRule(),
      history_window_start: 'now-1m',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['history_window_start'], message: HISTORY_WINDOW_ERROR }),
    ]);
  });
});

describe('formatPath', () => {
  it('renders array indices in brackets', () => {
    expect(formatPath(['threat', 0, 'technique', 1, 'id'])).toBe('threat[0].technique[1].id');
    expect(formatPath([])).toBe('(root)');
  });
});
