/**
 * Parameters of the Kibana rule type, checked the same way wherever they are edited: by the rule
 * type's validator on the server (create, update, every execution) and by the rule form in the
 * browser. A rule either points at a prebuilt rule by `rule_id` (the catalog supplies the
 * definition, so an upgrade of the plugin upgrades the rule) or carries a whole new_terms
 * definition inline, in the catalog's snake_case shape.
 */
import { z } from 'zod';
import {
  ruleExceptionListReference,
  type RuleExceptionListReference,
} from '../exceptions/exception_schema';
import { parseKql } from '../kql/parse';
import type { KqlErrorDetails } from '../kql/kql_syntax_error';
import {
  formatPath,
  parseRuleDefinition,
  type NewTermsRuleDefinition,
  type RuleValidationError,
} from './rule_schema';

/**
 * A prebuilt rule by reference, optionally searching other index patterns (data shipped under a
 * custom namespace or through a remote cluster) and leaving out the events of the user's exception
 * lists (Kibana's prebuilt rules keep `exceptions_list` customisable too). A type, not an
 * interface: Kibana requires rule params to be assignable to Record<string, unknown>.
 */
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- Kibana's rule type constraints need an alias's implicit index signature
export type PrebuiltRuleParams = {
  readonly rule_id: string;
  readonly index?: readonly string[];
  readonly exceptions_list?: readonly RuleExceptionListReference[];
};

export type NewTermsRuleTypeParams = PrebuiltRuleParams | NewTermsRuleDefinition;

export type CheckedRuleTypeParams =
  | { readonly ok: true; readonly params: NewTermsRuleTypeParams }
  | { readonly ok: false; readonly errors: readonly RuleValidationError[] };

export interface RuleTypeParamsCheckOptions {
  /** The prebuilt rule ids that exist; without them any non-empty rule_id passes (the server knows them all). */
  readonly knownRuleIds?: ReadonlySet<string>;
  /** The instant relative date math resolves against. */
  readonly now?: Date;
}

/** The keys a reference may hold. */
export const REFERENCE_PARAM_KEYS: readonly string[] = ['rule_id', 'index', 'exceptions_list'];
export const PARAMS_ROOT_PATH = '(root)';
export const NOT_AN_OBJECT_MESSAGE = 'params must be an object';
export const INDEX_OVERRIDE_MESSAGE = 'index must be a non-empty array of index patterns';
export const unknownRuleIdMessage = (ruleId: unknown): string =>
  `no prebuilt rule has rule_id '${String(ruleId)}'`;

/** The message an unparseable query gets, when saved and when a run meets it. */
export const invalidQueryMessage = (error: KqlErrorDetails): string =>
  `Invalid query at line ${error.line}, column ${error.column}: ${error.message}`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A reference names `rule_id` and nothing beyond `rule_id` and `index`. */
export const isPrebuiltReference = (params: Record<string, unknown>): boolean =>
  'rule_id' in params && Object.keys(params).every((key) => REFERENCE_PARAM_KEYS.includes(key));

const isIndexOverride = (value: unknown): value is readonly string[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((pattern) => typeof pattern === 'string' && pattern.trim().length > 0);

const exceptionListReferences = z.array(ruleExceptionListReference);

const exceptionsListErrors = (value: unknown): RuleValidationError[] => {
  if (value === undefined) return [];
  const parsed = exceptionListReferences.safeParse(value);
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: formatPath(['exceptions_list', ...issue.path]),
        message: issue.message,
      }));
};

const checkReference = (
  params: Record<string, unknown>,
  knownRuleIds: ReadonlySet<string> | undefined
): CheckedRuleTypeParams => {
  const { rule_id: ruleId, index, exceptions_list: exceptionsList } = params;
  const known =
    typeof ruleId === 'string' &&
    ruleId.length > 0 &&
    (knownRuleIds === undefined || knownRuleIds.has(ruleId));
  const errors: RuleValidationError[] = [];
  if (!known) errors.push({ path: 'rule_id', message: unknownRuleIdMessage(ruleId) });
  if (index !== undefined && !isIndexOverride(index))
    errors.push({ path: 'index', message: INDEX_OVERRIDE_MESSAGE });
  errors.push(...exceptionsListErrors(exceptionsList));
  if (errors.length > 0 || typeof ruleId !== 'string') return { ok: false, errors };
  const references = exceptionListReferences.safeParse(exceptionsList);
  return {
    ok: true,
    params: {
      rule_id: ruleId,
      ...(isIndexOverride(index) ? { index: [...index] } : {}),
      ...(references.success ? { exceptions_list: references.data } : {}),
    },
  };
};

/** The query's KQL syntax problem, if any, at the `query` path. */
const queryErrors = (query: unknown): RuleValidationError[] => {
  if (typeof query !== 'string' || query.trim().length === 0) return [];
  const parsed = parseKql(query);
  return parsed.ok ? [] : [{ path: 'query', message: invalidQueryMessage(parsed.error) }];
};

const checkDefinition = (params: Record<string, unknown>, now: Date): CheckedRuleTypeParams => {
  const parsed = parseRuleDefinition(params, { now });
  const errors = [...(parsed.ok ? [] : parsed.errors), ...queryErrors(params.query)];
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  return { ok: true, params: parsed.rule };
};

/** Every problem with raw params (each with its field path), or the params as a rule runs them. */
export const checkRuleTypeParams = (
  raw: unknown,
  options: RuleTypeParamsCheckOptions = {}
): CheckedRuleTypeParams => {
  if (!isRecord(raw))
    return { ok: false, errors: [{ path: PARAMS_ROOT_PATH, message: NOT_AN_OBJECT_MESSAGE }] };
  return isPrebuiltReference(raw)
    ? checkReference(raw, options.knownRuleIds)
    : checkDefinition(raw, options.now ?? new Date());
};
