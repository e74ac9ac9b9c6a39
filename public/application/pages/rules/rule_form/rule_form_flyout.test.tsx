/** @jest-environment jsdom */
/**
 * The rule form's alert suppression settings against the real API in process: an edit shows a
 * rule's suppression and saves it back unchanged, and a new rule's suppression is checked beside
 * its controls before it is created.
 */
import '../../alerts/test_support/jsdom_shims';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { inProcessApi, type InProcessApi } from '../../../../../test/helpers/in_process_api';
import { kibanaCreateMock } from '../../../../../test/helpers/rule_fixtures';
import { renderUi } from '../../../../../test/helpers/render_ui';
import type { RuleSummary } from '../../../api_client';
import { DAY, EventFactory } from '../../../../../test/differential/new_terms_scenarios';
import { ingestObjects } from '../../../../../test/helpers/memory_store';
import { RuleFormFlyout, type RuleBeingEdited } from './rule_form_flyout';

/** Saving parses the rule and writes it to the store: more than a second on a busy machine. */
const SLOW = { timeout: 10_000 };

const SUPPRESSION = {
  group_by: ['host.name', 'user.name'],
  duration: { value: 30, unit: 'm' },
  missing_fields_strategy: 'doNotSuppress',
};

const input = (subj: string): HTMLInputElement => screen.getByTestId(subj);
/** A radio button of a group, by the data-test-subj of its option. */
const radio = (subj: string): HTMLInputElement =>
  within(screen.getByTestId(subj)).getByRole('radio');
const addTo = (subj: string, value: string) => {
  const combo = within(screen.getByTestId(subj)).getByRole('combobox');
  fireEvent.change(combo, { target: { value } });
  fireEvent.keyDown(combo, { key: 'Enter' });
};
/** The text of the form row holding a control (its label, the control, its problems). */
const rowText = (subj: string): string =>
  screen.getByTestId(subj).closest('.euiFormRow')?.textContent ?? '';
const pills = (subj: string): string[] =>
  within(screen.getByTestId(subj))
    .queryAllByTestId('euiComboBoxPill')
    .map((pill) => pill.textContent ?? '');

describe('RuleFormFlyout: alert suppression', () => {
  let server: InProcessApi;
  beforeEach(async () => {
    server = await inProcessApi();
  });
  afterEach(() => server.close());

  const renderForm = (editing?: RuleBeingEdited) => {
    const saved: RuleSummary[] = [];
    renderUi(
      <RuleFormFlyout
        api={server.api}
        {...(editing ? { editing } : {})}
        onClose={() => undefined}
        onSaved={(rule) => saved.push(rule)}
      />
    );
    return saved;
  };

  it("shows a rule's suppression settings and saves them back unchanged", async () => {
    await server.api.createRule({
      ...kibanaCreateMock(),
      rule_id: 'suppressing',
      index: ['logs-*'],
      alert_suppression: SUPPRESSION,
    });
    const { kibana } = await server.api.getRule('suppressing');
    const saved = renderForm({ ruleId: 'suppressing', kibana });

    expect(pills('ctdRuleFormSuppressionFields')).toEqual(['host.name', 'user.name']);
    expect(radio('ctdSuppressionPerTimePeriod').checked).toBe(true);
    expect(radio('ctdSuppressionPerExecution').checked).toBe(false);
    expect(input('ctdRuleFormSuppressionDurationValue').value).toBe('30');
    expect(input('ctdRuleFormSuppressionDurationUnit').value).toBe('m');
    expect(radio('ctdSuppressionMissing-doNotSuppress').checked).toBe(true);
    expect(screen.getByText('If a suppression field is missing').tagName).toBe('LEGEND');

    fireEvent.change(screen.getByTestId('ctdRuleFormName'), { target: { value: 'Renamed' } });
    fireEvent.click(screen.getByTestId('ctdRuleFormSave'));
    await waitFor(() => expect(saved).toHaveLength(1), SLOW);
    const after = await server.api.getRule('suppressing');
    expect(after.kibana).toMatchObject({ name: 'Renamed', alert_suppression: SUPPRESSION });
    expect(after.definition.alert_suppression).toEqual(SUPPRESSION);
  });

  it("creates a rule with suppression, its problems beside the settings until they're fixed", async () => {
    const saved = renderForm();
    fireEvent.change(screen.getByTestId('ctdRuleFormName'), { target: { value: 'Shells' } });
    fireEvent.change(screen.getByTestId('ctdRuleFormDescription'), {
      target: { value: 'A shell not seen on this host' },
    });
    fireEvent.change(screen.getByTestId('ctdRuleFormQuery'), {
      target: { value: 'process.interactive : true' },
    });
    addTo('ctdRuleFormIndex', 'logs-*');
    addTo('ctdRuleFormNewTermsFields', 'process.name');

    // Off until a field to suppress by is chosen.
    expect(radio('ctdSuppressionPerExecution').checked).toBe(true);
    expect(radio('ctdSuppressionPerExecution').disabled).toBe(true);
    expect(radio('ctdSuppressionMissing-suppress').checked).toBe(true);
    expect(radio('ctdSuppressionMissing-suppress').disabled).toBe(true);
    for (const field of ['host.name', 'user.name', 'container.id', 'process.parent.name'])
      addTo('ctdRuleFormSuppressionFields', field);
    expect(radio('ctdSuppressionPerExecution').disabled).toBe(false);
    expect(input('ctdRuleFormSuppressionDurationValue').disabled).toBe(true);
    fireEvent.click(radio('ctdSuppressionPerTimePeriod'));
    expect(input('ctdRuleFormSuppressionDurationValue').disabled).toBe(false);
    fireEvent.change(input('ctdRuleFormSuppressionDurationValue'), { target: { value: '0' } });
    fireEvent.click(radio('ctdSuppressionMissing-doNotSuppress'));

    fireEvent.click(screen.getByTestId('ctdRuleFormSaveDisabled'));
    // Each beside its control, none in the form-wide callout.
    await waitFor(() =>
      expect(rowText('ctdRuleFormSuppressionFields')).toContain(
        'alert_suppression.group_by: Too big: expected array to have <=3 items'
      )
    );
    expect(rowText('ctdRuleFormSuppressionDuration')).toContain(
      'alert_suppression.duration.value: Too small: expected number to be >=1'
    );
    expect(rowText('ctdRuleFormSuppressionDuration')).not.toContain('group_by');
    expect(screen.queryByTestId('ctdRuleFormProblems')).toBeNull();
    expect(saved).toHaveLength(0);

    fireEvent.click(
      screen.getByLabelText('Remove process.parent.name from selection in this group')
    );
    fireEvent.change(input('ctdRuleFormSuppressionDurationValue'), { target: { value: '2' } });
    fireEvent.change(input('ctdRuleFormSuppressionDurationUnit'), { target: { value: 'h' } });
    await waitFor(() => expect(screen.queryByText(/^alert_suppression\./)).toBeNull());
    fireEvent.click(screen.getByTestId('ctdRuleFormSaveDisabled'));
    await waitFor(() => expect(saved).toHaveLength(1), SLOW);
    const created = await server.api.getRule(saved[0]?.rule_id ?? '');
    expect(created.definition.alert_suppression).toEqual({
      group_by: ['host.name', 'user.name', 'container.id'],
      duration: { value: 2, unit: 'h' },
      missing_fields_strategy: 'doNotSuppress',
    });
  });

  it('previews the edited rule on the stored history before saving it', async () => {
    const factory = new EventFactory('form-preview');
    const now = Date.now();
    await ingestObjects(server.store, [
      factory.interactive(now - 3 * DAY, 'ls'),
      factory.interactive(now - DAY, 'nc', { user: 'svc' }),
      factory.interactive(now - DAY + 60_000, 'socat'),
    ]);
    await server.api.createRule(
      {
        ...kibanaCreateMock(),
        rule_id: 'previewed',
        index: [factory.index],
        query: 'process.interactive : true',
        new_terms_fields: ['process.name'],
      },
      true
    );
    const { kibana } = await server.api.getRule('previewed');
    const saved = renderForm({ ruleId: 'previewed', kibana });
    fireEvent.change(screen.getByTestId('ctdRuleFormQuery'), {
      target: { value: 'process.interactive : true and not user.name : svc' },
    });
    fireEvent.click(screen.getByTestId('ctdRuleFormPreview'));
    const summary = await screen.findByTestId('ctdHistoryPreviewSummary', {}, SLOW);
    expect(summary.textContent).toMatch(/alerts? now, \d+ with these changes/);
    expect(screen.getByTestId('ctdHistoryPreviewRemoved').textContent).toContain('nc');
    expect(saved).toEqual([]);
    expect((await server.api.getRule('previewed')).definition.query).toBe(
      'process.interactive : true'
    );
  });
});
