/**
 * Create or edit a new_terms rule. The form checks what the server checks as the user types
 * (rule_form_state.ts); a field shows its problems once touched, or all of them after a save
 * attempt. The server's answer is the last word: its per-field problems land beside the fields.
 */
import { useMemo, useState } from 'react';
import {
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiFieldNumber,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiForm,
  EuiFormRow,
  EuiSelect,
  EuiSpacer,
  EuiTextArea,
  EuiTitle,
  useGeneratedHtmlId,
} from '@elastic/eui';
import { MAX_NEW_TERMS_FIELDS, RULE_SEVERITIES } from '../../../../../common/rules/rule_schema';
import { StringListInput } from '../../../../rule_type_model/string_list_input';
import type { ApiClient, RuleSummary } from '../../../api_client';
import type { HistoryPreview } from '../../../../../common/api/preview_api';
import { HistoryPreviewPanel } from '../../../components/history_preview_panel';
import { ApiError } from '../../../api_error';
import { errorMessage } from '../../../components/page_state';
import { toError } from '../../../components/use_api_call';
import { MitreRowsEditor } from './mitre_rows_editor';
import {
  EMPTY_RULE_FORM,
  fieldOfParameter,
  hasProblems,
  kibanaRuleOfForm,
  problemsOf,
  ruleFormOf,
  ruleFormProblems,
  suppressionPartOf,
  type RuleFormField,
  type RuleFormProblems,
  type RuleFormState,
  type SuppressionPart,
} from './rule_form_state';
import { SuppressionFields } from './suppression_fields';

export interface RuleBeingEdited {
  readonly ruleId: string;
  /** The rule in Kibana's form (GET /rules/{rule_id}): fields the form does not show are kept. */
  readonly kibana: Readonly<Record<string, unknown>>;
}

export interface RuleFormFlyoutProps {
  readonly api: ApiClient;
  /** Omitted to create a rule. */
  readonly editing?: RuleBeingEdited;
  readonly onClose: () => void;
  readonly onSaved: (rule: RuleSummary) => void;
}

const SEVERITY_OPTIONS = RULE_SEVERITIES.map((severity) => ({ value: severity, text: severity }));
const NO_PROBLEMS: RuleFormProblems = { fields: {}, other: [] };

/** The server's refusal as form problems: per-parameter ones beside their fields. */
const serverProblems = (error: unknown): RuleFormProblems => {
  if (!(error instanceof ApiError) || error.errors.length === 0)
    return { fields: {}, other: [errorMessage(toError(error))] };
  return problemsOf(
    error.errors.map(({ path, message }) => {
      const field = fieldOfParameter(path);
      return field === undefined ? { message } : { message, field };
    })
  );
};

export const RuleFormFlyout = ({ api, editing, onClose, onSaved }: RuleFormFlyoutProps) => {
  const base = useMemo(() => editing?.kibana ?? {}, [editing]);
  const [form, setForm] = useState<RuleFormState>(() =>
    editing ? ruleFormOf(editing.kibana) : EMPTY_RULE_FORM
  );
  const [touched, setTouched] = useState<ReadonlySet<RuleFormField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [fromServer, setFromServer] = useState<RuleFormProblems>(NO_PROBLEMS);
  const problems = useMemo(() => ruleFormProblems(form, base), [form, base]);
  const titleId = useGeneratedHtmlId({ prefix: 'ctdRuleFormTitle' });

  const [previewing, setPreviewing] = useState(false);
  const [preview, setPreview] = useState<HistoryPreview | undefined>();

  const change = (update: Partial<RuleFormState>) => {
    setForm((current) => ({ ...current, ...update }));
    setFromServer(NO_PROBLEMS);
    setPreview(undefined);
  };
  const touch = (field: RuleFormField) => setTouched((current) => new Set(current).add(field));
  const shown = (field: RuleFormField): readonly string[] => [
    ...(submitted || touched.has(field) ? (problems.fields[field] ?? []) : []),
    ...(fromServer.fields[field] ?? []),
  ];
  const row = (field: RuleFormField) => {
    const messages = shown(field);
    return { fullWidth: true, isInvalid: messages.length > 0, error: [...messages] };
  };
  const invalid = (field: RuleFormField) => shown(field).length > 0;
  /** The `alert_suppression` problems about one of its controls. */
  const suppressionProblems = (part: SuppressionPart): string[] =>
    shown('alert_suppression').filter((message) => suppressionPartOf(message) === part);

  const save = async (enable: boolean) => {
    setSubmitted(true);
    if (hasProblems(problems)) return;
    setSaving(true);
    try {
      const rule = kibanaRuleOfForm(form, base);
      const saved = editing
        ? await api.updateRule(editing.ruleId, rule)
        : await api.createRule(rule, enable);
      onSaved(saved);
    } catch (error) {
      setFromServer(serverProblems(error));
    } finally {
      setSaving(false);
    }
  };

  /** The stored history replayed with the form's rule (and, when editing, with the rule as saved). */
  const runPreview = async () => {
    setSubmitted(true);
    if (hasProblems(problems)) return;
    setPreviewing(true);
    try {
      setPreview(await api.previewRule(kibanaRuleOfForm(form, base), editing?.ruleId));
    } catch (error) {
      setFromServer(serverProblems(error));
    } finally {
      setPreviewing(false);
    }
  };

  const otherProblems = [...(submitted ? problems.other : []), ...fromServer.other];
  return (
    <EuiFlyout
      ownFocus
      onClose={onClose}
      size="m"
      aria-labelledby={titleId}
      data-test-subj="ctdRuleForm"
    >
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="m">
          <h2 id={titleId}>{editing ? 'Edit rule' : 'Create a new terms rule'}</h2>
        </EuiTitle>
      </EuiFlyoutHeader>
      <EuiFlyoutBody>
        <EuiForm component="form" onSubmit={(event) => event.preventDefault()}>
          <EuiTitle size="xs">
            <h3>About</h3>
          </EuiTitle>
          <EuiSpacer size="s" />
          <EuiFormRow label="Name" {...row('name')}>
            <EuiFieldText
              fullWidth
              value={form.name}
              isInvalid={invalid('name')}
              onChange={(event) => change({ name: event.target.value })}
              onBlur={() => touch('name')}
              data-test-subj="ctdRuleFormName"
            />
          </EuiFormRow>
          <EuiFormRow label="Description" {...row('description')}>
            <EuiTextArea
              fullWidth
              rows={2}
              value={form.description}
              isInvalid={invalid('description')}
              onChange={(event) => change({ description: event.target.value })}
              onBlur={() => touch('description')}
              data-test-subj="ctdRuleFormDescription"
            />
          </EuiFormRow>
          <EuiFlexGroup gutterSize="m">
            <EuiFlexItem>
              <EuiFormRow label="Severity" {...row('severity')}>
                <EuiSelect
                  options={SEVERITY_OPTIONS}
                  value={form.severity}
                  onChange={(event) => change({ severity: event.target.value })}
                  data-test-subj="ctdRuleFormSeverity"
                />
              </EuiFormRow>
            </EuiFlexItem>
            <EuiFlexItem>
              <EuiFormRow label="Risk score" helpText="0 to 100" {...row('risk_score')}>
                <EuiFieldNumber
                  value={form.riskScore}
                  isInvalid={invalid('risk_score')}
                  onChange={(event) => change({ riskScore: event.target.value })}
                  onBlur={() => touch('risk_score')}
                  data-test-subj="ctdRuleFormRiskScore"
                />
              </EuiFormRow>
            </EuiFlexItem>
          </EuiFlexGroup>
          <EuiSpacer size="l" />
          <EuiTitle size="xs">
            <h3>Definition</h3>
          </EuiTitle>
          <EuiSpacer size="s" />
          <EuiFormRow
            label="Index patterns"
            helpText="Type a pattern and press Enter."
            {...row('index')}
          >
            <StringListInput
              ariaLabel="Index patterns"
              placeholder="e.g. logs-endpoint.events.process*"
              values={form.index}
              isInvalid={invalid('index')}
              onChange={(index) => change({ index })}
              onBlur={() => touch('index')}
              data-test-subj="ctdRuleFormIndex"
            />
          </EuiFormRow>
          <EuiFormRow
            label="Custom query (KQL)"
            helpText="Which events count. Syntax errors show as you type."
            {...row('query')}
          >
            <EuiTextArea
              fullWidth
              rows={3}
              value={form.query}
              isInvalid={invalid('query')}
              onChange={(event) => {
                change({ query: event.target.value });
                touch('query');
              }}
              data-test-subj="ctdRuleFormQuery"
            />
          </EuiFormRow>
          <EuiFormRow
            label="Fields"
            helpText={`1 to ${MAX_NEW_TERMS_FIELDS} fields: an alert fires for a value, or combination of values, not seen in the history window.`}
            {...row('new_terms_fields')}
          >
            <StringListInput
              ariaLabel="New terms fields"
              placeholder="e.g. process.executable"
              values={form.newTermsFields}
              isInvalid={invalid('new_terms_fields')}
              onChange={(newTermsFields) => change({ newTermsFields })}
              onBlur={() => touch('new_terms_fields')}
              data-test-subj="ctdRuleFormNewTermsFields"
            />
          </EuiFormRow>
          <EuiFormRow
            label="History window start"
            helpText="Date math such as now-7d, or an ISO time: how far back a value counts as seen."
            {...row('history_window_start')}
          >
            <EuiFieldText
              fullWidth
              value={form.historyWindowStart}
              isInvalid={invalid('history_window_start')}
              onChange={(event) => change({ historyWindowStart: event.target.value })}
              onBlur={() => touch('history_window_start')}
              data-test-subj="ctdRuleFormHistoryWindowStart"
            />
          </EuiFormRow>
          <SuppressionFields
            form={form}
            problems={suppressionProblems}
            onChange={change}
            onTouch={() => touch('alert_suppression')}
          />
          <EuiSpacer size="l" />
          <EuiTitle size="xs">
            <h3>Schedule</h3>
          </EuiTitle>
          <EuiSpacer size="s" />
          <EuiFlexGroup gutterSize="m">
            <EuiFlexItem>
              <EuiFormRow label="Runs every" helpText="e.g. 5m, 1h" {...row('interval')}>
                <EuiFieldText
                  value={form.interval}
                  isInvalid={invalid('interval')}
                  onChange={(event) => change({ interval: event.target.value })}
                  onBlur={() => touch('interval')}
                  data-test-subj="ctdRuleFormInterval"
                />
              </EuiFormRow>
            </EuiFlexItem>
            <EuiFlexItem>
              <EuiFormRow
                label="Looks back from"
                helpText="Date math, e.g. now-6m"
                {...row('from')}
              >
                <EuiFieldText
                  value={form.from}
                  isInvalid={invalid('from')}
                  onChange={(event) => change({ from: event.target.value })}
                  onBlur={() => touch('from')}
                  data-test-subj="ctdRuleFormFrom"
                />
              </EuiFormRow>
            </EuiFlexItem>
          </EuiFlexGroup>
          <EuiSpacer size="l" />
          <EuiTitle size="xs">
            <h3>MITRE ATT&CK</h3>
          </EuiTitle>
          <EuiSpacer size="s" />
          <EuiFormRow label="Mapping" {...row('threat')}>
            <MitreRowsEditor rows={form.threat} onChange={(threat) => change({ threat })} />
          </EuiFormRow>
          <EuiSpacer size="l" />
          <EuiButton
            size="s"
            iconType="visLine"
            isLoading={previewing}
            onClick={() => void runPreview()}
            data-test-subj="ctdRuleFormPreview"
          >
            Preview on the stored history
          </EuiButton>
          {preview === undefined ? null : (
            <>
              <EuiSpacer size="m" />
              <HistoryPreviewPanel
                preview={preview}
                afterLabel={editing ? 'these changes' : 'this rule'}
              />
            </>
          )}
          {otherProblems.length > 0 ? (
            <>
              <EuiSpacer size="m" />
              <EuiCallOut
                color="danger"
                iconType="error"
                title="The rule cannot be saved"
                data-test-subj="ctdRuleFormProblems"
              >
                <ul>
                  {otherProblems.map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                </ul>
              </EuiCallOut>
            </>
          ) : null}
        </EuiForm>
      </EuiFlyoutBody>
      <EuiFlyoutFooter>
        <EuiFlexGroup justifyContent="spaceBetween" responsive={false}>
          <EuiFlexItem grow={false}>
            <EuiButtonEmpty onClick={onClose} data-test-subj="ctdRuleFormCancel">
              Cancel
            </EuiButtonEmpty>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiFlexGroup gutterSize="s" responsive={false}>
              {editing ? null : (
                <EuiFlexItem grow={false}>
                  <EuiButton
                    isLoading={saving}
                    onClick={() => void save(false)}
                    data-test-subj="ctdRuleFormSaveDisabled"
                  >
                    Create without enabling
                  </EuiButton>
                </EuiFlexItem>
              )}
              <EuiFlexItem grow={false}>
                <EuiButton
                  fill
                  isLoading={saving}
                  onClick={() => void save(true)}
                  data-test-subj="ctdRuleFormSave"
                >
                  {editing ? 'Save changes' : 'Create and enable'}
                </EuiButton>
              </EuiFlexItem>
            </EuiFlexGroup>
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiFlyoutFooter>
    </EuiFlyout>
  );
};
