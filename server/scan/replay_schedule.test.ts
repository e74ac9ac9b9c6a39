/**
 * `ctd scan`'s replay over generated sample data: both rules raise exactly the planted new terms
 * (value and first-seen time) and none of the near-miss negatives.
 */
import { ALERT_NEW_TERMS, ALERT_TERM_FIRST_SEEN } from '../../common/alerts/field_names';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { generateEvents } from '../sample_data/generate';
import { planScenario } from '../sample_data/scenario';
import { DEFAULT_SPACE_ID } from '../new_terms/rule_instance';
import type { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { memoryStoreWith } from '../../test/helpers/memory_store';
import { replayRule } from './replay_schedule';

const OPTIONS = { totalEvents: 3_000, seed: 7 };

describe('replayRule over generated Defend events', () => {
  let store: EmbeddedStore;
  beforeAll(async () => {
    store = await memoryStoreWith([...generateEvents(OPTIONS)]);
  });
  afterAll(() => store.close());

  const plan = planScenario(OPTIONS);

  it.each(Object.values(plan.expected).map((expectation) => [expectation.ruleName, expectation] as const))(
    '%s raises exactly the planted new terms',
    async (_name, expectation) => {
      const definition = PREBUILT_RULES.find((rule) => rule.rule_id === expectation.ruleId);
      if (definition === undefined) throw new Error(`rule ${expectation.ruleId} missing from the catalog`);
      const summary = await replayRule(store, { uuid: definition.rule_id, spaceId: DEFAULT_SPACE_ID, definition });
      expect(summary.errors).toEqual([]);
      const alerts = await store.alerts.list(definition.rule_id);
      const raised = alerts
        .map((alert) => ({
          value: (alert.document[ALERT_NEW_TERMS] as unknown[])[0],
          firstSeen: alert.document[ALERT_TERM_FIRST_SEEN],
        }))
        .sort((a, b) => String(a.firstSeen).localeCompare(String(b.firstSeen)));
      expect(expectation.newTerms.length).toBeGreaterThan(0);
      expect(raised).toEqual(expectation.newTerms.map((term) => ({ value: term.value, firstSeen: term.firstSeen })));
      const raisedValues = new Set(raised.map((alert) => alert.value));
      for (const negative of expectation.negatives) {
        if (!expectation.newTerms.some((term) => term.value === negative.value)) {
          expect(raisedValues.has(negative.value)).toBe(false);
        }
      }
      expect(summary.alertIds).toHaveLength(raised.length);
    }
  );
});
