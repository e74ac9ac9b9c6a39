/**
 * The rules the benchmark executes: the two prebuilt (seed) rules as shipped, a three-field
 * new_terms rule defined here (the most expensive shape the rule type allows), and each of them
 * again with a one-day window, so that "terms evaluated per second" is measured over thousands of
 * terms rather than the handful a 9-minute window holds.
 */
import { PREBUILT_RULES } from '../../common/rules/catalog';
import {
  formatRuleErrors,
  MAX_NEW_TERMS_FIELDS,
  parseRuleDefinition,
  type NewTermsRuleDefinition,
} from '../../common/rules/rule_schema';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';

export const THREE_FIELD_RULE_ID = 'b3f1e7a2-6c2d-4a8e-9f41-2d7c0b5e8a13';
export const THREE_FIELD_QUERY = 'event.category:process and event.type:start';
/** Present on every generated process start; about 2,400–6,800 distinct tuples a day at 1M events. */
export const THREE_FIELDS: readonly string[] = ['host.id', 'container.id', 'process.executable'];

/** The wide window: one day of events, the same 14-day history start. */
export const WIDE_FROM = 'now-1d';
/**
 * The wide window's alert cap. A multi-field execution stops evaluating terms once `max_signals`
 * alerts are written, so with the rules' 100 a wide window would count terms it never looked at.
 */
export const WIDE_MAX_SIGNALS = 10_000;

export type WindowKind = 'scheduled' | 'wide';

export interface BenchRule {
  /** Short, stable key: file names, progress lines. */
  readonly key: string;
  readonly label: string;
  readonly kind: 'seed' | 'bench';
  readonly window: WindowKind;
  readonly definition: NewTermsRuleDefinition;
}

const validated = (input: unknown): NewTermsRuleDefinition => {
  const result = parseRuleDefinition(input);
  if (!result.ok) throw new Error(`benchmark rule is invalid:\n${formatRuleErrors(result.errors)}`);
  return result.rule;
};

/** Rule A's schedule, index and timestamp, with a broader query and three new-terms fields. */
export const threeFieldRule = (): NewTermsRuleDefinition =>
  validated({
    ...unusualInteractiveProcessInContainer,
    rule_id: THREE_FIELD_RULE_ID,
    name: 'Benchmark: new executable per host and container (3 fields)',
    description: 'A three-field new_terms rule used only by the benchmark harness.',
    query: THREE_FIELD_QUERY,
    new_terms_fields: [...THREE_FIELDS].slice(0, MAX_NEW_TERMS_FIELDS),
    required_fields: [],
  });

/** The same rule searching the last day instead of its own window. */
export const wideWindow = (definition: NewTermsRuleDefinition): NewTermsRuleDefinition =>
  validated({
    ...definition,
    from: WIDE_FROM,
    max_signals: Math.max(definition.max_signals, WIDE_MAX_SIGNALS),
  });

const shortKey = (definition: NewTermsRuleDefinition): string =>
  definition.rule_id === THREE_FIELD_RULE_ID ? 'three-field' : definition.rule_id.slice(0, 8);

/** Every rule × window the execution benchmark runs, scheduled windows first. */
export const benchRules = (): BenchRule[] => {
  const base = [
    ...PREBUILT_RULES.map((definition) => ({ definition, kind: 'seed' as const })),
    { definition: threeFieldRule(), kind: 'bench' as const },
  ];
  const scheduled = base.map(({ definition, kind }) => ({
    key: `${shortKey(definition)}-scheduled`,
    label: definition.name,
    kind,
    window: 'scheduled' as const,
    definition,
  }));
  const wide = base.map(({ definition, kind }) => ({
    key: `${shortKey(definition)}-wide`,
    label: definition.name,
    kind,
    window: 'wide' as const,
    definition: wideWindow(definition),
  }));
  return [...scheduled, ...wide];
};

/** How a table names the window: the rule's own `from..to`, and whether it is the wide variant. */
export const windowLabel = (rule: BenchRule): string =>
  rule.window === 'wide'
    ? `wide: ${rule.definition.from}..${rule.definition.to}, max_signals ${rule.definition.max_signals.toLocaleString('en-US')}`
    : `scheduled: ${rule.definition.from}..${rule.definition.to}`;
