import * as F from '../../common/alerts/field_names';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { DuckDbEventLookups } from '../stores/duckdb/event_lookups';
import { buildInvestigation, ruleOf } from './investigation';

const [prebuilt] = PREBUILT_RULES;
if (prebuilt === undefined) throw new Error('the catalog has no rules');

describe('the rule an investigation uses', () => {
  it("is the alert's own definition snapshot when it holds one (standalone and Elasticsearch alerts)", () => {
    const snapshot = { ...prebuilt, index: ['custom-*'] };
    expect(ruleOf({ [F.ALERT_RULE_PARAMETERS]: snapshot })).toEqual(snapshot);
  });

  it("is the catalog's rule with the params' index override when Kibana recorded the rule's params", () => {
    const alert = {
      [F.ALERT_RULE_PARAMETERS]: {
        rule_id: prebuilt.rule_id,
        index: ['logs-endpoint.events.process-prod*'],
      },
    };
    expect(ruleOf(alert)).toEqual({ ...prebuilt, index: ['logs-endpoint.events.process-prod*'] });
    expect(ruleOf({ [F.ALERT_RULE_PARAMETERS]: { rule_id: prebuilt.rule_id } })).toEqual(prebuilt);
  });

  it('falls back to the alert rule_id field, and is null for a rule the catalog does not hold', () => {
    expect(ruleOf({ [F.ALERT_RULE_RULE_ID]: prebuilt.rule_id })).toEqual(prebuilt);
    expect(ruleOf({ [F.ALERT_RULE_PARAMETERS]: { rule_id: 'no-such-rule' } })).toBeNull();
  });
});

describe('an investigation of an alert whose time no Date can widen', () => {
  let store: EmbeddedStore;
  let events: DuckDbEventLookups;

  beforeAll(async () => {
    store = await EmbeddedStore.open();
    events = new DuckDbEventLookups(store.database.connection, store.catalog, store.fieldTypes);
  });
  afterAll(() => store.close());

  const alertAt = (time: string | undefined) => ({
    [F.ALERT_RULE_RULE_ID]: prebuilt.rule_id,
    'container.id': 'c1',
    ...(time === undefined ? {} : { [F.ALERT_ORIGINAL_TIME]: time, '@timestamp': time }),
  });

  it('has no related events (rather than failing) at the end of the range or without a time', async () => {
    const atEnd = await buildInvestigation(alertAt('+275760-09-13T00:00:00.000Z'), events);
    const firstPage = { window: '30m', window_ms: 1_800_000, page: 0, per_page: 25 };
    expect(atEnd.related_events).toEqual({
      field: null,
      value: null,
      ...firstPage,
      sort_order: 'asc',
      from: '+275760-09-12T23:30:00.000Z',
      to: '',
      total: 0,
      events: [],
    });
    const timeless = await buildInvestigation(alertAt(undefined), events);
    expect(timeless.related_events).toEqual({
      field: null,
      value: null,
      ...firstPage,
      sort_order: 'asc',
      from: '',
      to: '',
      total: 0,
      events: [],
    });
  });
});
