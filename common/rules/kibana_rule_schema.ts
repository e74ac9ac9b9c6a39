/**
 * A new_terms rule as Kibana's detection rule API takes it (`POST /api/detection_engine/rules`,
 * and each rule line of `_import`), field by field as Kibana's generated schemas declare it:
 * `NewTermsRuleCreateProps` in security_solution's
 * `common/api/detection_engine/model/rule_schema/rule_schemas.gen.ts` (with `common_attributes.gen.ts`
 * and `specific_attributes/new_terms_attributes.gen.ts`), and for an import `RuleToImport`
 * (`rule_management/import_rules/rule_to_import.ts`), which adds the response fields an export
 * writes. Kibana's objects are not strict: keys it does not know are dropped, not refused, and
 * so are they here. The messages are zod's own, as Kibana's API answers them. Browser-safe.
 */
import { z } from 'zod';
import { parseDateMath } from './date_math';
import { RULE_SEVERITIES } from './rule_schema';

/** Kibana's `NonEmptyString` (kbn-zod-helpers `isNonEmptyString`). */
const nonEmptyString = z
  .string()
  .min(1)
  .refine((value) => value.trim().length > 0, { message: 'No empty strings allowed' });

const mitreEntry = z.object({ id: z.string(), name: z.string(), reference: z.string() });

const threatSchema = z.object({
  framework: z.string(),
  tactic: mitreEntry,
  technique: z
    .array(mitreEntry.extend({ subtechnique: z.array(mitreEntry).optional() }))
    .optional(),
});

const severitySchema = z.enum(RULE_SEVERITIES);

/** `ExceptionListType` of `kbn-securitysolution-io-ts-list-types`. */
export const EXCEPTION_LIST_TYPES = [
  'detection',
  'rule_default',
  'endpoint',
  'endpoint_trusted_apps',
  'endpoint_events',
  'endpoint_host_isolation_exceptions',
  'endpoint_blocklists',
] as const;

const ruleActionSchema = z.object({
  action_type_id: z.string(),
  group: z.string().optional(),
  id: z.string(),
  params: z.record(z.string(), z.unknown()),
  uuid: nonEmptyString.optional(),
  alerts_filter: z.record(z.string(), z.unknown()).optional(),
  frequency: z
    .object({
      summary: z.boolean(),
      notifyWhen: z.enum(['onActiveAlert', 'onThrottleInterval', 'onActionGroupChange']),
      throttle: z.string().nullable(),
    })
    .optional(),
});

const alertSuppressionSchema = z.object({
  group_by: z.array(z.string()).min(1).max(3),
  duration: z.object({ value: z.number().int().min(1), unit: z.enum(['s', 'm', 'h']) }).optional(),
  missing_fields_strategy: z.enum(['doNotSuppress', 'suppress']).optional(),
});

/** Kibana's `RuleActionThrottle`: a keyword, or a duration such as `1h`. */
const throttleSchema = z.union([
  z.enum(['no_actions', 'rule']),
  z.string().regex(/^[1-9]\d*[smhd]$/),
]);

/** `isValidDateMath` of kbn-zod-helpers: Kibana checks `from` only; `to` and the history window are checked later. */
export const FROM_DATE_MATH_MESSAGE = 'Failed to parse date-math expression';

const DATE_MATH_NOW = 'now';

/** kbn-zod-helpers' `isValidDateMath`: any date `Date.parse` reads, or `now…` date math. */
const isKibanaDateMath = (value: string): boolean =>
  !Number.isNaN(Date.parse(value)) ||
  (value.startsWith(DATE_MATH_NOW) && parseDateMath(value, new Date()).ok);

/** The fields of a new_terms create request, and their types; defaults are Kibana's, applied on parse. */
export const kibanaNewTermsRuleShape = {
  // NewTermsRuleRequiredFields + BaseRequiredFields
  type: z.literal('new_terms'),
  name: z.string().min(1),
  description: z.string().min(1),
  risk_score: z.number().int().min(0).max(100),
  severity: severitySchema,
  query: z.string(),
  new_terms_fields: z.array(z.string()).min(1).max(3),
  history_window_start: nonEmptyString,
  // SharedCreateProps
  rule_id: z.string().optional(),
  // NewTermsRuleOptionalFields / DefaultableFields
  index: z.array(z.string()).optional(),
  data_view_id: z.string().optional(),
  filters: z.array(z.unknown()).optional(),
  alert_suppression: alertSuppressionSchema.optional(),
  language: z.enum(['kuery', 'lucene']).optional(),
  // BaseOptionalFields
  rule_name_override: z.string().optional(),
  timestamp_override: z.string().optional(),
  timestamp_override_fallback_disabled: z.boolean().optional(),
  timeline_id: z.string().optional(),
  timeline_title: z.string().optional(),
  outcome: z.enum(['exactMatch', 'aliasMatch', 'conflict']).optional(),
  alias_target_id: z.string().optional(),
  alias_purpose: z.enum(['savedObjectConversion', 'savedObjectImport']).optional(),
  license: z.string().optional(),
  note: z.string().optional(),
  building_block_type: z.string().optional(),
  output_index: z.string().optional(),
  namespace: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
  investigation_fields: z.object({ field_names: z.array(nonEmptyString).min(1) }).optional(),
  throttle: throttleSchema.optional(),
  response_actions: z
    .array(
      z.object({
        action_type_id: z.enum(['.osquery', '.endpoint']),
        params: z.record(z.string(), z.unknown()),
      })
    )
    .optional(),
  // BaseDefaultableFields
  version: z.number().int().min(1).optional(),
  tags: z.array(z.string()).optional(),
  enabled: z.boolean().optional(),
  risk_score_mapping: z
    .array(
      z.object({
        field: z.string(),
        operator: z.literal('equals'),
        value: z.string(),
        risk_score: z.number().int().min(0).max(100).optional(),
      })
    )
    .optional(),
  severity_mapping: z
    .array(
      z.object({
        field: z.string(),
        operator: z.literal('equals'),
        severity: severitySchema,
        value: z.string(),
      })
    )
    .optional(),
  interval: z.string().optional(),
  from: z.string().refine(isKibanaDateMath, { message: FROM_DATE_MATH_MESSAGE }).optional(),
  to: z.string().optional(),
  actions: z.array(ruleActionSchema).optional(),
  exceptions_list: z
    .array(
      z.object({
        id: nonEmptyString,
        list_id: nonEmptyString,
        type: z.enum(EXCEPTION_LIST_TYPES),
        namespace_type: z.enum(['agnostic', 'single']),
      })
    )
    .optional(),
  author: z.array(z.string()).optional(),
  false_positives: z.array(z.string()).optional(),
  references: z.array(z.string()).optional(),
  max_signals: z.number().int().min(1).optional(),
  threat: z.array(threatSchema).optional(),
  setup: z.string().optional(),
  related_integrations: z
    .array(
      z.object({
        package: nonEmptyString,
        version: nonEmptyString,
        integration: nonEmptyString.optional(),
      })
    )
    .optional(),
  // RequiredFieldInput: an export's `ecs` is dropped and computed again.
  required_fields: z.array(z.object({ name: nonEmptyString, type: nonEmptyString })).optional(),
};

/**
 * The response fields an exported rule carries: typed when present, then ignored by Kibana's import
 * (`id` and the timestamps are generated again; `immutable` and `rule_source` are derived).
 */
export const kibanaRuleResponseShape = {
  id: z.uuid().optional(),
  created_at: z.iso.datetime().optional(),
  updated_at: z.iso.datetime().optional(),
  created_by: z.string().optional(),
  updated_by: z.string().optional(),
  revision: z.number().int().min(0).optional(),
  immutable: z.boolean().optional(),
};

export const kibanaNewTermsRuleSchema = z.object(kibanaNewTermsRuleShape);
export const kibanaRuleToImportSchema = z.object({
  ...kibanaNewTermsRuleShape,
  ...kibanaRuleResponseShape,
  rule_id: z.string(),
});

export type KibanaNewTermsRule = z.output<typeof kibanaRuleToImportSchema>;

/** How many of a request's problems Kibana's `stringifyZodError` lists before "and N more". */
export const MAX_LISTED_ISSUES = 5;

/** One problem as Kibana words it: the dotted path, a colon, zod's message (`stringifyZodError`). */
export const formatKibanaIssue = (issue: z.core.$ZodIssue): string =>
  issue.path.length === 0 ? issue.message : `${issue.path.map(String).join('.')}: ${issue.message}`;
