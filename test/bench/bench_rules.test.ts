import { PREBUILT_RULES } from '../../common/rules/catalog';
import {
  benchRules,
  THREE_FIELD_QUERY,
  THREE_FIELDS,
  threeFieldRule,
  WIDE_FROM,
  WIDE_MAX_SIGNALS,
  wideWindow,
  windowLabel,
} from './bench_rules';

describe('the benchmark rules', () => {
  it("defines a valid three-field rule on rule A's schedule, index and timestamp", () => {
    const rule = threeFieldRule();
    const [seedA] = PREBUILT_RULES;
    expect(rule.new_terms_fields).toEqual(THREE_FIELDS);
    expect(rule.new_terms_fields).toHaveLength(3);
    expect(rule.query).toBe(THREE_FIELD_QUERY);
    expect(rule.history_window_start).toBe('now-14d');
    expect(rule.from).toBe(seedA?.from);
    expect(rule.interval).toBe(seedA?.interval);
    expect(rule.index).toEqual(seedA?.index);
    expect(rule.timestamp_override).toBe(seedA?.timestamp_override);
    expect(PREBUILT_RULES.map((seed) => seed.rule_id)).not.toContain(rule.rule_id);
  });

  it('widens a rule to one day with the same history start and a cap that lets every term be evaluated', () => {
    const [seedA] = PREBUILT_RULES;
    if (seedA === undefined) throw new Error('no prebuilt rule');
    const wide = wideWindow(seedA);
    expect(wide.from).toBe(WIDE_FROM);
    expect(wide.to).toBe(seedA.to);
    expect(wide.history_window_start).toBe(seedA.history_window_start);
    expect(wide.max_signals).toBe(WIDE_MAX_SIGNALS);
    expect(wide.query).toBe(seedA.query);
  });

  it('runs every seed rule and the three-field rule, scheduled then wide, with distinct keys and clear labels', () => {
    const rules = benchRules();
    expect(rules).toHaveLength(2 * (PREBUILT_RULES.length + 1));
    expect(new Set(rules.map((rule) => rule.key)).size).toBe(rules.length);
    expect(
      rules.filter((rule) => rule.window === 'scheduled').map((rule) => rule.definition.from)
    ).toEqual(['now-9m', 'now-9m', 'now-9m']);
    expect(
      rules
        .filter((rule) => rule.window === 'wide')
        .every((rule) => rule.definition.from === WIDE_FROM)
    ).toBe(true);
    expect(rules.filter((rule) => rule.kind === 'bench')).toHaveLength(2);
    const [first] = rules;
    const last = rules[rules.length - 1];
    if (first === undefined || last === undefined) throw new Error('no benchmark rules');
    expect(windowLabel(first)).toBe('scheduled: now-9m..now');
    expect(windowLabel(last)).toBe('wide: now-1d..now, max_signals 10,000');
  });
});
