/**
 * One Kibana new_terms rule object → the definition the engine runs, with every Kibana field kept
 * for export. The checks are Kibana's, in Kibana's words: its request schema
 * (kibana_rule_schema.ts), the create route's timeline checks (`request_schema_validation.ts`) and
 * the rule type's own `validateHistoryWindowStart` / `parseDateString`
 * (`rule_types/new_terms/utils.ts`). What Kibana accepts but this engine cannot run (Lucene, data
 * views, filters, a schedule that is not a duration) is refused with a message saying so.
 * Browser-safe.
 */
import type { FieldTypeMap } from '../ecs/field_types';
import { parseDateMath, parseDuration } from './date_math';
import {
  formatKibanaIssue,
  kibanaNewTermsRuleSchema,
  kibanaRuleToImportSchema,
  type KibanaNewTermsRule,
} from './kibana_rule_schema';
import {
  DEFAULT_FROM,
  DEFAULT_INTERVAL,
  DEFAULT_MAX_SIGNALS,
  DEFAULT_RULE_VERSION,
  DEFAULT_TO,
  HISTORY_WINDOW_ERROR,
  type AlertSuppression,
  type NewTermsRuleDefinition,
} from './rule_schema';

/** A rule taken from Kibana's format: what the engine runs, and the whole Kibana rule for export. */
export interface ImportedRule {
  readonly definition: NewTermsRuleDefinition;
  readonly kibana: KibanaNewTermsRule;
}

export type KibanaRuleParse =
  | { readonly ok: true; readonly rule: ImportedRule }
  | { readonly ok: false; readonly errors: readonly string[] };

export interface KibanaRuleParseOptions {
  /** `create` as `POST /api/detection_engine/rules` (rule_id optional), `import` as a rule line of `_import` (rule_id required). */
  readonly mode: 'create' | 'import';
  /** ECS field types: a required field is `ecs` when ECS has it with that type (Kibana's `addEcsToRequiredFields`). */
  readonly ecsFields: FieldTypeMap;
  /** The instant relative date math resolves against; default now. */
  readonly now?: Date;
}

/** `parseDateString`'s message in Kibana's new_terms rule type. */
export const failedToParseMessage = (name: string): string => `Failed to parse '${name}'`;

// Kibana's create route, `validateTimelineId` / `validateTimelineTitle`.
export const TIMELINE_ID_WITHOUT_TITLE =
  'when "timeline_id" exists, "timeline_title" must also exist';
export const TIMELINE_ID_EMPTY = '"timeline_id" cannot be an empty string';
export const TIMELINE_TITLE_WITHOUT_ID =
  'when "timeline_title" exists, "timeline_id" must also exist';
export const TIMELINE_TITLE_EMPTY = '"timeline_title" cannot be an empty string';

// What this engine cannot run, though Kibana accepts it.
export const LUCENE_UNSUPPORTED =
  "language: 'lucene' is not supported: this engine runs KQL (kuery) queries only";
export const INDEX_REQUIRED =
  'index: give the index patterns to search; data views (data_view_id) and the Kibana default index setting exist only inside Kibana';
export const FILTERS_UNSUPPORTED =
  'filters: query filters are not supported yet; fold them into the KQL query';
export const intervalUnsupported = (interval: string): string =>
  `interval: '${interval}' is not a schedule this engine can run (a positive integer and s, m, h or d, e.g. "5m")`;
export const dateMathUnsupported = (field: string, value: string): string =>
  `${field}: '${value}' is not date math this engine can resolve (now-based, or an ISO-8601 time)`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What Kibana's import does to a line before validating it: `rule_source` is never taken from a
 * file, and the 8.10 `investigation_fields: string[]` becomes `{ field_names }` (an empty one is dropped).
 */
const migrateForImport = (input: Record<string, unknown>): Record<string, unknown> => {
  const { rule_source: _ignored, ...rest } = input;
  const fields = rest.investigation_fields;
  if (!Array.isArray(fields)) return rest;
  const { investigation_fields: _legacy, ...withoutFields } = rest;
  return fields.length === 0
    ? withoutFields
    : { ...rest, investigation_fields: { field_names: fields } };
};

const timelineErrors = (rule: KibanaNewTermsRule): string[] => {
  const errors: string[] = [];
  if (rule.timeline_id !== undefined && rule.timeline_title === undefined)
    errors.push(TIMELINE_ID_WITHOUT_TITLE);
  if (rule.timeline_id === '') errors.push(TIMELINE_ID_EMPTY);
  if (rule.timeline_title !== undefined && rule.timeline_id === undefined)
    errors.push(TIMELINE_TITLE_WITHOUT_ID);
  if (rule.timeline_title === '') errors.push(TIMELINE_TITLE_EMPTY);
  return errors;
};

/** The rule type's own check: both windows resolved against one "now". */
const historyWindowErrors = (rule: KibanaNewTermsRule, now: Date): string[] => {
  const historyStart = parseDateMath(rule.history_window_start, now);
  if (!historyStart.ok) return [failedToParseMessage('historyWindowStart')];
  const from = parseDateMath(rule.from ?? DEFAULT_FROM, now);
  if (!from.ok) return [dateMathUnsupported('from', rule.from ?? DEFAULT_FROM)];
  return historyStart.value.getTime() >= from.value.getTime() ? [HISTORY_WINDOW_ERROR] : [];
};

const engineErrors = (rule: KibanaNewTermsRule, now: Date): string[] => {
  const errors: string[] = [];
  if (rule.language === 'lucene') errors.push(LUCENE_UNSUPPORTED);
  if (rule.index === undefined || rule.index.length === 0) errors.push(INDEX_REQUIRED);
  if (rule.filters !== undefined && rule.filters.length > 0) errors.push(FILTERS_UNSUPPORTED);
  const interval = rule.interval ?? DEFAULT_INTERVAL;
  if (!parseDuration(interval).ok) errors.push(intervalUnsupported(interval));
  const to = rule.to ?? DEFAULT_TO;
  if (!parseDateMath(to, now).ok) errors.push(dateMathUnsupported('to', to));
  return errors;
};

/** A copy of Kibana's alert_suppression for the definition (no shared arrays or objects). */
const suppressionOf = (
  suppression: NonNullable<KibanaNewTermsRule['alert_suppression']>
): AlertSuppression => ({
  group_by: [...suppression.group_by],
  ...(suppression.duration === undefined ? {} : { duration: { ...suppression.duration } }),
  ...(suppression.missing_fields_strategy === undefined
    ? {}
    : { missing_fields_strategy: suppression.missing_fields_strategy }),
});

const definitionOf = (
  rule: KibanaNewTermsRule,
  index: readonly string[],
  ecsFields: FieldTypeMap
): NewTermsRuleDefinition => ({
  rule_id: rule.rule_id,
  name: rule.name,
  description: rule.description,
  type: 'new_terms',
  language: 'kuery',
  index: [...index],
  query: rule.query,
  new_terms_fields: [...rule.new_terms_fields],
  history_window_start: rule.history_window_start,
  from: rule.from ?? DEFAULT_FROM,
  to: rule.to ?? DEFAULT_TO,
  interval: rule.interval ?? DEFAULT_INTERVAL,
  max_signals: rule.max_signals ?? DEFAULT_MAX_SIGNALS,
  risk_score: rule.risk_score,
  severity: rule.severity,
  ...(rule.timestamp_override === undefined ? {} : { timestamp_override: rule.timestamp_override }),
  ...(rule.exceptions_list === undefined || rule.exceptions_list.length === 0
    ? {}
    : { exceptions_list: rule.exceptions_list.map((list) => ({ ...list })) }),
  ...(rule.alert_suppression === undefined
    ? {}
    : { alert_suppression: suppressionOf(rule.alert_suppression) }),
  ...(rule.timestamp_override_fallback_disabled === undefined
    ? {}
    : { timestamp_override_fallback_disabled: rule.timestamp_override_fallback_disabled }),
  tags: rule.tags ?? [],
  threat: rule.threat ?? [],
  setup: rule.setup ?? '',
  ...(rule.note === undefined ? {} : { note: rule.note }),
  required_fields: (rule.required_fields ?? []).map((field) => ({
    ...field,
    ecs: ecsFields.get(field.name)?.type === field.type,
  })),
  related_integrations: rule.related_integrations ?? [],
  references: rule.references ?? [],
  false_positives: rule.false_positives ?? [],
  author: rule.author ?? [],
  ...(rule.license === undefined ? {} : { license: rule.license }),
  version: rule.version ?? DEFAULT_RULE_VERSION,
});

/** Validates one rule object as Kibana would, then as this engine must, and gives both forms. */
export const parseKibanaRule = (
  input: unknown,
  options: KibanaRuleParseOptions
): KibanaRuleParse => {
  const now = options.now ?? new Date();
  const prepared = options.mode === 'import' && isRecord(input) ? migrateForImport(input) : input;
  const parsed =
    options.mode === 'import'
      ? kibanaRuleToImportSchema.safeParse(prepared)
      : kibanaNewTermsRuleSchema.safeParse(prepared);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map(formatKibanaIssue) };
  // Kibana generates a rule_id when a create request has none.
  const rule: KibanaNewTermsRule = {
    ...parsed.data,
    rule_id: parsed.data.rule_id ?? globalThis.crypto.randomUUID(),
  };
  const errors = [
    ...timelineErrors(rule),
    ...historyWindowErrors(rule, now),
    ...engineErrors(rule, now),
  ];
  if (errors.length > 0 || rule.index === undefined) return { ok: false, errors };
  return {
    ok: true,
    rule: { definition: definitionOf(rule, rule.index, options.ecsFields), kibana: rule },
  };
};
