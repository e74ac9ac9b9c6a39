import * as F from '../../common/alerts/field_names';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { ruleOf } from './investigation';

const [prebuilt] = PREBUILT_RULES;
if (prebuilt === undefined) throw new Error('the catalog has no rules');

describe('the rule an investigation uses', () => {
  it("is the alert's own definition snapshot when it holds one (standalone and Elasticsearch alerts)", () => {
    const snapshot = { ...prebuilt, index: ['custom-*'] };
    expect(ruleOf({ [F.ALERT_RULE_PARAMETERS]: snapshot })).toEqual(snapshot);
  });

  it("is the catalog's rule with the params' index override when Kibana recorded the rule's params", () => {
    const alert = { [F.ALERT_RULE_PARAMETERS]: { rule_id: prebuilt.rule_id, index: ['logs-endpoint.events.process-prod*'] } };
    expect(ruleOf(alert)).toEqual({ ...prebuilt, index: ['logs-endpoint.events.process-prod*'] });
    expect(ruleOf({ [F.ALERT_RULE_PARAMETERS]: { rule_id: prebuilt.rule_id } })).toEqual(prebuilt);
  });

  it('falls back to the alert rule_id field, and is null for a rule the catalog does not hold', () => {
    expect(ruleOf({ [F.ALERT_RULE_RULE_ID]: prebuilt.rule_id })).toEqual(prebuilt);
    expect(ruleOf({ [F.ALERT_RULE_PARAMETERS]: { rule_id: 'no-such-rule' } })).toBeNull();
  });
});
