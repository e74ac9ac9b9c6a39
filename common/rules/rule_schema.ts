/**
 * The definition of a new_terms detection rule, with field names exactly as Kibana's detection rule
 * API spells them (snake_case), so a definition can be posted to Kibana or loaded from a Fleet
 * `security_rule` asset without renaming. Browser-safe: no Node APIs.
 */
import { z } from 'zod';
import { ruleExceptionListReference } from '../exceptions/exception_schema';
import { parseDateMath, isValidDateMath, isValidDuration } from './date_math';

/** Kibana `MAX_NUMBER_OF_NEW_TERMS_FIELDS`. */
export const MAX_NEW_TERMS_FIELDS = 3;
export const RULE_ID_REQUIRED = 'rule_id must be a non-empty string';

/** Kibana API defaults for fields prebuilt rules usually leave out. */
export const DEFAULT_FROM = 'now-6m';
export const DEFAULT_TO = 'now';
export const DEFAULT_INTERVAL = '5m';
export const DEFAULT_MAX_SIGNALS = 100;
export const DEFAULT_RULE_VERSION = 1;

export const MIN_RISK_SCORE = 0;
export const MAX_RISK_SCORE = 100;

export const RULE_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

export const MITRE_ATTACK_FRAMEWORK = 'MITRE ATT&CK';

/** Kibana's wording, kept verbatim so users see the same message in both products. */
export const HISTORY_WINDOW_ERROR =
  "History window size is smaller than rule interval + additional lookback, 'historyWindowStart' must be earlier than 'from'";
export const FROM_AFTER_TO_ERROR = "'from' must be earlier than 'to'";

// Checks rather than trims: a query's trailing newline is part of the upstream value.
const nonEmptyString = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .refine((value) => value.trim().length > 0, { error: `${field} must not be empty` });

/** Kibana's limits (common_attributes.gen.ts `AlertSuppressionGroupBy`): 1 to 3 fields. */
export const MAX_SUPPRESSION_GROUP_BY = 3;
export const SUPPRESSION_DURATION_UNITS = ['s', 'm', 'h'] as const;
export const MISSING_FIELDS_STRATEGIES = ['suppress', 'doNotSuppress'] as const;
export type MissingFieldsStrategy = (typeof MISSING_FIELDS_STRATEGIES)[number];
/** Kibana's default when the rule gives none (DEFAULT_SUPPRESSION_MISSING_FIELDS_STRATEGY). */
export const DEFAULT_MISSING_FIELDS_STRATEGY: MissingFieldsStrategy = 'suppress';

const GROUP_BY_COUNT_MESSAGE = `alert_suppression.group_by must name 1 to ${MAX_SUPPRESSION_GROUP_BY} fields`;

/**
 * Alert suppression (Kibana: common_attributes.gen.ts `AlertSuppression`): alerts with the same
 * values of `group_by` fold into one, for one execution or for `duration`.
 */
const alertSuppressionSchema = z.strictObject(
  {
    group_by: z
      .array(nonEmptyString('alert_suppression.group_by field'), {
        error: 'alert_suppression.group_by must be an array of field names',
      })
      .min(1, { error: GROUP_BY_COUNT_MESSAGE })
      .max(MAX_SUPPRESSION_GROUP_BY, { error: GROUP_BY_COUNT_MESSAGE }),
    duration: z
      .strictObject(
        {
          value: z
            .number({ error: 'alert_suppression.duration.value must be a number' })
            .int({ error: 'alert_suppression.duration.value must be an integer' })
            .min(1, { error: 'alert_suppression.duration.value must be at least 1' }),
          unit: z.enum(SUPPRESSION_DURATION_UNITS, {
            error: `alert_suppression.duration.unit must be one of ${SUPPRESSION_DURATION_UNITS.join(', ')}`,
          }),
        },
        { error: 'alert_suppression.duration must be { value, unit }' }
      )
      .optional(),
    missing_fields_strategy: z
      .enum(MISSING_FIELDS_STRATEGIES, {
        error: `alert_suppression.missing_fields_strategy must be one of ${MISSING_FIELDS_STRATEGIES.join(', ')}`,
      })
      .optional(),
  },
  { error: 'alert_suppression must be { group_by, duration, missing_fields_strategy }' }
);
export type AlertSuppression = z.infer<typeof alertSuppressionSchema>;

const dateMathString = (field: string) =>
  z
    .string({ error: `${field} must be a date math string such as "now-9m"` })
    .refine(isValidDateMath, {
      error: (issue) =>
        `${field} is not valid date math: '${String(issue.input)}' (expected e.g. "now-14d")`,
    });

const httpUrl = (field: string) =>
  z.url({ protocol: /^https?$/, error: `${field} must be an http(s) URL` });

const mitreEntry = (kind: string, idPattern: RegExp, example: string) =>
  z.strictObject({
    id: z.string().regex(idPattern, { error: `MITRE ${kind} id must look like ${example}` }),
    name: nonEmptyString(`MITRE ${kind} name`),
    reference: httpUrl(`MITRE ${kind} reference`),
  });

export const threatSubtechniqueSchema = mitreEntry('subtechnique', /^T\d{4}\.\d{3}$/, 'T1059.004');
export const threatTechniqueSchema = mitreEntry('technique', /^T\d{4}$/, 'T1059').extend({
  subtechnique: z.array(threatSubtechniqueSchema).optional(),
});
export const threatTacticSchema = mitreEntry('tactic', /^TA\d{4}$/, 'TA0002');

export const threatSchema = z.strictObject({
  // A string that must be MITRE ATT&CK, rather than a literal: Kibana types it as any string, and
  // an imported rule's definition is this same type.
  framework: z.string().refine((framework): boolean => framework === MITRE_ATTACK_FRAMEWORK, {
    error: `threat framework must be '${MITRE_ATTACK_FRAMEWORK}'`,
  }),
  tactic: threatTacticSchema,
  technique: z.array(threatTechniqueSchema).optional(),
});

export const requiredFieldSchema = z.strictObject({
  name: nonEmptyString('required field name'),
  type: nonEmptyString('required field type'),
  ecs: z.boolean({ error: 'required field ecs must be a boolean' }),
});

export const relatedIntegrationSchema = z.strictObject({
  package: nonEmptyString('related integration package'),
  version: nonEmptyString('related integration version'),
  integration: nonEmptyString('related integration integration').optional(),
});

const newTermsFieldsSchema = z
  .array(nonEmptyString('new_terms_fields entry'), {
    error: 'new_terms_fields must be an array of field names',
  })
  .min(1, { error: 'new_terms_fields must name at least 1 field' })
  .max(MAX_NEW_TERMS_FIELDS, {
    error: `new_terms_fields accepts at most ${MAX_NEW_TERMS_FIELDS} fields`,
  })
  .refine((fields) => new Set(fields).size === fields.length, {
    error: 'new_terms_fields must not repeat a field',
  });

const fieldSchemas = {
  // Any text, as Kibana's rule_id (RuleSignatureId): rules exported from Kibana are not all UUIDs.
  rule_id: z.string({ error: RULE_ID_REQUIRED }).min(1, { error: RULE_ID_REQUIRED }),
  name: nonEmptyString('name'),
  description: nonEmptyString('description'),
  type: z.literal('new_terms', { error: "type must be 'new_terms'" }),
  language: z.literal('kuery', { error: "language must be 'kuery'" }),
  index: z
    .array(nonEmptyString('index pattern'), { error: 'index must be an array of index patterns' })
    .min(1, { error: 'index must name at least 1 index pattern' }),
  query: nonEmptyString('query'),
  new_terms_fields: newTermsFieldsSchema,
  history_window_start: dateMathString('history_window_start'),
  from: dateMathString('from').default(DEFAULT_FROM),
  to: dateMathString('to').default(DEFAULT_TO),
  interval: z
    .string({ error: 'interval must be a duration string such as "5m"' })
    .refine(isValidDuration, {
      error: (issue) =>
        `interval is not a valid duration: '${String(issue.input)}' (expected e.g. "5m")`,
    })
    .default(DEFAULT_INTERVAL),
  max_signals: z
    .number({ error: 'max_signals must be a number' })
    .int({ error: 'max_signals must be an integer' })
    .min(1, { error: 'max_signals must be at least 1' })
    .default(DEFAULT_MAX_SIGNALS),
  risk_score: z
    .number({ error: 'risk_score must be a number' })
    .int({ error: 'risk_score must be an integer' })
    .min(MIN_RISK_SCORE, {
      error: `risk_score must be between ${MIN_RISK_SCORE} and ${MAX_RISK_SCORE}`,
    })
    .max(MAX_RISK_SCORE, {
      error: `risk_score must be between ${MIN_RISK_SCORE} and ${MAX_RISK_SCORE}`,
    }),
  severity: z.enum(RULE_SEVERITIES, {
    error: `severity must be one of ${RULE_SEVERITIES.join(', ')}`,
  }),
  timestamp_override: nonEmptyString('timestamp_override').optional(),
  /** The exception lists whose items the rule's executions leave out (Kibana's `exceptions_list`). */
  exceptions_list: z.array(ruleExceptionListReference).optional(),
  alert_suppression: alertSuppressionSchema.optional(),
  timestamp_override_fallback_disabled: z
    .boolean({ error: 'timestamp_override_fallback_disabled must be a boolean' })
    .optional(),
  tags: z.array(nonEmptyString('tag')).default([]),
  threat: z.array(threatSchema).default([]),
  setup: z.string({ error: 'setup must be a markdown string' }).default(''),
  note: nonEmptyString('note').optional(),
  required_fields: z.array(requiredFieldSchema).default([]),
  related_integrations: z.array(relatedIntegrationSchema).default([]),
  references: z.array(httpUrl('reference')).default([]),
  false_positives: z.array(nonEmptyString('false positive')).default([]),
  author: z.array(nonEmptyString('author')).default([]),
  license: nonEmptyString('license').optional(),
  version: z
    .number({ error: 'version must be a number' })
    .int({ error: 'version must be an integer' })
    .min(1, { error: 'version must be at least 1' })
    .default(DEFAULT_RULE_VERSION),
};

interface WindowFields {
  readonly history_window_start?: unknown;
  readonly from?: unknown;
  readonly to?: unknown;
}

export interface RuleValidationError {
  /** Dotted path with array indices, e.g. `threat[0].technique[1].id`; `(root)` for the whole input. */
  readonly path: string;
  readonly message: string;
}

/** Resolves a field's date math, or undefined when it is absent (without default) or invalid. */
const resolve = (value: unknown, fallback: string | undefined, now: Date): Date | undefined => {
  const expr = value ?? fallback;
  if (typeof expr !== 'string') return undefined;
  const parsed = parseDateMath(expr, now);
  return parsed.ok ? parsed.value : undefined;
};

/**
 * Relations between fields, checked against a common "now" the way Kibana's
 * `validateHistoryWindowStart` does. Takes loosely typed values so it can run on raw input
 * even when unrelated fields failed (zod skips object refinements once any field fails).
 */
export const checkRuleWindows = (fields: WindowFields, now: Date): RuleValidationError[] => {
  const errors: RuleValidationError[] = [];
  const from = resolve(fields.from, DEFAULT_FROM, now);
  const to = resolve(fields.to, DEFAULT_TO, now);
  const historyStart = resolve(fields.history_window_start, undefined, now);
  // Same-or-later is rejected: the history window must reach strictly before the rule window.
  if (
    historyStart !== undefined &&
    from !== undefined &&
    historyStart.getTime() >= from.getTime()
  ) {
    errors.push({ path: 'history_window_start', message: HISTORY_WINDOW_ERROR });
  }
  if (from !== undefined && to !== undefined && from.getTime() >= to.getTime()) {
    errors.push({ path: 'from', message: FROM_AFTER_TO_ERROR });
  }
  return errors;
};

/** Field-level checks only; unknown keys are rejected so a misspelt field cannot silently vanish. */
export const newTermsRuleFieldsSchema = z.strictObject(fieldSchemas);

/** Field-level checks plus the window relations (resolved against the current time). */
export const newTermsRuleSchema = newTermsRuleFieldsSchema.superRefine((rule, ctx) => {
  for (const error of checkRuleWindows(rule, new Date())) {
    ctx.addIssue({ code: 'custom', path: [error.path], message: error.message });
  }
});

/** A fully defaulted, validated rule definition (what parsing produces). */
export type NewTermsRuleDefinition = z.output<typeof newTermsRuleSchema>;
/** What callers may hand in: fields with Kibana defaults may be omitted. */
export type NewTermsRuleInput = z.input<typeof newTermsRuleSchema>;
export type RuleThreat = z.output<typeof threatSchema>;
export type ThreatTactic = z.output<typeof threatTacticSchema>;
export type ThreatTechnique = z.output<typeof threatTechniqueSchema>;
export type ThreatSubtechnique = z.output<typeof threatSubtechniqueSchema>;
export type RequiredField = z.output<typeof requiredFieldSchema>;
export type RelatedIntegration = z.output<typeof relatedIntegrationSchema>;

export type ParseRuleResult =
  | { ok: true; rule: NewTermsRuleDefinition }
  | { ok: false; errors: RuleValidationError[] };

export interface ParseRuleOptions {
  /** The instant relative date math is resolved against; defaults to the current time. */
  readonly now?: Date;
}

const ROOT_PATH = '(root)';

export const formatPath = (path: readonly PropertyKey[]): string => {
  const formatted = path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`
    )
    .join('');
  return formatted.length === 0 ? ROOT_PATH : formatted;
};

const toValidationErrors = (issue: z.core.$ZodIssue): RuleValidationError[] => {
  if (issue.code === 'unrecognized_keys') {
    // One error per key, pointing at the key itself: a typo such as `new_term_fields` is then obvious.
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: `unknown field '${key}' is not part of a new_terms rule definition`,
    }));
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates and defaults an untrusted rule definition. Reports every problem at once, each with
 * the field path, instead of stopping at the first.
 */
export const parseRuleDefinition = (
  input: unknown,
  options: ParseRuleOptions = {}
): ParseRuleResult => {
  const now = options.now ?? new Date();
  // Field checks and window checks run independently so one bad field does not hide the other kind.
  const fields = newTermsRuleFieldsSchema.safeParse(input);
  const windowErrors = isRecord(input) ? checkRuleWindows(input, now) : [];
  if (fields.success && windowErrors.length === 0) return { ok: true, rule: fields.data };
  const fieldErrors = fields.success ? [] : fields.error.issues.flatMap(toValidationErrors);
  return { ok: false, errors: [...fieldErrors, ...windowErrors] };
};

/** `path: message` lines, for logs and thrown errors. */
export const formatRuleErrors = (errors: readonly RuleValidationError[]): string =>
  errors.map((error) => `${error.path}: ${error.message}`).join('\n');
