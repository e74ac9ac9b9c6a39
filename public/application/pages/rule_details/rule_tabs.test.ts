import { ruleTabOf, ruleTabPath } from './rule_tabs';

describe('rule details tabs in the address', () => {
  it('reads the tab from the query, Overview when absent or unknown', () => {
    expect(ruleTabOf({ tab: 'executions' })).toBe('executions');
    expect(ruleTabOf({ tab: 'alerts' })).toBe('alerts');
    expect(ruleTabOf({})).toBe('overview');
    expect(ruleTabOf({ tab: 'constructor' })).toBe('overview');
  });

  it('links each tab, the rule_id encoded', () => {
    expect(ruleTabPath('a/b c', 'executions')).toBe('/rules/a%2Fb%20c?tab=executions');
    expect(ruleTabPath('x', 'overview')).toBe('/rules/x');
  });
});
