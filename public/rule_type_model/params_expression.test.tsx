/** @jest-environment jsdom */
/**
 * The params editor as Kibana's rule form renders it (lazy, inside Suspense, merge-only
 * setRuleParams, validate after every change), listing prebuilt rules from the real API in process.
 * Every params object the editor produces is handed to the server's validator
 * (`validateRuleTypeParams`, server/kibana/rule_type_params.ts) to prove the two agree.
 */
import '../application/pages/alerts/test_support/jsdom_shims';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { RuleParamsError, validateRuleTypeParams } from '../../server/kibana/rule_type_params';
import { HISTORY_WINDOW_ERROR } from '../../common/rules/rule_schema';
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID } from '../../common/rules/prebuilt/privileged_docker_container_creation';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import {
  failingTransport,
  inProcessApi,
  type InProcessApi,
} from '../../test/helpers/in_process_api';
import type { HttpTransport } from '../application/api_client';
import { act } from '../test_support/act';
import { PARAMS_ROOT_KEY, VALIDATION_PENDING_MESSAGE } from './params_validator';
import { createNewTermsRuleTypeModel } from './rule_type_model';
import {
  kibanaHttpOver,
  renderRuleForm,
  type RuleFormHarness,
} from './test_support/rule_form_harness';

const PRIVILEGED = PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID;

const renderEditor = (transport: HttpTransport, params = {}, interval = '5m'): RuleFormHarness =>
  renderRuleForm(
    createNewTermsRuleTypeModel({ http: kibanaHttpOver(transport) }),
    params,
    interval
  );

/** Waits for the lazy editor and the prebuilt list (the select stops loading). */
const editorReady = async (): Promise<HTMLSelectElement> => {
  const select = await screen.findByTestId<HTMLSelectElement>('ctdPrebuiltRuleSelect');
  await waitFor(() => expect(select.options.length).toBeGreaterThan(PREBUILT_RULES.length - 1));
  return select;
};

const serverAccepts = (form: RuleFormHarness) => validateRuleTypeParams(form.savedParams());

const serverMessages = (form: RuleFormHarness): string[] => {
  try {
    validateRuleTypeParams(form.savedParams());
    return [];
  } catch (error) {
    if (error instanceof RuleParamsError) return error.errors.map((problem) => problem.message);
    throw error;
  }
};

const typeText = (testSubj: string, value: string) =>
  fireEvent.change(screen.getByTestId(testSubj), { target: { value } });

/** Types values into an EuiComboBox and confirms each with Enter (onCreateOption). */
const addListValues = (testSubj: string, values: readonly string[]) => {
  const input = within(screen.getByTestId(testSubj)).getByTestId('comboBoxSearchInput');
  for (const value of values) {
    fireEvent.change(input, { target: { value } });
    fireEvent.keyDown(input, { key: 'Enter' });
  }
};

const chooseCustom = () => fireEvent.click(screen.getByLabelText('Custom new terms rule'));

const fillCustomDefinition = () => {
  typeText('ctdCustomName', 'Shell spawned by a web server in a container');
  typeText(
    'ctdCustomDescription',
    'A web server process started an interactive shell for the first time.'
  );
  addListValues('ctdCustomIndex', ['logs-endpoint.events.process*']);
  typeText('ctdCustomQuery', 'event.category:process and process.name:(bash or sh)');
  addListValues('ctdCustomNewTermsFields', ['process.parent.executable', 'container.image.name']);
};

describe('the new terms params editor', () => {
  let server: InProcessApi;
  beforeEach(async () => {
    server = await inProcessApi();
  });
  afterEach(async () => {
    await act(() => server.idle());
    await server.close();
  });

  it('starts a new rule with the prebuilt choice, listing the rules the API returns', async () => {
    const form = renderEditor(server.transport);
    const select = await editorReady();
    const offered = Array.from(select.options, (option) => option.value).filter(
      (value) => value !== ''
    );
    expect(offered.sort()).toEqual(PREBUILT_RULES.map((rule) => rule.rule_id).sort());
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/container_threat_detection/rules',
    ]);
    expect(form.params()).toEqual({ rule_id: '' });
    // Nothing chosen yet: saving is blocked, but no message is shown before the user acts.
    expect(form.errors()).toMatchObject({ rule_id: ["no prebuilt rule has rule_id ''"] });
    expect(form.hasErrors()).toBe(true);
    expect(screen.queryByText("no prebuilt rule has rule_id ''")).toBeNull();

    fireEvent.change(select, { target: { value: PRIVILEGED } });
    expect(form.params()).toEqual({ rule_id: PRIVILEGED });
    expect(form.hasErrors()).toBe(false);
    expect(serverAccepts(form)).toEqual({ rule_id: PRIVILEGED });
  });

  it("validates again once its checks are loaded (Kibana's first run found them pending)", async () => {
    const form = renderEditor(server.transport, { rule_id: PRIVILEGED });
    expect(form.errors()).toEqual({ [PARAMS_ROOT_KEY]: [VALIDATION_PENDING_MESSAGE] });
    expect(form.hasErrors()).toBe(true);
    await editorReady();
    await waitFor(() => expect(form.hasErrors()).toBe(false));
    expect(form.params()).toEqual({ rule_id: PRIVILEGED });
    // Once on mount, once after the list arrived: the flyout's new setRuleParams per render causes no loop.
    expect(form.validations()).toBe(3);
  });

  it('sets and clears an index override of a prebuilt rule', async () => {
    const form = renderEditor(server.transport, { rule_id: PRIVILEGED });
    await editorReady();
    addListValues('ctdPrebuiltIndexInput', ['logs-endpoint.events.process-team-a*']);
    expect(form.savedParams()).toEqual({
      rule_id: PRIVILEGED,
      index: ['logs-endpoint.events.process-team-a*'],
    });
    expect(form.hasErrors()).toBe(false);
    expect(serverAccepts(form)).toEqual({
      rule_id: PRIVILEGED,
      index: ['logs-endpoint.events.process-team-a*'],
    });

    fireEvent.click(
      within(screen.getByTestId('ctdPrebuiltIndexInput')).getByTestId('comboBoxClearButton')
    );
    expect(form.savedParams()).toEqual({ rule_id: PRIVILEGED });
    expect(serverAccepts(form)).toEqual({ rule_id: PRIVILEGED });
  });

  it('builds a custom definition the server accepts', async () => {
    const form = renderEditor(server.transport);
    await editorReady();
    chooseCustom();
    expect(form.hasErrors()).toBe(true);
    fillCustomDefinition();
    expect(form.errors()).toEqual(
      Object.fromEntries(Object.keys(form.errors()).map((key) => [key, []]))
    );
    expect(form.hasErrors()).toBe(false);

    const accepted = serverAccepts(form);
    expect(accepted).toMatchObject({
      type: 'new_terms',
      language: 'kuery',
      name: 'Shell spawned by a web server in a container',
      index: ['logs-endpoint.events.process*'],
      query: 'event.category:process and process.name:(bash or sh)',
      new_terms_fields: ['process.parent.executable', 'container.image.name'],
      history_window_start: 'now-7d',
      from: 'now-6m',
      severity: 'low',
      risk_score: 21,
    });
    expect(form.savedParams().rule_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
  });

  it("shows the server's messages: at most 3 new terms fields, the history window, severity and risk", async () => {
    const form = renderEditor(server.transport);
    await editorReady();
    chooseCustom();
    fillCustomDefinition();
    addListValues('ctdCustomNewTermsFields', ['host.name', 'user.name']);
    expect(screen.getByText('new_terms_fields accepts at most 3 fields')).toBeTruthy();
    expect(serverMessages(form)).toEqual(['new_terms_fields accepts at most 3 fields']);

    typeText('ctdCustomHistoryWindowStart', 'now-1m');
    expect(screen.getByText(HISTORY_WINDOW_ERROR)).toBeTruthy();
    expect(serverMessages(form)).toContain(HISTORY_WINDOW_ERROR);

    typeText('ctdCustomRiskScore', '');
    expect(screen.getByText('risk_score must be a number')).toBeTruthy();
    expect(serverMessages(form)).toContain('risk_score must be a number');
    expect(form.hasErrors()).toBe(true);
  });

  it("shows a KQL syntax error with its position, as the rule's run would report it", async () => {
    renderEditor(server.transport);
    await editorReady();
    chooseCustom();
    fillCustomDefinition();
    typeText('ctdCustomQuery', 'event.category:process and process.name:(bash');
    expect(
      screen.getByText(
        'Invalid query at line 1, column 46: Expected ")", AND, OR but end of input found.'
      )
    ).toBeTruthy();
  });

  it('edits a saved custom definition in place, keeping fields it shows no input for', async () => {
    const [saved] = PREBUILT_RULES;
    if (saved === undefined) throw new Error('no prebuilt rule');
    const params = {
      ...(JSON.parse(JSON.stringify(saved)) as Record<string, unknown>),
      rule_id: '0b5f9a5e-8e43-4d55-9a1f-3c1a6f0e2b7d',
    };
    const form = renderEditor(server.transport, params);
    await screen.findByTestId('ctdCustomName');
    await waitFor(() => expect(form.hasErrors()).toBe(false));
    expect(screen.getByTestId<HTMLInputElement>('ctdCustomName').value).toBe(saved.name);
    typeText('ctdCustomName', 'My copy');
    expect(serverAccepts(form)).toMatchObject({
      name: 'My copy',
      threat: saved.threat,
      note: saved.note,
    });
  });

  it('lists problems with params the form has no field for (a misspelt key)', async () => {
    const [saved] = PREBUILT_RULES;
    if (saved === undefined) throw new Error('no prebuilt rule');
    const params = {
      ...(JSON.parse(JSON.stringify(saved)) as Record<string, unknown>),
      rule_id: '0b5f9a5e-8e43-4d55-9a1f-3c1a6f0e2b7d',
      new_term_fields: ['a'],
    };
    const form = renderEditor(server.transport, params);
    const callout = await screen.findByTestId('ctdOtherParamErrors');
    expect(
      within(callout).getByText(
        "new_term_fields: unknown field 'new_term_fields' is not part of a new_terms rule definition"
      )
    ).toBeTruthy();
    expect(form.hasErrors()).toBe(true);
  });

  it('switches back to a prebuilt rule, dropping every custom key from what is saved', async () => {
    const form = renderEditor(server.transport);
    await editorReady();
    chooseCustom();
    fillCustomDefinition();
    fireEvent.click(screen.getByLabelText('Prebuilt rule'));
    expect(form.savedParams()).toEqual({ rule_id: '' });
    fireEvent.change(await screen.findByTestId('ctdPrebuiltRuleSelect'), {
      target: { value: PRIVILEGED },
    });
    expect(form.savedParams()).toEqual({ rule_id: PRIVILEGED });
    expect(serverAccepts(form)).toEqual({ rule_id: PRIVILEGED });
  });

  it('refuses a prebuilt rule_id the API no longer lists, with the server message', async () => {
    const form = renderEditor(server.transport, { rule_id: 'retired-rule' });
    await editorReady();
    await waitFor(() =>
      expect(form.errors()).toMatchObject({
        rule_id: ["no prebuilt rule has rule_id 'retired-rule'"],
      })
    );
    expect(screen.getByText("no prebuilt rule has rule_id 'retired-rule'")).toBeTruthy();
    expect(screen.getByText('retired-rule (not in the prebuilt catalog)')).toBeTruthy();
    expect(serverMessages(form)).toEqual(["no prebuilt rule has rule_id 'retired-rule'"]);
  });

  it('says why the prebuilt list is missing when the API refuses', async () => {
    renderEditor(
      failingTransport(
        403,
        'API [GET /api/container_threat_detection/rules] is unauthorized for user'
      )
    );
    const callout = await screen.findByTestId('ctdPrebuiltRulesError');
    expect(within(callout).getByText('Could not load the prebuilt rules')).toBeTruthy();
    expect(
      within(callout).getByText(
        'API [GET /api/container_threat_detection/rules] is unauthorized for user'
      )
    ).toBeTruthy();
  });

  it("mentions the rule's schedule next to the look-back", async () => {
    renderEditor(server.transport, {}, '15m');
    await editorReady();
    chooseCustom();
    expect(screen.getByText(/The rule runs every 15m/)).toBeTruthy();
  });
});
