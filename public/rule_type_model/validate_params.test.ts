/**
 * The browser's params check against the server's: for every input, the messages the rule form
 * shows are exactly those `validateRuleTypeParams` (server/kibana/rule_type_params.ts) throws,
 * so a user never sees the form accept what Kibana's alerting framework then refuses, or the reverse.
 */
import { NEW_TERMS_RULE_TYPE_ID } from '../../server/kibana/constants';
import { RuleParamsError, validateRuleTypeParams } from '../../server/kibana/rule_type_params';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { HISTORY_WINDOW_ERROR, MAX_NEW_TERMS_FIELDS } from '../../common/rules/rule_schema';
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID } from '../../common/rules/prebuilt/privileged_docker_container_creation';
import { RULE_TYPE_ID } from './constants';
import {
  checkNewTermsParams,
  FORM_PARAM_KEYS,
  hasParamErrors,
  REFERENCE_PARAM_KEYS,
  type ParamErrors,
} from './validate_params';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(PREBUILT_RULES.map((rule) => rule.rule_id));
const CUSTOM_RULE_ID = '4b4e1c84-2d0f-4c5e-9b51-0a0c6e8f1d22';

const [firstPrebuilt] = PREBUILT_RULES;
if (firstPrebuilt === undefined) throw new Error('the catalog has no rules');
/** A full custom definition the server accepts: a prebuilt rule's fields under a new rule_id. */
const customDefinition = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...(JSON.parse(JSON.stringify(firstPrebuilt)) as Record<string, unknown>),
  rule_id: CUSTOM_RULE_ID,
  ...overrides,
});

const browserErrors = (params: Record<string, unknown>): ParamErrors =>
  checkNewTermsParams(params, { knownRuleIds: KNOWN_RULE_IDS, now: NOW });

/** `key: message` for every message the browser shows. */
const browserMessages = (params: Record<string, unknown>): string[] =>
  Object.entries(browserErrors(params)).flatMap(([key, messages]) =>
    messages.map((message) => `${key}: ${message}`)
  );

/** The same for what the server throws on the params as saved (JSON), grouped per top-level param. */
const serverMessages = (params: Record<string, unknown>): string[] => {
  try {
    validateRuleTypeParams(JSON.parse(JSON.stringify(params)), NOW);
    return [];
  } catch (error) {
    if (!(error instanceof RuleParamsError)) throw error;
    const messages = error.errors.map(
      ({ path, message }) => `${path.split(/[.[]/)[0]}: ${message}`
    );
    return [...new Set(messages)];
  }
};

/** Same messages (the browser lists them per form field, so order may differ). */
const expectAgreement = (params: Record<string, unknown>, expected: readonly string[]): void => {
  expect([...browserMessages(params)].sort()).toEqual([...expected].sort());
  expect([...serverMessages(params)].sort()).toEqual([...expected].sort());
};

describe('checkNewTermsParams agrees with the server validator', () => {
  it('uses the server rule type id and reference keys', () => {
    expect(RULE_TYPE_ID).toBe(NEW_TERMS_RULE_TYPE_ID);
    expect(REFERENCE_PARAM_KEYS).toEqual(['rule_id', 'index', 'exceptions_list']);
  });

  it('accepts a prebuilt rule reference, with or without an index override', () => {
    expectAgreement({ rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID }, []);
    expectAgreement(
      { rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID, index: ['logs-custom-*'] },
      []
    );
  });

  it('ignores keys the form set to undefined, as JSON does when the rule is saved', () => {
    expectAgreement(
      {
        rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID,
        name: undefined,
        query: undefined,
        index: undefined,
      },
      []
    );
  });

  it('refuses a rule_id that names no prebuilt rule', () => {
    expectAgreement({ rule_id: '' }, ["rule_id: no prebuilt rule has rule_id ''"]);
    expectAgreement({ rule_id: 'nope' }, ["rule_id: no prebuilt rule has rule_id 'nope'"]);
    expectAgreement({ rule_id: 42 }, ["rule_id: no prebuilt rule has rule_id '42'"]);
  });

  it('refuses an empty or blank index override', () => {
    const message = 'index: index must be a non-empty array of index patterns';
    expectAgreement({ rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID, index: [] }, [
      message,
    ]);
    expectAgreement({ rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID, index: ['  '] }, [
      message,
    ]);
  });

  it('without the API list, checks only that a rule_id is given (the server still checks the catalog)', () => {
    expect(checkNewTermsParams({ rule_id: 'nope' }).rule_id).toEqual([]);
    expect(checkNewTermsParams({ rule_id: '' }).rule_id).toEqual([
      "no prebuilt rule has rule_id ''",
    ]);
  });

  it('accepts a complete custom definition', () => {
    expectAgreement(customDefinition(), []);
  });

  it(`refuses more than ${MAX_NEW_TERMS_FIELDS} new terms fields, none, and repeats`, () => {
    expectAgreement(customDefinition({ new_terms_fields: ['a', 'b', 'c', 'd'] }), [
      'new_terms_fields: new_terms_fields accepts at most 3 fields',
    ]);
    expectAgreement(customDefinition({ new_terms_fields: [] }), [
      'new_terms_fields: new_terms_fields must name at least 1 field',
    ]);
    expectAgreement(customDefinition({ new_terms_fields: ['a', 'a'] }), [
      'new_terms_fields: new_terms_fields must not repeat a field',
    ]);
  });

  it("refuses a history window that does not reach before 'from', with Kibana's message", () => {
    expectAgreement(customDefinition({ history_window_start: 'now-5m', from: 'now-6m' }), [
      `history_window_start: ${HISTORY_WINDOW_ERROR}`,
    ]);
    expectAgreement(customDefinition({ history_window_start: 'now-6m', from: 'now-6m' }), [
      `history_window_start: ${HISTORY_WINDOW_ERROR}`,
    ]);
  });

  it('refuses invalid date math', () => {
    expectAgreement(customDefinition({ history_window_start: 'last week' }), [
      `history_window_start: history_window_start is not valid date math: 'last week' (expected e.g. "now-14d")`,
    ]);
  });

  it('refuses empty required text, a bad severity, an out-of-range risk score and a missing one', () => {
    expectAgreement(customDefinition({ name: '', query: ' ' }), [
      'name: name must not be empty',
      'query: query must not be empty',
    ]);
    expectAgreement(customDefinition({ severity: 'severe' }), [
      'severity: severity must be one of low, medium, high, critical',
    ]);
    expectAgreement(customDefinition({ risk_score: 101 }), [
      'risk_score: risk_score must be between 0 and 100',
    ]);
    expectAgreement(customDefinition({ risk_score: undefined }), [
      'risk_score: risk_score must be a number',
    ]);
  });

  it('refuses an empty index list and an empty rule_id; any other rule_id text is Kibana-valid', () => {
    expectAgreement(customDefinition({ index: [] }), [
      'index: index must name at least 1 index pattern',
    ]);
    expectAgreement(customDefinition({ rule_id: '', query: 'x:1' }), [
      'rule_id: rule_id must be a non-empty string',
    ]);
    expectAgreement(customDefinition({ rule_id: 'my-rule', query: 'x:1' }), []);
  });

  it('names a misspelt key, so the form can show it', () => {
    expectAgreement(customDefinition({ new_term_fields: ['a'] }), [
      "new_term_fields: unknown field 'new_term_fields' is not part of a new_terms rule definition",
    ]);
  });

  it('reports every problem at once', () => {
    const params = { type: 'new_terms' };
    expect([...browserMessages(params)].sort()).toEqual([...serverMessages(params)].sort());
    expect(browserMessages(params)).toHaveLength(10);
  });
});

describe('the query', () => {
  it('refuses invalid KQL with its position, with the message a run would fail with', () => {
    expectAgreement(customDefinition({ query: 'process.name:(docker' }), [
      'query: Invalid query at line 1, column 21: Expected ")", AND, OR but end of input found.',
    ]);
  });

  it('gives the line and column in a multi-line query', () => {
    expectAgreement(customDefinition({ query: 'host.os.type:linux and\nprocess.name:(a or' }), [
      'query: Invalid query at line 2, column 19: Expected ")", AND, OR but end of input found.',
    ]);
  });

  it('accepts valid KQL and leaves an empty query to the required-field message', () => {
    expectAgreement(
      customDefinition({ query: 'process.name:docker and process.args:(run and --privileged)' }),
      []
    );
    expect(browserErrors(customDefinition({ query: '' })).query).toEqual(
      serverMessages(customDefinition({ query: '' })).map((line) => line.replace(/^query: /, ''))
    );
  });
});

describe('the error object', () => {
  it('has an empty list for every field the form shows, like Kibana rule types', () => {
    const errors = browserErrors({ rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID });
    expect(Object.keys(errors)).toEqual([...FORM_PARAM_KEYS]);
    expect(hasParamErrors(errors)).toBe(false);
  });

  it('groups nested paths under their param and drops repeated messages', () => {
    const errors = browserErrors(customDefinition({ index: ['', ' '] }));
    expect(errors.index).toEqual(['index pattern must not be empty']);
    expect(hasParamErrors(errors)).toBe(true);
  });
});
