/**
 * Pure rules of the params editor: which kind of definition the params hold, and the param
 * changes that switch between a prebuilt rule and a custom one. Kibana's form only merges
 * `{ ...params, [key]: value }`, so a switch sets every key it drops to undefined (JSON then drops
 * it on save).
 */
import type { RuleTypeParams } from '@kbn/triggers-actions-ui-plugin/public';
import { DEFAULT_FROM } from '../../common/rules/rule_schema';
import { REFERENCE_PARAM_KEYS } from './validate_params';

export type DefinitionKind = 'prebuilt' | 'custom';

/** One `setRuleParams(key, value)` call. */
export type ParamUpdate = readonly [key: string, value: unknown];

/** Defaults of a new custom rule: Kibana's new terms defaults (history 7 days, `now-6m`, low / 21). */
export const CUSTOM_RULE_DEFAULTS = {
  type: 'new_terms',
  language: 'kuery',
  name: '',
  description: '',
  index: [] as string[],
  query: '',
  new_terms_fields: [] as string[],
  history_window_start: 'now-7d',
  from: DEFAULT_FROM,
  severity: 'low',
  risk_score: 21,
} as const;

/** Keys with a value (undefined ones are what a switch dropped). */
export const presentKeys = (params: RuleTypeParams): string[] =>
  Object.keys(params).filter((key) => params[key] !== undefined);

/** Empty params (a new rule) count as prebuilt: the editor starts with the prebuilt choice. */
export const definitionKindOf = (params: RuleTypeParams): DefinitionKind =>
  presentKeys(params).every((key) => REFERENCE_PARAM_KEYS.includes(key)) ? 'prebuilt' : 'custom';

/** Index override of a prebuilt rule, or a custom rule's own patterns. */
export const stringListOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * A custom rule with defaults and a fresh rule_id; a prebuilt rule's index override is kept as the
 * custom rule's index patterns.
 */
export const switchToCustom = (params: RuleTypeParams, newRuleId: string): ParamUpdate[] => {
  const override = stringListOf(params.index);
  const values: Record<string, unknown> = {
    ...CUSTOM_RULE_DEFAULTS,
    rule_id: newRuleId,
    index: override,
  };
  return Object.entries(values);
};

/** Keys a switch to a prebuilt rule keeps: the chosen rule, and the exception lists a rule names. */
const KEPT_BY_PREBUILT_SWITCH: readonly string[] = ['rule_id', 'exceptions_list'];

/** Every other present key dropped, then the chosen rule (empty: none chosen yet). */
export const switchToPrebuilt = (params: RuleTypeParams, ruleId = ''): ParamUpdate[] => [
  ...presentKeys(params)
    .filter((key) => !KEPT_BY_PREBUILT_SWITCH.includes(key))
    .map((key): ParamUpdate => [key, undefined]),
  ['rule_id', ruleId],
];

const UUID_BYTES = 16;
const VERSION_BYTE = 6;
const VARIANT_BYTE = 8;

/**
 * A random (version 4) UUID for a new custom rule's rule_id. Built from `crypto.getRandomValues`:
 * `crypto.randomUUID` exists only in secure contexts, and Kibana may be served over plain HTTP.
 */
export const randomRuleId = (
  random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)
): string => {
  const bytes = random(new Uint8Array(UUID_BYTES));
  // Version 4 in the high nibble of byte 6, variant bits `10` at the top of byte 8; the random
  // low bits are kept (a byte's low 4 or 6 bits are its remainder by 16 or 64).
  bytes[VERSION_BYTE] = 0x40 + ((bytes[VERSION_BYTE] ?? 0) % 0x10);
  bytes[VARIANT_BYTE] = 0x80 + ((bytes[VARIANT_BYTE] ?? 0) % 0x40);
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
