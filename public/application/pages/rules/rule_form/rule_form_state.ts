/**
 * The create / edit rule form as data: the fields a detection engineer fills in, the Kibana rule
 * object they become (what `POST /rules` and `_update` take), and the problems to show beside each
 * field as the user types — Kibana's own checks (common/rules/kibana_rule_import.ts) plus the KQL
 * parser's position of a syntax error, which Kibana's rule form also refuses to save.
 * Alert suppression is edited as Kibana's rule form edits it for new terms rules: the fields to
 * suppress by (none: no suppression), one rule execution or a time period, and what to do when a
 * suppression field is missing.
 */
import type { FieldTypeMap } from '../../../../../common/ecs/field_types';
import { parseKql } from '../../../../../common/kql/parse';
import { parseKibanaRule } from '../../../../../common/rules/kibana_rule_import';
import { mitreReferenceUrl } from '../../../../../common/rules/mitre';
import { mitreTactic } from '../../../../../common/rules/mitre_tactics';
import {
  DEFAULT_FROM,
  DEFAULT_INTERVAL,
  DEFAULT_MISSING_FIELDS_STRATEGY,
  HISTORY_WINDOW_ERROR,
  MISSING_FIELDS_STRATEGIES,
  MITRE_ATTACK_FRAMEWORK,
  type MissingFieldsStrategy,
  type RuleThreat,
  type ThreatTechnique,
} from '../../../../../common/rules/rule_schema';
import { invalidQueryMessage } from '../../../../../common/rules/rule_type_params';

/** One mapping to MITRE ATT&CK: a tactic, optionally a technique, optionally its sub-technique. */
export interface MitreRow {
  readonly tacticId: string;
  readonly techniqueId: string;
  readonly techniqueName: string;
  readonly subtechniqueId: string;
  readonly subtechniqueName: string;
}

/** Kibana's "Suppress alerts for": one rule execution, or a time period (`duration`). */
export type SuppressionDurationType = 'rule_execution' | 'time_period';

export interface RuleFormState {
  readonly name: string;
  readonly description: string;
  readonly severity: string;
  readonly riskScore: string;
  readonly index: readonly string[];
  readonly query: string;
  readonly newTermsFields: readonly string[];
  readonly historyWindowStart: string;
  /** "Suppress alerts by": none means the rule does not suppress (no `alert_suppression`). */
  readonly suppressionFields: readonly string[];
  readonly suppressionDurationType: SuppressionDurationType;
  /** The time period's value as typed and its unit (s, m, h); used for `time_period` only. */
  readonly suppressionDurationValue: string;
  readonly suppressionDurationUnit: string;
  readonly suppressionMissingFields: MissingFieldsStrategy;
  readonly from: string;
  readonly interval: string;
  readonly threat: readonly MitreRow[];
}

/** The Kibana rule fields the form edits; a problem is shown beside the field it names. */
export const FORM_FIELDS = [
  'name',
  'description',
  'severity',
  'risk_score',
  'index',
  'query',
  'new_terms_fields',
  'history_window_start',
  'alert_suppression',
  'from',
  'interval',
  'threat',
] as const;
export type RuleFormField = (typeof FORM_FIELDS)[number];

export interface RuleFormProblems {
  readonly fields: Readonly<Partial<Record<RuleFormField, readonly string[]>>>;
  /** Problems about no field of the form (shown above the buttons). */
  readonly other: readonly string[];
}

export const EMPTY_MITRE_ROW: MitreRow = {
  tacticId: '',
  techniqueId: '',
  techniqueName: '',
  subtechniqueId: '',
  subtechniqueName: '',
};

const DEFAULT_HISTORY_WINDOW_START = 'now-7d';
const DEFAULT_SEVERITY = 'low';
const DEFAULT_RISK_SCORE = '21';
/** Kibana's rule form starts a suppression time period at 5 minutes (ALERT_SUPPRESSION_DEFAULT_DURATION). */
const DEFAULT_SUPPRESSION_DURATION_VALUE = '5';
const DEFAULT_SUPPRESSION_DURATION_UNIT = 'm';

/** A new rule's starting values: Kibana's schedule defaults and its new terms history default. */
export const EMPTY_RULE_FORM: RuleFormState = {
  name: '',
  description: '',
  severity: DEFAULT_SEVERITY,
  riskScore: DEFAULT_RISK_SCORE,
  index: [],
  query: '',
  newTermsFields: [],
  historyWindowStart: DEFAULT_HISTORY_WINDOW_START,
  suppressionFields: [],
  suppressionDurationType: 'rule_execution',
  suppressionDurationValue: DEFAULT_SUPPRESSION_DURATION_VALUE,
  suppressionDurationUnit: DEFAULT_SUPPRESSION_DURATION_UNIT,
  suppressionMissingFields: DEFAULT_MISSING_FIELDS_STRATEGY,
  from: DEFAULT_FROM,
  interval: DEFAULT_INTERVAL,
  threat: [],
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value : fallback;
const textsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const recordsOf = (value: unknown): Array<Record<string, unknown>> =>
  Array.isArray(value) ? value.filter(isRecord) : [];

/** One row per sub-technique, per technique without one, and per tactic without techniques. */
export const mitreRowsOf = (threat: unknown): MitreRow[] =>
  recordsOf(threat).flatMap((entry) => {
    const tacticId = isRecord(entry.tactic) ? textOf(entry.tactic.id) : '';
    const techniques = recordsOf(entry.technique);
    if (techniques.length === 0) return [{ ...EMPTY_MITRE_ROW, tacticId }];
    return techniques.flatMap((technique) => {
      const row = {
        ...EMPTY_MITRE_ROW,
        tacticId,
        techniqueId: textOf(technique.id),
        techniqueName: textOf(technique.name),
      };
      const subtechniques = recordsOf(technique.subtechnique);
      return subtechniques.length === 0
        ? [row]
        : subtechniques.map((sub) => ({
            ...row,
            subtechniqueId: textOf(sub.id),
            subtechniqueName: textOf(sub.name),
          }));
    });
  });

const isMissingFieldsStrategy = (value: unknown): value is MissingFieldsStrategy =>
  MISSING_FIELDS_STRATEGIES.some((strategy) => strategy === value);

type SuppressionFormFields = Pick<
  RuleFormState,
  | 'suppressionFields'
  | 'suppressionDurationType'
  | 'suppressionDurationValue'
  | 'suppressionDurationUnit'
  | 'suppressionMissingFields'
>;

/** The suppression fields of the form for a rule's `alert_suppression` (Kibana's defaults without one). */
const suppressionFormOf = (suppression: unknown): SuppressionFormFields => {
  const given = isRecord(suppression) ? suppression : {};
  const duration = isRecord(given.duration) ? given.duration : undefined;
  return {
    suppressionFields: textsOf(given.group_by),
    suppressionDurationType: duration === undefined ? 'rule_execution' : 'time_period',
    suppressionDurationValue:
      typeof duration?.value === 'number'
        ? String(duration.value)
        : DEFAULT_SUPPRESSION_DURATION_VALUE,
    suppressionDurationUnit: textOf(duration?.unit, DEFAULT_SUPPRESSION_DURATION_UNIT),
    suppressionMissingFields: isMissingFieldsStrategy(given.missing_fields_strategy)
      ? given.missing_fields_strategy
      : DEFAULT_MISSING_FIELDS_STRATEGY,
  };
};

/** The form's values of a rule in Kibana's form (an edit starts here). */
export const ruleFormOf = (rule: Readonly<Record<string, unknown>>): RuleFormState => ({
  name: textOf(rule.name),
  description: textOf(rule.description),
  severity: textOf(rule.severity, DEFAULT_SEVERITY),
  riskScore: typeof rule.risk_score === 'number' ? String(rule.risk_score) : '',
  index: textsOf(rule.index),
  query: textOf(rule.query),
  newTermsFields: textsOf(rule.new_terms_fields),
  historyWindowStart: textOf(rule.history_window_start),
  ...suppressionFormOf(rule.alert_suppression),
  from: textOf(rule.from, DEFAULT_FROM),
  interval: textOf(rule.interval, DEFAULT_INTERVAL),
  threat: mitreRowsOf(rule.threat),
});

const entryOf = (id: string, name: string) => ({
  id,
  name,
  reference: mitreReferenceUrl(id) ?? '',
});

const isBlankRow = (row: MitreRow): boolean => Object.values(row).every((value) => value === '');

/** Kibana's `threat`: rows grouped by tactic, techniques by id, sub-techniques under them. */
export const threatOfRows = (rows: readonly MitreRow[]): RuleThreat[] => {
  const threat: RuleThreat[] = [];
  for (const row of rows.filter((candidate) => !isBlankRow(candidate))) {
    const tactic = mitreTactic(row.tacticId) ?? entryOf(row.tacticId, row.tacticId);
    let entry = threat.find((candidate) => candidate.tactic.id === tactic.id);
    if (entry === undefined) {
      entry = { framework: MITRE_ATTACK_FRAMEWORK, tactic: { ...tactic }, technique: [] };
      threat.push(entry);
    }
    if (row.techniqueId === '') continue;
    const techniques = (entry.technique ??= []);
    let technique: ThreatTechnique | undefined = techniques.find(
      (candidate) => candidate.id === row.techniqueId
    );
    if (technique === undefined) {
      technique = entryOf(row.techniqueId, row.techniqueName);
      techniques.push(technique);
    }
    if (row.subtechniqueId !== '')
      (technique.subtechnique ??= []).push(entryOf(row.subtechniqueId, row.subtechniqueName));
  }
  return threat;
};

const TECHNIQUE_ID = /^T\d{4}$/;
const SUBTECHNIQUE_ID = /^T\d{4}\.\d{3}$/;

/** What is wrong with one MITRE row, in words the row's fields can answer. */
export const mitreRowProblems = (row: MitreRow, position: number): string[] => {
  if (isBlankRow(row)) return [];
  const at = `MITRE row ${position + 1}`;
  const problems: string[] = [];
  if (mitreTactic(row.tacticId) === undefined) problems.push(`${at}: choose a tactic`);
  if (row.techniqueId === '' && row.subtechniqueId !== '')
    problems.push(`${at}: a sub-technique needs its technique`);
  if (row.techniqueId !== '' && !TECHNIQUE_ID.test(row.techniqueId))
    problems.push(`${at}: a technique id looks like T1059`);
  if (row.techniqueId !== '' && row.techniqueName.trim() === '')
    problems.push(`${at}: name the technique`);
  if (
    row.subtechniqueId !== '' &&
    (!SUBTECHNIQUE_ID.test(row.subtechniqueId) ||
      !row.subtechniqueId.startsWith(`${row.techniqueId}.`))
  )
    problems.push(`${at}: a sub-technique id is its technique's id and .NNN, e.g. T1059.004`);
  if (row.subtechniqueId !== '' && row.subtechniqueName.trim() === '')
    problems.push(`${at}: name the sub-technique`);
  return problems;
};

const numberOf = (text: string): number | undefined =>
  text.trim() === '' ? undefined : Number(text);

/**
 * Kibana's `alert_suppression` for the form, or undefined when no field is chosen. As Kibana's rule
 * form: no `duration` for one rule execution, and the missing-fields strategy written out — except
 * where the rule being edited left it to Kibana's default and the form still shows that default,
 * so an edit gives the rule's suppression back as it was.
 */
export const alertSuppressionOfForm = (
  form: RuleFormState,
  baseSuppression?: unknown
): Record<string, unknown> | undefined => {
  if (form.suppressionFields.length === 0) return undefined;
  const leftToDefault =
    isRecord(baseSuppression) &&
    baseSuppression.missing_fields_strategy === undefined &&
    form.suppressionMissingFields === DEFAULT_MISSING_FIELDS_STRATEGY;
  return {
    group_by: [...form.suppressionFields],
    ...(form.suppressionDurationType === 'time_period'
      ? {
          duration: {
            value: numberOf(form.suppressionDurationValue),
            unit: form.suppressionDurationUnit,
          },
        }
      : {}),
    ...(leftToDefault ? {} : { missing_fields_strategy: form.suppressionMissingFields }),
  };
};

/** The Kibana rule fields the form edits, suppression apart. */
const ruleFieldsOfForm = (form: RuleFormState): Record<string, unknown> => ({
  type: 'new_terms',
  language: 'kuery',
  name: form.name,
  description: form.description,
  severity: form.severity,
  risk_score: numberOf(form.riskScore),
  index: [...form.index],
  query: form.query,
  new_terms_fields: [...form.newTermsFields],
  history_window_start: form.historyWindowStart,
  from: form.from,
  interval: form.interval,
  threat: threatOfRows(form.threat),
});

/**
 * The rule object the API takes: `base` (the rule being edited, in Kibana's form) with the form's
 * fields over it, so fields the form does not show (tags, notes, actions, …) travel unchanged.
 */
export const kibanaRuleOfForm = (
  form: RuleFormState,
  base: Readonly<Record<string, unknown>> = {}
): Record<string, unknown> => {
  const { alert_suppression: baseSuppression, ...kept } = base;
  const suppression = alertSuppressionOfForm(form, baseSuppression);
  return {
    ...kept,
    ...ruleFieldsOfForm(form),
    ...(suppression === undefined ? {} : { alert_suppression: suppression }),
  };
};

/** The form field a message is about: Kibana's messages start with the field's path. */
export const fieldOfMessage = (message: string): RuleFormField | undefined => {
  if (message === HISTORY_WINDOW_ERROR || message.includes("'historyWindowStart'"))
    return 'history_window_start';
  const colon = message.indexOf(': ');
  const key = colon > 0 ? message.slice(0, colon).split(/[.[]/)[0] : undefined;
  return FORM_FIELDS.find((field) => field === key);
};

/** Which of the suppression controls a message about `alert_suppression` belongs beside. */
export type SuppressionPart = 'group_by' | 'duration' | 'missing_fields_strategy';

export const suppressionPartOf = (message: string): SuppressionPart => {
  if (message.startsWith('alert_suppression.duration')) return 'duration';
  if (message.startsWith('alert_suppression.missing_fields_strategy'))
    return 'missing_fields_strategy';
  return 'group_by';
};

/** The form field an API problem's parameter (`body.rule.new_terms_fields`) is about. */
export const fieldOfParameter = (path: string): RuleFormField | undefined => {
  const prefix = 'body.rule.';
  if (!path.startsWith(prefix)) return undefined;
  const key = path.slice(prefix.length).split(/[.[]/)[0];
  return FORM_FIELDS.find((field) => field === key);
};

/** Puts each message beside its field, the rest in `other`. */
export const problemsOf = (
  messages: ReadonlyArray<{ readonly message: string; readonly field?: RuleFormField }>
): RuleFormProblems => {
  const fields: Partial<Record<RuleFormField, string[]>> = {};
  const other: string[] = [];
  for (const { message, field } of messages) {
    const key = field ?? fieldOfMessage(message);
    if (key === undefined) other.push(message);
    else (fields[key] ??= []).push(message);
  }
  return { fields, other };
};

const NO_ECS_FIELDS: FieldTypeMap = { get: () => undefined, names: () => [] };

/** Every problem the server would report for this form, and a KQL syntax error with its position. */
export const ruleFormProblems = (
  form: RuleFormState,
  base: Readonly<Record<string, unknown>> = {},
  now: Date = new Date()
): RuleFormProblems => {
  const messages: Array<{ message: string; field?: RuleFormField }> = [];
  const kql = parseKql(form.query);
  if (!kql.ok) messages.push({ message: invalidQueryMessage(kql.error), field: 'query' });
  form.threat.forEach((row, position) => {
    for (const message of mitreRowProblems(row, position))
      messages.push({ message, field: 'threat' });
  });
  const parsed = parseKibanaRule(kibanaRuleOfForm(form, base), {
    mode: 'create',
    ecsFields: NO_ECS_FIELDS,
    now,
  });
  if (!parsed.ok) for (const message of parsed.errors) messages.push({ message });
  return problemsOf(messages);
};

export const hasProblems = (problems: RuleFormProblems): boolean =>
  problems.other.length > 0 ||
  Object.values(problems.fields).some((messages) => messages.length > 0);
